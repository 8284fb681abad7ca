#!/usr/bin/env bash
# Seeds the fuzz corpora from testdata/: every .rs file into fuzz/corpus/per_file/ and
# fuzz/corpus/pipeline/, plus, for the pipeline target, each fixture folder's files
# joined with the `//--split--` lines it cuts packages at. The crash inputs kept as
# regression tests under rules/tests/regressions/ are added too.
set -euo pipefail
cd "$(dirname "$0")"
root=..
for target in per_file pipeline; do
    mkdir -p "corpus/$target"
done
while IFS= read -r -d '' f; do
    name=$(echo "${f#"$root"/testdata/}" | tr '/' '_')
    cp "$f" "corpus/per_file/$name"
    cp "$f" "corpus/pipeline/$name"
done < <(find "$root/testdata" -name '*.rs' -print0)
for dir in "$root"/testdata/*/; do
    name=$(basename "$dir")
    out="corpus/pipeline/$name.joined"
    : > "$out"
    first=1
    while IFS= read -r -d '' f; do
        if [ "$first" -eq 0 ]; then
            printf '\n//--split--\n' >> "$out"
        fi
        cat "$f" >> "$out"
        first=0
    done < <(find "$dir" -name '*.rs' -print0 | sort -z)
done
if [ -d "$root/rules/tests/regressions" ]; then
    for f in "$root"/rules/tests/regressions/*; do
        [ -f "$f" ] || continue
        cp "$f" "corpus/per_file/regression_$(basename "$f")"
        cp "$f" "corpus/pipeline/regression_$(basename "$f")"
    done
fi
echo "seeded: $(ls corpus/per_file | wc -l) per_file, $(ls corpus/pipeline | wc -l) pipeline inputs"
