#!/usr/bin/env bash
# Runs every `chronicle eval ...` over the gold sets in ../shared/data and collects their tables
# into one Markdown file (bench/work/eval-all.md, gitignored), with the date, the machine and the
# exact commands.
#
#   bench/eval-all.sh [OUT.md]          (from the repository root)
#   FAST=1 bench/eval-all.sh            (skips the slow ones: WCXB, UD EWT train)
#
# A command that fails is reported in its section with its exit status; the others still run.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-eval}
D=${SHARED:-/work/shared}/data
OUT=${1:-bench/work/eval-all.md}
mkdir -p bench/work "$(dirname "$OUT")"
cargo build -q --release -p chronicle || { echo "cargo build failed" >&2; exit 1; }
C=$CARGO_TARGET_DIR/release/chronicle
# GUM dev: its dev documents (splits.md) in one CoNLL-U file.
GUM_DEV=bench/work/gum-dev.conllu
if [ -d "$D/gum/dep" ] && [ ! -s "$GUM_DEV" ]; then
  sed -n '/^## dev/,/^## /p' "$D/gum/splits.md" | grep -o 'GUM_[a-z_]*' \
    | while read -r doc; do cat "$D/gum/dep/$doc.conllu"; done > "$GUM_DEV"
fi

{
  echo "# chronicle: all evaluations"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' + uncommitted changes')"
  echo
} > "$OUT"

section() { # title, command...
  local title=$1; shift
  echo "[eval-all] $title" >&2
  local start end status
  start=$(date +%s.%N)
  { echo "## $title"; echo; echo '```'; echo "\$ ${*/#$C/chronicle}"; } >> "$OUT"
  "$@" >> "$OUT" 2>&1
  status=$?
  end=$(date +%s.%N)
  { [ $status -ne 0 ] && echo "(exit status $status)"
    echo '```'; echo; printf '%.1f s\n\n' "$(echo "$end - $start" | bc)"; } >> "$OUT"
}

section "Seed gold (the numbers of score.py)" "$C" eval seeds --gold "$D/../eval/seeds" --seeds examples
section "UD English EWT dev" "$C" eval conllu "$D/ud-english-ewt/en_ewt-ud-dev.conllu"
section "UD English EWT test" "$C" eval conllu "$D/ud-english-ewt/en_ewt-ud-test.conllu"
section "UD English PUD" "$C" eval conllu "$D/ud-english-pud/en_pud-ud-test.conllu"
[ -s "$GUM_DEV" ] && section "GUM dev (all genres)" "$C" eval conllu "$GUM_DEV"
section "UNER English EWT (IOB2)" "$C" eval uner --data "$D/uner-english"
section "PolNeAR dev (brat standoff)" "$C" eval polnear --data "$D/polnear"
section "TempEval-3 TBAQ (TimeML)" "$C" eval tempeval --data "$D/tempeval3/TBAQ-cleaned"
section "MEANTIME (CAT XML): entities and times" "$C" eval meantime --data "$D/meantime"
section "Recognizers-Text specs" "$C" eval recognizers --data "$D/recognizers-text-specs"
section "PLOVER gold records (events)" "$C" eval plover --data "$D/plover"
[ -z "${FAST:-}" ] && section "WCXB dev (main content, title, date)" "$C" eval wcxb --data "$D/wcxb"
echo "[eval-all] wrote $OUT" >&2
