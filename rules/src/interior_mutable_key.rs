//! ML006 interior-mutable-key: a map key (or set element) of a crate-local type with an
//! interior-mutable field that its hand-written `Hash`/`PartialEq` (or `Ord`, for ordered
//! maps) reads: the key's hash or order can change while it sits in the map.

use lint_core::facts::typeinfo::TraitKind;
use lint_core::index::typeinfo::{same_alias_expansion, slot_text, type_text, MapUse, TypeSite};
use lint_core::index::PackageIndex;
use lint_core::maptypes::MapKind;
use lint_core::types::{TypeExpr, TypeKind};
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML006",
    name: "interior-mutable-key",
    level: Level::Error,
    group: Group::Default,
    summary: "A map key whose Hash or PartialEq reads an interior-mutable field.",
    explanation: r#"## What it flags

A written map key type (or set element type) that is a crate-local struct or enum —
directly, or through `Rc`, `Arc`, `Box`, references, tuples, arrays and type aliases —
which has a field of interior-mutable type (`Cell`, `RefCell`, `Mutex`, `RwLock`,
`OnceCell`, `OnceLock`, `Atomic*`, ..., also inside `Arc`, `Box`, `Option` or `Vec`)
**and** a hand-written `impl Hash` or `impl PartialEq` whose body reads that field. For
`BTreeMap`/`BTreeSet` keys, a hand-written `Ord`/`PartialOrd` reading it counts too.

Examined positions are those of ML003: fields, statics, consts, type aliases, `let`
annotations, return types, and turbofish types.

## Why it costs

A map files each key under its hash (or its order) when it is inserted. If the field
the hash reads changes through `&self` while the key sits in the map, the key is now
filed in the wrong bucket: lookups for it miss, `insert` adds a duplicate, and `remove`
cannot find it. Nothing panics; the map silently returns wrong answers, and the entry
may never be freed.

## Example

```rust
struct Session { id: u64, hits: Cell<u32> }

impl Hash for Session {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.id.hash(h);
        self.hits.get().hash(h); // changes while the session is a key
    }
}

static ACTIVE: Mutex<HashSet<Arc<Session>>> = /* ... */;
```

## Instead

Key the map by an immutable id (`HashMap<u64, Arc<Session>>`), or hash and compare
only the immutable parts:

```rust
impl Hash for Session {
    fn hash<H: Hasher>(&self, h: &mut H) { self.id.hash(h); }
}
```

A hand-written `Hash`/`PartialEq` that ignores the interior-mutable field (a cached hash,
a lazily filled display string) is fine and is not flagged. Neither is a field the impl
fills itself (`self.hash.set(..)`, `self.hash.get_or_init(..)`, `self.calls.fetch_add(..)`:
a memo of the other parts, or a statistic), nor a `Lazy`/`LazyLock`/`LazyCell` field,
whose value never changes once computed. An impl that reads the field only to compare or
hash its address (`Rc::ptr_eq(&self.node, &other.node)`, `Arc::as_ptr(&self.node)`,
`ptr::eq`, `.as_ptr()`) uses the identity of the allocation, which never changes: it is
not flagged for that impl.

## Options

`rules.ML006.ignore-types = ["Handle"]` skips the named key types.

## Limits

The impl's body must name the field (`self.f`, `other.f`, `let Self { f, .. } = self`);
calls to helper methods that read it are not followed. Derived `PartialEq` is not
examined. Crate-local types are recognised by name.
"#,
    precision: "high",
};

pub struct InteriorMutableKey;

impl Rule for InteriorMutableKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_package(&self, index: &PackageIndex, out: &mut Vec<(usize, Diagnostic)>) {
        for site in index.type_sites() {
            let resolved = index.resolve_type_in(site.ty, site.scope);
            for m in index.maps_in(&resolved) {
                if let Some(d) = check_map(index, &site, &m) {
                    out.push((site.file, d));
                }
            }
        }
    }
}

/// A mutable field of a key type read by a trait impl.
struct Finding<'t> {
    key_type: &'t TypeExpr,
    struct_name: String,
    field: String,
    field_type: String,
    trait_kind: TraitKind,
    impl_file: usize,
    read: lint_core::facts::typeinfo::FieldRead,
}

