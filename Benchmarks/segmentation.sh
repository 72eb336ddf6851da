#!/usr/bin/env bash
# Vietnamese word segmentation: accuracy and speed of Mekong's segmenter beside pyvi and underthesea
# (installed from PyPI into ~/.cache/mekong-bench-venv; underthesea is left out if it does not install),
# all measured in the same run:
#   1. a model trained on VTB train, scored on VTB dev from raw text with ../shared/tools/ws_score.py
#      (span F1, multi-syllable and OOV recall), the peers on the same raw text;
#   2. k-fold cross-validation over train+dev in contiguous blocks of sentences (a figure nothing was
#      tuned on; blocks, not every k-th sentence, so neighbouring sentences of one article stay together);
#   3. speed on one core over the dev text repeated 20 times: the words stage alone (syllable tokens
#      given), tokenizing + segmenting raw lines in process (what the peers' calls do), and the whole
#      `mekong segment` process; the peers timed in process, line by line;
#   4. the model's file size and load time.
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
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import pyvi' 2>/dev/null || "$venv/bin/pip" install -q pyvi
"$venv/bin/python" -c 'import underthesea' 2>/dev/null || "$venv/bin/pip" install -q underthesea >/dev/null 2>&1 || true
peers="pyvi"
if "$venv/bin/python" -c 'import underthesea' 2>/dev/null; then peers="pyvi underthesea"; else echo "(underthesea did not install: left out)"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A peer over a file of raw lines: its segmentation, one line per line; prints its in-process seconds to stderr.
peer() {
  "$venv/bin/python" - "$1" "$2" "$3" <<'PY'
import sys, time
name, src, dst = sys.argv[1:]
if name == "pyvi":
    from pyvi import ViTokenizer
    seg = ViTokenizer.tokenize
else:
    from underthesea import word_tokenize
    seg = lambda line: " ".join(w.replace(" ", "_") for w in word_tokenize(line))
lines = open(src, encoding="utf-8").read().splitlines()
seg(lines[0])  # load the model before the clock starts
t = time.perf_counter()
out = [seg(line) for line in lines]
sys.stderr.write(f"{time.perf_counter() - t}\n")
open(dst, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
}

echo "== 1. trained on VTB train, scored on VTB dev (raw text)"
$bin train segmenter --train $vtb/vi_vtb-ud-train.conllu --lexicon $lexicon --epochs 10 -o "$work/train.mkseg" 2>/dev/null
python3 ../shared/tools/ws_raw.py $vtb/vi_vtb-ud-dev.conllu > "$work/dev.raw.txt"
$bin segment --model "$work/train.mkseg" < "$work/dev.raw.txt" > "$work/dev.mekong.txt"
echo "-- Mekong"
python3 ../shared/tools/ws_score.py $vtb/vi_vtb-ud-dev.conllu "$work/dev.mekong.txt" --train-vocab $vtb/vi_vtb-ud-train.conllu | tail -1
for p in $peers; do
  peer $p "$work/dev.raw.txt" "$work/dev.$p.txt" 2>/dev/null
  echo "-- $p (trained by its authors on VLSP data, which overlaps VTB: an upper bound)"
  python3 ../shared/tools/ws_score.py $vtb/vi_vtb-ud-dev.conllu "$work/dev.$p.txt" --train-vocab $vtb/vi_vtb-ud-train.conllu | tail -1
done

echo "== 2. $folds-fold cross-validation over train + dev, contiguous folds"
python3 - "$work" "$folds" $vtb/vi_vtb-ud-train.conllu $vtb/vi_vtb-ud-dev.conllu <<'PY'
import sys
work, k, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
sentences = []
for p in paths:
    sentences += [s for s in open(p, encoding="utf-8").read().split("\n\n") if s.strip()]
n = len(sentences)
for f in range(k):
    lo, hi = f * n // k, (f + 1) * n // k
    with open(f"{work}/fold{f}.test.conllu", "w") as test, open(f"{work}/fold{f}.train.conllu", "w") as train:
        for i, s in enumerate(sentences):
            (test if lo <= i < hi else train).write(s.strip() + "\n\n")
PY
for f in $(seq 0 $((folds - 1))); do
  $bin train segmenter --train "$work/fold$f.train.conllu" --lexicon $lexicon --epochs 10 -o "$work/fold$f.mkseg" 2>/dev/null
  $bin eval segmentation --gold "$work/fold$f.test.conllu" --model "$work/fold$f.mkseg" --train-vocab "$work/fold$f.train.conllu" | sed "s/^/fold $f: /"
done | tee "$work/folds.txt"
python3 -c "
import re, sys
lines = open(sys.argv[1]).read().splitlines()
f1 = [float(re.search(r'F1 ([0-9.]+)', l).group(1)) for l in lines]
oov = [float(re.search(r'OOV recall ([0-9.]+)', l).group(1)) for l in lines]
print(f'mean F1 {sum(f1)/len(f1):.2f} (min {min(f1):.2f}, max {max(f1):.2f}), mean OOV recall {sum(oov)/len(oov):.2f} over {len(f1)} folds')
" "$work/folds.txt"

echo "== 3. speed on one core (VTB dev text x 20, the model trained on train)"
for i in $(seq 20); do cat "$work/dev.raw.txt"; done > "$work/big.raw.txt"
syllables=$(wc -w < "$work/big.raw.txt")
$bin segment --model "$work/train.mkseg" < "$work/big.raw.txt" > "$work/big.mekong.txt"
words=$(wc -w < "$work/big.mekong.txt")
# The words stage alone: tokens+words minus tokens, interleaved, best of 3 (documents of ~4 KB).
$bin benchmark --stages-only --stages tokens,words --baseline tokens --document-size 4000 --repeats 3 "$work/big.raw.txt" > "$work/stage.txt"
# Tokenizing and segmenting each raw line in process, one document per line, as the peers are called.
$bin benchmark --stages-only --stages tokens,words --document-size 1 --repeats 3 "$work/big.raw.txt" > "$work/lines.txt"
start=$(date +%s.%N); $bin segment < "$work/big.raw.txt" > /dev/null; end=$(date +%s.%N)
whole=$(python3 -c "print($end - $start)")
: > "$work/peers.txt"
for p in $peers; do
  seconds=$(peer $p "$work/big.raw.txt" "$work/big.$p.txt" 2>&1 >/dev/null | tail -1)
  echo "$p $seconds" >> "$work/peers.txt"
done
python3 - "$work" "$syllables" "$words" "$whole" <<'PY'
import re, sys
work, syllables, words, whole = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
stage = open(f"{work}/stage.txt").read()
alone = float(re.search(r"alone: .*?\(([0-9.]+) s", stage).group(1))
lines = float(re.search(r"tokens,words: .*?\(([0-9.]+) s", open(f"{work}/lines.txt").read()).group(1))
print(f"input: {syllables:,} syllables, {words:,} words (Mekong's), 20 x VTB dev")
print(f"Mekong words stage alone:                {words/alone:>12,.0f} words/s  ({syllables/alone:,.0f} syllables/s)")
print(f"Mekong tokens + words from raw lines:    {words/lines:>12,.0f} words/s  ({syllables/lines:,.0f} syllables/s)")
print(f"Mekong whole 'mekong segment' process:   {words/whole:>12,.0f} words/s  ({syllables/whole:,.0f} syllables/s, start-up, I/O included)")
for line in open(f"{work}/peers.txt"):
    name, seconds = line.split()
    s = float(seconds)
    print(f"{name + ' (in process, line by line):':41}{syllables/s:>12,.0f} syllables/s  -> Mekong from raw lines {s/lines:.1f}x, whole process {s/whole:.1f}x")
PY

echo "== 4. the model"
shipped=Sources/Mekong/Resources/vi-segmenter.mkseg
echo "shipped model: $(du -k $shipped | cut -f1) KB"
for i in 1 2 3; do $bin eval segmentation --gold "$work/fold0.test.conllu" --timing | tail -1; done
