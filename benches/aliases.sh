#!/usr/bin/env bash
# Alias expansion stays linear in a package's size: generates one package of N modules
# whose every module defines the same generic aliases (`type Result<T> = ..`, `type Map<K, V>
# = ..`, as real crates do module by module) and uses them in fields, statics and
# signatures, then times maplint on N and on 4N modules. The ratio must stay at or under 5.
#
#   benches/aliases.sh [N]        # N defaults to 200; MAPLINT=path overrides the binary
#
# Builds the release binary unless MAPLINT is given; SELECT (default all) picks the rules. Installs nothing; not part of CI.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-200}
RUNS=${RUNS:-3}
if [ -z "${MAPLINT:-}" ]; then
  (cd "$REPO" && cargo build --release --locked --quiet --bin maplint)
  MAPLINT="$REPO/target/release/maplint"
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/maplint-aliases.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# package DIR MODULES: writes a package of MODULES modules.
package() {
  local dir=$1 n=$2 i
  mkdir -p "$dir/src"
  printf '[package]\nname = "aliases"\nversion = "0.1.0"\nedition = "2021"\n' >"$dir/Cargo.toml"
  : >"$dir/src/lib.rs"
  for ((i = 0; i < n; i++)); do
    echo "pub mod m$i;" >>"$dir/src/lib.rs"
    cat >"$dir/src/m$i.rs" <<RS
use std::collections::HashMap;
use std::sync::Mutex;
pub type Result<T, E = Error> = std::result::Result<T, E>;
pub type Map<K, V> = HashMap<K, V>;
pub type Shared<T> = std::sync::Arc<Mutex<T>>;
pub type Table<V> = Map<String, Result<Vec<V>>>;
pub struct Error;
pub struct State {
    pub by_name: Shared<Map<String, Result<u64>>>,
    pub rows: Mutex<Table<Result<u8>>>,
}
impl State {
    pub fn put(&self, k: String) -> Result<()> {
        self.by_name.lock().unwrap().insert(k, Ok(1));
        Ok(())
    }
    pub fn drop_all(&self) -> Result<Option<Result<u64>>> {
        self.rows.lock().unwrap().clear();
        Ok(self.by_name.lock().unwrap().remove("x"))
    }
}
RS
  done
}

# best_of DIR: the best wall time of RUNS runs, in seconds.
best_of() {
  local best="" t s e
  for ((r = 0; r < RUNS; r++)); do
    s=$(date +%s.%N)
    "$MAPLINT" --no-config --no-cache --select "${SELECT:-all}" --format concise -j 1 "$1" >/dev/null || true
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

package "$TMP/small" "$N"
package "$TMP/large" $((4 * N))
small=$(best_of "$TMP/small")
large=$(best_of "$TMP/large")
ratio=$(echo "$large / $small" | bc -l)
printf 'modules  seconds\n%7d  %.3f\n%7d  %.3f\ntime(4N)/time(N) = %.2f (bar: <= 5)\n' \
  "$N" "$small" $((4 * N)) "$large" "$ratio"
[ "$(echo "$ratio <= 5" | bc -l)" = 1 ]
