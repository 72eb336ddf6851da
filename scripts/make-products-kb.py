#!/usr/bin/env python3
"""Writes Sources/Mekong/Resources/kb/products.jsonl: the products, software, online services and vehicles news
names most — phones and their generations (iPhone 16 Pro Max, Galaxy S25 Ultra), operating systems, apps and social
networks, AI models and assistants, airliners, cars sold in Vietnam, rockets — with English Wikipedia's titles
("Samsung Galaxy S25", "Google Gemini", "Boeing 787 Dreamliner") and the names news writes them by. A model's
variants (Plus, Pro Max, Ultra) link to the article that covers them. Typed MISC, as the annotation guidelines type
products. Written for Mekong from the public record of these products (names, generations, makers).
Usage: scripts/make-products-kb.py > Sources/Mekong/Resources/kb/products.jsonl"""
import json, re

entities = []

def key_of(en):
    return "product-" + re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")

def add(en, aliases=(), vi_desc="", en_desc="", prior=0.6, vi=None, links_only=()):
    """en: the English Wikipedia title; aliases: other names (English and Vietnamese news use the same
    Latin-script names); vi: a Vietnamese label where Vietnamese writes it differently. A prior under 0.5
    keeps a name that is also a common word or a person's (Claude, Llama, Sora, Zoom) from being marked
    where the recognizer found nothing: it only links a mention the recognizer found. links_only: names
    under `mul`, which link a mention the recognizer found but which it never reads as names ("Vios")."""
    label = re.sub(r" \([^)]*\)$", "", en)  # the name without Wikipedia's disambiguation
    names = sorted((set(aliases) | ({label} if label != en else set())) - {en, vi or label})
    e = {"id": f"mekong:{key_of(en)}", "type": "MISC", "prior": prior,
         "labels": {"vi": vi or label, "en": en}}
    if names: e["aliases"] = {"vi": names, "en": names}
    mul = sorted(set(links_only) - set(names) - {en, label})
    if mul: e.setdefault("aliases", {})["mul"] = mul
    e["descriptions"] = {k: v for k, v in {"vi": vi_desc, "en": en_desc}.items() if v}
    entities.append(e)

# --- Phones, tablets, computers ----------------------------------------------------------------------------
add("iPhone", ["Apple iPhone"], "điện thoại thông minh của Apple", "Apple's smartphone line", 0.7)
add("iPad", ["Apple iPad"], "máy tính bảng của Apple", "Apple's tablet line", 0.65)
for en, alias in [("MacBook", []), ("MacBook Air", []), ("MacBook Pro", []), ("iMac", []), ("Apple Watch", []),
                  ("AirPods", []), ("Apple Vision Pro", ["Vision Pro"])]:
    add(en, alias, "sản phẩm của Apple", "Apple product", 0.6)
# Generations: the article and the variants it covers.
iphones = {"iPhone 4": ["iPhone 4"], "iPhone 4S": [], "iPhone 5": [], "iPhone 5S": [], "iPhone 5C": [],
           "iPhone 6": ["iPhone 6 Plus"], "iPhone 6S": ["iPhone 6S Plus", "iPhone 6s", "iPhone 6s Plus"],
           "iPhone 7": ["iPhone 7 Plus"], "iPhone 8": ["iPhone 8 Plus"], "iPhone X": [], "iPhone XR": [],
           "iPhone XS": ["iPhone XS Max"], "iPhone 11": [], "iPhone 11 Pro": ["iPhone 11 Pro Max"],
           "iPhone 12": ["iPhone 12 mini"], "iPhone 12 Pro": ["iPhone 12 Pro Max"], "iPhone 13": ["iPhone 13 mini"],
           "iPhone 13 Pro": ["iPhone 13 Pro Max"], "iPhone 14": ["iPhone 14 Plus"], "iPhone 14 Pro": ["iPhone 14 Pro Max"],
           "iPhone 15": ["iPhone 15 Plus"], "iPhone 15 Pro": ["iPhone 15 Pro Max"], "iPhone 16": ["iPhone 16 Plus"],
           "iPhone 16 Pro": ["iPhone 16 Pro Max"], "iPhone 16e": [], "iPhone 17": [], "iPhone 17 Pro": ["iPhone 17 Pro Max"],
           "iPhone Air": [], "iPhone SE": []}
