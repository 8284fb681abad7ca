//! ML002 missing-presize: a hash map created empty and then filled, one `insert` per
//! iteration, by a `for` loop whose length is known before it starts — it could have been
//! created with that capacity.

mod body;
mod fix;

use body::Fill;
use fix::{call, constructor};
use lint_core::ctor::{binding, map_ctor, Binding, CtorKind, MapCtor};
use lint_core::decl::{self, Decl};
use lint_core::iterlen::{self, IntTy, Iterable, TypeClass};
use lint_core::prefilter::Trigger;
use lint_core::semantic::{Answer, Want};
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
block and with no other use in between, filled by a loop that calls `m.insert(..)` on every
iteration (at the top level of the loop body, not inside an `if`, `match`, nested loop or
closure), when the loop's length is known before it starts. The loop is a `for` loop, or
the same loop written as a call: `xs.iter().for_each(|x| { .. })`. Its length is known for:

- a range: `0..n`, `a..b`, `1..=n`;
- a collection: `&xs`, `&mut xs`, `xs.iter()`, `xs.iter_mut()`, `xs.keys()`,
  `xs.values()`, `xs.drain(..)`, or `xs` / `xs.into_iter()` when the known type of `xs`
  is a `Vec`, slice, array, `VecDeque`, map or set, or a `Drain`/`IntoIter` of one (a
  parameter `users: &[User]`, an annotated local, a local initialised by `vec![..]`, an
  array literal, `Vec::..`, `.collect::<Vec<_>>()` or a crate-local function declared to
  return one, a field `self.items` declared as one); optionally followed by
  `.enumerate()`, `.rev()`, `.copied()`, `.cloned()`, `.map(..)`, `.inspect(..)` or
  `.zip(..)`.

Not reported when the loop also calls `extend`, `append`, `remove`, `retain` or `clear` on
the map (its final size is not the loop's length), when the length is a literal of at
most 3, or when the map is rebuilt on every iteration of an outer loop and ML004 reports
it (hoisting it out of that loop is the better advice).

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

Only `for` loops and `for_each` calls are considered, and only `insert` counts as growth:
`entry(..)` calls usually aggregate duplicate keys, so the final size is unknown. An `insert` in an `if`
condition (`if !seen.insert(k) { .. }`) runs on every iteration and counts; one in a branch,
a nested loop or a closure does not, nor one with a literal key. A map used in any way
between its creation and the loop, or reserved with `m.reserve(..)`, is not flagged.

Without type information, `xs` iterated by value or as `&mut xs` is flagged only when its
declaration shows a collection type; `&xs` and `xs.iter()` are flagged unless `xs` is
declared as something else (`Option`, an iterator, a receiver, a type of the crate) or is
named like a channel receiver (`rx`). The fix is left out when writing the length would
run code twice (`0..f.count()`) or read a variable declared after the map, and when `xs`
is built by a type other than a collection (`Cache::builder()..build()`: it may have no
`len()`).
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
            let Some(fill) = Fill::of(&rest[j]) else { continue };
            // One finding per map: where ML004 reports the map rebuilt in a loop, hoisting
            // it makes pre-sizing moot.
            if cx.settings.is_selected(crate::map_rebuilt_in_loop::META.code)
                && crate::map_rebuilt_in_loop::rebuilt_local(local, cx).is_some()
            {
                continue;
            }
            let found = Found { b: &b, name: &name, ctor: &ctor, map_ref: &map_ref, fill, between: &rest[..j] };
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
    fill: Fill<'a>,
    /// The statements between the constructor and the loop.
    between: &'a [syn::Stmt],
}

