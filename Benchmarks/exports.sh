#!/usr/bin/env bash
# What the exports cost: the translation pipeline (Pipelines/translation-glossary.json) over N documents
# (default 10,000, ~2 KB of Vietnamese news text each, JSON Lines), and the same pipeline without its four
# export stages, run alternately twice on the same machine; prints both times and the exports' share.
#
#   Benchmarks/exports.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
swift build -c release --product mekong >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/news-text.py jsonl "$work/docs.jsonl" "$n"
mkdir -p "$work/with" "$work/without"
cp Pipelines/translation-glossary.json "$work/with/pipeline.json"
python3 - Pipelines/translation-glossary.json "$work/without/pipeline.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["stages"] = [s for s in p["stages"] if not s["use"].startswith("export.")]
json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False, indent=2)
PY
echo "input: $n documents, $(du -h "$work/docs.jsonl" | cut -f1)"
for round in 1 2; do
  for variant in without with; do
    start=$(date +%s.%N)
    .build/release/mekong run -p "$work/$variant/pipeline.json" "$work/docs.jsonl" -o "$work/$variant/out.jsonl" --quiet
    end=$(date +%s.%N)
    echo "round $round, $variant exports: $(python3 -c "print(f'{$end - $start:.1f}')") s"
  done
done
echo "exports written: $(ls "$work/out/xliff" 2>/dev/null | wc -l) XLIFF files, TBX $(du -h "$work/out/glossary.tbx" 2>/dev/null | cut -f1), CoNLL-U $(du -h "$work/out/corpus.conllu" 2>/dev/null | cut -f1)"
