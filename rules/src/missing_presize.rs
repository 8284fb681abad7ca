//! ML002 missing-presize: a hash map created empty and then filled, one `insert` per
//! iteration, by a `for` loop whose length is known before it starts — it could have been
//! created with that capacity.

mod body;

use body::{only_inserts, top_level_insert};
use lint_core::ctor::{binding, map_ctor, Binding, CtorKind, MapCtor};
use lint_core::decl::{self, Decl};
use lint_core::iterlen::{self, IntTy, Iterable, TypeClass};
use lint_core::prefilter::Trigger;
use lint_core::traverse::{LocalCx, MapRef};
use lint_core::{Diagnostic, Edit, Fix, Group, Level, Rule, RuleMeta, Span};

pub static META: RuleMeta = RuleMeta {
    code: "ML002",
    name: "missing-presize",
    level: Level::Warning,
    group: Group::Default,
    summary: "A map filled in a loop of known length without reserving capacity first.",
    explanation: r#"## What it flags

A hash-based map or set created empty — `M::new()`, `M::default()`, `M::with_hasher(h)`,
or `Default::default()` with the binding annotated as a map — and then, later in the same
block and with no other use in between, filled by a `for` loop that calls `m.insert(..)`
on every iteration (at the top level of the loop body, not inside an `if`, `match`,
nested loop or closure), when the loop's length is known before it starts:

- a range: `0..n`, `a..b`, `1..=n`;
- a collection: `&xs`, `&mut xs`, `xs.iter()`, `xs.iter_mut()`, `xs.keys()`,
  `xs.values()`, `xs.drain(..)`, or `xs` / `xs.into_iter()` when `xs` is declared as a
  `Vec`, slice, array, `VecDeque` or map (a parameter `users: &[User]`, an annotated
  local, or a local initialised by `vec![..]`, an array literal, `Vec::..` or
  `.collect::<Vec<_>>()`); optionally followed by `.enumerate()`, `.rev()`, `.copied()`,
  `.cloned()`, `.map(..)`, `.inspect(..)` or `.zip(..)`.

## Why it costs

An empty hash map has no buckets. As entries arrive it grows by doubling: every time it
fills up it allocates a table twice as large, rehashes every entry into it and frees the
old one. Filling `n` entries one by one costs about log2(n) reallocations, each moving
every entry stored so far, and the peak memory during a resize is the old and the new
table together. When `n` is known up front, one allocation of the right size does it.

## Example

```rust
fn index(users: &[User]) -> HashMap<u64, &User> {
    let mut by_id = HashMap::new();
    for u in users {
        by_id.insert(u.id, u);
    }
    by_id
}
```

## Instead

```rust
fn index(users: &[User]) -> HashMap<u64, &User> {
    let mut by_id = HashMap::with_capacity(users.len());
    for u in users {
        by_id.insert(u.id, u);
    }
    by_id
}
```

When the loop does nothing but insert, collect instead:
`users.iter().map(|u| (u.id, u)).collect()` (or `by_id.extend(..)`), which reserves from
the iterator's length. `--fix` rewrites the constructor: `M::with_capacity(LEN)`, or
`M::with_capacity_and_hasher(LEN, h)` when the map has a custom hasher (`FxHashMap`,
`with_hasher`, a `default()` whose hasher is not written), where `LEN` is `xs.len()` or the
range's length. A map that may receive duplicate keys is still sized correctly as an upper
bound.

## Limits

Only `for` loops are considered, and only `insert` counts as growth: `entry(..)` calls
usually aggregate duplicate keys, so the final size is unknown. An `insert` in an `if`
condition (`if !seen.insert(k) { .. }`) runs on every iteration and counts; one in a branch,
a nested loop or a closure does not, nor one with a literal key. A map used in any way
between its creation and the loop, or reserved with `m.reserve(..)`, is not flagged.

Without type information, `xs` iterated by value or as `&mut xs` is flagged only when its
declaration shows a collection type; `&xs` and `xs.iter()` are flagged unless `xs` is
declared as something else (`Option`, an iterator, a receiver, a type of the crate) or is
named like a channel receiver (`rx`). The fix is left out when writing the length would
run code twice (`0..f.count()`) or read a variable declared after the map.
"#,
    precision: "high",
};

pub struct MissingPresize;

impl Rule for MissingPresize {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_local(&self) -> bool {
        true
    }

    fn trigger(&self) -> Trigger {
        Trigger::MapName
    }

