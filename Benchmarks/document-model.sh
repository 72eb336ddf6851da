#!/usr/bin/env bash
# The speed targets of the typed document model (issue 20), as ratios from one run on one core:
#   1. the whole of Pipelines/news.json on Vietnamese news pages / trafilatura's extraction alone
#      on the same pages (target >= 4x);
#   2. normalize + sentences + tokens / a bare ICU NFC pass over the same text (target <= 4x);
#   3. the html stage alone / a bare libxml2 htmlReadMemory tree parse of the same pages
#      (target <= 1.5x);
#   4. peak memory of news.json over 10,000 documents / over 1,000 (target <= 1.10), and over 30,000,
#      with the number of languages the documents are in (the quantities stage's tables are per language).
#
#   Benchmarks/document-model.sh [PAGES]        (default 300 pages)
#
# The pages: there is no network, so they are built offline from real markup — the WCXB
# development pages in ../shared/data/html-extraction (news, blogs, forums, product pages from
# many sites) with the text of every <p>, <h1>–<h3>, <li>, <td> and <blockquote> replaced by
# Vietnamese text of about the same length (sentences of UD Vietnamese-VTB and of the shared seed
# article, drawn in order), the first <h1>'s new text also made the page's <title> and og:title (as
# a real page's title says its headline), and <html lang> and the charset set to Vietnamese and UTF-8. Markup,
# boilerplate, scripts and page sizes (~100–200 KB) stay those of the real pages. trafilatura
# 2.3.1 is installed from PyPI into a virtual environment under ~/.cache on first use (with lxml,
# which also rewrites the pages).
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-300}
shared=../shared
swift build -c release --product mekong >/dev/null
bin=$PWD/.build/release/mekong
. Benchmarks/trafilatura-venv.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 Benchmarks/libxml2-parse.c -o "$work/libxml2-parse" $(pkg-config --cflags --libs libxml-2.0)

mkdir -p "$work/pages"
"$venv/bin/python" - "$work/pages" "$pages" "$shared" <<'PY'
import glob, gzip, itertools, os, sys
import lxml.html
out, count, shared = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sentences = []
for path in sorted(glob.glob(f"{shared}/data/ud-vi-vtb/*.conllu")):
    for line in open(path, encoding="utf-8"):
        if line.startswith("# text = "):
            sentences.append(line[9:].strip())
for path in sorted(glob.glob(f"{shared}/corpus/*.txt")):
    sentences += [s.strip() for s in open(path, encoding="utf-8").read().split("\n") if len(s.strip()) > 20]
feed = itertools.cycle(sentences)
def vietnamese(length):
    text = ""
    while len(text) < length:
        text += (" " if text else "") + next(feed)
    return text
files = sorted(glob.glob(f"{shared}/data/html-extraction/wcxb/dev/html/*.html.gz"))[:count]
for path in files:
    raw = gzip.open(path).read()
    try:
        root = lxml.html.fromstring(raw)
    except Exception:
        continue
    headline = None
    for e in root.iter("p", "h1", "h2", "h3", "li", "td", "blockquote"):
        if e.text and len(e.text.strip()) > 1:
            e.text = vietnamese(len(e.text))
            if e.tag == "h1" and headline is None:
                headline = e.text
    # The page's declared title says its headline, as a real page's does.
    if headline:
        for t in root.iter("title"):
            t.text = headline
        for m in root.iter("meta"):
            if m.get("property") in ("og:title", "twitter:title") or m.get("name") in ("og:title", "twitter:title"):
                m.set("content", headline)
    root.set("lang", "vi")
    for m in root.iter("meta"):
        if m.get("charset"):
            m.set("charset", "utf-8")
        if (m.get("http-equiv") or "").lower() == "content-type":
            m.set("content", "text/html; charset=utf-8")
    page = lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")
    open(os.path.join(out, os.path.basename(path)[:-3]), "wb").write(page)