for en, variants in iphones.items():
    add(en, variants, "điện thoại iPhone của Apple", "iPhone model by Apple", 0.6)
add("Samsung Galaxy", ["Galaxy"], "dòng thiết bị di động của Samsung", "Samsung's line of mobile devices", 0.45)
galaxy_s = {"Samsung Galaxy S III": "S3", "Samsung Galaxy S4": "S4", "Samsung Galaxy S5": "S5", "Samsung Galaxy S6": "S6",
            "Samsung Galaxy S7": "S7", "Samsung Galaxy S8": "S8", "Samsung Galaxy S9": "S9", "Samsung Galaxy S10": "S10",
            "Samsung Galaxy S20": "S20", "Samsung Galaxy S21": "S21", "Samsung Galaxy S22": "S22", "Samsung Galaxy S23": "S23",
            "Samsung Galaxy S24": "S24", "Samsung Galaxy S25": "S25"}
for en, short in galaxy_s.items():
    names = [f"{p}{short}{v}" for p in ["Galaxy ", "Samsung Galaxy "] for v in ["", "+", " Plus", " Ultra", " Edge", " FE"]]
    add(en, names, "điện thoại Galaxy S của Samsung", "Samsung Galaxy S smartphone", 0.6)
for n in range(3, 8):
    for kind in ["Fold", "Flip"]:
        add(f"Samsung Galaxy Z {kind}{n}", [f"Galaxy Z {kind}{n}", f"Galaxy Z {kind} {n}", f"Samsung Galaxy Z {kind} {n}", f"Z {kind}{n}"],
            "điện thoại gập của Samsung", "Samsung foldable smartphone", 0.55)
for en, names, prior in [("Google Pixel", ["Pixel"], 0.45), ("Xbox", [], 0.55), ("PlayStation 5", ["PS5"], 0.55), ("PlayStation", [], 0.55),
                         ("Nintendo Switch", [], 0.55), ("Nintendo Switch 2", [], 0.55)]:
    add(en, names, "thiết bị điện tử", "consumer electronics", prior)

