#!/usr/bin/env bash
# Short articles on old layouts (Data/extraction-briefs): Mekong's `html` stage (article mode),
# optionally an earlier build of it, and trafilatura 2.3.1 on the same pages, scored per page by
# bag-of-words F1 (Benchmarks/extraction-briefs.py, the definitions of
# ../shared/tools/extraction_score.py).
#
#   Benchmarks/extraction-briefs.sh dev|test [BASELINE_MEKONG]
#
# BASELINE_MEKONG is another `mekong` binary (with its resources beside it), e.g. a release build
# of the commit before a change, shown as the "before" column. Score the test part only to report;
# never tune on it (Data/extraction-briefs/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
part=${1:?dev or test}
baseline=${2:-}
swift build -c release --product mekong >/dev/null
. Benchmarks/trafilatura-venv.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages=Data/extraction-briefs/$part
echo '{"name": "extraction", "stages": [{"use": "html", "with": {"mode": "article"}}]}' > "$work/pipeline.json"

# id and text of each record, for the scorer.
texts() {
  python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    print(json.dumps({"id": r["id"], "text": r.get("text") or ""}, ensure_ascii=False))' "$1"
}
systems=()
names=()
if [ -n "$baseline" ]; then
  "$baseline" run -p "$work/pipeline.json" "$pages" -o "$work/before.raw.jsonl" --jobs 1 --quiet || true
  texts "$work/before.raw.jsonl" > "$work/before.jsonl"
  systems+=("$work/before.jsonl"); names+=(before)
fi
.build/release/mekong run -p "$work/pipeline.json" "$pages" -o "$work/mekong.raw.jsonl" --jobs 1 --quiet || true
texts "$work/mekong.raw.jsonl" > "$work/mekong.jsonl"
systems+=("$work/mekong.jsonl"); names+=(mekong)
"$venv/bin/python" - "$pages" "$work/trafilatura.jsonl" <<'PY'
import json, os, sys
import trafilatura
folder, out_path = sys.argv[1], sys.argv[2]
with open(out_path, "w") as out:
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".html")):
        text = trafilatura.extract(open(os.path.join(folder, name), "rb").read()) or ""
        out.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
PY
systems+=("$work/trafilatura.jsonl"); names+=(trafilatura)
python3 Benchmarks/extraction-briefs.py --part "$part" "${systems[@]}" --names "$(IFS=,; echo "${names[*]}")"
