//! ML003 interior-mutable-value: a written map type whose values are each a separate
//! heap cell (`Rc<RefCell<T>>`, `Arc<Mutex<T>>`, `Box<Cell<T>>`, or a shared crate-local
//! struct with such a field) that only the map owns, or a per-entry `Mutex`/`RefCell`
//! inside a map that an exclusive lock already guards. Asynchronous locks are exempt.

use lint_core::facts::typeinfo::{Position, ShareKind};
use lint_core::index::typeinfo::{same_alias_expansion, type_text, MapUse, TypeSite};
use lint_core::index::PackageIndex;
use lint_core::types::TypeKind;
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML003",
    name: "interior-mutable-value",
    level: Level::Warning,
    group: Group::Default,
    summary: "A map that solely owns values each in a separate heap cell, or a lock that cannot be contended.",
    explanation: r#"## What it flags

A written map type (`HashMap`, `BTreeMap`, `IndexMap`, `DashMap`, ..., also through
crate-local aliases, `use .. as` renames and the `map-types` setting) anywhere inside a
type, whose value type is:

- a **shared cell** that nothing shares: `Rc<X>`, `Arc<X>` or `Box<X>` where `X` is
  `Cell`, `RefCell`, `UnsafeCell`, `Mutex` or `RwLock` (any path prefix:
  `parking_lot::Mutex`, `std::sync::RwLock`, ...), or a crate-local struct or enum with a
  direct field of such a type; and the map is the **sole owner** of its values: nowhere in
  the package is a value read from it (by `get`, `get_mut`, `remove`, indexing, iteration,
  `entry(..)`) cloned (`.clone()`, `.cloned()`, `Arc::clone`, `Rc::clone`,
  `Arc::downgrade`), compared by address with another pointer (`Arc::ptr_eq`), returned, sent or passed to a function, stored in a struct, tuple or
  another place, or moved into a `move` closure or `async move` block (passing, storing
  and moving count for values moved out of the map, by `remove`, `drain`, ...: a borrowed
  `&Arc<T>` usually reaches a function as `&T`); nor is a clone inserted into it (also a
  local inserted after being cloned, and the map a function returns built from clones).
  Test code counts: a value cloned out by a test is shared too;
- a **redundant per-entry lock**: `Mutex<T>` or `RefCell<T>` while the map itself sits
  inside an exclusive `Mutex` or `RefCell` in the same written type (`Mutex<HashMap<K, Mutex<V>>>`), through
  `Box`, `Option`, `Vec`, tuples and the values of other maps (an `Arc` or `Rc` in between
  lets the inner part be shared, so it is not flagged).

The map is recognised where its values are read as a static, a field (`self.f` in an
impl of its struct, `x.f` elsewhere, or an accessor method returning it), a local whose
`let` writes the map type, or the result of a function whose return type is the map.

Examined positions: struct and enum fields, statics and consts (also inside
`lazy_static!` and `thread_local!`), type aliases, `let` annotations, function return
types, and turbofish types on constructors and `.collect::<..>()`.

## Why it costs

Every shared-cell entry is its own heap allocation with a reference count next to the
value; the map's slots hold only pointers, so every lookup chases one to another cache
line, and dropping the map frees each entry separately. When the map is the only owner,
the reference count buys nothing. A per-entry lock under an exclusive outer lock can
never be contended: every access already holds the outer lock, so the inner one only
costs space in every slot and an atomic operation per access.

## Example

