#!/usr/bin/env python3
"""Formats bench/work/peers/rows.tsv as a Markdown table: docs/s (wall clock), words per
CPU-second (user + system time), peak RSS, and chronicle's ratio to each peer on the same row
group (chronicle's words per CPU-second over the peer's; for quality rows, F1 over F1)."""
import sys


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    f += [""] * (10 - len(f))
    task, system, quality, docs, words, e, user, sys_, peak = f[:9]
    d, w, e, u, s, m = map(num, (docs, words, e, user, sys_, peak))
    rows.append(dict(task=task, system=system, quality=quality,
                     dps=d / e if d and e else None,
                     wpc=w / (u + s) if w and u is not None and s is not None and u + s > 0 else None,
                     mb=m / 1024 if m else None))
# the last row per (task, system) wins (sections can be rerun)
seen = {}
for r in rows:
    seen[(r["task"], r["system"])] = r
rows = list(seen.values())
print("| task | system | quality | docs/s | words/s per CPU-s | peak RSS | chronicle ÷ peer |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    chron = next((c for c in rows if c["task"] == r["task"] and c["system"].startswith("chronicle")), None)
    ratio = ""
    if chron and chron is not r and not r["quality"].startswith("failed"):
        if chron["wpc"] and r["wpc"]:
            ratio = f"{chron['wpc'] / r['wpc']:.1f}× speed"
        else:
            cq = num(chron["quality"].split()[-1]) if chron["quality"] else None
            pq = num(r["quality"].split()[-1]) if r["quality"] else None
            if cq is not None and pq:
                ratio = f"{cq / pq:.2f}× F1"
    fmt = lambda v, spec: format(v, spec) if v is not None else ""
    print(f"| {r['task']} | {r['system']} | {r['quality']} | {fmt(r['dps'], ',.1f')} | "
          f"{fmt(r['wpc'], ',.0f')} | {fmt(r['mb'], ',.0f') + (' MB' if r['mb'] else '')} | {ratio} |")
