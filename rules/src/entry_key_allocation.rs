//! ML009 entry-key-allocation: `*m.entry(name.to_string()).or_insert(0) += 1` allocates an
//! owned key on every call, though counting and grouping meet the same keys again and
//! again and the key is usually present already.

use std::sync::LazyLock;

use lint_core::ctor::{binding, strip};
use lint_core::decl;
use lint_core::prefilter::scan::CallScan;
use lint_core::prefilter::Trigger;
use lint_core::semantic::Want;
use lint_core::traverse::LocalCx;
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta, Span};

use crate::key_alloc::{allocation, describe, Forms};

pub static META: RuleMeta = RuleMeta {
    code: "ML009",
    name: "entry-key-allocation",
    level: Level::Warning,
    group: Group::Default,
    summary: "An owned key allocated for every `entry` call, though the key is usually present.",
    explanation: r#"## What it flags

`m.entry(E)` on a receiver whose known type is a hash-based map or a `BTreeMap`, where `E`
allocates an owned copy of text or of a slice that the code already holds borrowed —
`x.to_string()`, `x.to_owned()`, `String::from(x)`, `x.into_owned()` of text (a string
literal, or `x` of known type `str`, `String`, `Cow<str>`), `x.to_vec()` of a slice — and
the entry aggregates into an existing value:

- it is followed by `.or_insert(..)`, `.or_insert_with(..)`, `.or_insert_with_key(..)` or
  `.or_default()`, and the value is updated: a compound assignment (`*e += 1`) or a call
  of a method on it (`.push(..)`, `.insert(..)`, `.extend(..)`, any method but those that
  only read it, such as `.len()` or `.clone()`), directly or through a local bound to it;
  or
- the chain holds `.and_modify(..)`; or
- the call sits in a loop body.

## Why it costs

`entry` takes its key by value: it needs the owned key before it can look. Counting words,
grouping rows by a name, tallying hits per peer: these paths meet the same keys again and
again, so nearly every call allocates a copy of a key that is already in the map, hashes
it, finds the existing entry, and frees the copy. One allocation and one free per call on
a hot path, for nothing.

## Example

```rust
fn count(words: &[&str]) -> HashMap<String, u64> {
    let mut counts = HashMap::new();
    for w in words {
        *counts.entry(w.to_string()).or_insert(0) += 1;
    }
    counts
}
```

## Instead

Look up first and allocate only to insert:

```rust
fn count(words: &[&str]) -> HashMap<String, u64> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for w in words {
        if let Some(n) = counts.get_mut(*w) {
            *n += 1;
        } else {
            counts.insert(w.to_string(), 1);
        }
    }
    counts
}
```

or use `hashbrown`'s `entry_ref(w)`, which allocates the owned key only when the entry is
vacant.

## Limits

There is no machine fix: the rewrite changes the control flow. An `entry` whose key type
is not known from the declarations is not reported, nor a `format!` or tuple key (they
have no borrowed form to look up with). When most keys are new (building a map from
unique names), the allocation is needed anyway; allow the finding there.
"#,
    precision: "high",
};

pub struct EntryKeyAllocation;

/// Methods that give the entry's value.
const VALUE: &[&str] = &["or_insert", "or_insert_with", "or_insert_with_key", "or_default"];

/// Methods that only read a value: a call of any other method on the entry's value
/// updates it (`.push(..)`, `.insert(..)`, `.observe(..)`).
const READS: &[&str] = &[
    "len",
    "is_empty",
    "clone",
    "get",
    "contains",
    "contains_key",
    "iter",
    "as_ref",
    "as_str",
    "as_slice",
    "to_string",
    "to_owned",
    "first",
    "last",
    "keys",
    "values",
    "value",
    "copied",
    "cloned",
];

/// Whether calling `method` on the entry's value updates it.
fn is_update(method: &syn::Ident) -> bool {
    !READS.contains(&method.to_string().as_str())
}

impl Rule for EntryKeyAllocation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_local(&self) -> bool {
        true
    }

    fn trigger(&self) -> Trigger {
        Trigger::Scan(may_report)
    }

    fn check_expr(&self, expr: &syn::Expr, cx: &mut LocalCx<'_>) {
        let in_loop = cx.innermost_loop().is_some();
        match expr {
            // `m.entry(k).or_insert(..)` in a loop body, or `..and_modify(..)..`.
            syn::Expr::MethodCall(m) if VALUE.contains(&m.method.to_string().as_str()) => {
                if let Some((entry, modifies)) = entry_chain(&m.receiver) {
                    if in_loop || modifies {
                        check_entry(entry, in_loop, cx);
                    }
                }
            }
            // `*m.entry(k).or_insert(0) += 1` outside loops.
            syn::Expr::Binary(b) if !in_loop && is_compound(&b.op) => {
                if let Some((entry, false)) = value_chain(&b.left) {
                    check_entry(entry, false, cx);
                }
            }
            // `m.entry(k).or_default().push(x)` outside loops.
            syn::Expr::MethodCall(m) if !in_loop && is_update(&m.method) => {
                if let Some((entry, false)) = value_chain(&m.receiver) {
                    check_entry(entry, false, cx);
                }
            }
            _ => {}
        }
    }

    /// `let c = m.entry(k).or_insert(0); *c += 1;` outside loops.
    fn check_block(&self, block: &syn::Block, cx: &mut LocalCx<'_>) {
        if cx.innermost_loop().is_some() {
            return;
        }
        for (i, stmt) in block.stmts.iter().enumerate() {
            let syn::Stmt::Local(local) = stmt else { continue };
            let Some(b) = binding(local) else { continue };
            let Some((entry, false)) = b.init.and_then(value_chain) else { continue };
            let name = b.name.to_string();
            if block.stmts[i + 1..].iter().any(|s| updates(s, &name)) {
                check_entry(entry, false, cx);
            }
        }
    }
}

