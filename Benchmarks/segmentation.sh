#!/usr/bin/env bash
# Vietnamese word segmentation: accuracy and speed of Mekong's segmenter beside pyvi in the same run.
#   1. a model trained on VTB train, scored on VTB dev with ../shared/tools/ws_score.py (span F1, multi-syllable and OOV recall);
#   2. k-fold cross-validation over train+dev (a figure nothing was tuned on);
#   3. speed in words/s on one core over the dev text repeated, for `mekong segment` and pyvi's ViTokenizer.
#
#   Benchmarks/segmentation.sh [folds]        (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
folds=${1:-5}
vtb=../shared/data/ud-vi-vtb
lexicon=../shared/data/lexicon-vi/pyvi-words.txt
swift build -c release --product mekong >/dev/null
bin=.build/release/mekong
venv="$HOME/.cache/mekong-bench-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pyvi' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyvi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== 1. trained on train, scored on dev"
$bin train segmenter --train $vtb/vi_vtb-ud-train.conllu --lexicon $lexicon --epochs 10 -o "$work/train.mkseg" 2>/dev/null
python3 ../shared/tools/ws_raw.py $vtb/vi_vtb-ud-dev.conllu > "$work/dev.raw.txt"
$bin segment --model "$work/train.mkseg" < "$work/dev.raw.txt" > "$work/dev.mekong.txt"
echo "-- Mekong"
python3 ../shared/tools/ws_score.py $vtb/vi_vtb-ud-dev.conllu "$work/dev.mekong.txt" --train-vocab $vtb/vi_vtb-ud-train.conllu | tail -2
"$venv/bin/python" -c "
import sys
from pyvi import ViTokenizer
for line in open(sys.argv[1], encoding='utf-8'):
    print(ViTokenizer.tokenize(line.rstrip('\n')))
" "$work/dev.raw.txt" > "$work/dev.pyvi.txt"
echo "-- pyvi (trained by its authors on VLSP data, which overlaps VTB: an upper bound)"
python3 ../shared/tools/ws_score.py $vtb/vi_vtb-ud-dev.conllu "$work/dev.pyvi.txt" --train-vocab $vtb/vi_vtb-ud-train.conllu | tail -2

echo "== 2. $folds-fold cross-validation over train + dev"
python3 - "$work" "$folds" $vtb/vi_vtb-ud-train.conllu $vtb/vi_vtb-ud-dev.conllu <<'PY'
import sys
work, k, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
sentences = []
for p in paths:
    sentences += [s for s in open(p, encoding="utf-8").read().split("\n\n") if s.strip()]
for f in range(k):
    with open(f"{work}/fold{f}.test.conllu", "w") as test, open(f"{work}/fold{f}.train.conllu", "w") as train:
        for i, s in enumerate(sentences):
            (test if i % k == f else train).write(s.strip() + "\n\n")
PY
for f in $(seq 0 $((folds - 1))); do
  $bin train segmenter --train "$work/fold$f.train.conllu" --lexicon $lexicon --epochs 10 -o "$work/fold$f.mkseg" 2>/dev/null
  $bin eval segmentation --gold "$work/fold$f.test.conllu" --model "$work/fold$f.mkseg" --train-vocab "$work/fold$f.train.conllu" | sed "s/^/fold $f: /"
done | tee "$work/folds.txt"
python3 -c "
import re, sys
f1 = [float(re.search(r'F1 ([0-9.]+)', l).group(1)) for l in open(sys.argv[1])]
oov = [float(re.search(r'OOV recall ([0-9.]+)', l).group(1)) for l in open(sys.argv[1])]
print(f'mean F1 {sum(f1)/len(f1):.2f}, mean OOV recall {sum(oov)/len(oov):.2f} over {len(f1)} folds')
" "$work/folds.txt"

echo "== 3. speed on one core (dev text x 20, segmentation from raw lines)"
for i in $(seq 20); do cat "$work/dev.raw.txt"; done > "$work/big.raw.txt"
words=$(wc -w < "$work/big.raw.txt")
start=$(date +%s.%N); $bin segment --model "$work/train.mkseg" < "$work/big.raw.txt" > /dev/null; end=$(date +%s.%N)
mekong=$(python3 -c "print($end - $start)")
pyvi=$("$venv/bin/python" -c "
import sys, time
from pyvi import ViTokenizer
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
t = time.perf_counter()
for line in lines: ViTokenizer.tokenize(line)
print(time.perf_counter() - t)
" "$work/big.raw.txt")
python3 -c "
w, m, p = $words, $mekong, $pyvi
print(f'{w} syllables: Mekong {w/m:,.0f}/s (whole process, tokenizing included), pyvi {w/p:,.0f}/s (segmentation only); ratio {p/m:.1f}x')
"
