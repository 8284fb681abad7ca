//! ML001 unbounded-growth: a long-lived map (a static, or a field shared through a lock)
//! that grows and has no removal anywhere in its package.

use lint_core::facts::lifecycle::{vocab, SiteKind};
use lint_core::index::lifecycle::{render, LongLivedMap};
use lint_core::index::PackageIndex;
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML001",
    name: "unbounded-growth",
    level: Level::Warning,
    group: Group::Default,
    summary: "A long-lived map that grows and is never shrunk, cleared or bounded.",
    explanation: r#"## What it flags

A long-lived map that has at least one growth call and no removal evidence anywhere in
its package. Long-lived means:

- a `static` (also inside a function, `lazy_static! { static ref .. }` and
  `thread_local! { static .. }`) whose type holds a map, looking through `Mutex`,
  `RwLock`, `RefCell`, `OnceLock`, `LazyLock`, `Arc`, `Option`, ...;
- a struct field holding a map behind an interior-mutable wrapper
  (`Mutex<HashMap<..>>`, `RwLock<..>`, `RefCell<..>`, `ArcSwap<..>`) or a `DashMap`:
  a shared service or cache mutated through `&self`;
- a map field of a struct that is itself held behind a lock (`RwLock<Inner>`) somewhere
  in the package, or that is reachable from a static's type through struct fields with a
  lock on the way;
- the state of an actor: a plain map field grown inside the event loop of a method taking
  `&mut self` or `self` (or in a method that loop calls), and a local map declared before
  such a loop and grown inside it (in a function, an `async` block or a spawned closure).
  An event loop waits for events: a `while let Some(..)` over `X.recv()` (also awaited)
  or an awaited `next()`/`accept()` on an inbox (`self.rx`, `inbox`, `events`, ...), or a
  `loop` that receives or holds a `select!`. A loop draining futures the function itself
  started (`FuturesUnordered`, `JoinSet`, `stream::iter(..).buffer_unordered(..)`), alone or
  raced with a timer or a cancellation, and a debounce (a receive bounded by a timer,
  `recv_timeout(d)` or `timeout(d, rx.recv())`, whose timeout leaves the loop) end: not
  event loops.

A map whose owner goes away is not long-lived: when every field, `Option`, collection or
enum variant holding its struct releases it (`take()`, assignment, removal, `*self = ..`;
a `FuturesUnordered`/`JoinSet` drops each future as it completes; a crate-local generic
wrapper holds its argument the way its fields hold the parameter), or the struct is only ever a local value (no function returns it or lets it escape; a
`pub` constructor, `#[derive(Default)]` or all-`pub` fields hand it to callers). A struct
held only behind `OnceCell`/`OnceLock`/`LazyLock` is frozen once built, and so is one
behind `RwLock`s only that no code of the package locks for writing (`.write()`,
`.get_mut()`, `.upgradable_read()`, under any name that reaches the lock). So is a struct the
package builds only per call: inside methods of other types taking `&self`/`&mut self`
(a query's caches, a request's tracker), or in constructors of such structs, where the
value is not stored into `self` or a static, spawned, captured, or reached through a local
whose other uses could carry it away; a factory method returning the struct itself
leaves its life to the caller. Maps keyed by
what the program bounds (`bool`, `u8`, `i8`, `()`, `&'static str`, `TypeId`, a fieldless
crate-local enum, `http::StatusCode`, tuples, arrays and `Option`s of these) are not
flagged.

Growth is `insert`, `try_insert`, `extend`, `append`, `get_or_insert_with` and
`entry(..).or_insert(..)` / `or_insert_with` / `or_default` (and `VacantEntry::insert`),
on the map itself, through its lock guard, a local bound to it, the parameter of
`NAME.with(|m| ..)`, an `Arc` clone of it, a function that returns it, or a crate-local
helper that returns its receiver through the lock (`fn lock_or_heal(&self) ->
MutexGuard<..>`, an extension trait on `Mutex`). For fields,
growth inside constructors (functions returning `Self` without `self`) and builders
(`self` by value returning `Self`) does not count.

Removal evidence is any of `remove`, `remove_entry`, `retain`, `clear`, `drain`,
`extract_if`, `pop`, `pop_first`, `pop_last`, `split_off`, `truncate`, `swap_remove*`,
`shift_remove*`, `remove_if` (and the names in `rules.ML001.removal-methods`),
`OccupiedEntry::remove`, `mem::take` / `replace` / `swap`, an assignment to the map, a
`len()` compared with `<`, `<=`, `>`, `>=` or `==` (a size bound), or the map being
handed by `&mut` or by guard to a function out of sight. The same map under other names
counts: a constructor's local stored into the field, a parameter of a crate-local
function some call passes the map (a sweeper task), another struct's field initialised
from a clone of its `Arc`, a weak reference upgraded. Replacing the struct that owns the
map (an assignment or `mem::take` of a place holding it, also inside the lock an `Arc`
shares: `*self.stats.lock() = Stats::default()`) releases every map field in it. Removal
in the `impl Drop` of another type counts (a guard taking its entry out of the map it
points at). Not removal: teardown in `impl Drop` of the map's owner (or of a struct owning
it by value), replacing a value that only shares the map through an `Arc`, handing a clone
of the `Arc` elsewhere. Removal in test code does not count: a test that clears a
cache between cases does not bound it in production.

