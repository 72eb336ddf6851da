#!/usr/bin/env python3
"""Writes a Wikidata JSON dump of N generated entities, in the dump's exact line format (one
entity per line inside a JSON array, gzip-compressed), for `mekong kb build` benchmarks.

    generate-wikidata-dump.py N OUT.json.gz
"""
import gzip, json, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
random.seed(42)
vi_family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
vi_middle = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Quang", "Ngọc", "Xuân", "Hoài", "Bảo", "Gia"]
vi_given = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Khánh", "Lan", "Long", "Mai", "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến"]
latin = ["al", "ber", "cor", "dan", "el", "fen", "gar", "hol", "in", "jor", "kas", "lin", "mor", "nor", "ost", "par", "quin", "ros", "sel", "tor", "ul", "var", "wes", "yan", "zel"]
org_words = ["Group", "Holdings", "Bank", "Energy", "Technologies", "Foods", "Logistics", "Pharma", "Capital", "Motors"]
classes = [("Q5", 0.45), ("Q4830453", 0.2), ("Q43229", 0.05), ("Q515", 0.1), ("Q486972", 0.1), ("Q1656682", 0.05), ("Q2424752", 0.05)]

def word():
    return "".join(random.choice(latin) for _ in range(random.randint(2, 3))).capitalize()

def entity(i):
    cls = random.choices([c for c, _ in classes], [w for _, w in classes])[0]
    if cls == "Q5":
        if random.random() < 0.5:
            vi = f"{random.choice(vi_family)} {random.choice(vi_middle)} {random.choice(vi_given)}"
            en = vi
        else:
            en = vi = f"{word()} {word()}"
    elif cls in ("Q4830453", "Q43229"):
        en = f"{word()} {random.choice(org_words)}"
        vi = f"Công ty {en}" if random.random() < 0.3 else en
    else:
        en = vi = word() + (f" {word()}" if random.random() < 0.3 else "")
    qid = f"Q{10_000_000 + i}"
    links = random.randint(1, 60) if random.random() < 0.7 else 0
    sites = {s: {"site": s, "title": en, "badges": []} for s in ["enwiki", "viwiki", "frwiki", "dewiki", "eswiki", "jawiki"][: min(6, links)]}
    return {"type": "item", "id": qid,
            "labels": {"en": {"language": "en", "value": en}, "vi": {"language": "vi", "value": vi}, "fr": {"language": "fr", "value": en}},
            "descriptions": {"en": {"language": "en", "value": f"generated entity {i}"}},
            "aliases": {"en": [{"language": "en", "value": en.split()[-1]}]} if random.random() < 0.3 else {},
            "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {"value": {"entity-type": "item", "numeric-id": int(cls[1:]), "id": cls}, "type": "wikibase-entityid"}, "datatype": "wikibase-item"}, "type": "statement", "rank": "normal"}]},
            "sitelinks": {**sites, **{f"x{k}wiki": {"site": f"x{k}wiki", "title": en, "badges": []} for k in range(max(0, links - 6))}},
            "lastrevid": i}

with gzip.open(out, "wt", encoding="utf-8", compresslevel=1) as f:
    f.write("[\n")
    for i in range(n):
        f.write(json.dumps(entity(i), ensure_ascii=False))
        f.write(",\n" if i < n - 1 else "\n")
    f.write("]\n")
