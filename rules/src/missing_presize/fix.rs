//! The constructor ML002's fix writes: `M::with_capacity(LEN)`, or
//! `M::with_capacity_and_hasher(LEN, h)` when the map has a custom hasher.

use lint_core::ctor::CtorKind;
use lint_core::iterlen;
use lint_core::traverse::MapRef;

use super::Found;

/// Which pre-sizing constructor the fix writes.
#[derive(Clone, Copy)]
pub(super) enum Method {
    WithCapacity,
    /// `with_capacity_and_hasher(LEN, h)` keeping the hasher expression.
    WithHasher,
    /// `with_capacity_and_hasher(LEN, Default::default())`.
    DefaultHasher,
}

impl Method {
    pub(super) fn name(self) -> &'static str {
        match self {
            Method::WithCapacity => "with_capacity",
            Method::WithHasher | Method::DefaultHasher => "with_capacity_and_hasher",
        }
    }
}

/// The type path to call the constructor on, as written, and the constructor to call.
pub(super) fn constructor(f: &Found<'_>) -> (String, Method) {
    let ctor = f.ctor;
    let Some(path) = ctor.type_path else { return (ctor.type_text.clone(), Method::DefaultHasher) };
    let segs: Vec<&syn::PathSegment> = path.segments.iter().collect();
    let colon = if path.leading_colon.is_some() { "::" } else { "" };
    let (prefix, type_seg) = if ctor.kind == CtorKind::DefaultDefault {
        // The annotated type's head: `std::collections::HashMap<K, V>` -> `std::collections::HashMap`.
        let mut parts: Vec<String> = segs[..segs.len() - 1].iter().map(|s| iterlen::text_of(*s)).collect();
        parts.extend(segs.last().map(|s| s.ident.to_string()));
        (parts, segs.last().copied())
    } else {
        // `M::new` -> `M`, keeping a turbofish: `HashMap::<u32, String>`.
        let n = segs.len().saturating_sub(1);
        (segs[..n].iter().map(|s| iterlen::text_of(*s)).collect(), n.checked_sub(1).map(|k| segs[k]))
    };
    let prefix = format!("{colon}{}", prefix.join("::"));
    let method = match ctor.kind {
        // `new()` exists only for the default hasher, and so does `with_capacity`.
        CtorKind::New => Method::WithCapacity,
        CtorKind::WithHasher => Method::WithHasher,
        _ if default_hasher_written(type_seg, f) => Method::WithCapacity,
        _ => Method::DefaultHasher,
    };
    let method = match (method, f.map_ref) {
        // A name from the `map-types` setting: its API is unknown, `with_capacity` is the norm.
        (Method::DefaultHasher, MapRef::Known(_))
            if ctor.type_name().is_some_and(|n| lint_core::maptypes::builtin_map_kind(&n).is_none()) =>
        {
            Method::WithCapacity
        }
        (m, _) => m,
    };
    (prefix, method)
}

/// Whether the written type pins the default hasher: a std-like map name given its key
/// (and value) types and no hasher parameter, on the constructor or the annotation.
fn default_hasher_written(type_seg: Option<&syn::PathSegment>, f: &Found<'_>) -> bool {
    let pins = |seg: &syn::PathSegment| {
        let name = seg.ident.to_string();
        let std_like = matches!(
            name.as_str(),
            "HashMap" | "HashSet" | "IndexMap" | "IndexSet" | "AHashMap" | "AHashSet" | "DashMap" | "DashSet"
        );
        let syn::PathArguments::AngleBracketed(a) = &seg.arguments else { return false };
        let types = a.args.iter().filter(|g| matches!(g, syn::GenericArgument::Type(_))).count();
        let max = if lint_core::maptypes::is_set_name(&name) { 1 } else { 2 };
        std_like && (1..=max).contains(&types)
    };
    let annotated = f.b.annotation.and_then(lint_core::maptypes::type_path).and_then(|p| p.segments.last());
    type_seg.is_some_and(pins) || annotated.is_some_and(pins)
}

pub(super) fn call(prefix: &str, method: Method, len: &str, f: &Found<'_>) -> String {
    match method {
        Method::WithCapacity => format!("{prefix}::with_capacity({len})"),
        Method::DefaultHasher => format!("{prefix}::with_capacity_and_hasher({len}, Default::default())"),
        Method::WithHasher => {
            let h = f.ctor.args.first().map_or_else(|| "Default::default()".to_string(), |h| iterlen::text_of(*h));
            format!("{prefix}::with_capacity_and_hasher({len}, {h})")
        }
    }
}
