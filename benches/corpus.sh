#!/usr/bin/env bash
# Throughput of maplint (without its cache) on a corpus of real crates, next to a
# parse-only baseline that walks the same .rs files with the same `ignore` settings and
# parses them with the same `syn` features and thread count. Prints a table: files, MB,
# wall and CPU time, MB/s and peak RSS.
#
#   benches/corpus.sh [CORPUS_DIR]
#
# CORPUS_DIR defaults to ../corpus beside the repository; when it is missing it is fetched
# there with ../shared/corpus/fetch-corpus.sh. JOBS (default 2) sets the threads of both
# tools, RUNS (default 3) the timed runs of each after one warm-up run; the best wall time
# is shown. Peak RSS comes from /usr/bin/time -v when present (TIME_BIN=none: /proc). Installs
# nothing; not part of CI. benches/speed.sh is the full benchmark (-j 1 and -j 2, median of
# five, cold, warm, touched and edited runs).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${1:-$REPO/../corpus}
JOBS=${JOBS:-2}
RUNS=${RUNS:-3}
TIME_BIN=${TIME_BIN:-/usr/bin/time}

# shellcheck source=benches/setup.sh
. "$REPO/benches/setup.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/maplint-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# measure CMD...: runs CMD with its output discarded; sets WALL and CPU (user + system,
# seconds) and RSS_KB (peak resident set).
measure() {
  local TIMEFORMAT='%R %U %S'
  if [ -x "$TIME_BIN" ]; then
    { time /usr/bin/time -v -o "$TMP/time" "$@" >/dev/null 2>"$TMP/stderr" || true; } 2>"$TMP/bash-time"
    RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$TMP/time")
  else
    { time watch_rss "$@"; } 2>"$TMP/bash-time"
    RSS_KB=$(cat "$TMP/rss")
  fi
  WALL=$(awk '{ print $1 }' "$TMP/bash-time")
  CPU=$(awk '{ printf "%.2f", $2 + $3 }' "$TMP/bash-time")
}

# watch_rss CMD...: runs CMD and polls its VmHWM in /proc; writes the peak to $TMP/rss.
watch_rss() {
  local pid state hwm peak=0
  "$@" >/dev/null 2>"$TMP/stderr" &
  pid=$!
  while :; do
    state=$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    if [ -z "$state" ] || [ "$state" = Z ]; then break; fi
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    if [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ]; then peak=$hwm; fi
    sleep 0.02
  done
  wait "$pid" || true
  echo "$peak" >"$TMP/rss"
}

# bench NAME CMD...: one warm-up run, then RUNS timed runs; sets BEST (wall), BEST_CPU
# (of that run) and PEAK_KB (over all runs).
bench() {
  local name=$1
  shift
  echo "running $name ($RUNS runs) ..." >&2
  "$@" >/dev/null 2>&1 || true
  BEST=""
  BEST_CPU=""
  PEAK_KB=0
  for _ in $(seq "$RUNS"); do
    measure "$@"
    if [ -z "$BEST" ] || awk -v a="$WALL" -v b="$BEST" 'BEGIN { exit !(a < b) }'; then
      BEST=$WALL
      BEST_CPU=$CPU
    fi
    if [ "${RSS_KB:-0}" -gt "$PEAK_KB" ]; then PEAK_KB=$RSS_KB; fi
  done
}

# The files and bytes both tools read, from the baseline's own count.
COUNT=$("$BASELINE" -j "$JOBS" "$CORPUS")
FILES=$(echo "$COUNT" | awk '{ print $2 + $4 }')
FAILED=$(echo "$COUNT" | awk '{ print $4 }')
BYTES=$(echo "$COUNT" | awk '{ print $6 }')
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
SUMMARY=$("$MAPLINT" --no-cache --format json -j "$JOBS" "$CORPUS" 2>/dev/null | tr -d ' \n' | sed -n 's/.*"summary":{\(.*\)}}$/\1/p' || true)

bench parse-only "$BASELINE" -j "$JOBS" "$CORPUS"
BASE_WALL=$BEST
BASE_CPU=$BEST_CPU
BASE_KB=$PEAK_KB
bench maplint "$MAPLINT" --no-cache --format concise -j "$JOBS" "$CORPUS"
LINT_WALL=$BEST
LINT_CPU=$BEST_CPU
LINT_KB=$PEAK_KB

echo
echo "corpus:  $CORPUS ($FILES .rs files, $FAILED that syn cannot parse)"
echo "maplint: $SUMMARY"
echo "threads: $JOBS; wall time: best of $RUNS after a warm-up run; $(nproc) cores"
echo
row() {
  awk -v n="$1" -v f="$FILES" -v mb="$MB" -v w="$2" -v c="$3" -v kb="$4" \
    'BEGIN { printf "%-26s %7d %7.1f %9.2f %8.2f %7.1f %14.1f\n", n, f, mb, w, c, mb / w, kb / 1024 }'
}
printf "%-26s %7s %7s %9s %8s %7s %14s\n" "tool" "files" "MB" "wall (s)" "CPU (s)" "MB/s" "peak RSS (MB)"
row "parse-only (syn)" "$BASE_WALL" "$BASE_CPU" "$BASE_KB"
row "maplint --format concise" "$LINT_WALL" "$LINT_CPU" "$LINT_KB"
awk -v a="$LINT_WALL" -v b="$BASE_WALL" -v c="$LINT_CPU" -v d="$BASE_CPU" \
  'BEGIN { printf "\nmaplint / parse-only: %.2fx the wall time, %.2fx the CPU time\n", a / b, c / d }'