PY
n=$(ls "$work/pages" | wc -l)
bytes=$(cat "$work/pages"/*.html | wc -c)
echo "pages: $n WCXB development pages with Vietnamese text, $(python3 -c "print(round($bytes/1e6, 1))") MB (mean $((bytes / n / 1000)) KB)"

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print($e - $s)"; }
echo '{"name": "html-only", "stages": [{"use": "html"}]}' > "$work/html.json"
news=$(seconds "$bin" run -p Pipelines/news.json "$work/pages" -o "$work/news.jsonl" --jobs 1 --quiet)
# A second, timed run: the first one also built the default knowledge base's store if needed.
news=$(seconds "$bin" run -p Pipelines/news.json "$work/pages" -o "$work/news2.jsonl" --jobs 1 --quiet)
html=$(seconds "$bin" run -p "$work/html.json" "$work/pages" -o "$work/html.jsonl" --jobs 1 --quiet)
empty=$(seconds "$bin" run -p "$work/html.json" /dev/null -o "$work/empty.jsonl" --jobs 1 --quiet)
traf=$("$venv/bin/python" - "$work/pages" <<'PY'
import os, sys, time
import trafilatura
folder = sys.argv[1]
pages = [open(os.path.join(folder, f), "rb").read() for f in sorted(os.listdir(folder))]
start = time.perf_counter()
for html in pages:
    trafilatura.extract(html)
print(time.perf_counter() - start)
PY
)
read -r tree _ < <("$work/libxml2-parse" "$work/pages"/*.html)
python3 - "$work/html.jsonl" "$work/text.txt" <<'PY'
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        out.write((json.loads(line).get("text") or "") + "\n\n")
PY
mb() { python3 -c "print(round($bytes / 1e6 / $1, 1))"; }
echo "trafilatura 2.3.1 extraction alone: $(mb "$traf") MB/s"
echo "1. news.json whole (process start to end, one core): $(mb "$news") MB/s = $(python3 -c "print(round($traf / $news, 2))")x trafilatura (target >= 4x)"
echo "3. html stage alone (less $(python3 -c "print(round($empty, 2))") s of process start): $(mb "$(python3 -c "print($html - $empty)")") MB/s; libxml2 tree parse $(mb "$tree") MB/s:" \
     "$(python3 -c "print(round(($html - $empty) / $tree, 2))")x the parse (target <= 1.5x)"
echo "2. normalize + sentences + tokens on the pages' text ($(du -h "$work/text.txt" | cut -f1)), repeated to >= 20 MB:"
python3 -c "
import sys
t = open('$work/text.txt', encoding='utf-8').read()
open('$work/text20.txt', 'w', encoding='utf-8').write(t * max(1, 20_000_000 // max(1, len(t.encode()))))"
"$bin" benchmark "$work/text20.txt" --repeats 3 | sed 's/^/   /' | grep -E "bare ICU NFC, UTF-8|normalize,sentences|time ratio"

# 4. Memory: the same small documents, 1,000 and 10,000 of them, through news.json.
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
text = open(f"{work}/text.txt", encoding="utf-8").read().split("\n\n")
text = [t for t in text if t.strip()]
for n in (1000, 10000, 30000):
    with open(f"{work}/docs-{n}.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"d{i}", "text": text[i % len(text)][:4000]}, ensure_ascii=False) + "\n")
PY
peak() { "$bin" run -p Pipelines/news.json "$work/docs-$1.jsonl" -o "$work/m-$1.jsonl" --jobs 1 2>&1 | grep -o 'peak memory [0-9]* MB' | grep -o '[0-9]*'; }
# The quantities stage builds its tables once per language it meets (~0.7 MB each), so peak
# memory follows the number of languages the documents are in, not their count.
languages() { python3 -c "import json,sys; print(len({json.loads(l).get('language') for l in open(sys.argv[1])}))" "$work/m-$1.jsonl"; }
p1=$(peak 1000); l1=$(languages 1000); p10=$(peak 10000); l10=$(languages 10000); p30=$(peak 30000); l30=$(languages 30000)
echo "4. peak memory: 1,000 documents $p1 MB ($l1 languages), 10,000 documents $p10 MB ($l10 languages):" \
     "$(python3 -c "print(round($p10 / $p1, 2))")x (target <= 1.10); 30,000 documents $p30 MB ($l30 languages)"
