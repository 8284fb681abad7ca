//! ML007 retained-capacity: a long-lived hash map emptied in bulk (`clear`, `retain`,
//! `drain`, `extract_if`) but never shrunk or replaced keeps its peak capacity.

use lint_core::facts::lifecycle::SiteKind;
use lint_core::index::PackageIndex;
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta};

use crate::unbounded_growth::subject;

pub static META: RuleMeta = RuleMeta {
    code: "ML007",
    name: "retained-capacity",
    level: Level::Note,
    group: Group::Pedantic,
    summary: "A long-lived hash map bulk-emptied but never shrunk keeps its peak capacity.",
    explanation: r#"## What it flags

A long-lived hash-based map (a static, or a field shared through a lock; see ML001 for
what long-lived means) that is emptied in bulk with `clear`, `retain`, `drain` or
`extract_if`, but has no `shrink_to_fit` / `shrink_to` call and is never replaced
(assigned, `mem::take`n or `mem::replace`d) anywhere in its package.

This rule is pedantic: it runs only when selected (`--select ML007`, `--select
pedantic` or `--select all`).

## Why it costs

Removing entries from a hash map does not free its table: `clear()` keeps the allocation
so the map can be refilled without rehashing. For a map whose size is steady that is
what you want; for a long-lived map that spikes (a burst of connections, a batch of
jobs) it means the process keeps the memory of the largest burst it has ever seen, for
its whole life. `BTreeMap` frees its nodes as entries go, so it is not flagged.

## Example

```rust
struct Batcher {
    pending: Mutex<HashMap<JobId, Job>>,
}

impl Batcher {
    fn flush(&self) {
        let mut p = self.pending.lock().unwrap();
        submit(p.values());
        p.clear(); // the table stays at its peak size
    }
}
```

## Instead

Shrink after bulk removal when the map may have grown much larger than usual, keeping
some headroom so steady traffic does not reallocate:

```rust
p.clear();
p.shrink_to(1024);
```

or hand the old map away so its allocation is freed: `let batch = mem::take(&mut *p);`.

## Limits

A map shrunk or replaced by a helper it is passed to (`&mut map`) is taken as shrunk.
Whether the peak matters depends on how much the map's size varies, which maplint cannot
know; allow the finding with a reason where the size is steady.
"#,
    precision: "medium",
};

pub struct RetainedCapacity;

/// Bulk removal sites labelled in the declaring file.
const MAX_LABELS: usize = 3;

impl Rule for RetainedCapacity {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_package(&self, index: &PackageIndex, out: &mut Vec<(usize, Diagnostic)>) {
        for m in index.long_lived_maps() {
            if !m.is_hash_based() {
                continue;
            }
            let bulk = m.sites_where(|k| k == SiteKind::BulkRemoval);
            let Some((_, first)) = bulk.first() else { continue };
            if m.has(|k| matches!(k, SiteKind::Shrink | SiteKind::Reassign | SiteKind::Escape)) {
                continue;
            }
            let message = format!(
                "{} is emptied with `{}` but never shrunk or replaced: a hash map keeps its table when entries \
                 are removed, so it holds the memory of its largest size for the life of the process",
                subject(&m),
                first.method
            );
            let help = "after bulk removal call `shrink_to(n)` (keeping headroom for steady traffic) or \
                        `shrink_to_fit()` when the map may have grown far beyond its usual size, or replace it \
                        (`mem::take`) so the old table is freed";
            let mut d = Diagnostic::new(META.code, m.name_span(), message, help);
            for (_, s) in bulk.iter().filter(|(f, _)| *f == m.file).take(MAX_LABELS) {
                d = d.with_label(s.span, format!("emptied here with `{}`; the capacity is kept", s.method));
            }
            d.sites = m.growth_sites(index);
            d.anchor_line = Some(m.anchor_line());
            d.in_test = m.in_test();
            out.push((m.file, d));
        }
    }
}
