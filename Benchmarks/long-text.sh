#!/usr/bin/env bash
# One very long document: Vietnamese news text with every punctuation mark taken out (so no
# sentence ever ends), through Pipelines/news.json — time and peak memory (the largest of the
# supervisor and its worker), with the same document through --in-process in the same run.
# Issue 17's target for 5 MB: at most 20 s and 300 MB.
#
#   Benchmarks/long-text.sh [MB...]      (default: 5)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5)
swift build -c release --product mekong >/dev/null
bin=.build/release/mekong
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for mb in "${sizes[@]}"; do
  python3 - "$mb" "$work/long-$mb.txt" <<'PY'
import re, sys
mb, out = float(sys.argv[1]), sys.argv[2]
text = open("../shared/corpus/vi-news-ai-investment-france.txt", encoding="utf-8").read()
words = re.sub(r"[^\w\s]", " ", text).split()
target = int(mb * 1_000_000)
parts, size, i = [], 0, 0
while size < target:
    w = words[i % len(words)]; parts.append(w); size += len(w.encode()) + 1; i += 1
open(out, "w", encoding="utf-8").write(" ".join(parts))
PY
  for mode in workers in-process; do
    extra=()
    [ "$mode" = in-process ] && extra=(--in-process)
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" run -p Pipelines/news.json "$work/long-$mb.txt" -o "$work/out.jsonl" \
      --no-progress --timeout 600 "${extra[@]}" 2> "$work/summary" || true
    read -r seconds kb < "$work/time"
    peak=$(sed -n 's/.*peak memory \([0-9]*\) MB.*/\1/p' "$work/summary")
    sentences=$(python3 -c "import json,sys; r=json.loads(open(sys.argv[1]).readline()); print(len(r.get('layers',{}).get('sentences',[])), len(r.get('layers',{}).get('tokens',[])), len(r.get('errors',[])), r.get('error'))" "$work/out.jsonl")
    record=$(($(wc -c < "$work/out.jsonl") / 1000000))
    printf "%s MB %-10s %6.1f s   peak %4s MB (largest process; /usr/bin/time: %s MB)   record %s MB   sentences tokens notes error: %s\n" \
      "$mb" "$mode" "$seconds" "$peak" "$((kb / 1024))" "$record" "$sentences"
  done
done
