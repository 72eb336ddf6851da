#!/usr/bin/env bash
# Throughput of the quantities stage on one core, on >= 20 MB of Vietnamese news text, beside the
# stages it needs (normalize, tokens) timed in the same run, interleaved; with peak memory.
#
#   Benchmarks/quantities.sh [MB]        (default 20)
#
# The text: the sentences of UD Vietnamese-VTB (news, rich in figures and dates), the shared
# sample article and Corpus/, shuffled into paragraphs until the size is reached. Also prints how
# many quantities of each kind the text holds, so the figure is read against a known density.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-20}
swift build -c release --product mekong >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 Benchmarks/news-text.py text "$work/news.txt" "$megabytes"

echo "== time (one core, best of 3; the prefix timed in the same run, interleaved)"
.build/release/mekong benchmark --stages-only --stages normalize,tokens,quantities --baseline normalize,tokens "$work/news.txt"

echo "== what the text holds (first 2 MB)"
head -c 2000000 "$work/news.txt" | .build/release/mekong quantities --format jsonl \
  | python3 -c '
import json, sys, collections
kinds = collections.Counter()
for line in sys.stdin:
    for q in json.loads(line).get("layers", {}).get("quantities", []):
        kinds[q["kind"] + (":" + q["of"] if "of" in q else "")] += 1
print(", ".join(f"{k} {n}" for k, n in kinds.most_common()))'
