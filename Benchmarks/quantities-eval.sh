#!/usr/bin/env bash
# Quantities against the hand-labelled sentences of Data/quantities: the shipped pipeline over the
# sentences (one a record), scored by ../shared/tools/mention_score.py quantities exactly as held-out
# sets are scored (mention F1, mention+value F1, recall per kind).
#
#   Benchmarks/quantities-eval.sh [vtb|written|en] [dev|test|all] [SHOW]
#
# vtb (the default): Vietnamese treebank sentences; written: Vietnamese sentences written for the project
# (development only); en: English sentences written for the project.
# dev (the default) is the part to look at and fix rules against; test is scored, never tuned on
# (Data/quantities/README.md). SHOW lists that many errors of each sort.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${SHARED:-$ROOT/../shared}/tools
SET=${1:-vtb}
PART=${2:-dev}
SHOW=${3:-0}
case $SET in vtb|written) LANGUAGE=vi ;; en) LANGUAGE=en ;; *) echo "unknown set $SET (vtb, written or en)" >&2; exit 2 ;; esac
PIPELINE=${PIPELINE:-$ROOT/Pipelines/news.json}
MEKONG=${MEKONG:-$ROOT/.build/release/mekong}
DATA=$ROOT/Data/quantities/$SET
[ -x "$MEKONG" ] || (cd "$ROOT" && swift build -c release --product mekong >/dev/null)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$DATA" "$PART" "$WORK" "$LANGUAGE" <<'PY'
import json, os, sys
data, part, work, language = sys.argv[1:5]
test = set(l.strip() for l in open(os.path.join(data, "test.txt")) if l.strip())
keep = lambda sid: part == "all" or (sid in test) == (part == "test")
ids = []
with open(os.path.join(work, "in.jsonl"), "w", encoding="utf-8") as f:
    for l in open(os.path.join(data, "sentences.jsonl"), encoding="utf-8"):
        o = json.loads(l)
        if keep(o["sent_id"]):
            ids.append(o["sent_id"])
            f.write(json.dumps({"id": o["sent_id"], "text": o["text"], "language": language}, ensure_ascii=False) + "\n")
open(os.path.join(work, "scope.txt"), "w").write("\n".join(ids) + "\n")
with open(os.path.join(work, "gold.jsonl"), "w", encoding="utf-8") as f:
    for l in open(os.path.join(data, "mentions.jsonl"), encoding="utf-8"):
        if keep(json.loads(l)["sent_id"]): f.write(l)
print(f"{part}: {len(ids)} sentences", file=sys.stderr)
PY
"$MEKONG" run -p "$PIPELINE" "$WORK/in.jsonl" -o "$WORK/out.jsonl" 2>/dev/null
python3 "$TOOLS/mekong_to_mentions.py" quantities "$WORK/out.jsonl" > "$WORK/sys.jsonl"
python3 "$TOOLS/mention_score.py" quantities "$WORK/sys.jsonl" --gold "$WORK/gold.jsonl" --scope "$WORK/scope.txt" --show "$SHOW"
