#!/usr/bin/env bash
# Latency and throughput of `chronicle serve` on a store of real news: the PolNeAR articles
# (924 texts, ../shared/data/polnear) or, without ../shared, the bundled examples.
#
#   bench/serve.sh [TEXT_DIR]          # default ../shared/data/polnear/data
#   RUNS=5 CLIENTS=8 REQUESTS=400 bench/serve.sh   # the defaults
#
# Prints a Markdown table: for each endpoint the wall time of the first request (which
# computes a whole-store listing) and the median of the RUNS requests after it (served from the
# listings kept until the store changes), and the answer's size; then requests/s with CLIENTS concurrent clients on a cheap and on a
# whole-store request; then the server's peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:-../shared/data/polnear/data}
RUNS=${RUNS:-5}
CLIENTS=${CLIENTS:-8}
REQUESTS=${REQUESTS:-400}
WORK=${WORK:-bench/work/serve}
if [ ! -d "$SRC" ]; then
  echo "note: $SRC not found (it lives in ../shared/data); measuring on examples/ instead"
  SRC=examples
fi
cargo build --release -q
BIN=$(realpath "${CARGO_TARGET_DIR:-target}")/release/chronicle
rm -rf "$WORK"
mkdir -p "$WORK"
find "$SRC" -name '*.txt' | sort > "$WORK/files"
"$BIN" --data-dir "$WORK/data" -q ingest $(cat "$WORK/files") > /dev/null
DOCS=$("$BIN" --data-dir "$WORK/data" list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
"$BIN" --data-dir "$WORK/data" -q serve --addr 127.0.0.1:0 > "$WORK/url" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL=$(head -1 "$WORK/url")
# A speaker and a party that the store names often, so the filtered requests have work.
WHO=$("$BIN" --data-dir "$WORK/data" entities --type PERSON --json | python3 -c \
  'import json,sys; print(json.loads(sys.stdin.readline())["name"].split()[-1])')
echo "store: $DOCS documents from $SRC; server $URL; filters use '$WHO'"
echo
echo "| request | first ms | median ms of the next $RUNS | answer KB |"
echo "|---|---|---|---|"
for path in api/documents api/documents/1 "api/search?q=$WHO" api/quotes "api/quotes?speaker=$WHO" \
  api/events "api/events?party=$WHO" api/calls api/entities "api/entities?name=$WHO" api/claims \
  "" documents/1 "documents/1?view=source" timeline entities "entities/$WHO" quotes claims "search?q=$WHO"; do
  first=$(curl -s -o "$WORK/body" -w '%{time_total}' "$URL$path" | awk '{ printf "%.1f", $1 * 1000 }')
  times=()
  for _ in $(seq "$RUNS"); do
    times+=("$(curl -s -o "$WORK/body" -w '%{time_total}' "$URL$path")")
  done
  kb=$(( $(stat -c %s "$WORK/body") / 1024 ))
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk -v n="$RUNS" 'NR == int((n + 1) / 2) { printf "%.1f", $1 * 1000 }')
  echo "| \`/$path\` | $first | $median | $kb |"
done
echo
echo "| concurrent load ($CLIENTS clients, $REQUESTS requests) | requests/s |"
echo "|---|---|"
for path in api/documents/1 "api/quotes?speaker=$WHO"; do
  start=$(date +%s.%N)
  seq "$REQUESTS" | xargs -P "$CLIENTS" -I{} curl -s -o /dev/null "$URL$path"
  end=$(date +%s.%N)
  echo "| \`/$path\` | $(python3 -c "print(round($REQUESTS / ($end - $start)))") |"
done
echo
echo "server peak RSS: $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$PID/status)"
