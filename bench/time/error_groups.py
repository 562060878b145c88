#!/usr/bin/env python3
"""Groups TempEval-3 timex outcomes by surface pattern, worst groups first.

Reads the output of `cargo run --release -p chronicle-facts --example tempeval -- DIR 100000`
on stdin. Text is reduced to a pattern (lowercase, digits to 9, month and weekday names to
MONTH and WEEKDAY, number words to NUM) and values to a shape (digits to 9), so that one line
shows a rule's right and wrong outcomes together:

    bench/time/error_groups.py [MIN_LOSSES] < tempeval.out
"""

import collections
import re
import sys

MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty hundred"
).split()


def pattern(text):
    out = []
    for w in re.findall(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]", text.lower()):
        if w in MONTHS:
            w = "MONTH"
        elif w.rstrip("s") in WEEKDAYS:
            w = "WEEKDAY"
        elif w in NUMBERS:
            w = "NUM"
        elif w.isdigit():
            w = "9" * len(w)
        out.append(w)
    return " ".join(out)


def shape(value):
    return re.sub(r"\d", "9", value)


def main():
    min_losses = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    groups = collections.defaultdict(lambda: collections.Counter())
    examples = collections.defaultdict(list)
    for line in sys.stdin:
        parts = line.rstrip("\n").split("\t")
        tag = parts[0][:5].strip()
        if tag not in ("RIGHT", "VALUE", "MISS", "EXTRA"):
            continue
        text = parts[1]
        key = pattern(text)
        if tag == "RIGHT":
            groups[key]["right"] += 1
        elif tag == "VALUE":
            gold, pred = parts[2][5:], parts[3][5:]
            groups[key][f"wrong {shape(gold)} <- {shape(pred)}"] += 1
            groups[key]["losses"] += 1
            examples[key].append(f"{parts[0][6:]} {text!r} gold {gold} pred {pred}")
        elif tag == "MISS":
            groups[key]["missed " + shape(parts[2])] += 1
            groups[key]["losses"] += 1
        else:
            groups[key]["extra " + shape(parts[2])] += 1
            groups[key]["losses"] += 1
    ranked = sorted(groups.items(), key=lambda kv: -kv[1]["losses"])
    for key, counts in ranked:
        if counts["losses"] < min_losses:
            break
        detail = ", ".join(
            f"{k} {v}" for k, v in counts.most_common() if k not in ("losses", "right")
        )
        print(f"{counts['losses']:4} lost {counts['right']:4} right  {key!r}: {detail}")
        for e in examples[key][:3]:
            print("        " + e)


if __name__ == "__main__":
    main()
