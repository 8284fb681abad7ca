//! ML004 map-rebuilt-in-loop: a hash map constructed on every loop iteration
//! (`let m = HashMap::new();` in a loop body, or `m = HashMap::new();` for a map declared
//! before the loop) when clearing one map declared before the loop would keep its table.

use lint_core::ctor::{binding, map_ctor, strip, CtorKind, MapCtor};
use lint_core::escape::scope::{around, Decl, LoopAround};
use lint_core::escape::{first_escape, uses_in_expr, uses_in_stmts, Tail, Use, UseKind};
use lint_core::prefilter::Trigger;
use lint_core::traverse::{LocalCx, LoopBody, LoopFrame, MapRef};
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta, Span};

pub static META: RuleMeta = RuleMeta {
    code: "ML004",
    name: "map-rebuilt-in-loop",
    level: Level::Warning,
    group: Group::Default,
    summary: "A hash map constructed on every loop iteration instead of being cleared and reused.",
    explanation: r#"## What it flags

Inside the body of a `for`, `while`, `while let` or `loop`, or of a closure passed to
`.for_each(..)` / `.try_for_each(..)`:

1. `let [mut] m = C;` where `C` builds a hash-based map or set (`HashMap`, `HashSet`,
   `IndexMap`, `FxHashMap`, `AHashMap`, `DashMap`, ... and crate-local aliases of them):
   `M::new()`, `M::default()`, `M::with_capacity(..)`, `M::with_hasher(..)`,
   `M::with_capacity_and_hasher(..)`, `M::from(..)`, `.collect::<M<..>>()`, or
   `Default::default()` / `.collect()` with `m` annotated as such a map; and `m` does not
   escape the iteration;
2. `m = C;` where `m` is declared before the loop and is not moved anywhere in the loop.

`m` escapes when it is used by value other than as a method receiver or as the iterable
of a `for` loop: returned, `break`-ed with, passed by value to a function or method
(`out.push(m)`, `tx.send(m)`), stored in a struct, tuple, array or another collection,
bound or assigned to another place, captured by a `move` closure, or taken with
`std::mem::take`. A map that escapes must be a new one each time, and is not flagged.

## Why it costs

Every iteration allocates a new table and frees it at the end. A map built with `new()`
starts empty and regrows as it fills — several reallocations and a full rehash of every
entry each time it doubles — and then throws the grown table away, so the next iteration
pays for all of it again. `clear()` drops the entries but keeps the table: from the
second iteration on, the map is filled without allocating.

## Example

```rust
for line in lines {
    let mut counts = HashMap::new();
    for word in line.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    report(&counts);
}
```

## Instead

```rust
let mut counts = HashMap::new();
for line in lines {
    counts.clear();
    for word in line.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    report(&counts);
}
```

Where the map is consumed (`for (k, v) in counts`, `counts.into_iter()`), iterate
`counts.drain()` instead: it empties the map and keeps its allocation.

`BTreeMap` and `BTreeSet` are not flagged: their `clear` frees every node, so reuse saves
nothing.

## Limits

The analysis is syntactic. A map passed by `&mut` to a function that moves its
contents out is not seen, and a mention inside a macro maplint does not know counts as an
escape. Loops that run once or twice pay little; add
`// maplint: allow(ML004) -- reason` there.
"#,
    precision: "high",
};

pub struct MapRebuiltInLoop;

