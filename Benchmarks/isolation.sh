#!/usr/bin/env bash
# What crash isolation costs: `mekong run` with its documents in supervised worker processes
# (the default) against the same run on threads of one process (--in-process), alternated in
# the same session so the ratio holds on a noisy machine. The pages are the ScrapingHub
# benchmark's 181 news pages, repeated; the pipeline is Pipelines/news.json.
#
#   Benchmarks/isolation.sh [ROUNDS] [JOBS] [REPEAT]      (default: 3 rounds, 1 job, pages ×3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
jobs=${2:-1}
repeat=${3:-3}
pages=../shared/data/html-extraction/scrapinghub-aeb/html
swift build -c release --product mekong >/dev/null
bin=.build/release/mekong
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pages"
for r in $(seq 1 "$repeat"); do
  for f in "$pages"/*.html.gz; do gunzip -c "$f" > "$work/pages/$r-$(basename "$f" .gz)"; done
done
n=$(ls "$work/pages" | wc -l)
mb=$(cat "$work/pages"/* | wc -c | awk '{printf "%.1f", $1/1e6}')
echo "news.json over $n pages ($mb MB), --jobs $jobs, $rounds rounds alternated"

run() { # mode → wall seconds, CPU seconds (user + system, workers included) and peak RSS (MB) of any process
  local extra=()
  [ "$1" = threads ] && extra=(--in-process)
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" run -p Pipelines/news.json "$work/pages" -o "$work/$1.jsonl" \
    --jobs "$jobs" --no-progress "${extra[@]}" 2> "$work/summary" || true
  read -r wall user sys < "$work/time"
  peak=$(sed -n 's/.*peak memory \([0-9]*\) MB.*/\1/p' "$work/summary")
  echo "$wall $(awk "BEGIN { print $user + $sys }") $peak"
}
: > "$work/results"
for i in $(seq 1 "$rounds"); do
  for mode in workers threads; do
    read -r s cpu mb < <(run "$mode")
    echo "$mode $s $cpu $mb" >> "$work/results"
  done
done
cmp -s "$work/workers.jsonl" "$work/threads.jsonl" && same="byte-identical" || same="DIFFERENT"
python3 - "$work/results" "$n" "$same" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
n = int(sys.argv[2])
by = {}
for mode, s, cpu, mb in rows:
    by.setdefault(mode, []).append((float(s), float(cpu), int(mb)))
med = lambda mode, i: statistics.median(r[i] for r in by[mode])
for mode in ("threads", "workers"):
    print(f"{mode:<8} wall {' '.join(f'{r[0]:.2f}' for r in by[mode])} s (median {med(mode, 0):.2f}, {n / med(mode, 0):.1f} docs/s)   "
          f"CPU {' '.join(f'{r[1]:.2f}' for r in by[mode])} s (median {med(mode, 1):.2f})   peak RSS of a process {max(r[2] for r in by[mode])} MB")
print(f"workers / threads: wall {med('workers', 0) / med('threads', 0):.3f}, CPU {med('workers', 1) / med('threads', 1):.3f} "
      f"(CPU per round: {' '.join(f'{a[1] / b[1]:.3f}' for a, b in zip(by['workers'], by['threads']))}); outputs {sys.argv[3]}")
PY