/// `X.entry(k)` under a chain of `.and_modify(..)`: the entry call, and whether the
/// chain modifies an existing value.
fn entry_chain(e: &syn::Expr) -> Option<(&syn::ExprMethodCall, bool)> {
    let mut modifies = false;
    let mut e = strip(e);
    loop {
        let syn::Expr::MethodCall(m) = e else { return None };
        match m.method.to_string().as_str() {
            "entry" if m.args.len() == 1 => return Some((m, modifies)),
            "and_modify" => {
                modifies = true;
                e = strip(&m.receiver);
            }
            _ => return None,
        }
    }
}

/// `m.entry(k).or_insert(..)` (through `*` and parentheses): the entry call.
fn value_chain(e: &syn::Expr) -> Option<(&syn::ExprMethodCall, bool)> {
    match strip(e) {
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => value_chain(&u.expr),
        syn::Expr::MethodCall(m) if VALUE.contains(&m.method.to_string().as_str()) => entry_chain(&m.receiver),
        _ => None,
    }
}

fn is_compound(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitOrAssign(_)
            | BitAndAssign(_)
            | BitXorAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// Whether a statement updates the local `name`: `*name op= ..`, `name op= ..` or
/// `name.push(..)` and the other update calls.
fn updates(stmt: &syn::Stmt, name: &str) -> bool {
    use syn::visit::Visit;
    struct V<'n> {
        name: &'n str,
        found: bool,
    }
    impl V<'_> {
        fn is_local(&self, e: &syn::Expr) -> bool {
            match strip(e) {
                syn::Expr::Path(p) => p.path.is_ident(self.name),
                syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.is_local(&u.expr),
                _ => false,
            }
        }
    }
    impl<'a> Visit<'a> for V<'_> {
        fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
            self.found |= is_compound(&b.op) && self.is_local(&b.left);
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            self.found |= is_update(&m.method) && self.is_local(&m.receiver);
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    if !decl::mentions(stmt, name) {
        return false;
    }
    let mut v = V { name, found: false };
    v.visit_stmt(stmt);
    v.found
}

/// Reports `entry` when its receiver is a map and its key allocates a copy of text or a
/// slice.
fn check_entry(entry: &syn::ExprMethodCall, in_loop: bool, cx: &mut LocalCx<'_>) {
    let Some(map) = cx.known_type(&entry.receiver) else { return };
    let Some(mut needs) = cx.ask(&map, Want::Map).needs() else { return };
    let Some(key) = entry.args.first() else { return };
    let Some(k) = allocation(key, Forms::Entry, Some(&map), cx) else { return };
    needs.extend(k.needs);
    let receiver = describe(&entry.receiver, 30);
    let ty = lint_core::semantic::shorten_type(&cx.type_text(&map));
    let message = format!(
        "`{receiver}` (`{ty}`): `.entry(..)` allocates {} per call; the key is usually present",
        k.alloc.what()
    );
    let help = format!(
        "look up first and allocate only to insert: `if let Some(v) = {receiver}.get_mut({b}) {{ .. }} else {{ \
         {receiver}.insert({b}.to_owned(), ..); }}`, or use hashbrown's `entry_ref({b})`, which allocates only \
         when the key is new",
        b = k.borrowed
    );
    let why = if in_loop { "called on every iteration" } else { "the value is updated: the key is met again" };
    let mut d = Diagnostic::new(META.code, Span::of(key), message, help).with_label(Span::of(entry), why);
    if let Some(frame) = cx.innermost_loop().filter(|_| in_loop) {
        d = d.with_label(frame.header, "the loop");
    }
    d.needs_types = needs;
    cx.report(d);
}

/// The words an allocating key is written with.
const ALLOCATING: &[&str] = &["to_string", "to_owned", "String", "to_vec", "into_owned"];

/// The scan for `entry` calls whose argument allocates.
static SCAN: LazyLock<CallScan> = LazyLock::new(|| CallScan::new(&["entry"], ALLOCATING));

fn may_report(text: &[u8]) -> bool {
    SCAN.may_match(text)
}
