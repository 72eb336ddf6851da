#!/usr/bin/env bash
# Throughput of normalize + sentences + tokens on one core, beside a bare ICU NFC pass over the
# same bytes in the same run (the floor for this kind of work), on >= 50 MB of news text.
#
#   Benchmarks/text-throughput.sh [MB]        (default 50)
#
# The text is built from ../shared/corpus (a real Vietnamese article) and Corpus/, repeated with
# the variations real archives have: a quarter of the paragraphs decomposed (NFD), a quarter in
# the traditional tone placement, some with NBSP, zero-width spaces and CRLF line ends. A second
# run takes the same text cleaned beforehand (NFC, modern tones, plain spaces): there ICU's NFC
# has nothing to do but check, so the floor is faster and the ratio harder.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-50}
swift build -c release --product mekong >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/news.txt" "$work/clean.txt" "$megabytes" ../shared/corpus/*.txt Corpus/*.txt <<'PY'
import random, sys, unicodedata
out, clean_out, megabytes, sources = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
paragraphs = []
for path in sources:
    try:
        paragraphs += [p.strip() for p in open(path, encoding="utf-8").read().split("\n") if len(p.strip()) > 40]
    except OSError:
        pass
traditional = {"hóa": "hoá", "Hóa": "Hoá", "hòa": "hoà", "Hòa": "Hoà", "thủy": "thuỷ", "khỏe": "khoẻ", "lòe": "loè", "túy": "tuý", "họa": "hoạ"}
random.seed(7)
size = 0
with open(out, "w", encoding="utf-8", newline="") as f, open(clean_out, "w", encoding="utf-8") as g:
    while size < megabytes * 1_000_000:
        p = random.choice(paragraphs)
        g.write(unicodedata.normalize("NFC", p) + "\n")
        r = random.random()
        if r < 0.25:
            p = unicodedata.normalize("NFD", p)
        elif r < 0.5:
            for a, b in traditional.items():
                p = p.replace(a, b)
        elif r < 0.6:
            p = p.replace(" ", "\u00a0", 3).replace(",", ",\u200b", 1)
        line = p + ("\r\n" if random.random() < 0.1 else "\n")
        f.write(line)
        size += len(line.encode("utf-8"))
PY
for kind in news clean; do
    echo "== $kind text: $([ $kind = news ] && echo 'with NFD, old tone placement, NBSP, zero-width spaces, CRLF' || echo 'the same paragraphs already in NFC, plain spaces, LF')"
    .build/release/mekong benchmark "$work/$kind.txt" --stages normalize,sentences,tokens --repeats 3
done
