#!/usr/bin/env python3
"""The held-out part of Data/entities as benchmark input, for Benchmarks/entities-heldout.sh and
entities-vs-underthesea.sh:

    entities-heldout-data.py DATA WORK [N]

writes into WORK: in.jsonl (`mekong run` input: documents of N consecutive held-out sentences with
map.json listing each document's sent_ids, as ../shared/tools/conllu_to_input.py makes them; without N
one sentence a record), lines.txt (the held-out sentences, one a line), warm.txt (the training
sentences, one a line), gold.jsonl (their mentions), scope.txt and ids.json (the held-out sent_ids).
With PART=training in the environment the roles swap: the training part is scored (for error analysis
that must not look at the held-out part), the held-out sentences are the warm-up lines. With PART=all
every sentence is scored (a development-only set such as Data/entities-links has no held-out list)."""
import json, os, sys
root, work = sys.argv[1], sys.argv[2]
size = int(sys.argv[3]) if len(sys.argv) > 3 else None
part = os.environ.get("PART", "heldout")
listed = os.path.join(root, "heldout.txt")
held = [l.strip() for l in open(listed) if l.strip() and not l.startswith("#")] if os.path.exists(listed) else []
if part in ("training", "all"):
    held_set = set(held)
    held = [json.loads(l)["sent_id"] for src in sorted(os.listdir(root)) if os.path.isfile(os.path.join(root, src, "sentences.jsonl"))
            for l in open(os.path.join(root, src, "sentences.jsonl"), encoding="utf-8")]
    held = [s for s in held if part == "all" or s not in held_set]
want, texts, gold, training = set(held), {}, [], []
for src in sorted(os.listdir(root)):
    d = os.path.join(root, src)
    if not os.path.isfile(os.path.join(d, "sentences.jsonl")): continue
    for l in open(os.path.join(d, "sentences.jsonl"), encoding="utf-8"):
        o = json.loads(l)
        if o["sent_id"] in want: texts[o["sent_id"]] = o["text"]
        else: training.append(o["text"])
    gold += [l for l in open(os.path.join(d, "mentions.jsonl"), encoding="utf-8") if json.loads(l)["sent_id"] in want]
ids = [s for s in held if s in texts]
def path(name): return os.path.join(work, name)
with open(path("in.jsonl"), "w", encoding="utf-8") as f:
    if size is None:
        for s in ids: f.write(json.dumps({"id": s, "text": texts[s], "language": "vi"}, ensure_ascii=False) + "\n")
    else:
        docs = {}
        for k in range(0, len(ids), size):
            part = ids[k:k + size]; did = "doc-%03d" % (k // size); docs[did] = part
            f.write(json.dumps({"id": did, "text": "\n\n".join(texts[s] for s in part), "language": "vi"}, ensure_ascii=False) + "\n")
        json.dump(docs, open(path("map.json"), "w"))
open(path("lines.txt"), "w", encoding="utf-8").writelines(texts[s] + "\n" for s in ids)
open(path("warm.txt"), "w", encoding="utf-8").writelines(t + "\n" for t in training)
open(path("gold.jsonl"), "w", encoding="utf-8").writelines(gold)
open(path("scope.txt"), "w").write("\n".join(ids) + "\n")
json.dump(ids, open(path("ids.json"), "w"))
print(f"{len(ids)} held-out sentences, {len(gold)} gold mentions", file=sys.stderr)