impl Rule for MapRebuiltInLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_local(&self) -> bool {
        true
    }

    fn trigger(&self) -> Trigger {
        Trigger::MapName
    }

    /// Case 1: `let [mut] m = C;` in a loop body, `m` not escaping the iteration.
    fn check_local(&self, local: &syn::Local, cx: &mut LocalCx<'_>) {
        let Some(frame) = cx.innermost_loop().copied() else { return };
        let Some(b) = binding(local) else { return };
        let Some(ctor) = b.init.and_then(|init| map_ctor(init, b.annotation)) else { return };
        let Some(needs) = hash_based(cx, &ctor) else { return };
        let Some((block, at)) = block_holding(frame.body, local) else { return };
        let name = b.name.to_string();
        // The value of a nested block flows out of it; the loop body's is dropped.
        let tail = match frame.body {
            LoopBody::Block(body) if std::ptr::eq(body, block) => Tail::Discarded,
            _ => Tail::Escapes,
        };
        let rest = block.stmts.get(at + 1..).unwrap_or_default();
        let uses = uses_in_stmts(&name, rest, tail);
        if first_escape(&uses).is_some() {
            return;
        }
        let ty = &ctor.type_text;
        let message = format!("`{name}` is a new `{ty}` on every iteration of the loop");
        let cost = format!("each iteration {}, and frees it at the end", growth(&ctor));
        let help = match ctor.kind {
            CtorKind::Collect | CtorKind::From => format!(
                "declare `{name}` once before the loop; at the start of each iteration call `{name}.clear()` \
                 then `{name}.extend(..)` with the same items (use `{name}.drain()` where it is consumed): \
                 a cleared map keeps its allocation"
            ),
            _ => format!(
                "declare `{name}` once before the loop and call `{name}.clear()` at the start of each iteration \
                 (use `{name}.drain()` where it is consumed): a cleared map keeps its allocation"
            ),
        };
        report(cx, ctor.span, [message, cost], help, &frame, needs, &uses);
    }

    /// Case 2: `m = C;` in a loop body, `m` declared before the loop and not moved in it.
    fn check_expr(&self, expr: &syn::Expr, cx: &mut LocalCx<'_>) {
        let syn::Expr::Assign(assign) = expr else { return };
        let Some(frame) = cx.innermost_loop().copied() else { return };
        let Some(name) = local_name(&assign.left) else { return };
        if !looks_like_ctor(&assign.right) {
            return;
        }
        let Some(fn_body) = cx.enclosing_fn_body() else { return };
        let at = Span::of(expr);
        let scope = around(fn_body, &name, at);
        let annotation = match scope.decl {
            Some(Decl::Let(l)) => binding(l).and_then(|b| b.annotation),
            _ => None,
        };
        let Some(ctor) = map_ctor(&assign.right, annotation) else { return };
        let Some(needs) = hash_based(cx, &ctor) else { return };
        let Some(region) = region(&scope.loops, &frame, fn_body, scope.decl.map(|d| d.span())) else { return };
        let uses = match region {
            LoopBody::Block(b) => uses_in_stmts(&name, &b.stmts, Tail::Discarded),
            LoopBody::Expr(e) => uses_in_expr(&name, e, Tail::Discarded),
        };
        if first_escape(&uses).is_some() {
            return;
        }
        let ty = &ctor.type_text;
        let message = format!("`{name}` is replaced by a new `{ty}` inside the loop");
        let cost = format!(
            "each time the old table is freed and the new one {}",
            match ctor.kind {
                CtorKind::WithCapacity | CtorKind::WithCapacityAndHasher => "is allocated again",
                _ => "regrows from empty",
            }
        );
        let help = format!(
            "call `{name}.clear()` instead of assigning a new map (use `{name}.drain()` where it is consumed): \
             a cleared map keeps its allocation"
        );
        report(cx, at, [message, cost], help, &frame, needs, &uses);
    }
}

fn report(
    cx: &mut LocalCx<'_>,
    span: Span,
    [message, cost]: [String; 2],
    help: String,
    frame: &LoopFrame<'_>,
    needs: Option<String>,
    uses: &[Use],
) {
    let mut d = Diagnostic::new(META.code, span, message, help)
        .with_note(cost)
        .with_label(frame.header, "the loop")
        .with_site(span);
    // The new table is allocated, and regrown, by the calls made on the map.
    for u in uses.iter().filter(|u| u.kind == UseKind::Receiver) {
        d = d.with_site(u.span);
    }
    d.needs_hash_map = needs;
    cx.report(d);
}

