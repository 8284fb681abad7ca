//! ML005 key-allocation-lookup: an owned `String` or buffer allocated only to look a key
//! up (`map.get(&name.to_string())`), when a borrowed `&str` or `&[T]` would do; also a
//! key bound to a local first and only looked up (`let_bound`).

mod let_bound;

use std::sync::LazyLock;

use lint_core::prefilter::scan::CallScan;
use lint_core::prefilter::Trigger;
use lint_core::semantic::{KnownType, TypeNeed, Want};
use lint_core::traverse::LocalCx;
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta, Span};

use crate::key_alloc::{allocation, borrowed_key, describe, Alloc, Forms, KeyAlloc};

pub static META: RuleMeta = RuleMeta {
    code: "ML005",
    name: "key-allocation-lookup",
    level: Level::Warning,
    group: Group::Default,
    summary: "An owned string or buffer allocated only to look a key up.",
    explanation: r#"## What it flags

A lookup — `.get`, `.get_mut`, `.contains_key`, `.contains`, `.remove`, `.remove_entry`,
`.get_key_value`, `.get_index_of`, `.swap_remove`, `.shift_remove` — on a receiver whose
known type is a map or set (or, for `.contains`, a `Vec`, slice or `VecDeque`), whose first
argument is `&E`, `E.as_str()`, `&*E` or `E.as_ref()` where `E` allocates an owned copy of
something that has a borrowed form:

- `x.to_string()`, `x.to_owned()`, `String::from(x)` or `x.into_owned()` of text (a string
  literal, or `x` of known type `str`, `String` or `Cow<str>`); `to_owned`, `String::from`
  and `into_owned` of anything when the map's key type is `String`;
- `x.to_vec()` or `x.to_owned()` of a slice, array or `Vec`;
- `format!(..)`;
- a tuple `&(a.to_string(), b)` with at least one such member;
- a local bound to one of these (`let k = format!(..);`) that the function only looks up,
  compares or reads: the finding is on the allocation.

The known type of an expression is what its declaration says (a parameter, an annotated
or initialised local, a field, a `for` or `if let` binding, a crate-local function's
return type); a receiver of unknown type is never reported.

## Why it costs

The allocation lives for one lookup: a heap allocation, a copy of the key, and a free, on
what is usually a hot path. Maps and sets do not need it: `get` takes `&Q` for any `Q`
the key type can be borrowed as (`String: Borrow<str>`, `Vec<T>: Borrow<[T]>`).

## Example

```rust
fn price(prices: &HashMap<String, u64>, name: &str) -> Option<u64> {
    prices.get(&name.to_string()).copied()
}
```

## Instead

```rust
fn price(prices: &HashMap<String, u64>, name: &str) -> Option<u64> {
    prices.get(name).copied()
}
```

For a `Vec` or slice `contains`, compare without allocating: `v.iter().any(|s| s == name)`.
For keys built with `format!`, key the map by a tuple or struct of the parts, or format
into a reusable buffer.

For a tuple key, `(String, String)` cannot be borrowed as `(&str, &str)`: key the map by a
struct that implements `Borrow` of a borrowed form, nest two maps, or use hashbrown's
`Equivalent` to look up with `(&str, &str)`.

## Limits

An HTTP client's `get(&format!(..))` or `str::contains(&format!(..))` is not a map lookup,
and a receiver whose type maplint cannot read off the declarations is not reported. A
`.to_string()` of a number or an identifier is not reported: there is no borrowed text to
look up with (format it into a reusable buffer if it is hot).
"#,
    precision: "very-high",
};

pub struct KeyAllocationLookup;

pub(crate) const LOOKUPS: &[&str] = &[
    "get",
    "get_mut",
    "contains_key",
    "contains",
    "remove",
    "remove_entry",
    "get_key_value",
    "get_index_of",
    "swap_remove",
    "shift_remove",
];