```rust
struct Graph {
    nodes: HashMap<u32, Rc<RefCell<Node>>>,
}

impl Graph {
    fn touch(&self, id: u32) {
        if let Some(n) = self.nodes.get(&id) {
            n.borrow_mut().visits += 1; // used in place, never shared
        }
    }
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

- A map whose values are handed out (cloned, returned, sent, stored elsewhere): the
  `Rc`/`Arc` is shared ownership on purpose, for instance a lock cloned out of the map so
  that it can be held after the map's own guard is released.
- Asynchronous locks (`tokio::sync::Mutex`/`RwLock`, `futures::lock::Mutex`,
  `async_lock::*`, `async_std::sync::*`, written with their path or imported in the file
  where the type is written): they are held across `.await` while the map's guard is
  released.
- A crate-local struct whose lock lies deeper than its own fields (a service handle with
  a lock somewhere inside is not a per-entry cell).
- Atomics (`Arc<AtomicU64>`), `OnceCell`/`OnceLock` values (single-flight
  initialisation), `Arc<T>` without a cell, `Arc<Mutex<()>>` (a per-key lock with no
  data), a cell around a trait object or slice (`Arc<Mutex<dyn Device>>`: it has no size,
  so it cannot be stored inline), and a per-entry lock under an `RwLock` (read-lock the map, lock one entry: a
  deliberate pattern).
- Function parameters and trait bounds (they repeat types declared elsewhere), and maps
  behind references (`&HashMap<..>`), which are examined where they are owned. A map type
  that comes entirely from a type alias is reported once, at the alias; a local map moved
  into a struct field (`Self { map }`) is reported at the field.

## Limits

Without type checking, a crate-local struct is recognised by its name; when several
structs of the package share it, any of them holding a cell counts. A field is matched
by its name where it is read through another receiver than `self` (`x.f`, also `x.0`),
so a value shared from another struct's field of the same name also counts as shared.
Values of enum variants are not followed. A value that
travels through a local closure result or a collected iterator before being handed out
is not followed, and then the map is still reported.
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
    // A local moved into a struct field is the field's map: reported at the field.
    if matches!(site.position, Position::Let | Position::Turbofish)
        && index.value_shared(site).is_some_and(|(_, s)| s.kind == ShareKind::IntoField)
    {
        return None;
    }
    let map_text = type_text(site.ty, m.map);
    let (parts, message, help, labels) = match index.known_name(value) {
        Some(wrapper @ ("Rc" | "Arc" | "Box")) => {
            let inner = value.args().first()?;
            let cell = index.cell_in(inner)?;
            // `Arc<Mutex<()>>` is a per-key lock with nothing to store inline: held while
            // the map's own lock is released, it is the point of the entry. A trait
            // object or slice (`Mutex<dyn Device>`) has no size: it cannot be inline.
            if inner.args().first().is_some_and(|a| match &a.kind {
                TypeKind::Tuple(t) => t.is_empty(),
                TypeKind::Traits(_) | TypeKind::Slice(_) => true,
                TypeKind::Path { segments, args } => args.is_empty() && segments.last().is_some_and(|s| s == "str"),
                _ => false,
            }) {
                return None;
            }
            // An async lock is held across `.await`, after the map's guard is released.
            let is_async = match cell.field {
                None => index.is_async_lock(site.file, site.ty, &cell.cell),
                Some((def, field)) => index.file_of(def).is_some_and(|f| index.is_async_lock(f, &field.ty, &cell.cell)),
            };
            // A value cloned out, returned, sent or stored elsewhere is shared on purpose.
            if is_async || (wrapper != "Box" && index.value_shared(site).is_some()) {
                return None;
            }
            let message =
                format!("{}: {map_text} puts each value in its own `{wrapper}` around {}", site.describe(), cell.what);
            let why = if wrapper == "Box" {
                "one heap allocation per entry, and a pointer chase on every lookup".to_string()
            } else {
                format!(
                    "one heap allocation and reference count per entry, and a pointer chase on every lookup; no \
                     value read from the map is cloned or handed out, so the `{wrapper}` shares nothing"
                )
            };
            let help = if matches!(index.known_name(inner), Some("Mutex" | "RwLock")) {
                "store the value inline and lock the map once (`Mutex<HashMap<K, V>>`, mutating through \
                 `get_mut`/`entry`), or use a sharded concurrent map such as `DashMap<K, V>` if entries must be \
                 locked independently"
            } else {
                "store the value inline and mutate it through `get_mut`/`entry`; for a graph of shared nodes, \
                 keep them in an arena or slab and refer to them by index"
            };
            (vec![value.span, inner.span], message, help.to_string(), vec![(value.span, why)])
        }
        Some(lock @ ("Mutex" | "RefCell")) => {
            let outer = m.lock.filter(|l| l.exclusive)?;
            if index.is_async_lock(site.file, site.ty, value) {
                return None;
            }
            let outer_name = index.known_name(outer.ty).unwrap_or("lock");
            let message = format!(
                "{}: {map_text} locks each value in its own `{lock}` behind an exclusive `{outer_name}`",
                site.describe(),
            );
            let help = format!(
                "store the value inline (without `{lock}`) and mutate it through `get_mut`/`entry` while holding \
                 the outer `{outer_name}`"
            );
            let mut labels = vec![(
                value.span,
                format!(
                    "every access already holds the outer `{outer_name}`, so this `{lock}` is never contended: it only \
                     costs space in every slot and time on every access"
                ),
            )];
            // Only when the outer lock is written on another line: on the same line the
            // message says it all.
            if outer.ty.span.start.line != value.span.start.line && outer.ty.span != m.map.span {
                labels.push((outer.ty.span, format!("every access to the map already holds this `{outer_name}`")));
            }
            (vec![value.span, outer.ty.span], message, help, labels)
        }
        _ => return None,
    };
    if same_alias_expansion(m.map, &parts) {
        return None;
    }
    let mut d = Diagnostic::new(META.code, value.span, message, help);
    for (span, text) in labels {
        d = d.with_label(span, text);
    }
    d.anchor_line = Some(site.anchor_line);
    d.in_test = site.in_test;
    Some(d)
}
