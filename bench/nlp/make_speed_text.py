"""Rebuilds running text (one paragraph per line) from EWT test and PUD, for speed runs."""
import sys

out = []
for path in ["/work/shared/data/ud-english-ewt/en_ewt-ud-test.conllu",
             "/work/shared/data/ud-english-pud/en_pud-ud-test.conllu"]:
    para = []
    for line in open(path, encoding="utf-8"):
        if line.startswith(("# newpar", "# newdoc")) and para:
            out.append(" ".join(para))
            para = []
        if line.startswith("# text = "):
            para.append(line[9:].strip())
    if para:
        out.append(" ".join(para))
open(sys.argv[1] if len(sys.argv) > 1 else "/tmp/speed.txt", "w", encoding="utf-8").write("\n".join(out) + "\n")
