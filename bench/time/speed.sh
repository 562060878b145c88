#!/bin/sh
# Throughput of the date and number extractors (one thread) on TBAQ text and on the seeds.
set -e
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-facts}"
cargo run -q --release -p chronicle-facts --example time_speed -- ../shared/data/tempeval3/TBAQ-cleaned --repeat 5
cargo run -q --release -p chronicle-facts --example time_speed -- examples --repeat 200
