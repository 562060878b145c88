#!/usr/bin/env python3
"""Runs a Python peer extractor over the WCXB dev pages and writes one JSON line per page
({"id", "text", "title", "date"}); prints the seconds spent extracting.

Usage: peers_py.py trafilatura|readability WCXB_DEV_DIR OUT.jsonl
"""
import glob
import gzip
import json
import os
import sys
import time

which, dev, out = sys.argv[1], sys.argv[2], sys.argv[3]
if which == "trafilatura":
    import trafilatura
else:
    import lxml.html
    from readability import Document

secs = 0.0
with open(out, "w") as w:
    for path in sorted(glob.glob(os.path.join(dev, "html", "*.html.gz"))):
        pid = os.path.basename(path).replace(".html.gz", "")
        html = gzip.open(path, "rb").read().decode("utf-8", "replace")
        t0 = time.perf_counter()
        text, title, date = "", "", ""
        try:
            if which == "trafilatura":
                r = trafilatura.extract(html, output_format="json", with_metadata=True)
                if r:
                    r = json.loads(r)
                    text, title, date = r.get("text") or "", r.get("title") or "", r.get("date") or ""
            else:
                doc = Document(html)
                title = doc.short_title()
                text = lxml.html.fromstring(doc.summary()).text_content()
        except Exception:  # a peer failing on a page scores 0 on it
            pass
        secs += time.perf_counter() - t0
        w.write(json.dumps({"id": pid, "text": text, "title": title, "date": date}) + "\n")
print(f"seconds {secs:.3f}", file=sys.stderr)
