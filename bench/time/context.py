#!/usr/bin/env python3
"""Prints tempeval error lines with the text around each expression and the DCT.

Reads the output of `cargo run --release -p chronicle-facts --example tempeval -- DIR 100000`
(whose error lines name `file.tml:OFFSET`) on stdin; optional arguments filter by tag
(VALUE, MISS, EXTRA, BOUND, RIGHT) and by a substring of the expression:

    bench/time/context.py DIR [TAG] [SUBSTRING] < tempeval.out
"""

import html
import os
import re
import sys

CACHE = {}


def load(root, name):
    if name not in CACHE:
        path = None
        for d, _, files in os.walk(root):
            if name in files:
                path = os.path.join(d, name)
                break
        xml = open(path, encoding="utf-8").read()
        dct = re.search(r"<DCT>.*?value=\"([^\"]*)\"", xml, re.S)
        body = xml[xml.index("<TEXT>") + 6 : xml.index("</TEXT>")]
        text = html.unescape(re.sub(r"<[^>]*>", "", body))
        CACHE[name] = (dct.group(1) if dct else "?", text)
    return CACHE[name]


def main():
    root = sys.argv[1]
    tag = sys.argv[2] if len(sys.argv) > 2 else ""
    sub = sys.argv[3].lower() if len(sys.argv) > 3 else ""
    for line in sys.stdin:
        parts = line.rstrip("\n").split("\t")
        head = parts[0]
        if head[:5].strip() not in ("RIGHT", "VALUE", "MISS", "EXTRA", "BOUND"):
            continue
        if tag and not head.startswith(tag):
            continue
        if sub and sub not in parts[1].lower():
            continue
        name, off = head[6:].strip().rsplit(":", 1)
        dct, text = load(root, name)
        off = int(off)
        ctx = text[max(0, off - 110) : off + len(parts[1]) + 60].replace("\n", " ")
        print(f"{line.rstrip()}\n    dct {dct}: ...{ctx}...")


if __name__ == "__main__":
    main()