    fn check_block(&self, block: &syn::Block, cx: &mut LocalCx<'_>) {
        for (i, stmt) in block.stmts.iter().enumerate() {
            let syn::Stmt::Local(local) = stmt else { continue };
            let Some(b) = binding(local) else { continue };
            let Some(ctor) = b.init.and_then(|init| map_ctor(init, b.annotation)) else { continue };
            if !matches!(ctor.kind, CtorKind::New | CtorKind::Default | CtorKind::DefaultDefault | CtorKind::WithHasher)
            {
                continue;
            }
            let Some(type_name) = ctor.type_name() else { continue };
            let map_ref = cx.map_ref_name(&type_name);
            let needs_hash_map = match &map_ref {
                MapRef::Known(kind) if kind.is_hash_based() => None,
                MapRef::Maybe(name) => Some(name.clone()),
                _ => continue,
            };
            let name = b.name.to_string();
            let rest = &block.stmts[i + 1..];
            let Some(j) = rest.iter().position(|s| decl::mentions(s, &name)) else { continue };
            let syn::Stmt::Expr(syn::Expr::ForLoop(for_loop), _) = &rest[j] else { continue };
            let found = Found { b: &b, name: &name, ctor: &ctor, map_ref: &map_ref, for_loop, between: &rest[..j] };
            if let Some(mut d) = check_loop(&found, cx) {
                // One name can be left to the package index: the map's or the iterated one's.
                match (needs_hash_map, d.needs_hash_map.take()) {
                    (Some(_), Some(_)) => continue,
                    (a, b) => d.needs_hash_map = a.or(b),
                }
                cx.report(d);
            }
        }
    }
}

/// A map constructed empty and the loop that first uses it.
struct Found<'a> {
    b: &'a Binding<'a>,
    name: &'a str,
    ctor: &'a MapCtor<'a>,
    map_ref: &'a MapRef,
    for_loop: &'a syn::ExprForLoop,
    /// The statements between the constructor and the loop.
    between: &'a [syn::Stmt],
}

fn check_loop(f: &Found<'_>, cx: &LocalCx<'_>) -> Option<Diagnostic> {
    let insert = top_level_insert(&f.for_loop.body, f.name)?;
    // The same literal key on every iteration: the map ends with one entry.
    if insert.args.first().is_some_and(|k| matches!(lint_core::ctor::strip(k), syn::Expr::Lit(_))) {
        return None;
    }
    let it = iterlen::iterable(&f.for_loop.expr)?;
    let at = Span::of(f.for_loop).start;
    let scope = cx.enclosing_item_fn();
    let lookup = |n: &str| scope.map_or(Decl::NotFound, |(sig, body)| decl::lookup(Some(sig), body, n, at));
    // Set when the iterated local's declared type may be a crate-local map alias.
    let mut needs_hash_map = None;
    if let Iterable::Collection { place, form } = it {
        let is_map = |n: &str| matches!(cx.map_ref_name(n), MapRef::Known(_));
        let decl = match lint_core::ctor::strip(place) {
            syn::Expr::Path(p) => p.path.get_ident().map_or(Decl::NotFound, |id| lookup(&id.to_string())),
            _ => Decl::NotFound,
        };
        // A declared type that is not a collection may have no `len()`, or a length that is
        // not the number of items (a concurrent cache); a receiver runs until it closes.
        let ok = match iterlen::classify(decl, &is_map) {
            TypeClass::Collection => true,
            TypeClass::Unknown => !form.needs_collection_type() && !is_receiver_name(place),
            TypeClass::NoLen => false,
            TypeClass::Other => {
                needs_hash_map = declared_maybe_map(decl, cx);
                needs_hash_map.is_some()
            }
        };
        if !ok {
            return None;
        }
    }
    let local_ty = |n: &str| match lookup(n) {
        Decl::Typed(t) if lint_core::maptypes::type_path(t).is_some_and(|p| p.is_ident("usize")) => IntTy::Usize,
        Decl::Init(e) => match iterlen::int_ty(e, &|_| IntTy::Other) {
            IntTy::Usize => IntTy::Usize,
            _ => IntTy::Other,
        },
        _ => IntTy::Other,
    };
    // The length is written where the map is created: names declared in between are not
    // in scope there.
    let len = iterlen::len_text(&it, &local_ty).filter(|_| !declared_between(&it, f.between));

    let ty = f.b.annotation.map_or_else(|| f.ctor.type_text.clone(), |t| shorten(&iterlen::text_of(t), 50));
    let iter_text = shorten(&iterlen::text_of(&*f.for_loop.expr), 36);
    let message =
        format!("`{}` (`{ty}`) starts empty and is filled in a loop over `{iter_text}` of known length", f.name);
    let cost = "it rehashes as it grows: about log2(n) reallocations, each of which moves every entry";
    let (prefix, method) = constructor(f);
    let mut help = match &len {
        Some(len) => format!("create it with its final capacity: `{}`", call(&prefix, method, len, f)),
        None => format!(
            "create it with `{prefix}::{}(..)` sized to the loop's length, or call `{}.reserve(..)` before the loop",
            method.name(),
            f.name
        ),
    };
    if only_inserts(&f.for_loop.body, f.name) {
        help.push_str(&format!(
            "; as the loop only inserts, `.collect()` or `{}.extend(..)` would also reserve from the \
             iterator's length",
            f.name
        ));
    }
    let header = Span { start: Span::from_pm2(f.for_loop.for_token.span).start, end: Span::of(&*f.for_loop.expr).end };
    let loop_label = match &len {
        Some(len) => format!("this loop's length is known before it starts: `{len}`"),
        None => "this loop's length is known before it starts".to_string(),
    };
    let mut d = Diagnostic::new(META.code, f.ctor.span, message, help)
        .with_note(cost)
        .with_label(header, loop_label)
        .with_label(Span::of(insert), "one insert per iteration")
        .with_site(f.ctor.span)
        .with_site(Span::of(insert));
    d.needs_hash_map = needs_hash_map;
    if let Some(len) = len {
        let replacement = call(&prefix, method, &len, f);
        d = d.with_fix(Fix {
            message: format!("create `{}` with `{replacement}`", f.name),
            edits: vec![Edit { span: f.ctor.span, replacement }],
        });
    }
    Some(d)
}

