#!/usr/bin/env bash
# Main-text extraction, scored and timed: Mekong's `html` stage (article mode) beside trafilatura
# 2.3.1 on the same pages in the same run, on the ScrapingHub article-extraction benchmark (aeb)
# and the WCXB development split (wcxb), with ../shared/tools/extraction_score.py (bag-of-words
# and 4-word-shingle F1, per page type) and throughput in MB/s on one core.
#
#   Benchmarks/extraction.sh [aeb] [wcxb]        (default: both)
#
# trafilatura is installed from PyPI into a virtual environment under ~/.cache on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(aeb wcxb)
data=../shared/data/html-extraction
swift build -c release --product mekong >/dev/null
. Benchmarks/trafilatura-venv.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# libxml2's parser alone, in C: the ceiling for any extractor built on it.
cc -O2 Benchmarks/libxml2-parse.c -o "$work/libxml2-parse" $(pkg-config --cflags --libs libxml-2.0)
echo '{"name": "extraction", "stages": [{"use": "html", "with": {"mode": "article"}}]}' > "$work/pipeline.json"

for set in "${sets[@]}"; do
  case "$set" in
    aeb) pages="$data/scrapinghub-aeb/html" ;;
    wcxb) pages="$data/wcxb/dev/html" ;;
    *) echo "unknown set $set (aeb or wcxb)" >&2; exit 2 ;;
  esac
  mkdir -p "$work/$set"
  for f in "$pages"/*.html.gz; do gunzip -c "$f" > "$work/$set/$(basename "$f" .gz)"; done
  bytes=$(cat "$work/$set"/*.html | wc -c)

  start=$(date +%s.%N)
  .build/release/mekong run -p "$work/pipeline.json" "$work/$set" -o "$work/$set.mekong.jsonl" --jobs 1 --quiet || true
  end=$(date +%s.%N)
  python3 - "$work/$set.mekong.jsonl" "$work/$set.mekong.sys.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        out.write(json.dumps({"id": r["id"], "text": r.get("text") or ""}) + "\n")
PY
  mekong_seconds=$(python3 -c "print($end - $start)")

  "$venv/bin/python" - "$work/$set" "$work/$set.trafilatura.sys.jsonl" > "$work/$set.trafilatura.time" <<'PY'
import json, os, sys, time
import trafilatura
folder, out_path = sys.argv[1], sys.argv[2]
files = sorted(f for f in os.listdir(folder) if f.endswith(".html"))
pages = [(f, open(os.path.join(folder, f), "rb").read()) for f in files]
start = time.perf_counter()
with open(out_path, "w") as out:
    for name, html in pages:
        text = trafilatura.extract(html) or ""
        out.write(json.dumps({"id": name, "text": text}) + "\n")
print(time.perf_counter() - start)
PY
  traf_seconds=$(cat "$work/$set.trafilatura.time")

  echo "== $set: $(ls "$work/$set" | wc -l) pages, $(python3 -c "print(round($bytes/1e6, 1))") MB"
  echo "-- Mekong (html, article mode): $(python3 -c "print(round($bytes/1e6/$mekong_seconds, 2))") MB/s on one core ($(python3 -c "print(round($mekong_seconds, 2))") s, whole process)"
  python3 ../shared/tools/extraction_score.py "$set" "$work/$set.mekong.sys.jsonl"
  echo "-- trafilatura 2.3.1: $(python3 -c "print(round($bytes/1e6/$traf_seconds, 2))") MB/s on one core ($(python3 -c "print(round($traf_seconds, 2))") s, extraction only)"
  python3 ../shared/tools/extraction_score.py "$set" "$work/$set.trafilatura.sys.jsonl"
  echo "-- speed ratio Mekong / trafilatura: $(python3 -c "print(round($traf_seconds / $mekong_seconds, 1))")x"
  read -r tree_seconds sax_seconds < <("$work/libxml2-parse" "$work/$set"/*.html)
  echo "-- libxml2's HTML parse alone, in C, no extraction: tree $(python3 -c "print(round($bytes/1e6/$tree_seconds, 1))") MB/s" \
       "($(python3 -c "print(round($traf_seconds / $tree_seconds, 1))")x trafilatura), SAX with empty callbacks" \
       "$(python3 -c "print(round($bytes/1e6/$sax_seconds, 1))") MB/s ($(python3 -c "print(round($traf_seconds / $sax_seconds, 1))")x)"
done
