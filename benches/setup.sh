# Shared by the benchmark scripts (sourced, not run): makes sure the corpus exists
# (fetching it with ../shared/corpus/fetch-corpus.sh when missing), makes CORPUS absolute,
# and builds the release binaries: MAPLINT and the parse-only BASELINE.
# Expects REPO and CORPUS to be set.

if [ ! -d "$CORPUS" ]; then
  FETCH="$REPO/../shared/corpus/fetch-corpus.sh"
  if [ ! -f "$FETCH" ]; then
    echo "no corpus at $CORPUS and no $FETCH to fetch one" >&2
    exit 2
  fi
  echo "fetching the corpus into $CORPUS ..." >&2
  bash "$FETCH" "$CORPUS" >/dev/null
fi
CORPUS=$(cd "$CORPUS" && pwd)

cd "$REPO"
echo "building release binaries ..." >&2
cargo build --release --locked --quiet --bin maplint
MAPLINT="$REPO/target/release/maplint"
BASELINE=$(cargo build --release --locked --quiet --bench parse_only --message-format=json-render-diagnostics |
  sed -n 's/.*"executable":"\([^"]*parse_only[^"]*\)".*/\1/p' | tail -n 1)
if [ -z "$BASELINE" ] || [ ! -x "$BASELINE" ]; then
  echo "cannot find the parse_only bench binary" >&2
  exit 2
fi
