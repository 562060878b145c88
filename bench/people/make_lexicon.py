#!/usr/bin/env python3
"""Builds crates/facts/src/entities/data/gazetteer.tsv from the PETRARCH2/Phoenix dictionaries (MIT).

    python3 bench/people/make_lexicon.py ../shared/data/petrarch2/dictionaries > crates/facts/src/entities/data/gazetteer.tsv

Lines: phrase (lowercase, spaces) TAB type (GPE, ORG) TAB group key (the dictionary entry).
Countries: the entry name and its first block of `+` aliases (other names, capital, regions).
International actors: entries without date-restricted codes (dated ones are office holders).
"""
import re
import sys

d = sys.argv[1]


def clean(s):
    s = s.split("#")[0].strip().rstrip("_").replace("_", " ").strip().lower()
    s = re.sub(r"\s+", " ", s)
    return s


def ok(p):
    return p and not re.search(r"\d", p) and len(p.split()) <= 6 and len(p) > 1


out = {}
lines = open(f"{d}/Phoenix.Countries.actors.txt", encoding="utf-8", errors="replace").read().split("\n")
i = 0
while i < len(lines):
    m = re.match(r"^([A-Z][A-Z_\-'.]+)\s+\[([A-Z]{3})\]\s*$", lines[i].split("#")[0].rstrip() + " ")
    if m or re.match(r"^([A-Z][A-Z_\-'.]+)\s+\[([A-Z]{3})\]", lines[i]):
        name = clean(lines[i].split("[")[0])
        key = name
        if ok(name):
            out.setdefault(name, ("GPE", key))
        i += 1
        while i < len(lines) and (lines[i].startswith("+") or lines[i].startswith("#")):
            if lines[i].startswith("+"):
                a = clean(lines[i][1:])
                # Other names of the country share its group; cities and regions get their own.
                words = set(name.split())
                same = (set(a.split()) & words) or any(a[:4] == w[:4] for w in words if len(w) > 3) or len(a.replace(".", "").replace(" ", "")) <= 3
                if ok(a):
                    out.setdefault(a, ("GPE", key if same else a))
            i += 1
        continue
    i += 1

lines = open(f"{d}/Phoenix.International.actors.txt", encoding="utf-8", errors="replace").read().split("\n")
block = []
for line in lines:
    if not line.strip() or line.startswith("#") or line.startswith("!"):
        continue
    if line.startswith("+"):
        block.append(clean(line[1:]))
        continue
    if line[0] in " \t":
        codes = line
    else:
        block = [clean(line.split("[")[0])]
        codes = line[line.find("["):] if "[" in line else ""
    if "[" not in codes:
        continue
    dated = re.search(r"\[[A-Z]+ [<>]?\d", codes)
    if not dated and re.search(r"\[(IGO|NGO)", codes):
        key = block[0]
        for a in block:
            if ok(a) and not re.search(r"\b(president|secretary|chief|head|representative|envoy|minister|director|chairman|spokes\w*)\b", a):
                out.setdefault(a, ("ORG", key))
    block = []

for p, (t, k) in sorted(out.items()):
    print(f"{p}\t{t}\t{k}")
