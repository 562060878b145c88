"""Writes the dev split of GUM's shippable genres (academic, bio, court, interview, news, voyage)
as one CoNLL-U file, the second tuning set of the sentence splitter."""
import sys

DATA = "/work/shared/data/gum"
GENRES = {"academic", "bio", "court", "interview", "news", "voyage"}
docs, section = [], None
for line in open(f"{DATA}/splits.md", encoding="utf-8"):
    if line.startswith("## "):
        section = line[3:].strip()
    elif section == "dev" and line.strip().startswith("* "):
        doc = line.strip()[2:].strip()
        if doc.split("_")[1] in GENRES:
            docs.append(doc)
text = "".join(open(f"{DATA}/dep/{doc}.conllu", encoding="utf-8").read() for doc in docs)
open(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gum-dev.conllu", "w", encoding="utf-8").write(text)
