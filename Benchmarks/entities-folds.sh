#!/usr/bin/env bash
# Cross-validation on the treebank's training part: a development signal on treebank text that
# the shipped model has not learnt by heart, without touching the held-out part.
#
#   Benchmarks/entities-folds.sh [SHOW]     (SHOW: errors listed, pooled over the folds)
#   TRAIN_DATA=DIR Benchmarks/entities-folds.sh   train on the sources of DIR instead of Data/entities
#                                            (it must hold vtb/ and heldout.txt; to try more data)
#
# The treebank source of Data/entities (Data/entities/vtb) is cut into documents of 25 consecutive
# sentences, as the held-out list cuts it (Data/entities/heldout.txt holds documents 4, 9, 14, …).
# Fold r (r = 0…3) is every training document whose number is r modulo 5. For each fold a model is
# trained (`mekong train ner`, the shipped settings) on everything but the held-out part and that
# fold; Pipelines/news.json with that model then reads the fold as documents of 25 sentences, and the
# four folds' output is scored together by ../shared/tools/mention_score.py. The knowledge base and
# the rules are the shipped ones: they were written with the whole training part in view, so the
# figures are kinder than a truly unseen set's, but the recognizer is not.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${SHARED:-$ROOT/../shared}/tools
SHOW=${1:-0}
MEKONG=${MEKONG:-$ROOT/.build/release/mekong}
[ -x "$MEKONG" ] || (cd "$ROOT" && swift build -c release --product mekong >/dev/null)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA=${TRAIN_DATA:-$ROOT/Data/entities}
python3 - "$DATA" "$WORK" <<'PY'
import json, os, sys
data, work = sys.argv[1], sys.argv[2]
held = {l.strip() for l in open(os.path.join(data, "heldout.txt")) if l.strip() and not l.startswith("#")}
ids = [json.loads(l)["sent_id"] for l in open(os.path.join(data, "vtb", "sentences.jsonl"), encoding="utf-8")]
documents = [ids[k:k + 25] for k in range(0, len(ids), 25)]
for r in range(4):
    fold = [s for d, doc in enumerate(documents) if d % 5 == r for s in doc]
    assert not held & set(fold), "a fold holds held-out sentences"
    os.makedirs(os.path.join(work, f"f{r}", "data"))
    os.symlink(os.path.join(data, "vtb"), os.path.join(work, f"f{r}", "data", "vtb"))
    open(os.path.join(work, f"f{r}", "data", "heldout.txt"), "w").write("\n".join(fold) + "\n")
    open(os.path.join(work, f"f{r}", "exclude.txt"), "w").write("\n".join(sorted(held | set(fold))) + "\n")
PY
for r in 0 1 2 3; do
  f=$WORK/f$r
  # The trainer scores the model alone on what it leaves out, which includes the held-out part:
  # that report is not read.
  "$MEKONG" train ner --data "$DATA" --heldout "$f/exclude.txt" -o "$f/model.mkner" >/dev/null 2>&1
  python3 - "$ROOT/Pipelines/news.json" "$f/model.mkner" > "$f/pipeline.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
p.pop("$schema", None)
for s in p["stages"]:
    if s["use"] == "entities": s.setdefault("with", {})["model"] = sys.argv[2]
print(json.dumps(p, ensure_ascii=False))
PY
  python3 "$ROOT/Benchmarks/entities-heldout-data.py" "$f/data" "$f" 25 2>/dev/null
  "$MEKONG" run -p "$f/pipeline.json" "$f/in.jsonl" -o "$f/out.jsonl" 2>"$f/run.log" || { cat "$f/run.log"; exit 1; }
  python3 "$TOOLS/mekong_to_mentions.py" entities "$f/out.jsonl" "$f/map.json" > "$f/sys.jsonl"
  python3 "$TOOLS/mention_score.py" entities "$f/sys.jsonl" --gold "$f/gold.jsonl" --scope "$f/scope.txt" |
    grep -E '^\((a|b|c)\)' | sed "s/^/fold $r /"
done
cat "$WORK"/f?/sys.jsonl > "$WORK/sys.jsonl"
cat "$WORK"/f?/gold.jsonl > "$WORK/gold.jsonl"
cat "$WORK"/f?/scope.txt > "$WORK/scope.txt"
echo "all folds:"
python3 "$TOOLS/mention_score.py" entities "$WORK/sys.jsonl" --gold "$WORK/gold.jsonl" --scope "$WORK/scope.txt" --show "$SHOW"
