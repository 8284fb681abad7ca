#!/usr/bin/env bash
# Checks that ML002's machine-applicable fixes (`HashMap::new()` becoming
# `HashMap::with_capacity(LEN)`) still compile on real crates.
#
# For each crate it copies the sources to a temporary directory, runs `cargo check`
# (the crate must build before the fix, or it is skipped), applies the fixes with
# `maplint --no-config --no-cache --select ML002 --fix`, checks that nothing is left
# to fix, and runs `cargo check` again. It prints one table row per crate and exits
# non-zero when a crate that built before the fix no longer builds after it.
# Not part of CI: it needs crates.io (cargo fetches the crates' dependencies).
#
#   scripts/check-ml002-fixes.sh [--maplint BIN] [--corpus DIR] [CRATE ...]
#
# A CRATE is a directory, or a line of scripts/ml002-fix-crates.txt (read when no CRATE
# is given): `DIR | MAPLINT ARGS | CARGO CHECK ARGS`, DIR relative to the corpus
# (default ../corpus next to the repository, see ../shared/corpus/fetch-corpus.sh,
# or $MAPLINT_CORPUS). MAPLINT ARGS widen or narrow what is fixed (`--include-tests`
# with `--all-targets` checks the fixes in test code too); CARGO CHECK ARGS choose the
# targets and features that compile the fixed code. A finding without a fix (maplint
# offers none when it cannot write the length) counts as found, not fixed. BIN defaults to
# target/release/maplint; $CARGO_TARGET_DIR (default: a directory under the temporary
# one) is shared by all crates.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MAPLINT=$REPO/target/release/maplint
CORPUS=${MAPLINT_CORPUS:-$REPO/../corpus}
LIST=$REPO/scripts/ml002-fix-crates.txt
specs=()
while [ $# -gt 0 ]; do
  case $1 in
    --maplint) MAPLINT=$(realpath "$2"); shift 2 ;;
    --corpus) CORPUS=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set /{/^# \{0,1\}/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
    *) specs+=("$1"); shift ;;
  esac
done
if [ ${#specs[@]} -eq 0 ]; then
  while IFS= read -r line; do
    case $line in ''|'#'*) continue ;; esac
    specs+=("$line")
  done < "$LIST"
fi
[ -x "$MAPLINT" ] || { echo "no maplint binary at $MAPLINT (cargo build --release)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ml002-fixes.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$WORK/target}
export CARGO_TERM_COLOR=never

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }

rows=()
failed=0
total=0
found_total=0
for spec in "${specs[@]}"; do
  IFS='|' read -r dir margs cargs <<< "$spec"
  dir=$(trim "$dir")
  read -r -a margs <<< "${margs:-}"
  read -r -a cargs <<< "${cargs:-}"
  case $dir in /*) src=$dir ;; *) if [ -d "$CORPUS/$dir" ]; then src=$CORPUS/$dir; else src=$dir; fi ;; esac
  name=$(basename "$src")
  copy=$WORK/crates/$name
  log=$WORK/logs/$name
  mkdir -p "$WORK/crates" "$log"
  rm -rf "$copy"
  cp -r "$src" "$copy"
  # The fixes are checked with the current toolchain, not one the crate pins.
  rm -f "$copy/rust-toolchain" "$copy/rust-toolchain.toml"
  echo "== $name" >&2
  if ! (cd "$copy" && cargo check -q "${cargs[@]}") > "$log/before.txt" 2>&1; then
    rows+=("$name|-|-|skipped: does not build before the fix")
    echo "--- $name: cargo check ${cargs[*]} fails before the fix:" >&2
    grep -E '^error' "$log/before.txt" | head -5 >&2 || true
    continue
  fi
  found=$(cd "$copy" && "$MAPLINT" --no-config --no-cache --select ML002 "${margs[@]}" --format concise . 2>/dev/null | grep -c ' ML002 ' || true)
  (cd "$copy" && "$MAPLINT" --no-config --no-cache --select ML002 "${margs[@]}" --fail-on never --fix .) \
    > "$log/fix.txt" 2> "$log/fix-stderr.txt" || true
  fixed=$(sed -n 's/^fixed .*: \([0-9][0-9]*\) findings\{0,1\}$/\1/p' "$log/fix-stderr.txt" | awk '{s += $1} END {print s + 0}')
  total=$((total + fixed))
  found_total=$((found_total + found))
  left=$(cd "$copy" && "$MAPLINT" --no-config --no-cache --select ML002 "${margs[@]}" --diff . 2>/dev/null | grep -c '^+++ ' || true)
  note=""
  [ "$left" -eq 0 ] || note=" ($left files still have fixes)"
  if (cd "$copy" && cargo check -q "${cargs[@]}") > "$log/after.txt" 2>&1; then
    rows+=("$name|$found|$fixed|yes$note")
  else
    failed=1
    rows+=("$name|$found|$fixed|NO$note")
    echo "--- $name: cargo check ${cargs[*]} fails after the fix:" >&2
    grep -E '^(error|warning: unused)|^ *--> ' "$log/after.txt" | head -20 >&2 || true
    echo "--- the fixes:" >&2
    (cd "$src" && "$MAPLINT" --no-config --no-cache --select ML002 "${margs[@]}" --diff . 2>/dev/null | grep -E '^[-+]') >&2 || true
  fi
done

printf '\n| crate | ML002 findings | fixes applied | compiles after fix |\n|---|---:|---:|---|\n'
for row in "${rows[@]}"; do
  IFS='|' read -r n c f r <<< "$row"
  printf '| %s | %s | %s | %s |\n' "$n" "$c" "$f" "$r"
done
printf '| total | %s | %s | |\n' "$found_total" "$total"
exit "$failed"
