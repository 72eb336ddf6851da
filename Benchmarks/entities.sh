#!/usr/bin/env bash
# Entities and linking, measured three ways (release build, one core, the same machine in one run):
#   1. `mekong kb build` on a generated Wikidata-format dump of N entities (default 1,000,000): time
#      and peak memory;
#   2. name lookups in the default knowledge base and in the one just built: latency per lookup;
#   3. entities + link over >= 20 MB of Vietnamese news text (the text of Benchmarks/quantities.sh),
#      with the default knowledge base and with the big one, beside the stages they need (normalize,
#      sentences, tokens, words) timed in the same run: documents/s and peak memory.
#
#   Benchmarks/entities.sh [N] [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
entities=${1:-1000000}
megabytes=${2:-20}
swift build -c release --product mekong >/dev/null
work=${MEKONG_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"

if [ ! -f "$work/dump-$entities.json.gz" ]; then
  python3 Benchmarks/generate-wikidata-dump.py "$entities" "$work/dump-$entities.json.gz"
fi
echo "== kb build: $entities generated entities ($(du -h "$work/dump-$entities.json.gz" | cut -f1) gzip)"
/usr/bin/time -f "wall %e s, peak memory %M KB" .build/release/mekong kb build "$work/dump-$entities.json.gz" -o "$work/kb-$entities.sqlite" --min-sitelinks 0 --quiet
ls -la "$work/kb-$entities.sqlite" | awk '{print "store: " $5 / 1e6 " MB"}'

echo "== lookups, default knowledge base"
.build/release/mekong kb bench
echo "== lookups, $entities-entity knowledge base"
.build/release/mekong kb bench --kb "$work/kb-$entities.sqlite"

python3 Benchmarks/news-text.py text "$work/news.txt" "$megabytes"
for kb in default "$work/kb-$entities.sqlite"; do
  echo "== entities + link, knowledge base: $kb"
  if [ "$kb" = default ]; then kbopt=(); else kbopt=(--kb "$kb"); fi
  .build/release/mekong benchmark --stages-only --repeats 1 "${kbopt[@]}" \
    --stages normalize,sentences,tokens,words,entities,link --baseline normalize,sentences,tokens,words "$work/news.txt"
done