fn check_loop(f: &Found<'_>, cx: &LocalCx<'_>) -> Option<Diagnostic> {
    let insert = f.fill.top_level_insert(f.name)?;
    // The same literal key on every iteration: the map ends with one entry.
    if insert.args.first().is_some_and(|k| matches!(lint_core::ctor::strip(k), syn::Expr::Lit(_))) {
        return None;
    }
    // The loop also grows or shrinks the map otherwise, or skips the insert: its length
    // is not the final size.
    if f.fill.resizes_otherwise(f.name) || f.fill.may_skip(f.name, insert) {
        return None;
    }
    let it = iterlen::iterable(f.fill.iter)?;
    let at = f.fill.span.start;
    let scope = cx.enclosing_item_fn();
    let lookup = |n: &str| scope.map_or(Decl::NotFound, |(sig, body)| decl::lookup(Some(sig), body, n, at));
    // Set when the iterated local's declared type may be a crate-local map alias.
    let mut needs_hash_map = None;
    let mut needs_types = Vec::new();
    let mut fix_len = true;
    if let Iterable::Collection { place, form } = it {
        let is_map = |n: &str| matches!(cx.map_ref_name(n), MapRef::Known(_));
        let decl = match lint_core::ctor::strip(place) {
            syn::Expr::Path(p) => p.path.get_ident().map_or(Decl::NotFound, |id| lookup(&id.to_string())),
            _ => Decl::NotFound,
        };
        // A declared type that is not a collection may have no `len()`, or a length that is
        // not the number of items (a concurrent cache); a receiver runs until it closes.
        let class = iterlen::classify(decl, &is_map);
        // The known type of the place (a field, a parameter, a crate-local function's
        // result) when its declaration alone does not tell.
        let known = || cx.known_type(place).map(|kt| cx.ask(&kt, Want::Collection));
        let ok = match class {
            TypeClass::Collection => true,
            TypeClass::NoLen => false,
            TypeClass::Unknown | TypeClass::Other if !form.needs_collection_type() && class == TypeClass::Unknown => {
                // `&X` / `X.iter()` iterate a collection whatever `X` is, but `X.len()` is
                // not written where `X` is built by another type (`Cache::builder()..
                // .build()`: a cache may count its entries with `entry_count()`).
                fix_len = !built_by_other_type(decl);
                !is_receiver_name(place)
            }
            TypeClass::Unknown | TypeClass::Other => match known() {
                Some(Answer::Yes) => true,
                Some(Answer::Pending(need)) => {
                    needs_types.push(need);
                    true
                }
                _ if class == TypeClass::Other => {
                    needs_hash_map = declared_maybe_map(decl, cx);
                    needs_hash_map.is_some()
                }
                _ => false,
            },
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
    let len = iterlen::len_text(&it, &local_ty).filter(|_| fix_len && !declared_between(&it, f.between));
    // A literal length of at most 3: the first allocation holds that many.
    if iterlen::len_text(&it, &local_ty).and_then(|l| l.parse::<u64>().ok()).is_some_and(|n| n <= 3) {
        return None;
    }

    let ty = f.b.annotation.map_or_else(|| f.ctor.type_text.clone(), iterlen::text_of);
    let ty = lint_core::semantic::shorten_type(&ty);
    let iter_text = shorten(&iterlen::text_of(f.fill.iter), 30);
    let message =
        format!("`{}` (`{ty}`) starts empty and is filled by a loop of known length over `{iter_text}`", f.name);
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
    if f.fill.only_inserts(f.name) {
        help.push_str(&format!(
            "; as the loop only inserts, `.collect()` or `{}.extend(..)` would also reserve from the \
             iterator's length",
            f.name
        ));
    }
    let header = f.fill.header;
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
    d.needs_types = needs_types;
    if let Some(len) = len {
        let replacement = call(&prefix, method, &len, f);
        d = d.with_fix(Fix {
            message: format!("create `{}` with `{replacement}`", f.name),
            edits: vec![Edit { span: f.ctor.span, replacement }],
        });
    }
    Some(d)
}

/// `let x = T::f(..)` or `T::f(..).g(..)..` with `T` a type other than the collections
/// (`Vec`, `VecDeque`, a map or set, `String`, `Box`/`Arc`/`Rc` of one): `x` may have
/// no `len()`.
fn built_by_other_type(decl: Decl<'_>) -> bool {
    let Decl::Init(mut e) = decl else { return false };
    loop {
        match lint_core::ctor::strip(e) {
            syn::Expr::MethodCall(m) => e = &m.receiver,
            syn::Expr::Try(t) => e = &t.expr,
            syn::Expr::Await(a) => e = &a.base,
            syn::Expr::Call(c) => {
                let syn::Expr::Path(p) = lint_core::ctor::strip(&c.func) else { return false };
                let n = p.path.segments.len();
                if n < 2 {
                    return false;
                }
                let ty = p.path.segments[n - 2].ident.to_string();
                let collection = matches!(
                    ty.as_str(),
                    "Vec"
                        | "VecDeque"
                        | "String"
                        | "Box"
                        | "Arc"
                        | "Rc"
                        | "HashMap"
                        | "HashSet"
                        | "BTreeMap"
                        | "BTreeSet"
                        | "IndexMap"
                        | "IndexSet"
                        | "FxHashMap"
                        | "FxHashSet"
                        | "AHashMap"
                        | "AHashSet"
                        | "DashMap"
                        | "DashSet"
                        | "SmallVec"
                );
                return ty.chars().next().is_some_and(char::is_uppercase) && !collection;
            }
            _ => return false,
        }
    }
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
