//! The vocabulary of SPEC §1: map types, wrapper types, interior-mutable types, and
//! small helpers to read them off `syn` types and paths.

/// What kind of map a type name denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MapKind {
    /// `HashMap`, `HashSet`, `IndexMap`, `FxHashMap`, `AHashMap`, ... (capacity-capable).
    Hash,
    /// `BTreeMap`, `BTreeSet`.
    Ordered,
    /// `DashMap`, `DashSet` (hash-based and concurrent).
    Dash,
}

impl MapKind {
    /// Hash-based maps have `with_capacity`, `reserve` and `shrink_to_fit`.
    pub fn is_hash_based(self) -> bool {
        matches!(self, MapKind::Hash | MapKind::Dash)
    }
}

/// Built-in map type names (last path segment) and their kind.
pub fn builtin_map_kind(name: &str) -> Option<MapKind> {
    Some(match name {
        "HashMap" | "HashSet" | "IndexMap" | "IndexSet" | "FxHashMap" | "FxHashSet" | "AHashMap" | "AHashSet" => {
            MapKind::Hash
        }
        "BTreeMap" | "BTreeSet" => MapKind::Ordered,
        "DashMap" | "DashSet" => MapKind::Dash,
        _ => return None,
    })
}

/// Whether a map type name is a set (it has an element, no value).
pub fn is_set_name(name: &str) -> bool {
    name.ends_with("Set")
}

/// Wrapper types looked through when deciding whether a type contains a map.
pub fn is_wrapper(name: &str) -> bool {
    matches!(
        name,
        "Mutex"
            | "RwLock"
            | "RefCell"
            | "Cell"
            | "UnsafeCell"
            | "OnceCell"
            | "OnceLock"
            | "LazyLock"
            | "Lazy"
            | "LazyCell"
            | "Arc"
            | "Rc"
            | "Box"
            | "Option"
            | "ArcSwap"
            | "ArcSwapOption"
    )
}

/// Interior-mutable types (atomics included).
pub fn is_interior_mutable(name: &str) -> bool {
    matches!(
        name,
        "Cell"
            | "RefCell"
            | "UnsafeCell"
            | "Mutex"
            | "RwLock"
            | "OnceCell"
            | "OnceLock"
            | "LazyCell"
            | "LazyLock"
            | "Lazy"
            | "ArcSwap"
            | "ArcSwapOption"
    ) || is_atomic(name)
}

/// `AtomicU64`, `AtomicBool`, ...
pub fn is_atomic(name: &str) -> bool {
    name.starts_with("Atomic") && name.len() > "Atomic".len()
}

/// The last segment's identifier of a path, as a string.
pub fn last_ident(path: &syn::Path) -> Option<String> {
    path.segments.last().map(|s| s.ident.to_string())
}

/// The generic type arguments of the last segment of a path.
pub fn type_args(path: &syn::Path) -> Vec<&syn::Type> {
    match path.segments.last().map(|s| &s.arguments) {
        Some(syn::PathArguments::AngleBracketed(a)) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Strips references, parentheses and groups off a type.
pub fn peel_type(mut ty: &syn::Type) -> &syn::Type {
    loop {
        match ty {
            syn::Type::Reference(r) => ty = &r.elem,
            syn::Type::Paren(p) => ty = &p.elem,
            syn::Type::Group(g) => ty = &g.elem,
            _ => return ty,
        }
    }
}

/// The path of a (peeled) path type, if it is one.
pub fn type_path(ty: &syn::Type) -> Option<&syn::Path> {
    match peel_type(ty) {
        syn::Type::Path(p) => Some(&p.path),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(builtin_map_kind("HashMap"), Some(MapKind::Hash));
        assert_eq!(builtin_map_kind("BTreeSet"), Some(MapKind::Ordered));
        assert_eq!(builtin_map_kind("DashSet"), Some(MapKind::Dash));
        assert_eq!(builtin_map_kind("LruCache"), None);
        assert!(is_atomic("AtomicU64"));
        assert!(!is_atomic("Atomic"));
        assert!(is_set_name("FxHashSet"));
    }
}