impl Rule for KeyAllocationLookup {
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
        let syn::Expr::MethodCall(call) = expr else { return };
        let Some(arg) = call.args.first() else { return };
        if !LOOKUPS.contains(&call.method.to_string().as_str()) {
            return;
        }
        let Some(key) = borrowed_key(arg) else { return };
        let Some((map, mut needs)) = lookup_receiver(call, cx) else { return };
        let Some(k) = allocation(key, Forms::Lookup, Some(&map), cx) else { return };
        needs.extend(k.needs.iter().cloned());
        let d = diagnostic(call, &map, &k, Span::of(arg), cx);
        report(cx, d, needs);
    }

    fn check_block(&self, block: &syn::Block, cx: &mut LocalCx<'_>) {
        let_bound::check(block, cx);
    }
}

/// The receiver's known type when it may be a map (or a sequence, for `contains`), with
/// the questions left to the package.
pub(crate) fn lookup_receiver(call: &syn::ExprMethodCall, cx: &LocalCx<'_>) -> Option<(KnownType, Vec<TypeNeed>)> {
    let want = if call.method == "contains" { Want::Lookup } else { Want::Map };
    let map = cx.known_type(&call.receiver)?;
    let needs = cx.ask(&map, want).needs()?;
    Some((map, needs))
}

/// The finding for an allocating key of the lookup `call`, reported at `span`.
pub(crate) fn diagnostic(
    call: &syn::ExprMethodCall,
    map: &KnownType,
    k: &KeyAlloc,
    span: Span,
    cx: &LocalCx<'_>,
) -> Diagnostic {
    let receiver = describe(&call.receiver, 30);
    let method = call.method.to_string();
    let ty = lint_core::semantic::shorten_type(&cx.type_text(map));
    let message =
        format!("`{receiver}` (`{ty}`): `.{method}(..)` allocates {} only for a lookup, then frees it", k.alloc.what());
    let help = match k.alloc {
        Alloc::Format => "key the map by a tuple or struct of the parts instead of a formatted string, or \
                          `write!` into a reusable `String` and look up with `&buf`"
            .to_string(),
        Alloc::Tuple => "a tuple of owned values cannot be borrowed as a tuple of references: key the map by a \
                         struct that implements `Borrow` of a borrowed form, nest one map per part, or use \
                         hashbrown's `Equivalent` to look up with borrowed parts"
            .to_string(),
        _ => format!(
            "look up with the borrowed form: `{receiver}.{method}({})`; maps and sets take `&Q` where the key \
             is `Borrow<Q>` (`&str` for `String`, `&[T]` for `Vec<T>`); for a `Vec` or slice `contains`, \
             compare with `iter().any(..)`",
            k.borrowed
        ),
    };
    Diagnostic::new(META.code, span, message, help)
}

fn report(cx: &mut LocalCx<'_>, mut d: Diagnostic, needs: Vec<TypeNeed>) {
    d.needs_types = needs;
    cx.report(d);
}

/// The words an allocating key is written with (`String::from`, `format!`, a tuple's
/// `to_string`).
const ALLOCATING: &[&str] = &["to_string", "to_owned", "String", "format", "to_vec", "into_owned"];

/// How a key bound to a local ends its `let` statement (`let k = x.to_string();`,
/// `let k = format!(..)`, `let k = (a.to_string(), b.to_string());`).
const BOUND: &[&str] = &[
    ".to_string();",
    ".to_owned();",
    ".to_vec();",
    ".into_owned();",
    "= format!(",
    "= String::from(",
    ".to_string());",
    ".to_owned());",
];

/// The scan for lookup calls whose argument allocates.
static INLINE: LazyLock<CallScan> = LazyLock::new(|| CallScan::new(LOOKUPS, ALLOCATING));

/// The scan for a key bound to a local and a lookup of a local.
static LET_BOUND: LazyLock<CallScan> = LazyLock::new(|| CallScan::new(LOOKUPS, BOUND));

/// Whether a file may hold a finding: a lookup call whose argument allocates, or a key
/// allocated into a local and a lookup of a local.
fn may_report(text: &[u8]) -> bool {
    INLINE.may_match(text) || LET_BOUND.may_call_with_local(text)
}