## Why it costs

A map that only grows holds every entry for the life of the process: per-user or
per-request keys turn into a slow memory leak that no profiler run on a short test shows,
and the map's table is rehashed into ever larger allocations as it grows.

## Example

```rust
static SESSIONS: LazyLock<Mutex<HashMap<String, Session>>> = LazyLock::new(Default::default);

fn on_login(id: String, s: Session) {
    SESSIONS.lock().unwrap().insert(id, s);
}
```

## Instead

Remove entries when their owner goes away, bound the map, or use a cache that evicts:

```rust
fn on_logout(id: &str) {
    SESSIONS.lock().unwrap().remove(id);
}
```

```rust
static SESSIONS: LazyLock<Mutex<LruCache<String, Session>>> =
    LazyLock::new(|| Mutex::new(LruCache::new(NonZeroUsize::new(10_000).unwrap())));
```

Bounded caches (`lru::LruCache`, `moka`, `quick_cache`, `schnellru`, `mini_moka`) are
not map types and are never flagged. An intentional interner whose key set is bounded
by the program can be allowed with a reason:

```rust
// maplint: allow(unbounded-growth) -- one entry per schema field name
static NAMES: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Default::default);
```

## Limits

maplint does not compile the code: a field access `x.f` counts only when a single
struct of the package has a field named `f`, and a map grown through a generic helper,
a trait object or a reference stored elsewhere is not seen. Plain map fields mutated
through `&mut self` are not long-lived by default (they are mostly short-lived builders
and visitors); `rules.ML001.plain-fields = true` includes them.
"#,
    precision: "high",
};

pub struct UnboundedGrowth;

/// Growth sites named in the help when they are in other files.
const MAX_ELSEWHERE: usize = 3;
/// Growth sites labelled in the declaring file.
const MAX_LABELS: usize = 3;
/// Written types longer than this are shortened in headlines.
const MAX_TYPE_CHARS: usize = 40;

const HELP: &str = "bound it (an LRU or TTL cache such as `lru::LruCache` or `moka`, or a `len()` check that \
                    evicts before inserting), remove entries when their owner goes away, or, for an \
                    intentional interner with a bounded key set, allow it with a reason: \
                    `// maplint: allow(unbounded-growth) -- why`";

impl Rule for UnboundedGrowth {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_package(&self, index: &PackageIndex, out: &mut Vec<(usize, Diagnostic)>) {
        let extra = &index.settings.rules.removal_methods;
        let removals = format!(
            "no removal ({}{}, `mem::take/replace/swap`, a reassignment or a `len()` bound) anywhere in the package",
            vocab::REMOVAL_NAMES,
            extra.iter().map(|x| format!(", `{x}`")).collect::<String>()
        );
        for m in index.long_lived_maps() {
            let growth = m.sites_where(|k| k == SiteKind::Growth);
            if growth.is_empty() || m.has(SiteKind::is_removal_evidence) {
                continue;
            }
            if m.key().is_some_and(|k| index.key_bounded(k, m.scope(index))) {
                continue;
            }
            let elsewhere: Vec<String> = growth
                .iter()
                .filter(|r| r.file != m.file)
                .take(MAX_ELSEWHERE)
                .map(|r| format!("{}:{}", index.files[r.file].display, r.site.span.start.line))
                .collect();
            let message = format!(
                "{} grows and nothing removes its entries: it keeps every key for the life of the process",
                subject(&m)
            );
            let mut help = HELP.to_string();
            if !elsewhere.is_empty() {
                help = format!("it also grows at {}; {help}", elsewhere.join(", "));
            }
            let mut d = Diagnostic::new(META.code, m.name_span(), message, help)
                .with_label(m.name_span(), format!("long-lived: {}; {removals}", m.why.reason()));
            for r in growth.iter().filter(|r| r.file == m.file).take(MAX_LABELS) {
                d = d.with_label(r.site.span, format!("grows here (`{}`)", r.site.method));
            }
            d.sites = m.growth_sites(index);
            d.anchor_line = Some(m.anchor_line());
            d.in_test = m.in_test();
            out.push((m.file, d));
        }
        for l in index.loop_local_maps() {
            let local = l.local;
            if local.removed
                || l.held.key.as_ref().is_some_and(|k| index.key_bounded(k, index.names.scope(l.file, &local.module)))
            {
                continue;
            }
            let message = format!(
                "local `{}: {}` grows in its event loop and nothing removes its entries: it keeps every key \
                 while the task runs",
                local.name,
                short(&render(&local.ty))
            );
            let mut d = Diagnostic::new(META.code, local.name_span, message, HELP)
                .with_label(local.name_span, format!("declared before an event loop; {removals}"));
            for (what, span) in local.growth.iter().take(MAX_LABELS) {
                d = d.with_label(*span, format!("grows here, inside the loop (`{what}`)"));
            }
            d.sites =
                local.growth.iter().map(|(_, span)| lint_core::diagnostic::Site { path: None, span: *span }).collect();
            d.anchor_line = Some(local.anchor_line);
            d.in_test = local.in_test;
            out.push((l.file, d));
        }
    }
}

