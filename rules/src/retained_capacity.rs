//! ML007 retained-capacity: a long-lived hash map emptied in bulk (`clear`, `retain`,
//! `drain`, `extract_if`) but never shrunk or replaced keeps its peak capacity.

use lint_core::facts::lifecycle::SiteKind;
use lint_core::index::lifecycle::{LongLivedMap, Owner, Reach};
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

Bulk removal counts on the same map however it is reached (a guard, an `Arc` clone held
by a sweeper thread, a helper), as long as it reaches that map alone: removal through a
function parameter, which other callers may pass other maps, is left out. Not reported
when every bulk removal is followed in the same function by growth of the same map
(clear-then-refill: keeping the table is what rebuilding wants), nor for teardown in the
owner's `impl Drop`, nor for `clear`/`drain` in a function that runs only as the owner
shuts down: its name says so (`stop`, `shutdown`, `close`, `exit`, `exiting`, `clean`,
`cleanup`, `teardown`, `terminate`, `destroy`, `dispose`, `detach`, alone or as the
first or last `_`-separated part of the name; not an event handler such as
`on_leader_stop`, which runs each time while the owner lives on), or it is called, and every call that may reach it sits
in such a function or in `drop` (`fn release_all(&mut self)` called only from
`shutdown`; a `clear` wrapper called only from `clean`). A call may reach a method of
`T` when its receiver is `self` in `T`, a field or static whose type holds `T`, or of
unknown type (for a method named like a map method, `clear`, only a receiver known to
hold `T`). Nor is a field reported that every struct literal creates with
`with_capacity(..)` (of a struct without `#[derive(Default)]` that callers cannot build
otherwise): its table is sized on purpose. The message says whether the map is pruned
(`retain`, `extract_if`) or emptied (`clear`, `drain`), and why it is long-lived.

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
        let presized = index.presized_fields();
        for m in index.long_lived_maps() {
            if !m.is_hash_based() {
                continue;
            }
            // Created `with_capacity(..)` by every literal: the table is sized on purpose.
            if let Owner::Field { strukt, field } = m.owner {
                if index.is_presized(&presized, strukt, &field.name) {
                    continue;
                }
            }
            // Bulk removal that surely reaches this map (teardown in `impl Drop` is never
            // attached to it).
            let bulk: Vec<Reach> = m
                .sites_where(|k| k == SiteKind::BulkRemoval)
                .into_iter()
                .filter(|r| r.certain && !teardown(r))
                .collect();
            if bulk.is_empty() || bulk.iter().all(|b| refilled(&m, b)) {
                continue;
            }
            if m.has(|k| matches!(k, SiteKind::Shrink | SiteKind::Reassign | SiteKind::Escape)) {
                continue;
            }
            let pruned =
                bulk.iter().all(|r| matches!(r.site.method.as_str(), "retain" | "extract_if" | "drain_filter"));
            let how = if pruned { "pruned with `retain`" } else { "emptied with `clear`/`drain`" };
            let message = format!("{}, {}, is {how} but never shrunk", subject(&m), m.why.short());
            let help = "after bulk removal call `shrink_to(n)` (keeping headroom for steady traffic) or \
                        `shrink_to_fit()` when the map may have grown far beyond its usual size, or replace it \
                        (`mem::take`) so the old table is freed";
            let mut d = Diagnostic::new(META.code, m.name_span(), message, help)
                .with_note("a hash map keeps its table when entries are removed: this one keeps its peak size for good")
                .with_label(m.name_span(), format!("long-lived: {}", m.why.reason()));
            for r in bulk.iter().filter(|r| r.file == m.file).take(MAX_LABELS) {
                let verb = if matches!(r.site.method.as_str(), "retain" | "extract_if" | "drain_filter") {
                    "pruned"
                } else {
                    "emptied"
                };
                d = d.with_label(r.site.span, format!("{verb} here with `{}`; the capacity is kept", r.site.method));
            }
            d.sites = m.growth_sites(index);
            d.anchor_line = Some(m.anchor_line());
            d.in_test = m.in_test();
            out.push((m.file, d));
        }
    }
}

/// Whether a bulk removal empties the map (`clear`, `drain`) in a function that runs only
/// as its owner goes away (`stop`, `shutdown`, `exiting`, ..., or called only from such
/// functions): the owner is going away, as in `impl Drop`. Pruning (`retain`) is not.
fn teardown(r: &Reach) -> bool {
    r.teardown && matches!(r.site.method.as_str(), "clear" | "drain")
}

/// Whether a bulk removal is followed, in the same function, by growth of the same map
/// (clear-then-refill: keeping the table is what rebuilding wants).
fn refilled(m: &LongLivedMap, bulk: &Reach) -> bool {
    let Some(func) = bulk.site.func else { return false };
    m.sites.iter().any(|g| {
        g.site.kind == SiteKind::Growth
            && g.file == bulk.file
            && g.site.func == Some(func)
            && (g.site.span.start.line, g.site.span.start.column)
                > (bulk.site.span.start.line, bulk.site.span.start.column)
    })
}
