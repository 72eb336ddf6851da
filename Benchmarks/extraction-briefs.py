#!/usr/bin/env python3
"""Score main-text extraction on the short-article pages of Data/extraction-briefs.

Reads one or more system outputs (JSON Lines with "id" — the page file's name or a path ending in
it — and "text") and prints, per page of the chosen part, bag-of-words F1 by the definitions of
../shared/tools/extraction_score.py (NFC + casefold + \\w+ tokens, multiset overlap), then the mean
F1, the mean precision and recall, and how many pages fall below 0.6. With two outputs, the table
puts them side by side (before, after).

  Benchmarks/extraction-briefs.py --part dev SYSTEM.jsonl [OTHER.jsonl] [--names before,after]
"""
import argparse, json, statistics, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))
from extraction_score import bow  # the shared scorer's own bag-of-words overlap

DATA = ROOT / "Data" / "extraction-briefs"


def truth(part):
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((DATA / part).glob("*.txt"))}


def read_system(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        out[Path(r["id"]).name.removesuffix(".html")] = r.get("text") or ""
    return out


def prf(gold, pred):
    tp, fp, fn = bow(gold, pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=["dev", "test"], required=True)
    ap.add_argument("systems", nargs="+")
    ap.add_argument("--names", default="")
    ap.add_argument("--quiet", action="store_true", help="only the summary lines")
    a = ap.parse_args()
    gold = truth(a.part)
    systems = [read_system(s) for s in a.systems]
    names = a.names.split(",") if a.names else [Path(s).stem for s in a.systems]
    kinds = json.loads((DATA / "pages.json").read_text(encoding="utf-8"))
    scores = [{k: prf(g, s.get(k, "")) for k, g in gold.items()} for s in systems]
    if not a.quiet:
        print("page".ljust(14) + "kind".ljust(18) + "".join(n[:12].rjust(13) for n in names))
        for k in gold:
            print(k.ljust(14) + kinds.get(k, {}).get("kind", "").ljust(18) + "".join(f"{sc[k][2]:13.3f}" for sc in scores))
    for n, sc in zip(names, scores):
        f1s = [v[2] for v in sc.values()]
        print(f"{n}: {len(f1s)} pages, mean F1 {statistics.mean(f1s):.3f}, mean P {statistics.mean(v[0] for v in sc.values()):.3f}, "
              f"mean R {statistics.mean(v[1] for v in sc.values()):.3f}, min F1 {min(f1s):.3f}, below 0.6: {sum(f < 0.6 for f in f1s)}")


if __name__ == "__main__":
    main()
