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

python3 - "$work/news.txt" "$megabytes" ../shared/data/ud-vi-vtb/*.conllu ../shared/corpus/*.txt Corpus/*.txt <<'PY'
import random, sys
out, megabytes, sources = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
sentences = []
for path in sources:
    try:
        text = open(path, encoding="utf-8").read()
    except OSError:
        continue
    if path.endswith(".conllu"):
        sentences += [l[len("# text ="):].strip() for l in text.split("\n") if l.startswith("# text =")]
    else:
        for p in text.split("\n"):
            sentences += [s.strip() + "." for s in p.split(". ") if len(s.strip()) > 20]
random.seed(11)
size = 0
with open(out, "w", encoding="utf-8") as f:
    while size < megabytes * 1_000_000:
        paragraph = " ".join(random.choice(sentences) for _ in range(random.randint(2, 6))) + "\n"
        f.write(paragraph)
        size += len(paragraph.encode("utf-8"))
print(f"{len(sentences)} distinct sentences, {size / 1e6:.1f} MB")
PY

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
