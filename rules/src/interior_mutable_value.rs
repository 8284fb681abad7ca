//! ML003 interior-mutable-value: a written map type whose values are each a separate
//! heap cell (`Rc<RefCell<T>>`, `Arc<Mutex<T>>`, `Box<Cell<T>>`, or a shared crate-local
//! struct holding such a cell), or a per-entry `Mutex`/`RefCell` inside a map that an
//! exclusive lock already guards.

use lint_core::index::typeinfo::{same_alias_expansion, type_text, MapUse, TypeSite};
use lint_core::index::PackageIndex;
use lint_core::types::TypeKind;
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML003",
    name: "interior-mutable-value",
    level: Level::Warning,
    group: Group::Default,
    summary: "A map whose values are each a separate heap cell or a lock that cannot be contended.",
    explanation: r#"## What it flags

A written map type (`HashMap`, `BTreeMap`, `IndexMap`, `DashMap`, ..., also through
crate-local aliases, `use .. as` renames and the `map-types` setting) anywhere inside a
type, whose value type is:

- a **shared cell**: `Rc<X>`, `Arc<X>` or `Box<X>` where `X` is `Cell`, `RefCell`,
  `UnsafeCell`, `Mutex` or `RwLock` (any path prefix: `parking_lot::Mutex`,
  `tokio::sync::RwLock`, ...), or a crate-local struct or enum with such a field
  (directly or through a field of such a struct, up to four levels);
- a **redundant per-entry lock**: `Mutex<T>` or `RefCell<T>` while the map itself sits
  inside an exclusive `Mutex` or `RefCell` in the same written type (`Mutex<HashMap<K, Mutex<V>>>`), through
  `Box`, `Option`, `Vec`, tuples and the values of other maps (an `Arc` or `Rc` in between
  lets the inner part be shared, so it is not flagged).

Examined positions: struct and enum fields, statics and consts (also inside
`lazy_static!` and `thread_local!`), type aliases, `let` annotations, function return
types, and turbofish types on constructors and `.collect::<..>()`.

## Why it costs

Every shared-cell entry is its own heap allocation with a reference count next to the
value; the map's slots hold only pointers, so every lookup chases one to another cache
line, and dropping the map frees each entry separately. A per-entry lock under an
exclusive outer lock can never be contended: every access already holds the outer lock,
so the inner one only costs space in every slot and an atomic operation per access.

## Example

```rust
struct Graph {
    nodes: HashMap<u32, Rc<RefCell<Node>>>,
}

static SESSIONS: Mutex<HashMap<u64, Mutex<Session>>> = Mutex::new(HashMap::new());
```

## Instead

```rust
struct Graph {
    nodes: HashMap<u32, Node>, // mutate with `get_mut` or `entry`
}

static SESSIONS: Mutex<HashMap<u64, Session>> = Mutex::new(HashMap::new());
```

Store `T` inline and mutate it through `get_mut`/`entry`, locking the whole map once if
it is shared. If entries must be locked independently by many threads, use a sharded
concurrent map (`DashMap<K, T>`). For graphs of `Rc<RefCell<T>>`, use an arena or slab
and refer to nodes by index.

## Not flagged

Atomics (`Arc<AtomicU64>`), `OnceCell`/`OnceLock` values (single-flight initialisation),
`Arc<T>` without a cell, `Arc<Mutex<()>>` (a per-key lock with no data), and a per-entry
lock under an `RwLock` (read-lock the map, lock one entry: a deliberate pattern).
Function parameters and trait bounds are not examined
(they repeat types declared elsewhere), nor are maps behind references (`&HashMap<..>`),
which are examined where they are owned. A map type that comes entirely from a type
alias is reported once, at the alias.

## Limits

Without type checking, a crate-local struct is recognised by its name; when several
structs of the package share it, any of them holding a cell counts.
"#,
    precision: "high",
};

pub struct InteriorMutableValue;

impl Rule for InteriorMutableValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_package(&self, index: &PackageIndex, out: &mut Vec<(usize, Diagnostic)>) {
        let mut maps = None;
        for site in index.type_sites() {
            let resolved = index.resolve_type_in(site.ty, site.scope);
            for m in index.maps_in(&resolved) {
                if let Some(mut d) = check_map(index, &site, &m) {
                    let maps = maps.get_or_insert_with(|| index.maps_with_sites());
                    d.sites = index.growth_sites_at(maps, &site);
                    out.push((site.file, d));
                }
            }
        }
    }
}

/// The diagnostic for one map, if its value is a shared cell or a redundant lock.
fn check_map(index: &PackageIndex, site: &TypeSite, m: &MapUse) -> Option<Diagnostic> {
    let value = m.value?;
    let map_text = type_text(site.ty, m.map);
    let head = index.known_name(value);
    let (parts, message, help, label) = match head {
        Some(wrapper @ ("Rc" | "Arc" | "Box")) => {
            let inner = value.args().first()?;
            let cell = index.cell_in(inner)?;
            // `Arc<Mutex<()>>` is a per-key lock with nothing to store inline: held while
            // the map's own lock is released, it is the point of the entry.
            if inner.args().first().is_some_and(|a| matches!(&a.kind, TypeKind::Tuple(t) if t.is_empty())) {
                return None;
            }
            let message = format!(
                "{}: {map_text} keeps each value in its own `{wrapper}` around {cell}: one heap allocation{} per \
                 entry, and a pointer chase on every lookup",
                site.describe(),
                if wrapper == "Box" { "" } else { " and reference count" },
            );
            let help = if matches!(index.known_name(inner), Some("Mutex" | "RwLock")) {
                "store the value inline and lock the map once (`Mutex<HashMap<K, V>>`, mutating through \
                 `get_mut`/`entry`), or use a sharded concurrent map such as `DashMap<K, V>` if entries must be \
                 locked independently"
            } else {
                "store the value inline and mutate it through `get_mut`/`entry`; for a graph of shared nodes, \
                 keep them in an arena or slab and refer to them by index"
            };
            (vec![value.span, inner.span], message, help.to_string(), None)
        }
        Some(lock @ ("Mutex" | "RefCell")) => {
            let outer = m.lock.filter(|l| l.exclusive)?;
            let outer_name = index.known_name(outer.ty).unwrap_or("lock");
            let message = format!(
                "{}: {map_text} sits behind an exclusive `{outer_name}` yet locks each value in its own `{lock}`: \
                 every access already holds the outer lock, so the per-entry `{lock}` is never contended and only \
                 costs space in every slot and time on every access",
                site.describe(),
            );
            let help = format!(
                "store the value inline (without `{lock}`) and mutate it through `get_mut`/`entry` while holding \
                 the outer `{outer_name}`"
            );
            // Only when the outer lock is written on another line: on the same line the
            // message says it all.
            let label = (outer.ty.span.start.line != value.span.start.line && outer.ty.span != m.map.span)
                .then(|| (outer.ty.span, format!("every access to the map already holds this `{outer_name}`")));
            (vec![value.span, outer.ty.span], message, help, label)
        }
        _ => return None,
    };
    if same_alias_expansion(m.map, &parts) {
        return None;
    }
    let mut d = Diagnostic::new(META.code, value.span, message, help);
    if let Some((span, text)) = label {
        d = d.with_label(span, text);
    }
    d.anchor_line = Some(site.anchor_line);
    d.in_test = site.in_test;
    Some(d)
}
