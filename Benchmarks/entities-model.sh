#!/usr/bin/env bash
# What the trained entity model costs the whole pipeline: normalize … entities, link over >= 20 MB
# of Vietnamese news text (Benchmarks/news-text.py), with the model (the default) and with the cue
# rules it replaced (`"recognizer": "rules"`), alternating in one run on one core (release build).
# Prints MB/s of each and their ratio (target: the model keeps >= 80% of the rules' throughput),
# and the model's load time.
#
#   Benchmarks/entities-model.sh [MB] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-20}
rounds=${2:-2}
swift build -c release --product mekong >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/news-text.py text "$work/news.txt" "$megabytes"
stages=normalize,sentences,tokens,words,entities,link
for round in $(seq "$rounds"); do
  for recognizer in rules model; do
    line=$(.build/release/mekong benchmark --stages-only --repeats 1 --option "entities.recognizer=\"$recognizer\"" \
      --stages "$stages" "$work/news.txt" | grep "^$stages:")
    echo "round $round, $recognizer: $line"
    echo "$recognizer $(echo "$line" | sed -E 's/.*: ([0-9.]+) MB\/s.*/\1/')" >> "$work/rates"
  done
done
python3 - "$work/rates" <<'PY'
import sys, collections
rates = collections.defaultdict(list)
for line in open(sys.argv[1]):
    k, v = line.split(); rates[k].append(float(v))
best = {k: max(v) for k, v in rates.items()}
print(f"best of each: rules {best['rules']:.2f} MB/s, model {best['model']:.2f} MB/s; the model keeps {100 * best['model'] / best['rules']:.0f}% of the rules' throughput")
PY
# Load time: the model file parsed and its tables built, in a process of its own.
.build/release/mekong eval ner --data Tests/MekongTests/Fixtures/ner/tiny --timing 2>/dev/null | grep "load" || true
