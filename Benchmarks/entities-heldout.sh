#!/usr/bin/env bash
# Scores the whole entity pipeline (Pipelines/news.json: entities + link) on the held-out part of
# Data/entities, exactly as held-out treebank sets are scored: documents of 25 consecutive
# sentences through `mekong run`, then ../shared/tools/mekong_to_mentions.py and mention_score.py.
#
#   Benchmarks/entities-heldout.sh [PIPELINE] [SHOW]     (default Pipelines/news.json; SHOW errors listed)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${SHARED:-$ROOT/../shared}/tools
PIPELINE=${1:-$ROOT/Pipelines/news.json}
SHOW=${2:-0}
MEKONG=${MEKONG:-$ROOT/.build/release/mekong}
[ -x "$MEKONG" ] || (cd "$ROOT" && swift build -c release --product mekong >/dev/null)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$ROOT/Data/entities" "$WORK" <<'PY'
import json, os, sys
root, work = sys.argv[1], sys.argv[2]
held = [l.strip() for l in open(os.path.join(root, "heldout.txt")) if l.strip() and not l.startswith("#")]
want = set(held)
texts, gold = {}, []
for src in sorted(os.listdir(root)):
    d = os.path.join(root, src)
    if not os.path.isfile(os.path.join(d, "sentences.jsonl")): continue
    for l in open(os.path.join(d, "sentences.jsonl"), encoding="utf-8"):
        o = json.loads(l)
        if o["sent_id"] in want: texts[o["sent_id"]] = o["text"]
    for l in open(os.path.join(d, "mentions.jsonl"), encoding="utf-8"):
        if json.loads(l)["sent_id"] in want: gold.append(l)
ids = [s for s in held if s in texts]
docs = {}
with open(os.path.join(work, "in.jsonl"), "w", encoding="utf-8") as f:
    for k in range(0, len(ids), 25):
        part = ids[k:k + 25]; did = "doc-%03d" % (k // 25); docs[did] = part
        f.write(json.dumps({"id": did, "text": "\n\n".join(texts[s] for s in part), "language": "vi"}, ensure_ascii=False) + "\n")
json.dump(docs, open(os.path.join(work, "map.json"), "w"))
open(os.path.join(work, "gold.jsonl"), "w", encoding="utf-8").writelines(gold)
open(os.path.join(work, "scope.txt"), "w").write("\n".join(ids) + "\n")
print(f"{len(ids)} held-out sentences in {len(docs)} documents, {len(gold)} gold mentions", file=sys.stderr)
PY
"$MEKONG" run -p "$PIPELINE" "$WORK/in.jsonl" -o "$WORK/out.jsonl" 2>"$WORK/run.log" || { cat "$WORK/run.log"; exit 1; }
python3 "$TOOLS/mekong_to_mentions.py" entities "$WORK/out.jsonl" "$WORK/map.json" > "$WORK/sys.jsonl"
python3 "$TOOLS/mention_score.py" entities "$WORK/sys.jsonl" --gold "$WORK/gold.jsonl" --scope "$WORK/scope.txt" --show "$SHOW"
