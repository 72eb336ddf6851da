#!/usr/bin/env python3
"""Whether the default knowledge base holds, with a Vietnamese and an English name, every unit issue 22
asks for: Vietnam's provinces of 2024 (63) and of 2025 (34), its district-level cities and towns (2024 map),
and every country and territory CLDR knows.

    Benchmarks/kb-coverage.py [MEKONG]        (needs ../shared/data/gazetteers-vi beside the repository)

A unit counts when `mekong kb lookup NAME --json` finds a LOC candidate in Vietnam (a province under its
own name, a city or town under its name with the province in its description or ids) that has both names.
A country counts when its `iso3166:` entity in the store has a `vi` and an `en` label. Prints the counts
and every unit missed; exits 1 when any is."""
import json, os, sqlite3, subprocess, sys
from kb_places import in_vietnam

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
mekong = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/mekong")
shared = os.environ.get("SHARED", os.path.join(root, "..", "shared"))
gaz = os.path.join(shared, "data", "gazetteers-vi")


def lookup(name):
    out = subprocess.run([mekong, "kb", "lookup", name, "--json", "--languages", "vi,en", "--limit", "40"],
                         capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def named(c):
    return c["type"] == "LOC" and c["names"].get("vi") and c["names"].get("en")


missed = []
def check(kind, name, want=None):
    ok = any(named(c) and (want(c) if want else in_vietnam(c)) for c in lookup(name))
    if not ok: missed.append(f"{kind}: {name}")
    return ok

report = []
for era, path in (("2024", "vn-units-2024-63-provinces.json"), ("2025", "vn-units-2025-34-provinces.json")):
    units = json.load(open(os.path.join(gaz, path), encoding="utf-8"))
    n = sum(check(f"province {era}", u["Name"]) for u in units)
    report.append(f"provinces of {era}: {n} of {len(units)}")
    if era == "2024":
        cities = [(d["Name"], u["Name"], u["NameEn"]) for u in units for d in u.get("District", [])
                  if d["FullName"].startswith(("Thành phố", "Thị xã"))]
        # The province named in the description (`thuộc TP.HCM` says it in short: its English name then).
        n = sum(check("district-level city or town", c, lambda x, p=p, e=e: x["id"].startswith("mekong:vn") or
                      any(s in json.dumps(x, ensure_ascii=False) for s in (p, e))) for c, p, e in cities)
        report.append(f"district-level cities and towns (2024): {n} of {len(cities)}")

store = subprocess.run([mekong, "kb", "info"], capture_output=True, text=True).stdout.splitlines()[0].strip()
db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
countries = db.execute("""select e.id,
    exists(select 1 from name n where n.rid = e.rid and n.lang = 'vi' and n.kind = 0),
    exists(select 1 from name n where n.rid = e.rid and n.lang = 'en' and n.kind = 0)
    from entity e where e.id like 'iso3166:%'""").fetchall()
n = 0
for cid, vi, en in countries:
    if vi and en: n += 1
    else: missed.append(f"country: {cid} (vi {bool(vi)}, en {bool(en)})")
report.append(f"countries and territories (CLDR): {n} of {len(countries)}")
print("\n".join(report))
for m in missed: print("  missed " + m)
sys.exit(1 if missed else 0)
