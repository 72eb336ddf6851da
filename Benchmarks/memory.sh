#!/usr/bin/env bash
# Peak memory of `mekong run` (the largest of its processes) over 2,000 and over 20,000 small documents, measured in the same
# run so the ratio holds on a noisy machine. The streaming runner should keep the ratio near 1
# (target: at most 1.5).
#
#   Benchmarks/memory.sh [pipeline.json]      (default: Pipelines/news.json)
set -euo pipefail
cd "$(dirname "$0")/.."
pipeline=${1:-Pipelines/news.json}
swift build -c release --product mekong >/dev/null
bin=.build/release/mekong
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, random, sys
random.seed(1)
words = ("ngành trí tuệ nhân tạo của Pháp sẽ nhận được khoản đầu tư tư nhân trị giá 109 tỷ Euro "
         "trong những năm tới Tổng thống Emmanuel Macron thông báo hôm 9/2 tại Paris Hà Nội "
         "doanh nghiệp ngân hàng lãi suất tín dụng tăng khoảng 15% năm 2024").split()
for n in (2000, 20000):
    with open(f"{sys.argv[1]}/docs-{n}.jsonl", "w") as f:
        for i in range(n):
            sentences = [" ".join(random.choice(words) for _ in range(random.randint(8, 20))).capitalize() + "."
                         for _ in range(random.randint(2, 6))]
            f.write(json.dumps({"id": f"doc-{i}", "text": " ".join(sentences)}, ensure_ascii=False) + "\n")
PY

measure() {
  # The summary's peak memory is the largest of the supervisor's and every worker's.
  /usr/bin/time -f "%e" -o "$work/time" "$bin" run -p "$pipeline" "$work/docs-$1.jsonl" -o "$work/out-$1.jsonl" --no-progress 2> "$work/summary"
  read -r seconds < "$work/time"
  mb=$(sed -n 's/.*peak memory \([0-9]*\) MB.*/\1/p' "$work/summary")
  echo "$((mb * 1024)) $seconds"
}

read -r small_kb small_s < <(measure 2000)
read -r large_kb large_s < <(measure 20000)
python3 - "$small_kb" "$small_s" "$large_kb" "$large_s" <<'PY'
import sys
small_kb, small_s, large_kb, large_s = map(float, sys.argv[1:])
print(f"{'docs':<8} {'peak RSS':>12} {'seconds':>10} {'docs/s':>10}")
print(f"{2000:<8} {small_kb/1024:9.1f} MB {small_s:10.2f} {2000/small_s:10.0f}")
print(f"{20000:<8} {large_kb/1024:9.1f} MB {large_s:10.2f} {20000/large_s:10.0f}")
print(f"peak memory ratio 20,000 / 2,000 documents: {large_kb/small_kb:.2f} (target <= 1.5)")
PY
