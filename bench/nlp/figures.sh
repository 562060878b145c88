#!/bin/sh
# Every figure of docs/nlp.md "Measured": scores on EWT dev/test and PUD (gold tokens and raw-text
# segmentation), segmentation of GUM dev (shippable genres), then speed and peak memory on EWT
# test + PUD as running text.
# Usage: bench/nlp/figures.sh [MODEL_DIR]   (shipped models when no folder is given)
set -e
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-nlp}"
DATA="${DATA:-/work/shared/data}"
cargo build --release -q -p chronicle-nlp --examples
BIN="$CARGO_TARGET_DIR/release/examples"
for set in ud-english-ewt/en_ewt-ud-dev.conllu ud-english-ewt/en_ewt-ud-test.conllu \
    ud-english-pud/en_pud-ud-test.conllu; do
    echo "== $set"
    "$BIN/nlp" eval "$DATA/$set" $1 2>/dev/null
done
[ -f /tmp/gum-dev.conllu ] || python3 "$(dirname "$0")/make_gum_dev.py" /tmp/gum-dev.conllu
echo "== GUM dev, shippable genres (segmentation only)"
"$BIN/nlp" seg /tmp/gum-dev.conllu $1 2>/dev/null
[ -f /tmp/speed.txt ] || python3 "$(dirname "$0")/make_speed_text.py" /tmp/speed.txt
/usr/bin/time -v "$BIN/speed" /tmp/speed.txt 3 $1 2>&1 | grep -E "tokens/s|loaded|Maximum resident"
if [ -z "$1" ]; then
    # The opt-in beam parser (models/parser-beam.bin): scores on gold tokens and speed.
    for set in ud-english-ewt/en_ewt-ud-dev.conllu ud-english-ewt/en_ewt-ud-test.conllu \
        ud-english-pud/en_pud-ud-test.conllu; do
        echo "== beam parser: $set"
        "$BIN/nlp" eval "$DATA/$set" beam 2>/dev/null | head -1
    done
    echo "== beam parser: GUM dev"
    "$BIN/nlp" eval /tmp/gum-dev.conllu beam 2>/dev/null | head -1
    /usr/bin/time -v "$BIN/speed" /tmp/speed.txt 3 beam 2>&1 | grep -E "full parse|loaded|Maximum resident"
fi
uptime
