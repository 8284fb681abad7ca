//! ML008 large-inline-value: a written map type whose value (or set element) is a large
//! inline array of primitives, `[T; N]` of at least `rules.ML008.min-bytes` bytes.

use lint_core::index::typeinfo::{same_alias_expansion, slot_text, type_text, MapUse, TypeSite};
use lint_core::index::PackageIndex;
use lint_core::maptypes::MapKind;
use lint_core::types::{TypeExpr, TypeKind};
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML008",
    name: "large-inline-value",
    level: Level::Note,
    group: Group::Pedantic,
    summary: "A map whose value is a large inline array: every slot, empty ones too, reserves it.",
    explanation: r#"## What it flags

A written map type whose value type (or, for a set, its element type) is an array
`[T; N]` — `T` a primitive of known size (`u8`, `i32`, `f64`, `bool`, `char`, ...,
`usize` counted as 8 bytes; nested arrays of them too) and `N` an integer literal or a
crate-local integer `const` — of at least 256 bytes (`rules.ML008.min-bytes`). Crate-local
aliases are resolved (`type Page = [u8; 4096]`). Examined positions are those of ML003.

## Why it costs

A hash map stores its values inline in one table, and keeps it at most 7/8 full: every
slot, empty ones included, reserves the full array, so a map of 4 KiB pages uses 4 KiB per
empty slot as well. Every resize moves all of them. B-tree maps reserve room for eleven
values in every node, whether used or not.

## Example

```rust
struct PageCache {
    pages: HashMap<u64, [u8; 4096]>,
}
```

## Instead

```rust
struct PageCache {
    pages: HashMap<u64, Box<[u8; 4096]>>, // one pointer per slot
}
```

`Box<[T; N]>` keeps one pointer per slot and allocates the array only for occupied
entries; `Vec<T>` does the same when the length varies.

## Options

`rules.ML008.min-bytes = 1024` reports only larger values.

## Limits

Array lengths written as expressions (`4 * 1024`) or consts defined by expressions are
not evaluated. Structs holding large arrays are not measured.
"#,
    precision: "very-high",
};

pub struct LargeInlineValue;

impl Rule for LargeInlineValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_package(&self, index: &PackageIndex, out: &mut Vec<(usize, Diagnostic)>) {
        let min = index.settings.rules.min_bytes;
        let mut maps = None;
        for site in index.type_sites() {
            let resolved = index.resolve_type_in(site.ty, site.scope);
            for m in index.maps_in(&resolved) {
                let Some(slot) = m.slot() else { continue };
                let Some(bytes) = index.inline_array_bytes(slot) else { continue };
                if bytes < min || same_alias_expansion(m.map, &[slot.span]) {
                    continue;
                }
                let mut d = diagnostic(&site, &m, slot, bytes);
                let maps = maps.get_or_insert_with(|| index.maps_with_sites());
                d.sites = index.growth_sites_at(maps, &site);
                out.push((site.file, d));
            }
        }
    }
}

fn diagnostic(site: &TypeSite, m: &MapUse, slot: &TypeExpr, bytes: u64) -> Diagnostic {
    let map_text = type_text(site.ty, m.map);
    let slot_text = slot_text(site.ty, m.map, slot);
    let what = if m.is_set { "element" } else { "value" };
    let cost = match m.kind {
        MapKind::Ordered => "every B-tree node reserves room for eleven, used or not",
        MapKind::Hash | MapKind::Dash => {
            "every slot of the table, empty ones included, reserves that much and every resize moves it"
        }
    };
    let message = format!("{}: {map_text} stores each {what} inline ({slot_text} is {bytes} bytes)", site.describe());
    let (elem, len) = match &slot.kind {
        TypeKind::Array { elem, len } => (elem.to_string(), array_len_text(len)),
        _ => ("T".to_string(), "N".to_string()),
    };
    let help = format!(
        "store `Box<[{elem}; {len}]>` (one pointer per slot; the array is allocated only for occupied entries) or \
         `Vec<{elem}>`"
    );
    let mut d = Diagnostic::new(META.code, slot.span, message, help).with_note(cost);
    d.anchor_line = Some(site.anchor_line);
    d.in_test = site.in_test;
    d
}

fn array_len_text(len: &lint_core::types::ArrayLen) -> String {
    match len {
        lint_core::types::ArrayLen::Lit(n) => n.to_string(),
        lint_core::types::ArrayLen::Const(c) => c.clone(),
        lint_core::types::ArrayLen::Other => "N".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lint_core::Settings;

    const SRC: &str = "
struct S {
    a: HashMap<u8, [u8; 512]>,
    b: HashMap<u8, [u8; 1024]>,
}
";

    fn lines(settings: &Settings) -> Vec<u32> {
        crate::testing::package_rule_lines(&LargeInlineValue, SRC, settings)
    }

    #[test]
    fn min_bytes_sets_the_threshold() {
        let mut settings = Settings::default();
        assert_eq!(lines(&settings), vec![3, 4]);
        settings.rules.min_bytes = 1024;
        assert_eq!(lines(&settings), vec![4]);
        settings.rules.min_bytes = 1025;
        assert_eq!(lines(&settings), Vec::<u32>::new());
    }
}
