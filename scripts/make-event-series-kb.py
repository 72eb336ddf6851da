#!/usr/bin/env python3
"""Writes Sources/Mekong/Resources/kb/events.jsonl: the editions of the event series Vietnamese news names by
number or year — Summer Olympics, Asian Games, FIFA World Cup, AFC Asian Cup, SEA Games and the National
Congresses of the Communist Party of Vietnam — with English Wikipedia's titles ("2024 Summer Olympics",
"12th National Congress of the Communist Party of Vietnam") and the ways Vietnamese news writes them
("Olympic Paris 2024", "Thế vận hội lần thứ 28", "Asiad 2026", "SEA Games 33", "Đại hội XII", "Đại hội Đảng lần thứ XIV").
Written for Mekong from the public record of the editions (years, numbers, host cities).
Usage: scripts/make-event-series-kb.py > Sources/Mekong/Resources/kb/events.jsonl"""
import json

def roman(n):
    out = ""
    for v, s in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        while n >= v: out += s; n -= v
    return out

def ordinal(n):
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"

entities = []
def add(key, en, vi, aliases_vi, aliases_en, desc_vi, desc_en, prior=0.6):
    entities.append({"id": f"mekong:{key}", "type": "EVENT", "prior": prior,
                     "labels": {"vi": vi, "en": en},
                     "aliases": {k: v for k, v in {"vi": sorted(set(aliases_vi) - {vi}), "en": sorted(set(aliases_en) - {en})}.items() if v},
                     "descriptions": {"vi": desc_vi, "en": desc_en}})

# Summer Olympics: year, host city as English and as Vietnamese news writes it.
olympics = [(1896, "Athens", "Athens"), (1900, "Paris", "Paris"), (1904, "St. Louis", "St. Louis"), (1908, "London", "London"),
            (1912, "Stockholm", "Stockholm"), (1920, "Antwerp", "Antwerp"), (1924, "Paris", "Paris"), (1928, "Amsterdam", "Amsterdam"),
            (1932, "Los Angeles", "Los Angeles"), (1936, "Berlin", "Berlin"), (1948, "London", "London"), (1952, "Helsinki", "Helsinki"),
            (1956, "Melbourne", "Melbourne"), (1960, "Rome", "Rome"), (1964, "Tokyo", "Tokyo"), (1968, "Mexico City", "Mexico City"),
            (1972, "Munich", "Munich"), (1976, "Montreal", "Montreal"), (1980, "Moscow", "Moscow"), (1984, "Los Angeles", "Los Angeles"),
            (1988, "Seoul", "Seoul"), (1992, "Barcelona", "Barcelona"), (1996, "Atlanta", "Atlanta"), (2000, "Sydney", "Sydney"),
            (2004, "Athens", "Athens"), (2008, "Beijing", "Bắc Kinh"), (2012, "London", "London"), (2016, "Rio de Janeiro", "Rio"),
            (2020, "Tokyo", "Tokyo"), (2024, "Paris", "Paris"), (2028, "Los Angeles", "Los Angeles"), (2032, "Brisbane", "Brisbane")]
for year, city, city_vi in olympics:
    vi = f"Olympic {city_vi} {year}"
    # Games are numbered by Olympiad, the cancelled ones (1916, 1940, 1944) counted: 2004 is the 28th.
    n = (year - 1896) // 4 + 1
    aliases = [f"Olympic {year}", f"Thế vận hội {year}", f"Thế vận hội Mùa hè {year}", f"Olympic {city} {year}",
               f"Thế vận hội {city_vi} {year}", f"Olympics {year}"]
    aliases += [f"{head} lần thứ {x}" for head in ("Thế vận hội", "Thế vận hội Olympic", "Thế vận hội Mùa hè", "Olympic")
                for x in (n, roman(n))]
    # A city that hosted the Games once names them without the year ("Olympic Bắc Kinh").
    if sum(1 for _, c, _ in olympics if c == city) == 1:
        aliases += [f"Olympic {city_vi}", f"Thế vận hội {city_vi}", f"Olympic {city}"]
    add(f"olympics-{year}", f"{year} Summer Olympics", vi, aliases, [f"{city} {year}", f"{city} Olympics"],
        f"Thế vận hội Mùa hè {year} tại {city_vi}", f"Summer Olympic Games held in {city} in {year}")

# Asian Games: number, year, host.
asiad = [(1951, "New Delhi"), (1954, "Manila"), (1958, "Tokyo"), (1962, "Jakarta"), (1966, "Bangkok"), (1970, "Bangkok"),
         (1974, "Tehran"), (1978, "Bangkok"), (1982, "New Delhi"), (1986, "Seoul"), (1990, "Beijing"), (1994, "Hiroshima"),
         (1998, "Bangkok"), (2002, "Busan"), (2006, "Doha"), (2010, "Guangzhou"), (2014, "Incheon"), (2018, "Jakarta–Palembang"),
         (2022, "Hangzhou"), (2026, "Aichi–Nagoya"), (2030, "Doha")]
