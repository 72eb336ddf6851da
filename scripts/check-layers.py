#!/usr/bin/env python3
"""Checks that no folder of Sources/Mekong names a type declared only in a folder above it.

The layers, bottom up, are those of docs/architecture.md; folders on one line are peers and
may use each other. A crude reading of Swift (type declarations by keyword, uses by word,
comments left out) that is enough to keep the folders honest. Exits 1 and lists each use
that reaches up."""
import glob, re, sys

LAYERS = [
    ["Support", "JSON", "ICU", "Document"],
    ["Markup", "Input", "Normalization", "Breaking", "Segmentation", "Quantities", "Recognition", "Knowledge", "Exports"],
    ["Pipeline"],
    ["Stages", "Plugins"],
    ["Runner"],
]
level = {folder: i for i, layer in enumerate(LAYERS) for folder in layer}
root = sys.argv[1] if len(sys.argv) > 1 else "Sources/Mekong"
files = sorted(glob.glob(f"{root}/*/*.swift"))
declared = {}
sources = {}
for path in files:
    folder = path.split("/")[-2]
    if folder not in level:
        print(f"{path}: folder '{folder}' is in no layer (add it to scripts/check-layers.py and docs/architecture.md)")
        sys.exit(1)
    text = re.sub(r"//[^\n]*", "", open(path, encoding="utf-8").read())
    sources[path] = text
    for m in re.finditer(r"^\s*(?:(?:public|internal|fileprivate|private|final|indirect)\s+)*(?:struct|enum|class|protocol|typealias|actor)\s+([A-Z]\w*)", text, re.M):
        declared.setdefault(m.group(1), set()).add(folder)
found = []
for path, text in sources.items():
    folder = path.split("/")[-2]
    words = set(re.findall(r"\b[A-Z]\w+\b", text))
    for name in sorted(words):
        homes = declared.get(name)
        if homes and all(level[h] > level[folder] for h in homes):
            found.append(f"{path}: uses {name} ({', '.join(sorted(homes))}, a higher layer)")
print("\n".join(found) if found else f"layers: {len(files)} files, no folder reaches up")
sys.exit(1 if found else 0)
