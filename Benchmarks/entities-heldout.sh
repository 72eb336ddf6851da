#!/usr/bin/env bash
# Scores the whole entity pipeline (Pipelines/news.json: entities + link) on the held-out part of
# Data/entities, exactly as held-out treebank sets are scored: documents of 25 consecutive
# sentences through `mekong run`, then ../shared/tools/mekong_to_mentions.py and mention_score.py.
#
#   Benchmarks/entities-heldout.sh [PIPELINE] [SHOW]     (default Pipelines/news.json; SHOW errors listed)
#   PART=training Benchmarks/entities-heldout.sh …   scores the training part instead (for error analysis)
#   DATA=Data/entities-links PART=all Benchmarks/entities-heldout.sh …   scores every sentence of another set
#                                                    (Benchmarks/entities-links.sh does this for the linking set)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${SHARED:-$ROOT/../shared}/tools
PIPELINE=${1:-$ROOT/Pipelines/news.json}
SHOW=${2:-0}
MEKONG=${MEKONG:-$ROOT/.build/release/mekong}
[ -x "$MEKONG" ] || (cd "$ROOT" && swift build -c release --product mekong >/dev/null)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 "$ROOT/Benchmarks/entities-heldout-data.py" "${DATA:-$ROOT/Data/entities}" "$WORK" 25
"$MEKONG" run -p "$PIPELINE" "$WORK/in.jsonl" -o "$WORK/out.jsonl" 2>"$WORK/run.log" || { cat "$WORK/run.log"; exit 1; }
python3 "$TOOLS/mekong_to_mentions.py" entities "$WORK/out.jsonl" "$WORK/map.json" > "$WORK/sys.jsonl"
python3 "$TOOLS/mention_score.py" entities "$WORK/sys.jsonl" --gold "$WORK/gold.jsonl" --scope "$WORK/scope.txt" --show "$SHOW"
# Per type, and by the knowledge-base candidates of the gold mention's name: how many, and what makes
# them ambiguous (mekong kb lookup --json: one JSON line a candidate).
python3 -c 'import json,sys; print("\n".join(sorted({json.loads(l)["surface"] for l in open(sys.argv[1], encoding="utf-8") if json.loads(l).get("en")})))' "$WORK/gold.jsonl" > "$WORK/names.txt"
while IFS= read -r name; do
  "$MEKONG" kb lookup "$name" --json --languages en 2>/dev/null | python3 -c 'import json,sys; print(json.dumps({"name": sys.argv[1], "candidates": [json.loads(l) for l in sys.stdin]}, ensure_ascii=False))' "$name"
done < "$WORK/names.txt" > "$WORK/candidates.jsonl"
python3 "$ROOT/Benchmarks/entities-links-by-type.py" "$WORK/sys.jsonl" "$WORK/gold.jsonl" "$WORK/scope.txt" "$WORK/candidates.jsonl"
