#!/usr/bin/env bash
# What the world-scale default knowledge base costs (release build, one run, peers side by side):
#   1. building the default store from the shipped files into an empty cache: time, peak memory, size;
#   2. start-up plus a first lookup, with the store built;
#   3. the whole pipeline up to entities + link over >= 20 MB of Vietnamese news text
#      (Benchmarks/news-text.py), with the default knowledge base and with one holding only CLDR's
#      and the curated entities (`mekong kb build --no-world`), alternated three times (compare the best of each).
#
#   Benchmarks/kb-world.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-20}
swift build -c release --product mekong >/dev/null
work=${MEKONG_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
mekong=.build/release/mekong

echo "== 1. building the default store into an empty cache"
rm -rf "$work/cache"
MEKONG_CACHE_DIR="$work/cache" /usr/bin/time -f "wall %e s, peak memory %M KB" $mekong kb info | sed -n 2,4p
du -cb "$work"/cache/*.sqlite "$work"/cache/*.keys | awk '{printf "%s %.1f MB\n", $2, $1 / 1e6}'
ls -l Sources/Mekong/Resources/kb/world.jsonl.gz | awk '{printf "shipped world file: %.1f MB\n", $5 / 1e6}'

echo "== 2. start-up plus first lookup (built store), best of 5"
for i in 1 2 3 4 5; do
  MEKONG_CACHE_DIR="$work/cache" /usr/bin/time -f "%e" $mekong kb lookup "Hà Nội" 2>&1 >/dev/null
done | sort -n | head -1 | sed 's/^/seconds: /'

echo "== 3. entities + link over $megabytes MB of Vietnamese news text"
echo -n > "$work/empty.json"
# Stages read files beside the pipeline or below it: the store goes under .build/.
mkdir -p .build/kb-bench
$mekong kb build "$work/empty.json" -o .build/kb-bench/no-world.sqlite --no-world --quiet >/dev/null
python3 Benchmarks/news-text.py text "$work/news.txt" "$megabytes"
for round in 1 2 3; do
  for kb in default no-world; do
    if [ "$kb" = default ]; then kbopt=(); else kbopt=(--kb .build/kb-bench/no-world.sqlite); fi
    echo "-- round $round, knowledge base: $kb"
    MEKONG_CACHE_DIR="$work/cache" $mekong benchmark --stages-only --repeats 1 "${kbopt[@]}" \
      --stages normalize,sentences,tokens,words,entities,link "$work/news.txt"
  done
done
