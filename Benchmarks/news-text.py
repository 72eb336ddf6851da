#!/usr/bin/env python3
"""Builds benchmark input from real Vietnamese news sentences: the sentences of UD Vietnamese-VTB
(rich in figures, dates and names), the shared sample article and Corpus/, shuffled.

    news-text.py text OUT MEGABYTES   plain text, paragraphs of 2-6 sentences, until the size is reached
    news-text.py jsonl OUT N          N JSON Lines documents of 2-4 paragraphs ({"id", "text", "language"})
"""
import glob, json, random, sys

mode, out, amount = sys.argv[1], sys.argv[2], int(sys.argv[3])
sources = sorted(glob.glob("../shared/data/ud-vi-vtb/*.conllu")) + sorted(glob.glob("../shared/corpus/*.txt")) + sorted(glob.glob("Corpus/*.txt"))
sentences = []
for path in sources:
    text = open(path, encoding="utf-8").read()
    if path.endswith(".conllu"):
        sentences += [l[len("# text ="):].strip() for l in text.split("\n") if l.startswith("# text =")]
    else:
        for p in text.split("\n"):
            sentences += [s.strip() + "." for s in p.split(". ") if len(s.strip()) > 20]
if not sentences:
    sys.exit("news-text.py: no sentences found (is ../shared beside the repository?)")

if mode == "text":
    random.seed(11)
    size = 0
    with open(out, "w", encoding="utf-8") as f:
        while size < amount * 1_000_000:
            paragraph = " ".join(random.choice(sentences) for _ in range(random.randint(2, 6))) + "\n"
            f.write(paragraph)
            size += len(paragraph.encode("utf-8"))
    print(f"{len(sentences)} distinct sentences, {size / 1e6:.1f} MB")
elif mode == "jsonl":
    random.seed(5)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(amount):
            paragraphs = [" ".join(random.choice(sentences) for _ in range(random.randint(2, 4))) for _ in range(random.randint(2, 4))]
            f.write(json.dumps({"id": f"doc-{i}", "text": "\n\n".join(paragraphs), "language": "vi"}, ensure_ascii=False) + "\n")
else:
    sys.exit(f"news-text.py: unknown mode {mode!r} (text or jsonl)")