/// What one iteration pays, by constructor.
fn growth(ctor: &MapCtor<'_>) -> &'static str {
    match ctor.kind {
        CtorKind::WithCapacity | CtorKind::WithCapacityAndHasher => "allocates a fresh table of that capacity",
        CtorKind::Collect | CtorKind::From => "allocates a fresh table and regrows it while it is filled",
        _ => "allocates a fresh table that regrows from empty",
    }
}

/// `Some(None)` for a hash-based map type, `Some(Some(name))` for a name the package
/// index must resolve to one, `None` otherwise (BTreeMap/BTreeSet, not a map).
fn hash_based(cx: &LocalCx<'_>, ctor: &MapCtor<'_>) -> Option<Option<String>> {
    match cx.map_ref_name(&ctor.type_name()?) {
        MapRef::Known(kind) if kind.is_hash_based() => Some(None),
        MapRef::Maybe(name) => Some(Some(name)),
        _ => None,
    }
}

/// The block whose statements include `local`, searched within a loop body, and the
/// statement's index.
fn block_holding<'a>(body: LoopBody<'a>, local: &syn::Local) -> Option<(&'a syn::Block, usize)> {
    use syn::visit::Visit;
    struct Find<'a, 'l> {
        local: &'l syn::Local,
        found: Option<(&'a syn::Block, usize)>,
    }
    impl<'a> Visit<'a> for Find<'a, '_> {
        fn visit_block(&mut self, b: &'a syn::Block) {
            if self.found.is_some() {
                return;
            }
            let at = b.stmts.iter().position(|s| matches!(s, syn::Stmt::Local(l) if std::ptr::eq(l, self.local)));
            match at {
                Some(i) => self.found = Some((b, i)),
                None => syn::visit::visit_block(self, b),
            }
        }
    }
    let mut f = Find { local, found: None };
    match body {
        LoopBody::Block(b) => f.visit_block(b),
        LoopBody::Expr(e) => f.visit_expr(e),
    }
    f.found
}

/// `m` (a single identifier) on the left of an assignment.
fn local_name(e: &syn::Expr) -> Option<String> {
    match strip(e) {
        syn::Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|i| i.to_string()),
        _ => None,
    }
}

/// A cheap filter before the scope lookup: a call or a `.collect()`.
fn looks_like_ctor(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Call(_) => true,
        syn::Expr::MethodCall(m) => m.method == "collect",
        _ => false,
    }
}

/// The loop body in which a move of `m` would make a reassignment necessary: the
/// outermost loop around the assignment that does not hold `m`'s declaration. `None`
/// when `m` is declared inside the innermost loop, or the loops cannot be matched with
/// the traversal's.
fn region<'a>(
    loops: &[LoopAround<'a>],
    frame: &LoopFrame<'a>,
    fn_body: &'a syn::Block,
    decl: Option<Span>,
) -> Option<LoopBody<'a>> {
    let holds_decl = |l: &LoopAround<'_>| decl.is_some_and(|d| l.span.contains(&d));
    let Some(innermost) = loops.last() else {
        // A `.for_each(|x| { .. })` closure body is its own function body.
        return match frame.body {
            LoopBody::Block(b) if std::ptr::eq(b, fn_body) && decl.is_none() => Some(frame.body),
            _ => None,
        };
    };
    if !same_body(innermost.body, frame.body) || holds_decl(innermost) {
        return None;
    }
    let outer = loops.iter().position(|l| !holds_decl(l)).unwrap_or(loops.len() - 1);
    Some(loops[outer].body)
}

fn same_body(a: LoopBody<'_>, b: LoopBody<'_>) -> bool {
    match (a, b) {
        (LoopBody::Block(x), LoopBody::Block(y)) => std::ptr::eq(x, y),
        (LoopBody::Expr(x), LoopBody::Expr(y)) => std::ptr::eq(x, y),
        _ => false,
    }
}
