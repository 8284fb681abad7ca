#!/usr/bin/env bash
# Speed of maplint on a corpus of real crates, next to a parse-only baseline
# (benches/parse_only.rs: the same walk, the same syn features, the same threads), for
# -j 1 and -j 2. For each: the median wall time of RUNS runs, MB/s and peak RSS of
#   parse-only   syn::parse_file of every file
#   cold         maplint --no-cache (the prefilter on)
#   warm         maplint with its cache, the corpus unchanged
#   touched      maplint with its cache, after `touch` of one file before each run
#   edited       maplint with its cache, after a line is added to one file before each run
# then checks that cold, --no-prefilter, warm, touched and edited runs print the same
# findings, byte for byte. Parse-only and cold runs alternate, pair by pair, so that a
# change of the machine's load between runs reaches both; the ratio of each pair is
# printed, with their median.
#
#   benches/speed.sh [CORPUS_DIR]
#
# CORPUS_DIR defaults to ../corpus beside the repository (fetched there with
# ../shared/corpus/fetch-corpus.sh when missing). RUNS (default 5) timed runs per row,
# JOBS (default "1 2") the thread counts. Needs /usr/bin/time (GNU time) for peak RSS.
# The edited file is restored on exit. Installs nothing; not part of CI.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${1:-$REPO/../corpus}
RUNS=${RUNS:-5}
JOBS=${JOBS:-"1 2"}
TIME_BIN=${TIME_BIN:-/usr/bin/time}

if [ ! -x "$TIME_BIN" ]; then
  echo "GNU time is needed at $TIME_BIN (TIME_BIN=...) for peak RSS" >&2
  exit 2
fi
# shellcheck source=benches/setup.sh
. "$REPO/benches/setup.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/maplint-speed.XXXXXX")
CACHE="$TMP/cache"
# The edited file: the first file of the corpus that names a map type, so it is parsed
# (`sed` reads every line: `head` would leave `sort` to die of SIGPIPE under pipefail).
EDITED=$(grep -rl --include='*.rs' HashMap "$CORPUS" | sort | sed -n 1p)
cp -p "$EDITED" "$TMP/edited.orig"
restore() { cp -p "$TMP/edited.orig" "$EDITED"; rm -rf "$TMP"; }
trap restore EXIT
# The touched file: the last .rs file of the corpus.
TOUCHED=$(find "$CORPUS" -name '*.rs' -type f | sort | tail -n 1)

# one CMD...: one run, output discarded; prints "WALL RSS_KB".
one() {
  "$TIME_BIN" -f '%e %M' -o "$TMP/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$TMP/time"
}

