#!/usr/bin/env bash
# Builds and runs testdata/profile/app under two real heap profilers and writes their
# profiles next to it, for the `--profile` tests (cli/tests/profile.rs):
#   testdata/profile/dhat-heap.json    dhat (the `dhat` crate as global allocator)
#   testdata/profile/dhat-phases.json  the bytes and blocks each workload allocated,
#                                      as dhat's own counters measured them
#   testdata/profile/heap.pb.gz        jemalloc's heap profile as pprof (jemalloc_pprof,
#                                      every allocation sampled)
# The profiles are committed: CI does not build jemalloc. Run this again after editing
# testdata/profile/app/src (the tests read the lines the profiles name).
set -euo pipefail
cd "$(dirname "$0")/.."
APP=testdata/profile/app
OUT=testdata/profile
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target/profile-app}

cargo build --manifest-path "$APP/Cargo.toml" --features dhat-heap
"$CARGO_TARGET_DIR/debug/maps-app" "$OUT"

cargo build --manifest-path "$APP/Cargo.toml" --features jemalloc
# jemalloc's own options: profile from the start, and sample every allocation.
_RJEM_MALLOC_CONF=prof:true,prof_active:true,lg_prof_sample:0 "$CARGO_TARGET_DIR/debug/maps-app" "$OUT"
ls -l "$OUT"/dhat-heap.json "$OUT"/dhat-phases.json "$OUT"/heap.pb.gz
