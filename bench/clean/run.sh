#!/usr/bin/env bash
# Side-by-side WCXB dev run of chronicle-clean and its peers: word F1 by page type, title and
# date accuracy, pages/s (extraction time only, one core) and peak memory (max RSS of the run).
#
#   bench/clean/run.sh [WCXB_DEV_DIR]     (from the repository root)
#   REUSE_PEERS=1 bench/clean/run.sh      (reruns chronicle only, scores the peers' last outputs)
#
# Needs: the Python peers in bench/.venv (python3 -m venv bench/.venv &&
# bench/.venv/bin/pip install trafilatura==2.3.1 readability-lxml==0.9 lxml_html_clean), and the
# Rust peers built from bench/clean/peers-rs (its own workspace, never built by CI).
set -euo pipefail
DEV=${1:-/work/shared/data/wcxb/dev}
OUT=${OUT:-bench/work/clean}
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-clean}
PEERS_TARGET=${PEERS_TARGET:-/work/target-clean-peers}
cargo build -q --release -p chronicle-clean --example wcxb
if [ -z "${REUSE_PEERS:-}" ]; then
  (cd bench/clean/peers-rs && CARGO_TARGET_DIR=$PEERS_TARGET cargo build -q --release)
fi

run() { # name, command...; writes $OUT/name.jsonl and returns "seconds:peak_kb"
  local name=$1; shift
  /usr/bin/time -f "%M" -o "$OUT/$name.mem" "$@" "$OUT/$name.jsonl" 2> "$OUT/$name.err" || true
  local secs; secs=$(grep -o 'seconds [0-9.]*' "$OUT/$name.err" | tail -1 | cut -d' ' -f2)
  echo "$name=$OUT/$name.jsonl:${secs}:$(tail -1 "$OUT/$name.mem")"
}
ARGS=()
ARGS+=("$(run chronicle "$CARGO_TARGET_DIR/release/examples/wcxb" "$DEV" --jsonl)")
reuse() { # name; the previous run's output, time and memory
  local name=$1 secs
  secs=$(grep -o 'seconds [0-9.]*' "$OUT/$name.err" | tail -1 | cut -d' ' -f2)
  echo "$name=$OUT/$name.jsonl:${secs}:$(tail -1 "$OUT/$name.mem")"
}
if [ -n "${REUSE_PEERS:-}" ]; then
  for name in rs-trafilatura dom_smoothie trafilatura readability; do
    [ -s "$OUT/$name.jsonl" ] && ARGS+=("$(reuse "$name")")
  done
else
  ARGS+=("$(run rs-trafilatura "$PEERS_TARGET/release/clean-peers-rs" rs-trafilatura "$DEV")")
  ARGS+=("$(run dom_smoothie "$PEERS_TARGET/release/clean-peers-rs" dom_smoothie "$DEV")")
  ARGS+=("$(run trafilatura bench/.venv/bin/python bench/clean/peers_py.py trafilatura "$DEV")")
  ARGS+=("$(run readability bench/.venv/bin/python bench/clean/peers_py.py readability "$DEV")")
fi
python3 bench/clean/score.py "$DEV" "${ARGS[@]}" | tee "$OUT/table.txt"
