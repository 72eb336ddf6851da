#!/usr/bin/env bash
# Mekong's entity recognition against underthesea's `ner` on the held-out sentences of
# Data/entities (Data/entities/heldout.txt): typed F1 by ../shared/tools/mention_score.py, one
# sentence a record for both; and speed on one core in the same run — underthesea.ner(sentence)
# per sentence (it segments and tags inside) against Mekong's words + entities + link stages on
# the same sentences (`mekong benchmark`, documents of one sentence, models loaded in both; Mekong
# warmed up on the training sentences, then timed once over the held-out ones, best of five runs).
#
#   Benchmarks/entities-vs-underthesea.sh
#
# underthesea is installed in a throwaway virtual environment (UNDERTHESEA_VENV, default
# /tmp/mekong-underthesea-venv) — never a dependency of Mekong.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${SHARED:-$ROOT/../shared}/tools
VENV=${UNDERTHESEA_VENV:-/tmp/mekong-underthesea-venv}
MEKONG=${MEKONG:-$ROOT/.build/release/mekong}
[ -x "$MEKONG" ] || (cd "$ROOT" && swift build -c release --product mekong >/dev/null)
[ -x "$VENV/bin/python" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q underthesea; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The held-out sentences: one JSON record each, their raw lines, the gold and the scope.
# The training sentences (warm.txt) warm Mekong up — models loaded, the knowledge base's pages and
# answers as a long run has them — without timing the held-out text twice.
python3 "$ROOT/Benchmarks/entities-heldout-data.py" "$ROOT/Data/entities" "$WORK"
N=$(wc -l < "$WORK/lines.txt")

# underthesea: mentions (BIO over its words, found back in the sentence), then the time of
# ner() over every sentence, after one warm-up call.
"$VENV/bin/python" - "$WORK" <<'PY'
import json, os, sys, time
from underthesea import ner
work = sys.argv[1]
ids = json.load(open(os.path.join(work, "ids.json")))
lines = open(os.path.join(work, "lines.txt"), encoding="utf-8").read().split("\n")[:len(ids)]
ner(lines[0])
out = open(os.path.join(work, "uts.jsonl"), "w", encoding="utf-8")
for sid, text in zip(ids, lines):
    at, cur = 0, None
    spans = []
    for word, _, _, tag in ner(text):
        i = text.find(word, at)
        if i < 0: cur = None; continue
        at = i + len(word)
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
            cur = [i, at, tag[2:]]; spans.append(cur)
        elif tag.startswith("I-"): cur[1] = at
        else: cur = None
    for a, b, t in spans:
        out.write(json.dumps({"sent_id": sid, "surface": text[a:b], "type": t if t in ("PER", "ORG", "LOC") else "MISC", "en": None}, ensure_ascii=False) + "\n")
out.close()
best = float("inf")
for _ in range(3):
    t = time.perf_counter()
    for text in lines: ner(text)
    best = min(best, time.perf_counter() - t)
open(os.path.join(work, "uts.time"), "w").write(str(best))
PY

# Mekong: the shipped pipeline, one sentence a record; then the stages' speed.
"$MEKONG" run -p "$ROOT/Pipelines/news.json" "$WORK/in.jsonl" -o "$WORK/out.jsonl" --jobs 1 2>/dev/null
python3 "$TOOLS/mekong_to_mentions.py" entities "$WORK/out.jsonl" > "$WORK/mekong.jsonl"
# Five fresh processes, each warmed up and then timed once over the held-out sentences (their
# names never seen, as in a real batch); the fastest counts, as for underthesea (best of three).
for run in 1 2 3 4 5; do
    "$MEKONG" benchmark "$WORK/lines.txt" --stages sentences,tokens,words,entities,link --baseline sentences,tokens \
        --document-size 1 --repeats 1 --stages-only --warm-up "$WORK/warm.txt" > "$WORK/mekong.bench.$run"
done

score() { python3 "$TOOLS/mention_score.py" entities "$1" --gold "$WORK/gold.jsonl" --scope "$WORK/scope.txt" --json; }
python3 - "$N" "$WORK" <(score "$WORK/mekong.jsonl") <(score "$WORK/uts.jsonl") <<'PY'
import json, re, sys
n, work = int(sys.argv[1]), sys.argv[2]
mk, ut = json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
benches = [open(f"{work}/mekong.bench.{run}").read() for run in range(1, 6)]
mk_rate = max(float(re.search(r"alone: .*?, (\d+) documents/s \(([\d.]+) s for", b)[1]) for b in benches)
mk_all = min(float(re.search(r"sentences,tokens,words,entities,link: .*?\(([\d.]+) s", b)[1]) for b in benches)
ut_time = float(open(work + "/uts.time").read()); ut_rate = n / ut_time
def f(r, k): return r[k]["f1"]
def per(r, t):
    p = r.get("per_type", {}).get(t, {}); return p.get("recall_typed", p.get("recall_mention_type", float("nan")))
print(f"{n} held-out sentences (Data/entities/heldout.txt), one a record, one core")
print(f"{'':28}{'mention F1':>11}{'typed F1':>10}{'sentences/s':>13}")
print(f"{'Mekong (news.json)':28}{f(mk,'a_mention'):>11.3f}{f(mk,'b_mention_type'):>10.3f}{mk_rate:>13,.0f}   (words+entities+link; {n/mk_all:,.0f} with sentences and tokens)")
print(f"{'underthesea ner':28}{f(ut,'a_mention'):>11.3f}{f(ut,'b_mention_type'):>10.3f}{ut_rate:>13,.0f}")
print(f"speed ratio: {mk_rate/ut_rate:,.0f}× (stages the issue names), {n/mk_all/ut_rate:,.0f}× (with sentences and tokens)")
PY