# --- Operating systems, software, online services ------------------------------------------------------------
for en, names, vi_desc, en_desc in [
        ("Microsoft Windows", ["Windows"], "hệ điều hành của Microsoft", "Microsoft's operating system"),
        ("Windows XP", [], "hệ điều hành của Microsoft", "Microsoft operating system"),
        ("Windows Vista", [], "hệ điều hành của Microsoft", "Microsoft operating system"),
        ("Windows 7", [], "hệ điều hành của Microsoft", "Microsoft operating system"),
        ("Windows 8", [], "hệ điều hành của Microsoft", "Microsoft operating system"),
        ("Windows 10", [], "hệ điều hành của Microsoft", "Microsoft operating system"),
        ("Windows 11", [], "hệ điều hành của Microsoft", "Microsoft operating system"),
        ("Android (operating system)", ["Android"], "hệ điều hành di động của Google", "Google's mobile operating system"),
        ("iOS", [], "hệ điều hành di động của Apple", "Apple's mobile operating system"),
        ("macOS", [], "hệ điều hành của Apple", "Apple's desktop operating system"),
        ("Linux", [], "hệ điều hành mã nguồn mở", "open-source operating system"),
        ("Microsoft Office", [], "bộ phần mềm văn phòng của Microsoft", "Microsoft's office suite"),
        ("Microsoft Teams", ["Teams"], "ứng dụng họp trực tuyến của Microsoft", "Microsoft's meeting and chat app"),
        ("Microsoft Copilot", ["Copilot"], "trợ lý trí tuệ nhân tạo của Microsoft", "Microsoft's AI assistant"),
        ("GitHub Copilot", [], "trợ lý lập trình trí tuệ nhân tạo", "AI coding assistant"),
        ("Microsoft Azure", ["Azure"], "dịch vụ điện toán đám mây của Microsoft", "Microsoft's cloud platform"),
        ("Microsoft Bing", ["Bing"], "công cụ tìm kiếm của Microsoft", "Microsoft's search engine"),
        ("Microsoft Outlook", ["Outlook"], "ứng dụng thư điện tử của Microsoft", "Microsoft's email client"),
        ("Skype", [], "ứng dụng gọi điện trực tuyến", "video call application"),
        ("Google Search", [], "công cụ tìm kiếm của Google", "Google's search engine"),
        ("Gmail", [], "dịch vụ thư điện tử của Google", "Google's email service"),
        ("Google Maps", [], "dịch vụ bản đồ của Google", "Google's map service"),
        ("Google Chrome", ["Chrome"], "trình duyệt của Google", "Google's web browser"),
        ("Google Meet", [], "ứng dụng họp trực tuyến của Google", "Google's video meeting service"),
        ("Google Drive", [], "dịch vụ lưu trữ của Google", "Google's file storage service"),
        ("Google Translate", ["Google Dịch"], "dịch vụ dịch máy của Google", "Google's machine translation service"),
        ("Google Play", ["CH Play", "Google Play Store"], "kho ứng dụng của Google", "Google's app store"),
        ("App Store", ["Apple App Store"], "kho ứng dụng của Apple", "Apple's app store"),
        ("Google Cloud Platform", ["Google Cloud"], "dịch vụ điện toán đám mây của Google", "Google's cloud platform"),
        ("Amazon Web Services", ["AWS"], "dịch vụ điện toán đám mây của Amazon", "Amazon's cloud platform"),
        ("Instagram", [], "mạng xã hội chia sẻ ảnh của Meta", "Meta's photo-sharing social network"),
        ("WhatsApp", [], "ứng dụng nhắn tin của Meta", "Meta's messaging app"),
        ("Facebook Messenger", ["Messenger"], "ứng dụng nhắn tin của Meta", "Meta's messaging app"),
        ("Threads (social network)", [], "mạng xã hội của Meta", "Meta's social network"),
        ("Telegram (software)", ["Telegram"], "ứng dụng nhắn tin", "messaging app"),
        ("WeChat", [], "ứng dụng nhắn tin của Tencent", "Tencent's messaging app"),
        ("Tencent QQ", ["QQ"], "ứng dụng nhắn tin của Tencent", "Tencent's messaging app"),
        ("Douyin", [], "ứng dụng video ngắn của ByteDance tại Trung Quốc", "ByteDance's short-video app in China"),
        ("Weibo", [], "mạng xã hội Trung Quốc", "Chinese social network"),
        ("Spotify", [], "dịch vụ nghe nhạc trực tuyến", "music streaming service"),
        ("Starlink", [], "mạng internet vệ tinh của SpaceX", "SpaceX's satellite internet service"),
        ("Zoom (software)", ["Zoom"], "ứng dụng họp trực tuyến", "video meeting software")]:
    # Zoom is also a verb and a surname: it links a mention the recognizer found, and adds none.
    add(en, names, vi_desc, en_desc, 0.45 if en.startswith("Zoom") else 0.6)

# --- AI models and assistants --------------------------------------------------------------------------------
for en, names, prior in [("GPT-3", [], 0.55), ("GPT-4", [], 0.6), ("GPT-4o", [], 0.6), ("GPT-4.5", [], 0.55), ("GPT-5", [], 0.6),
                         ("Google Gemini", ["Gemini"], 0.6), ("Grok (chatbot)", ["Grok"], 0.6),
                         ("Claude (language model)", ["Claude AI"], 0.45), ("Llama (language model)", ["Llama"], 0.45),
                         ("Qwen", [], 0.55),
                         ("Sora (text-to-video model)", [], 0.4), ("Midjourney", [], 0.55), ("Perplexity AI", ["Perplexity"], 0.5),
                         ("Siri", [], 0.55), ("Google Assistant", [], 0.55), ("Amazon Alexa", ["Alexa"], 0.55)]:
    add(en, names, "mô hình, trợ lý trí tuệ nhân tạo", "artificial intelligence model or assistant", prior)

