#!/usr/bin/env bash
# Ingest throughput of chronicle on at least 10,000 real pages: the WCXB dev HTML pages, each
# repeated REPEAT times with a distinguishing gzip member appended (so every copy has its own
# bytes and id, and copy detection has real work: every repeat is an exact-text copy).
#
#   bench/ingest.sh [WCXB_HTML_DIR]        # default ../shared/data/wcxb/dev/html
#   REPEAT=7 MODES="no-analyze full" JOBS="1 2" bench/ingest.sh   # the defaults
#
# Prints a Markdown table: documents/s (wall), documents and MB per CPU-second, peak memory,
# with and without the language and fact stages, on 1 and 2 worker threads.
set -euo pipefail
cd "$(dirname "$0")/.."
WCXB=${1:-../shared/data/wcxb/dev/html}
REPEAT=${REPEAT:-7}
WORK=${WORK:-bench/work/ingest}
if [ ! -d "$WCXB" ]; then
  echo "skipped: $WCXB not found (the WCXB pages live in ../shared/data)"
  exit 0
fi
cargo build --release -q
BIN=target/release/chronicle
rm -rf "$WORK"
mkdir -p "$WORK/corpus"
python3 - "$WCXB" "$WORK/corpus" "$REPEAT" <<'PY'
import gzip, os, sys
src, dst, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(n for n in os.listdir(src) if n.endswith(".html.gz"))
for r in range(repeat):
    os.makedirs(f"{dst}/r{r}", exist_ok=True)
    tail = gzip.compress(f"\n<!-- chronicle bench copy {r} -->\n".encode())
    for n in names:
        with open(f"{src}/{n}", "rb") as f:
            data = f.read()
        with open(f"{dst}/r{r}/{n}", "wb") as f:
            f.write(data + tail)
print(f"{len(names) * repeat} pages in {dst}", file=sys.stderr)
PY
echo "| stages | threads | documents | MB (uncompressed) | wall s | docs/s | docs per CPU-s | MB per CPU-s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|"
for mode in ${MODES:-no-analyze full}; do
  for jobs in ${JOBS:-1 2}; do
    rm -rf "$WORK/data"
    flag=""
    [ "$mode" = no-analyze ] && flag="--no-analyze"
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" \
      "$BIN" --data-dir "$WORK/data" -q ingest $flag -j "$jobs" --json "$WORK/corpus" > "$WORK/summary.json" 2> "$WORK/stderr.txt" || true
    python3 - "$WORK/summary.json" "$WORK/time.txt" "$mode" "$jobs" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
wall, user, sys_t, rss = open(sys.argv[2]).read().split()[-4:]
cpu = float(user) + float(sys_t)
docs = s["added"] + s["unchanged"]
mb = s["bytes"] / 1e6
print(f"| {sys.argv[3]} | {sys.argv[4]} | {docs} | {mb:.0f} | {float(wall):.1f} | {docs / float(wall):.0f} | "
      f"{docs / cpu:.0f} | {mb / cpu:.1f} | {int(rss) / 1024:.0f} |")
PY
  done
done
echo
echo "errors reported in the last run: $(grep -c '^error' "$WORK/stderr.txt" || true); copy relations: $(python3 -c "import json;print(json.load(open('$WORK/summary.json'))['copies'])")"
