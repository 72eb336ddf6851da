#!/usr/bin/env python3
# A deliberately bad external stage for the error-path tests: its behaviour depends on the
# document id ("crash…", "hang…", "garbage…", "wrongid…", "newtext…"); other documents
# get a "seen" layer.
import json
import os
import sys
import time

for line in sys.stdin:
    document = json.loads(line)
    doc_id = document["id"]
    if doc_id.startswith("crash"):
        sys.stderr.write("misbehaving.py: crashing on purpose on " + doc_id + "\n")
        sys.stderr.flush()
        os._exit(3)
    if doc_id.startswith("hang"):
        time.sleep(60)
    if doc_id.startswith("garbage"):
        sys.stdout.write("this is not JSON at all\n")
        sys.stdout.flush()
        continue
    if doc_id.startswith("wrongid"):
        document["id"] = "someone-else"
    if doc_id.startswith("newtext"):
        document["text"] = document["text"].upper()
    document.setdefault("layers", {})["seen"] = [{"start": 0, "end": len(document["text"]), "label": "seen", "pid": os.getpid()}]
    sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
    sys.stdout.flush()
