#!/usr/bin/env python3
"""Writes the WARC fixtures the tests read (run again only to change them):
two-records.warc(.gz): warcinfo, request, a windows-1258 HTML response whose charset only the
HTTP header gives, a revisit, a text/plain resource, a 404 response and a truncated record."""
import gzip, sys
from pathlib import Path

here = Path(__file__).resolve().parent

def record(kind, headers, body):
    head = [b"WARC/1.0", b"WARC-Type: " + kind.encode()]
    head += [f"{k}: {v}".encode() for k, v in headers.items()]
    head.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(head) + b"\r\n\r\n" + body + b"\r\n\r\n"

html = "<html><head><title>Tin Hà Nội</title></head><body><article><p>Hà Nội là thủ đô của Việt Nam, " \
       "nơi có nhiều di tích lịch sử và văn hóa lâu đời của dân tộc.</p></article></body></html>"
# windows-1258 keeps tone marks as combining characters; Python's codec needs decomposed input.
import unicodedata
TONES = "\u0300\u0301\u0303\u0309\u0323"
def tones_apart(text):
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(m for m in d if m not in TONES)) + "".join(m for m in d if m in TONES))
    return "".join(out)
html_1258 = tones_apart(html).encode("cp1258")
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1258\r\nContent-Length: " + \
       str(len(html_1258)).encode() + b"\r\n\r\n" + html_1258
records = [
    record("warcinfo", {"WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000000>", "Content-Type": "application/warc-fields"},
           b"software: mekong-fixtures\r\n"),
    record("request", {"WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000001>", "WARC-Target-URI": "https://tin.example/ha-noi"},
           b"GET /ha-noi HTTP/1.1\r\nHost: tin.example\r\n\r\n"),
    record("response", {"WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000002>", "WARC-Target-URI": "https://tin.example/ha-noi",
                         "WARC-Date": "2025-02-09T12:00:00Z", "WARC-Payload-Digest": "sha1:FIXTUREDIGEST",
                         "Content-Type": "application/http; msgtype=response"}, http),
    record("revisit", {"WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000003>", "WARC-Target-URI": "https://tin.example/ha-noi",
                       "WARC-Refers-To": "<urn:uuid:00000000-0000-0000-0000-000000000002>"}, b""),
    record("resource", {"WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000004>", "WARC-Target-URI": "file:///notes.txt",
                        "Content-Type": "text/plain; charset=utf-8"}, "Ghi chú: giá 112,6 tỷ USD.".encode()),
    record("response", {"WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-000000000005>", "WARC-Target-URI": "https://tin.example/missing",
                        "Content-Type": "application/http; msgtype=response"}, b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nGone"),
]
truncated = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000006>\r\n" \
            b"WARC-Target-URI: https://tin.example/cut\r\nContent-Length: 500\r\n\r\nHTTP/1.1 200 OK\r\n"
(here / "records.warc").write_bytes(b"".join(records) + truncated)
with open(here / "records.warc.gz", "wb") as f:
    for r in records:
        f.write(gzip.compress(r, mtime=0))
    f.write(gzip.compress(truncated, mtime=0))