# row NAME JOBS BEFORE CMD...: RUNS runs, BEFORE (a shell command) before each; prints
# "median_wall peak_rss_kb".
row() {
  local name=$1 jobs=$2 before=$3
  shift 3
  echo "running $name -j $jobs ($RUNS runs) ..." >&2
  : >"$TMP/walls"
  local peak=0
  for _ in $(seq "$RUNS"); do
    eval "$before"
    read -r wall rss < <(one "$@")
    echo "$wall" >>"$TMP/walls"
    if [ "$rss" -gt "$peak" ]; then peak=$rss; fi
  done
  local median
  median=$(sort -n "$TMP/walls" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
  echo "$median $peak"
}

COUNT=$("$BASELINE" -j 2 "$CORPUS")
FILES=$(echo "$COUNT" | awk '{ print $2 + $4 }')
BYTES=$(echo "$COUNT" | awk '{ print $6 }')
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')

# pairs JOBS: RUNS pairs of runs, parse-only then cold, back to back, so that both see the
# same load; prints "base_median base_peak_rss cold_median cold_peak_rss ratio_median
# ratios...", the ratios being cold's wall over parse-only's within each pair.
pairs() {
  local j=$1
  echo "running parse-only and cold -j $j, interleaved ($RUNS pairs) ..." >&2
  : >"$TMP/pairs"
  local base_peak=0 cold_peak=0
  for _ in $(seq "$RUNS"); do
    read -r bw brss < <(one "$BASELINE" -j "$j" "$CORPUS")
    read -r cw crss < <(one "$MAPLINT" --no-cache -j "$j" --format concise "$CORPUS")
    echo "$bw $cw" >>"$TMP/pairs"
    if [ "$brss" -gt "$base_peak" ]; then base_peak=$brss; fi
    if [ "$crss" -gt "$cold_peak" ]; then cold_peak=$crss; fi
  done
  local median='{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
  local bm cm rm ratios
  bm=$(awk '{ print $1 }' "$TMP/pairs" | sort -n | awk "$median")
  cm=$(awk '{ print $2 }' "$TMP/pairs" | sort -n | awk "$median")
  ratios=$(awk '{ printf "%.2f ", $2 / $1 }' "$TMP/pairs")
  rm=$(awk '{ print $2 / $1 }' "$TMP/pairs" | sort -n | awk "$median")
  echo "$bm $base_peak $cm $cold_peak $rm $ratios"
}

RESULTS=()
PAIRS=()
for j in $JOBS; do
  read -r base_wall base_rss cold_wall rss ratio ratios < <(pairs "$j")
  RESULTS+=("parse-only $j $base_wall $base_rss $base_wall -")
  RESULTS+=("cold $j $cold_wall $rss $base_wall -")
  PAIRS+=("$(printf -- "-j %s: cold over parse-only, pair by pair: %s(median %.2f)" "$j" "$ratios" "$ratio")")
  rm -rf "$CACHE"
  one "$MAPLINT" --cache-dir "$CACHE" -j "$j" --format concise "$CORPUS" >/dev/null
  read -r wall rss < <(row warm "$j" : "$MAPLINT" --cache-dir "$CACHE" -j "$j" --format concise "$CORPUS")
  RESULTS+=("warm $j $wall $rss $base_wall $cold_wall")
  read -r wall rss < <(row touched "$j" "touch '$TOUCHED'" \
    "$MAPLINT" --cache-dir "$CACHE" -j "$j" --format concise "$CORPUS")
  RESULTS+=("touched $j $wall $rss $base_wall $cold_wall")
  read -r wall rss < <(row edited "$j" "echo '// edited' >>'$EDITED'" \
    "$MAPLINT" --cache-dir "$CACHE" -j "$j" --format concise "$CORPUS")
  RESULTS+=("edited $j $wall $rss $base_wall $cold_wall")
  cp -p "$TMP/edited.orig" "$EDITED"
done
LOAD_AFTER=$(uptime | sed 's/.*load average: //')

# Identity: the findings of every mode, byte for byte.
echo "checking that every mode prints the same findings ..." >&2
rm -rf "$CACHE"
findings() {
  local out=$1
  shift
  "$MAPLINT" -j 2 --format concise "$@" "$CORPUS" >"$TMP/$out.out" 2>"$TMP/$out.err" || true
}
findings cold --no-cache
findings no-prefilter --no-cache --no-prefilter
findings first --cache-dir "$CACHE"
findings warm --cache-dir "$CACHE"
touch "$TOUCHED"
findings touched --cache-dir "$CACHE"
echo '// edited' >>"$EDITED"
findings edited --cache-dir "$CACHE"
findings edited-cold --no-cache
cp -p "$TMP/edited.orig" "$EDITED"
IDENTITY=""
for m in no-prefilter first warm touched; do
  if cmp -s "$TMP/cold.out" "$TMP/$m.out"; then s=identical; else s=DIFFERENT; fi
  IDENTITY+="  $m vs cold --no-cache: stdout $s"
  if cmp -s "$TMP/cold.err" "$TMP/$m.err"; then
    IDENTITY+=", stderr identical"$'\n'
  else
    IDENTITY+=", stderr differs in $({ diff "$TMP/cold.err" "$TMP/$m.err" || true; } | grep -c '^[<>]') lines"$'\n'
  fi
done
if cmp -s "$TMP/edited-cold.out" "$TMP/edited.out" && cmp -s "$TMP/edited-cold.err" "$TMP/edited.err"; then
  s=identical
else
  s=DIFFERENT
fi
IDENTITY+="  edited (cache) vs edited --no-cache: stdout and stderr $s"$'\n'

echo
echo "corpus:  $CORPUS ($FILES .rs files, $MB MB); $(wc -l <"$TMP/cold.out") findings (default rules)"
echo "runs:    median of $RUNS; $(nproc) cores; load average before: $LOAD_BEFORE, after: $LOAD_AFTER"
echo "touched: $TOUCHED"
echo "edited:  $EDITED"
echo
printf "%-11s %3s %7s %7s %10s %8s %9s %8s %9s\n" mode -j files MB "wall (s)" "MB/s" "RSS (MB)" "/parse" "x faster"
for r in "${RESULTS[@]}"; do
  read -r name j wall rss base cold <<<"$r"
  awk -v n="$name" -v j="$j" -v f="$FILES" -v mb="$MB" -v w="$wall" -v kb="$rss" -v b="$base" -v c="$cold" \
    'BEGIN {
      x = (c == "-") ? "" : sprintf("%.1f", c / w)
      printf "%-11s %3s %7d %7.1f %10.2f %8.1f %9.1f %8.2f %9s\n", n, j, f, mb, w, mb / w, kb / 1024, w / b, x
    }'
done
echo "(/parse: wall time over parse-only's with the same threads; x faster: cold's wall time over this one's)"
printf "%s\n" "${PAIRS[@]}"
echo
echo "identity of the findings (--format concise):"
printf "%s" "$IDENTITY"
