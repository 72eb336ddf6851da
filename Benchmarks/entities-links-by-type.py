#!/usr/bin/env python3
"""Link accuracy per gold type and per kind of ambiguity, beside mention_score.py's overall figure:

    entities-links-by-type.py SYSTEM.jsonl GOLD.jsonl SCOPE.txt [KB_CANDIDATES.jsonl]

A gold mention with an English title counts when the system found the same surface in the same sentence
(as mention_score.py matches them, by sentence and surface). With KB_CANDIDATES (a line a name:
{"name", "candidates": [what `mekong kb lookup NAME --json` prints]}), the detected mentions are also split
by how many candidates their name has — 0 (the knowledge base lacks the name), 1, or more (ambiguous) — and
the ambiguous ones by what makes them so:
  types       the candidates differ in type (the person or the city, the country or its language);
  vn-abroad   places, in Vietnam and abroad (Hà Nam the province or Henan);
  vn-levels   places in Vietnam only (Hải Dương the province or its city, districts of one name);
  abroad      places abroad only (Washington the capital or the state);
  namesakes   organizations or things of one type."""
import json, re, sys, unicodedata, collections
from kb_places import in_vietnam
def norm(s):
    """Names compared as mention_score.py compares them: no diacritics or case, no trailing
    administrative word, letters and digits only."""
    if not isinstance(s, str): return None
    t = unicodedata.normalize("NFD", s.replace("_", " ").replace("đ", "d").replace("Đ", "D")).casefold()
    t = re.sub(r"\s+(province|district|city|municipality|town)$", "", "".join(c for c in t if not unicodedata.combining(c)).strip())
    return re.sub(r"[\W_]+", "", t) or None
def surface(s): return unicodedata.normalize("NFC", s)
scope = set(l.strip() for l in open(sys.argv[3]) if l.strip())
system = collections.defaultdict(list)
for l in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(l); system[(o["sent_id"], surface(o["surface"]))].append(o)
def source(cands):
    """What makes a name's candidates ambiguous (None for fewer than two)."""
    if len(cands) < 2: return None
    if len({c["type"] for c in cands}) > 1: return "types"
    if cands[0]["type"] != "LOC": return "namesakes"
    home = sum(1 for c in cands if in_vietnam(c))
    return "vn-abroad" if 0 < home < len(cands) else "vn-levels" if home else "abroad"
candidates = {}
if len(sys.argv) > 4:
    for l in open(sys.argv[4], encoding="utf-8"):
        o = json.loads(l); candidates[o["name"]] = o["candidates"]
counts = {k: len(v) for k, v in candidates.items()} if len(sys.argv) > 4 else None
by_source, right_source = collections.Counter(), collections.Counter()
by_type, by_ambiguity = collections.Counter(), collections.Counter()
right_type, right_ambiguity = collections.Counter(), collections.Counter()
for l in open(sys.argv[2], encoding="utf-8"):
    g = json.loads(l)
    if g["sent_id"] not in scope or g.get("optional") or g.get("en") is None: continue
    found = system.get((g["sent_id"], surface(g["surface"])))
    if not found: continue
    # As mention_score.py pairs them: a system mention with the right link first.
    s = found.pop(next((i for i, x in enumerate(found) if norm(x.get("en")) == norm(g["en"])), 0))
    ok = norm(s.get("en")) == norm(g["en"])
    by_type[g["type"]] += 1; right_type[g["type"]] += ok
    if counts is not None:
        n = counts.get(g["surface"], 0); k = "0" if n == 0 else "1" if n == 1 else "2+"
        by_ambiguity[k] += 1; right_ambiguity[k] += ok
        src = source(candidates.get(g["surface"], []))
        if src: by_source[src] += 1; right_source[src] += ok
print("link accuracy of detected mentions, by gold type: " + "; ".join(
    f"{t} {right_type[t] / by_type[t]:.3f} ({right_type[t]}/{by_type[t]})" for t in sorted(by_type)))
if counts is not None:
    print("by knowledge-base candidates for the name: " + "; ".join(
        f"{k}: {right_ambiguity[k] / by_ambiguity[k]:.3f} ({right_ambiguity[k]}/{by_ambiguity[k]})" for k in ["0", "1", "2+"] if by_ambiguity[k]))
    print("ambiguous names by source: " + "; ".join(
        f"{k}: {right_source[k] / by_source[k]:.3f} ({right_source[k]}/{by_source[k]})"
        for k in ["types", "vn-abroad", "vn-levels", "abroad", "namesakes"] if by_source[k]))