/// The name of a declared type that may be a crate-local alias of a map type
/// (`req: &Aggregations` with `type Aggregations = HashMap<..>`).
fn declared_maybe_map(decl: Decl<'_>, cx: &LocalCx<'_>) -> Option<String> {
    let Decl::Typed(ty) = decl else { return None };
    let name = lint_core::maptypes::type_path(ty).and_then(lint_core::maptypes::last_ident)?;
    matches!(cx.map_ref_name(&name), MapRef::Maybe(_)).then_some(name)
}

/// `rx`, `x_rx`, `receiver`, `x_receiver`: by convention a channel receiver, which
/// iterates until the channel closes.
fn is_receiver_name(place: &syn::Expr) -> bool {
    let name = match lint_core::ctor::strip(place) {
        syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Expr::Field(f) => match &f.member {
            syn::Member::Named(id) => Some(id.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        _ => None,
    };
    name.is_some_and(|n| n == "rx" || n.ends_with("_rx") || n == "receiver" || n.ends_with("_receiver"))
}

/// Which pre-sizing constructor the fix writes.
#[derive(Clone, Copy)]
enum Method {
    WithCapacity,
    /// `with_capacity_and_hasher(LEN, h)` keeping the hasher expression.
    WithHasher,
    /// `with_capacity_and_hasher(LEN, Default::default())`.
    DefaultHasher,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::WithCapacity => "with_capacity",
            Method::WithHasher | Method::DefaultHasher => "with_capacity_and_hasher",
        }
    }
}

/// The type path to call the constructor on, as written, and the constructor to call.
fn constructor(f: &Found<'_>) -> (String, Method) {
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

fn call(prefix: &str, method: Method, len: &str, f: &Found<'_>) -> String {
    match method {
        Method::WithCapacity => format!("{prefix}::with_capacity({len})"),
        Method::DefaultHasher => format!("{prefix}::with_capacity_and_hasher({len}, Default::default())"),
        Method::WithHasher => {
            let h = f.ctor.args.first().map_or_else(|| "Default::default()".to_string(), |h| iterlen::text_of(*h));
            format!("{prefix}::with_capacity_and_hasher({len}, {h})")
        }
    }
}

/// Whether a name the length expression reads is declared between the map and the loop.
fn declared_between(it: &Iterable<'_>, between: &[syn::Stmt]) -> bool {
    let names = match *it {
        Iterable::Collection { place, .. } => decl::idents(place),
        Iterable::Range { start, end, .. } => {
            let mut v = decl::idents(end);
            v.extend(start.map(decl::idents).unwrap_or_default());
            v
        }
    };
    between.iter().any(|s| match s {
        syn::Stmt::Local(l) => names.iter().any(|n| decl::binds(&l.pat, n)),
        _ => false,
    })
}

/// Source text on one line, cut to `max` characters.
fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > max {
        format!("{}..", s.chars().take(max - 2).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