for n, (year, city) in enumerate(asiad, start=1):
    add(f"asian-games-{year}", f"{year} Asian Games", f"ASIAD {year}",
        [f"Asiad {year}", f"Asian Games {year}", f"ASIAD {n}", f"Asiad {n}", f"ASIAD lần thứ {n}", f"Asian Games {n}",
         f"Asian Games lần thứ {n}", f"Đại hội Thể thao châu Á {year}",
         f"Đại hội Thể thao châu Á lần thứ {n}"], [f"Asiad {year}"],
        f"Đại hội Thể thao châu Á lần thứ {n}", f"Asian Games held in {city} in {year}")

# FIFA World Cup.
for year in [y for y in range(1930, 2031, 4) if y not in (1942, 1946)]:
    add(f"fifa-world-cup-{year}", f"{year} FIFA World Cup", f"World Cup {year}",
        [f"VCK World Cup {year}", f"vòng chung kết World Cup {year}", f"Cúp thế giới {year}", f"FIFA World Cup {year}"], [f"World Cup {year}"],
        f"vòng chung kết Giải vô địch bóng đá thế giới {year}", f"FIFA World Cup finals of {year}")

# AFC Asian Cup (the 2023 edition was played in 2024 and keeps its year in its name).
for year in [1956, 1960, 1964, 1968, 1972, 1976, 1980, 1984, 1988, 1992, 1996, 2000, 2004, 2007, 2011, 2015, 2019, 2023, 2027]:
    add(f"afc-asian-cup-{year}", f"{year} AFC Asian Cup", f"Asian Cup {year}",
        [f"AFC Asian Cup {year}", f"VCK Asian Cup {year}", f"Cúp bóng đá châu Á {year}"], [f"Asian Cup {year}"],
        f"Cúp bóng đá châu Á {year}", f"AFC Asian Cup of {year}")

# Southeast Asian (Peninsular) Games: number, year (the 31st, of 2021, was held in 2022 under its own year).
sea = [1959, 1961, 1965, 1967, 1969, 1971, 1973, 1975, 1977, 1979, 1981, 1983, 1985, 1987, 1989, 1991, 1993, 1995, 1997, 1999,
       2001, 2003, 2005, 2007, 2009, 2011, 2013, 2015, 2017, 2019, 2021, 2023, 2025]
for n, year in enumerate(sea, start=1):
    en = f"{year} Southeast Asian Peninsular Games" if year <= 1975 else f"{year} SEA Games"
    add(f"sea-games-{n}", en, f"SEA Games {n}",
        [f"SEA Games {year}", f"SEA Games lần thứ {n}", f"SEA Games {roman(n)}", f"Đại hội Thể thao Đông Nam Á lần thứ {n}",
         f"Đại hội Thể thao Đông Nam Á {year}"] + ([f"SEAP Games {year}"] if year <= 1975 else []),
        [f"{year} Southeast Asian Games"], f"Đại hội Thể thao Đông Nam Á lần thứ {n} ({year})", f"Southeast Asian Games of {year}")

# National Congresses of the Communist Party of Vietnam.
congresses = [1935, 1951, 1960, 1976, 1982, 1986, 1991, 1996, 2001, 2006, 2011, 2016, 2021, 2026]
for n, year in enumerate(congresses, start=1):
    r = roman(n)
    vi = f"Đại hội đại biểu toàn quốc lần thứ {r} của Đảng Cộng sản Việt Nam"
    aliases = [f"Đại hội {r}", f"Đại hội Đảng {r}", f"Đại hội Đảng lần thứ {r}", f"Đại hội Đảng lần thứ {n}", f"Đại hội lần thứ {r} của Đảng",
               f"Đại hội Đảng toàn quốc lần thứ {r}", f"Đại hội đại biểu toàn quốc lần thứ {r}", f"Đại hội đại biểu toàn quốc lần thứ {r} của Đảng",
               f"Đại hội Đảng lần {r}", f"Đại hội {r} của Đảng"]
    add(f"cpv-congress-{n}", f"{ordinal(n)} National Congress of the Communist Party of Vietnam", vi, aliases, [],
        f"Đại hội Đảng toàn quốc lần thứ {r}, năm {year}", f"national congress of the Communist Party of Vietnam held in {year}", prior=0.65)

print(json.dumps({"_about": "Editions of event series, generated by scripts/make-event-series-kb.py (written for Mekong)."}, ensure_ascii=False))
for e in entities: print(json.dumps(e, ensure_ascii=False))