fn check_map(index: &PackageIndex, site: &TypeSite, m: &MapUse) -> Option<Diagnostic> {
    let key = m.key?;
    let mut candidates = Vec::new();
    key_types(index, key, &mut candidates, 0);
    let f = candidates.into_iter().find_map(|k| mutable_read(index, site, m.kind, k))?;
    if same_alias_expansion(m.map, &[f.key_type.span]) {
        return None;
    }
    let map_text = type_text(site.ty, m.map);
    let (trait_name, name, field) = (f.trait_kind.name(), &f.struct_name, &f.field);
    let keyed = if m.is_set { "holds elements of" } else { "is keyed by" };
    let via = if f.key_type.span == key.span || f.key_type.span == m.map.span {
        None
    } else {
        Some(format!("`{name}` is held in {}", slot_text(site.ty, m.map, key)))
    };
    let same_file = f.impl_file == site.file;
    let where_ = if same_file {
        String::new()
    } else {
        let path = index.files.get(f.impl_file).map_or("", |x| x.display);
        format!(" (at {path}:{})", f.read.span.start.line)
    };
    let change = match f.trait_kind {
        TraitKind::Hash => "its hash goes stale",
        TraitKind::PartialEq => "it stops equalling the key it was inserted as",
        TraitKind::Ord => "its place in the ordering goes stale",
    };
    let message = format!(
        "{}: {map_text} {keyed} `{name}`, whose hand-written `{trait_name}` reads its interior-mutable field `{field}`",
        site.describe(),
    );
    let cost = format!(
        "`{trait_name} for {name}` reads `{field}: {}`{where_}: when `{field}` changes while the entry is in the \
         map, {change} and lookups silently miss it",
        f.field_type,
    );
    let help = format!(
        "key the map by an immutable id, or hash and compare only the immutable parts of `{name}` (leave `{field}` \
         out of its `{trait_name}`)"
    );
    let mut d = Diagnostic::new(META.code, key.span, message, help);
    if let Some(via) = via {
        d = d.with_note(via);
    }
    d = d.with_note(cost);
    if same_file {
        d = d.with_label(f.read.span, format!("`{trait_name} for {name}` reads `{field}` here"));
    }
    d.anchor_line = Some(site.anchor_line);
    d.in_test = site.in_test;
    Some(d)
}

/// The path types a key is made of: through references, `Rc`, `Arc`, `Box`, tuples and
/// arrays.
fn key_types<'t>(index: &PackageIndex, ty: &'t TypeExpr, out: &mut Vec<&'t TypeExpr>, depth: usize) {
    if depth > 8 {
        return;
    }
    match &ty.kind {
        TypeKind::Ref { elem, .. } | TypeKind::Array { elem, .. } | TypeKind::Slice(elem) => {
            key_types(index, elem, out, depth + 1)
        }
        TypeKind::Tuple(elems) => elems.iter().for_each(|e| key_types(index, e, out, depth + 1)),
        TypeKind::Path { args, .. } => match index.known_name(ty) {
            Some("Rc" | "Arc" | "Box") => args.iter().take(1).for_each(|a| key_types(index, a, out, depth + 1)),
            _ => out.push(ty),
        },
        _ => {}
    }
}

/// The interior-mutable field of the crate-local type `key` that a hand-written trait
/// impl relevant to `kind` reads. Every struct of that name must have one.
fn mutable_read<'t>(index: &PackageIndex, site: &TypeSite, kind: MapKind, key: &'t TypeExpr) -> Option<Finding<'t>> {
    let name = key.name()?;
    let ignore = &index.settings.rules.ignore_key_types;
    let written = key.to_string();
    if ignore.iter().any(|i| i == name || *i == written) {
        return None;
    }
    let defs = index.local_structs_of(key);
    let kinds: &[TraitKind] = match kind {
        MapKind::Ordered => &[TraitKind::Ord, TraitKind::PartialEq],
        MapKind::Hash | MapKind::Dash => &[TraitKind::Hash, TraitKind::PartialEq],
    };
    let mut found = None;
    for def in defs {
        // A lazy value is computed on first access and never changes after: every read
        // sees the same value.
        let mut fields = index
            .interior_mutable_fields(def)
            .into_iter()
            .filter(|(_, ty_name)| !matches!(ty_name.as_str(), "Lazy" | "LazyCell" | "LazyLock"));
        let hit = fields.find_map(|(field, ty_name)| {
            index.trait_impls_for(def, kinds).filter(|(_, t)| !t.in_test || site.in_test).find_map(|(file, t)| {
                let read = t.read_of(&field.name).or_else(|| positional_read(def.is_enum, &field.name, t))?;
                // A field the impl fills itself is a memo (a cached hash) or a statistic;
                // one whose address only is compared or hashed is identity.
                if read.memo || read.identity {
                    return None;
                }
                Some(Finding {
                    key_type: key,
                    struct_name: def.name.clone(),
                    field: field.name.clone(),
                    field_type: if field.ty.to_string().contains(ty_name.as_str()) {
                        field.ty.to_string()
                    } else {
                        format!("{} (a {ty_name})", field.ty)
                    },
                    trait_kind: t.kind,
                    impl_file: file,
                    read: read.clone(),
                })
            })
        });
        found = Some(found.unwrap_or(hit?));
    }
    found
}

/// Enum tuple fields are numbered across variants in the facts, so any positional read
/// in the impl counts for them.
fn positional_read<'t>(
    is_enum: bool,
    field: &str,
    t: &'t lint_core::facts::typeinfo::TraitImpl,
) -> Option<&'t lint_core::facts::typeinfo::FieldRead> {
    if !is_enum || !field.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    t.reads.iter().find(|r| r.name.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lint_core::Settings;

    const SRC: &str = "
struct Handle { id: u64, gen: Cell<u32> }
impl Hash for Handle { fn hash<H: Hasher>(&self, h: &mut H) { self.gen.get().hash(h); } }
struct S { by_handle: HashMap<Handle, u8> }
";

    fn lines(settings: &Settings) -> Vec<u32> {
        crate::testing::package_rule_lines(&InteriorMutableKey, SRC, settings)
    }

    #[test]
    fn ignore_types_skips_named_keys() {
        let mut settings = Settings::default();
        assert_eq!(lines(&settings), vec![4]);
        settings.rules.ignore_key_types = vec!["Handle".into()];
        assert_eq!(lines(&settings), Vec::<u32>::new());
    }
}
