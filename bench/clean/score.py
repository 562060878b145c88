#!/usr/bin/env python3
"""Scores extractor outputs (JSON lines {"id", "text", "title", "date"}) on WCXB dev with the
WCXB word-level F1 (lowercased \\w+ words, multiset overlap, mean of per-page F1), title exact
match (case and spaces folded) and date accuracy (YYYY-MM-DD part) where the gold has a date.

Usage: score.py WCXB_DEV_DIR NAME=OUT.jsonl[:SECONDS:PEAK_KB] ...
"""
import glob
import json
import os
import re
import sys
from collections import Counter, defaultdict


def f1(pred, ref):
    p = Counter(re.findall(r"\w+", pred.lower()))
    r = Counter(re.findall(r"\w+", ref.lower()))
    if not r:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return (0.0, 0.0, 0.0)
    o = sum((p & r).values())
    pr, rc = o / sum(p.values()), o / sum(r.values())
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def iso(d):
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", d or "")
    return m.group(0) if m else None


dev = sys.argv[1]
gold = {}
for path in glob.glob(os.path.join(dev, "ground-truth", "*.json")):
    d = json.load(open(path))
    gold[os.path.basename(path)[:-5]] = d
print(f"{'system':<16} {'type':<14} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'title':>6} {'date':>6} {'pages/s':>8} {'peak MB':>8}")
for arg in sys.argv[2:]:
    name, rest = arg.split("=", 1)
    parts = rest.split(":")
    path = parts[0]
    secs = float(parts[1]) if len(parts) > 1 and parts[1] else None
    peak = float(parts[2]) / 1024 if len(parts) > 2 and parts[2] else None
    acc = defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0, 0, 0, 0])
    for line in open(path):
        r = json.loads(line)
        g = gold.get(r["id"])
        if not g:
            continue
        gt = g["ground_truth"]
        ty = g["_internal"]["page_type"]["primary"]
        p, rc, f = f1(r.get("text") or "", gt.get("main_content") or "")
        for key in ("all", ty):
            a = acc[key]
            a[0] += 1; a[1] += p; a[2] += rc; a[3] += f
            if gt.get("title"):
                a[4] += 1
                a[5] += " ".join((r.get("title") or "").lower().split()) == " ".join(gt["title"].lower().split())
            if iso(gt.get("publish_date")):
                a[6] += 1
                a[7] += iso(r.get("date")) == iso(gt.get("publish_date"))
    for key in ["all"] + sorted(k for k in acc if k != "all"):
        a = acc[key]
        n = a[0] or 1
        speed = f"{acc['all'][0] / secs:.0f}" if secs and key == "all" else ""
        mem = f"{peak:.0f}" if peak and key == "all" else ""
        print(f"{name:<16} {key:<14} {a[0]:>5} {a[1]/n:>6.3f} {a[2]/n:>6.3f} {a[3]/n:>6.3f} "
              f"{a[5]/max(a[4],1):>6.3f} {a[7]/max(a[6],1):>6.3f} {speed:>8} {mem:>8}")
