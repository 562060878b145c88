#!/usr/bin/env python3
"""Scores quotations in the evaluation format (../shared/eval/FORMAT.md, one JSON file per text)
against PolNeAR dev attributions, with one rule for every system, so that chronicle and textacy
are compared on the same footing.

    score_polnear.py POLNEAR_DIR VERBS_FILE PRED_DIR [--json]

Rules (the same as `chronicle eval polnear` for content; source by text, since the evaluation
format carries the speaker's name and not its span):
- gold: attributions (E lines) with a Cue and a Content; "listed" = the cue holds a word of the
  quote-verb list (VERBS_FILE); discontinuous content is joined.
- content match: the lowercased word multisets of predicted quote text and gold content overlap
  by at least half of both; one to one, greedy by overlap.
- source: scored on the matched pairs whose gold Source is a name or noun phrase (not a bare
  pronoun, which only a coreference step could compare): right when a content word of the gold
  Source (not a stop word) appears in the predicted speaker's name, or in a mention of the
  entity of that name in the prediction's `entities` list when it has one.
"""
import collections
import glob
import json
import os
import re
import sys

WORD = re.compile(r"\w+")
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me",
            "who", "which", "that", "this", "these", "those", "one", "someone"}
STOP = PRONOUNS | {"the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "s", "mr",
                   "mrs", "ms", "dr", "his", "their", "its", "our", "my", "your"}


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def read_gold(ann, text):
    spans, out = {}, []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].startswith("T"):
            continue
        ranges = cols[1].split(" ", 1)[1] if " " in cols[1] else ""
        rs = []
        for part in ranges.split(";"):
            a, _, b = part.strip().partition(" ")
            if a.isdigit() and b.isdigit():
                rs.append((int(a), int(b)))
        spans[cols[0]] = rs
    for line in ann.splitlines():
        if not line.startswith("E"):
            continue
        roles = collections.defaultdict(list)
        for part in line.split("\t")[1].split()[1:]:
            role, _, tid = part.partition(":")
            roles[role.rstrip("0123456789")].extend(spans.get(tid, []))
        if roles["Cue"] and roles["Content"]:
            join = lambda rs: " ".join(text[a:b] for a, b in sorted(rs))
            out.append({"cue": join(roles["Cue"]), "content": join(roles["Content"]),
                        "source": join(roles["Source"])})
    return out


def overlap(a, b):
    ca, cb = collections.Counter(a), collections.Counter(b)
    common = sum((ca & cb).values())
    if not a or not b:
        return 0.0
    return min(common / len(a), common / len(b))


def match(gold, pred):
    pairs = []
    for i, g in enumerate(gold):
        gw = words(g["content"])
        for j, p in enumerate(pred):
            o = overlap(gw, words(p.get("text", "")))
            if o >= 0.5:
                pairs.append((o, i, j))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def speaker_words(pred_doc, speaker):
    names = {speaker or ""}
    for e in pred_doc.get("entities", []) or []:
        if e.get("name") == speaker:
            for m in e.get("mentions", []) or []:
                names.add(m.get("text", "") if isinstance(m, dict) else str(m))
            names.update(e.get("aliases", []) or [])
    return {w for n in names for w in words(n)}


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def main(argv):
    polnear, verbs_file, pred_dir = argv[1:4]
    verbs = {l.strip().lower() for l in open(verbs_file, encoding="utf-8") if l.strip()}
    dev = os.path.join(polnear, "data", "dev")
    anns = sorted(glob.glob(os.path.join(dev, "attributions", "*.ann")))
    totals = collections.Counter()
    unread = []
    for tpath in sorted(glob.glob(os.path.join(dev, "text", "*.txt"))):
        stem = os.path.splitext(os.path.basename(tpath))[0]
        ann = next((a for a in anns if os.path.basename(a).startswith(stem)), None)
        ppath = os.path.join(pred_dir, stem + ".json")
        if ann is None or not os.path.exists(ppath):
            unread.append(f"{stem}: {'no annotation' if ann is None else 'no prediction'}")
            continue
        text = open(tpath, encoding="utf-8").read()
        gold = read_gold(open(ann, encoding="utf-8").read(), text)
        doc = json.load(open(ppath, encoding="utf-8"))
        pred = doc.get("quotes", []) or []
        listed = [g for g in gold if any(w in verbs for w in words(g["cue"]))]
        totals["pred"] += len(pred)
        for name, subset in (("listed", listed), ("all", gold)):
            pairs = match(subset, pred)
            totals[f"{name}_gold"] += len(subset)
            totals[f"{name}_content"] += len(pairs)
            for i, j in pairs:
                src = [w for w in words(subset[i]["source"]) if w not in STOP]
                if not src:
                    continue
                totals[f"{name}_src_scored"] += 1
                if set(src) & speaker_words(doc, pred[j].get("speaker")):
                    totals[f"{name}_src_right"] += 1
    out = {"documents_unread": unread, "predicted": totals["pred"]}
    for name in ("listed", "all"):
        out[name] = {
            "gold": totals[f"{name}_gold"],
            "content": prf(totals[f"{name}_content"], totals["pred"], totals[f"{name}_gold"]),
            "source_scored": totals[f"{name}_src_scored"],
            "source_accuracy": round(totals[f"{name}_src_right"] / totals[f"{name}_src_scored"], 3)
            if totals[f"{name}_src_scored"] else 0.0,
        }
    if "--json" in argv:
        print(json.dumps(out))
    else:
        for name in ("listed", "all"):
            o = out[name]
            c = o["content"]
            print(f"{name:6} gold {o['gold']:5}  content P {c['p']:.3f} R {c['r']:.3f} F1 {c['f1']:.3f}"
                  f"  source accuracy {o['source_accuracy']:.3f} on {o['source_scored']} matched named sources")
        print(f"predicted quotations: {out['predicted']}; not read: {unread or 'none'}")


if __name__ == "__main__":
    main(sys.argv)
