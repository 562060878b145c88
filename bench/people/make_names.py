#!/usr/bin/env python3
"""Builds crates/facts/src/entities/data/names.tsv, given names and surnames of persons, from the
office holders of the PETRARCH2/Phoenix country dictionary (MIT).

    python3 bench/people/make_names.py ../shared/data/petrarch2/dictionaries > crates/facts/src/entities/data/names.tsv

An office holder's entry is a person's name (`ASHRAF_GHANI_  # CountryInfo.txt`): its first word
is a given name, its last a surname. Lines: word (lowercase) TAB G (given name), S (surname) or GS
(both), sorted. Words of one letter, with digits, or titles (`sir`, `general`) are left out.
"""
import re
import sys

d = sys.argv[1]
TITLES = {
    "sir", "dr", "general", "gen", "foreign", "prime", "president", "king", "queen", "prince",
    "princess", "sheikh", "shaikh", "lord", "lady", "dame", "colonel", "col", "captain", "major",
    "minister", "defense", "defence", "interior", "finance", "justice", "chief", "deputy", "vice",
    "secretary", "ambassador", "governor", "mayor", "senator", "admiral", "marshal", "emir",
    "sultan", "ayatollah", "cardinal", "bishop", "archbishop", "father", "mr", "mrs", "ms",
    "the", "former", "acting", "al", "el", "bin", "ibn", "de", "da", "van", "von", "le", "la",
}
kinds = {}
for line in open(f"{d}/Phoenix.Countries.actors.txt", encoding="utf-8", errors="replace"):
    m = re.match(r"^([A-Z][A-Z_'\-]+)_\s+# CountryInfo", line)
    if not m:
        continue
    words = [w for w in m.group(1).lower().split("_") if w]
    while words and words[0] in TITLES:
        words = words[1:]
    if len(words) < 2:
        continue
    for word, kind in ((words[0], "G"), (words[-1], "S")):
        if len(word) < 2 or re.search(r"[^a-z'\-]", word) or word in TITLES:
            continue
        kinds.setdefault(word, set()).add(kind)
for word in sorted(kinds):
    print(f"{word}\t{''.join(sorted(kinds[word]))}")