# --- Aircraft, rockets ---------------------------------------------------------------------------------------
airliners = {"Airbus A220": [], "Airbus A300": [], "Airbus A310": [], "Airbus A319": [], "Airbus A320": ["A320neo"],
             "Airbus A321": ["A321neo", "A321XLR", "A321LR"], "Airbus A330": ["A330-200", "A330-300"], "Airbus A330neo": ["A330-900"],
             "Airbus A340": [], "Airbus A350": ["A350-900", "A350-1000", "A350 XWB"], "Airbus A380": [],
             "Boeing 737": [], "Boeing 737 MAX": ["737 MAX", "Boeing 737 MAX 8", "737 MAX 8"], "Boeing 747": [], "Boeing 757": [],
             "Boeing 767": [], "Boeing 777": ["777-300ER"], "Boeing 777X": [], "Boeing 787 Dreamliner": ["Boeing 787", "787 Dreamliner", "Dreamliner", "Boeing 787-9", "Boeing 787-10"],
             "Comac C919": ["C919"], "ATR 72": []}
for en, names in airliners.items():
    maker, short = en.split(" ", 1)
    # Variants with and without the maker ("A321neo", "Airbus A321neo"): the longer name is the mention.
    variants = names + [f"{maker} {n}" for n in names if not n.startswith(maker)]
    add(en, variants + ([short] if re.fullmatch(r"A\d{3}", short) else []), "máy bay chở khách", "airliner", 0.55)
for en, names in [("Falcon 9", []), ("SpaceX Starship", ["Starship"]), ("New Glenn", []), ("Crew Dragon", ["Dragon 2"]),
                  ("James Webb Space Telescope", ["kính viễn vọng James Webb", "James Webb", "JWST"]), ("Hubble Space Telescope", ["kính viễn vọng Hubble", "Hubble"])]:
    add(en, names, "tên lửa, tàu, kính viễn vọng không gian", "rocket, spacecraft or space telescope", 0.5)

# --- Cars and motorcycles ------------------------------------------------------------------------------------
cars = {"Toyota Vios": [], "Toyota Camry": [], "Toyota Corolla Cross": [], "Toyota Corolla": [], "Toyota Fortuner": [],
        "Toyota Innova": [], "Toyota Land Cruiser": [], "Toyota Yaris Cross": [], "Hyundai Accent": [], "Hyundai Creta": [],
        "Hyundai Santa Fe": [], "Hyundai Tucson": [], "Hyundai i10": ["Hyundai Grand i10", "Grand i10"], "Kia Picanto": ["Kia Morning"],
        "Kia Seltos": [], "Kia Sonet": [], "Kia Carnival": [], "Kia K3": ["Kia Cerato"], "Mazda CX-5": [], "Mazda3": ["Mazda 3"],
        "Ford Ranger": [], "Ford Everest": [], "Ford Transit": [], "Mitsubishi Xpander": [], "Honda City": [], "Honda CR-V": [],
        "Honda Civic": [], "Daewoo Matiz": [], "Tesla Model 3": [], "Tesla Model Y": [], "Tesla Model S": [], "Tesla Model X": [],
        "Tesla Cybertruck": ["Cybertruck"], "BYD Seal": [], "BYD Atto 3": [],
        "VinFast Fadil": [], "VinFast Lux A2.0": ["Lux A2.0"], "VinFast Lux SA2.0": ["Lux SA2.0"], "VinFast VF e34": ["VF e34"],
        "VinFast VF 3": ["VF 3", "VF3"], "VinFast VF 5": ["VF 5", "VF5"], "VinFast VF 6": ["VF 6", "VF6"],
        "VinFast VF 7": ["VF 7", "VF7"], "VinFast VF 8": ["VF 8", "VF8"], "VinFast VF 9": ["VF 9", "VF9"],
        "Vespa": [], "Honda Super Cub": ["Super Cub"]}
for en, names in cars.items():
    # The model without its make ("mẫu Vios", "xe Matiz"), where it is a name of its own (not "3", not "City").
    make, _, model = en.partition(" ")
    alone = [model] if model and not re.fullmatch(r"[\d. ]+|City|Civic|Accent|Ranger|Transit|Everest|Seal|Carnival|Innova|Fortuner|Model [3SXY]|Super Cub|i10", model) and make not in ("VinFast",) else []
    add(en, names, "mẫu xe", "vehicle model", 0.5, links_only=alone)

seen = set()
print(json.dumps({"_about": "Products, software, services and vehicles, generated by scripts/make-products-kb.py (written for Mekong)."}, ensure_ascii=False))
for e in entities:
    assert e["id"] not in seen, e["id"]
    seen.add(e["id"])
    print(json.dumps(e, ensure_ascii=False))