/// `static `SESSIONS: LazyLock<..>``, with a long type shortened.
pub fn subject(m: &LongLivedMap) -> String {
    let d = m.describe();
    format!("{}: {}`", d.trim_end_matches('`'), short(&render(m.ty())))
}

/// A written type cut to `MAX_TYPE_CHARS` characters.
pub fn short(ty: &str) -> String {
    if ty.chars().count() <= MAX_TYPE_CHARS {
        return ty.to_string();
    }
    let cut: String = ty.chars().take(MAX_TYPE_CHARS - 2).collect();
    format!("{cut}..")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use lint_core::Settings;

    /// A package in a fresh temporary directory with one `lib.rs`.
    fn package(name: &str, lib: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("maplint-ml001-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"t\"\nversion = \"0.0.0\"\n").unwrap();
        std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
        dir
    }

    fn findings(dir: &PathBuf, settings: Settings) -> Vec<lint_core::Finding> {
        let mut s = settings;
        s.selected.insert("ML001".to_string());
        s.jobs = 1;
        let report = lint_core::run(std::slice::from_ref(dir), crate::ALL, &s).unwrap();
        let _ = std::fs::remove_dir_all(dir);
        report.findings
    }

    fn lines(dir: &PathBuf, settings: Settings) -> Vec<u32> {
        findings(dir, settings).iter().map(|f| f.location.line).collect()
    }

    const EVICTED: &str = "use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
static CACHE: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default);
pub fn put(k: u64) { CACHE.lock().unwrap().insert(k, k); }
pub fn tick() { CACHE.lock().unwrap().evict(); }
";

    #[test]
    fn configured_removal_methods_are_removal_evidence() {
        assert_eq!(lines(&package("default", EVICTED), Settings::default()), vec![3]);
        let mut s = Settings::default();
        s.rules.removal_methods = vec!["evict".to_string()];
        assert_eq!(lines(&package("evict", EVICTED), s), Vec::<u32>::new());
    }

    const PLAIN: &str = "use std::collections::HashMap;
pub struct Interner {
    ids: HashMap<String, u32>,
}
impl Interner {
    pub fn new() -> Interner {
        Interner { ids: HashMap::new() }
    }

    pub fn intern(&mut self, s: &str) -> u32 {
        let n = self.ids.len() as u32;
        *self.ids.entry(s.to_string()).or_insert(n)
    }
}
";

    #[test]
    fn plain_fields_only_when_configured() {
        assert_eq!(lines(&package("plain-off", PLAIN), Settings::default()), Vec::<u32>::new());
        let mut s = Settings::default();
        s.rules.plain_fields = true;
        assert_eq!(lines(&package("plain-on", PLAIN), s), vec![3]);
    }

    #[test]
    fn labels_growth_here_and_names_growth_elsewhere() {
        let dir = package(
            "labels",
            "pub mod grow;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
pub static M: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default);
pub fn a(k: u64) { M.lock().unwrap().insert(k, 1); }
pub fn b(k: u64) { M.lock().unwrap().entry(k).or_insert(2); }
pub fn c(k: u64) { M.lock().unwrap().extend([(k, 3)]); }
pub fn d(k: u64) { M.lock().unwrap().insert(k, 4); }
",
        );
        std::fs::write(dir.join("src/grow.rs"), "pub fn e(k: u64) {\n    crate::M.lock().unwrap().insert(k, 5);\n}\n")
            .unwrap();
        let found = findings(&dir, Settings::default());
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!((f.location.line, f.location.column), (4, 12));
        let labels: Vec<(u32, &str)> = f
            .labels
            .iter()
            .filter(|l| l.message.starts_with("grows"))
            .map(|l| (l.location.line, l.message.as_str()))
            .collect();
        assert_eq!(
            labels,
            vec![(5, "grows here (`insert`)"), (6, "grows here (`entry(..).or_insert`)"), (7, "grows here (`extend`)")]
        );
        assert!(
            f.message.starts_with("static `M: LazyLock<Mutex<HashMap<u64, u64>>>` grows and nothing removes"),
            "{}",
            f.message
        );
        assert!(f.help.starts_with("it also grows at ") && f.help.contains("src/grow.rs:2; bound it"), "{}", f.help);
    }
}
