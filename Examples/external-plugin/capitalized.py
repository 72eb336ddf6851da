#!/usr/bin/env python3
"""A Mekong external stage in plain Python: marks runs of capitalized words.

Protocol: Mekong starts this program once and keeps it running. For each document it
writes one line of JSON (the same record as `mekong run` writes) to stdin; the program
answers with the document, layers added, as one line of JSON on stdout, and flushes.
Offsets are Unicode code points, end exclusive, so Python's str indices are Mekong's
offsets as they are. Anything written to stderr is kept in the error of a failed document.

Pipeline entry:
  {"use": "external", "with": {"command": ["python3", "capitalized.py"], "adds": ["capitalized"]}}
"""
import json
import re
import sys

WORD = re.compile(r"[^\W_]+", re.UNICODE)


def capitalized_runs(text):
    """Maximal runs of capitalized words joined by single spaces or hyphens."""
    runs = []
    start = end = None
    for word in WORD.finditer(text):
        capitalized = word.group(0)[0].isupper()
        joined = end is not None and word.start() - end == 1 and text[end] in " -"
        if capitalized and joined:
            end = word.end()
            continue
        if start is not None:
            runs.append((start, end))
        start, end = (word.start(), word.end()) if capitalized else (None, None)
    if start is not None:
        runs.append((start, end))
    return runs


def annotate(document):
    text = document.get("text") or ""
    spans = capitalized_runs(text)
    layers = document.setdefault("layers", {})
    layers["capitalized"] = [
        {"start": s, "end": e, "label": "CAP", "text": text[s:e]} for s, e in spans
    ]
    document.setdefault("metadata", {})["capitalizedCount"] = len(spans)
    return document


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        document = json.loads(line)
        sys.stdout.write(json.dumps(annotate(document), ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
