//! ML005 key-allocation-lookup: an owned `String` or buffer allocated only to look a key
//! up (`map.get(&name.to_string())`), when a borrowed `&str` or `&[T]` would do.

use std::sync::LazyLock;

use lint_core::ctor::strip;
use lint_core::prefilter::scan::CallScan;
use lint_core::prefilter::Trigger;
use lint_core::traverse::LocalCx;
use lint_core::{Diagnostic, Group, Level, Rule, RuleMeta, Span};

pub static META: RuleMeta = RuleMeta {
    code: "ML005",
    name: "key-allocation-lookup",
    level: Level::Warning,
    group: Group::Default,
    summary: "An owned string or buffer allocated only to look a key up.",
    explanation: r#"## What it flags

A lookup — `.get`, `.get_mut`, `.contains_key`, `.contains`, `.remove`, `.remove_entry`,
`.get_key_value`, `.get_index_of`, `.swap_remove`, `.shift_remove` — whose first argument is
`&E`, `E.as_str()`, `&*E` or `E.as_ref()` where `E` allocates an owned value:
`x.to_string()`, `x.to_owned()`, `String::from(x)`, `format!(..)`, `x.to_vec()` or
`x.into_owned()`.

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

## Limits

Without type information maplint cannot tell that the receiver is a map; every
receiver of these methods is checked. An allocation bound to a variable first and then
looked up is not followed.
"#,
    precision: "very-high",
};

pub struct KeyAllocationLookup;

const LOOKUPS: &[&str] = &[
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
        let method = call.method.to_string();
        if !LOOKUPS.contains(&method.as_str()) {
            return;
        }
        let Some(arg) = call.args.first() else { return };
        let Some((alloc, borrowed)) = allocating_key(arg) else { return };
        let receiver = describe_receiver(&call.receiver);
        let message = format!(
            "`{receiver}.{method}(..)` allocates {} only to look a key up: the lookup borrows it and it is freed at once",
            alloc.what()
        );
        let help = match alloc {
            Alloc::Format => "key the map by a tuple or struct of the parts instead of a formatted string, or \
                              `write!` into a reusable `String` and look up with `&buf`"
                .to_string(),
            _ => format!(
                "look up with a borrowed form: `{receiver}.{method}({borrowed})`; maps and sets take `&Q` where \
                 the key is `Borrow<Q>` (`&str` for `String`, `&[T]` for `Vec<T>`); for a `Vec` or slice \
                 `contains`, compare with `iter().any(..)`; when the value is not text yet (a number, an \
                 identifier), `write!` it into a reusable `String` and look up with `&buf`"
            ),
        };
        cx.report(Diagnostic::new(META.code, Span::of(arg), message, help));
    }
}

/// The words an allocating key is written with (`String::from`, `format!`).
const ALLOCATING: &[&str] = &["to_string", "to_owned", "String", "format", "to_vec", "into_owned"];

/// The scan for lookup calls whose arguments allocate.
static SCAN: LazyLock<CallScan> = LazyLock::new(|| CallScan::new(LOOKUPS, ALLOCATING));

/// Whether a file may hold a finding: a lookup call whose arguments allocate.
fn may_report(text: &[u8]) -> bool {
    SCAN.may_match(text)
}

/// How the key was allocated.
enum Alloc {
    String(&'static str),
    Format,
    Vec,
    Owned,
}

impl Alloc {
    fn what(&self) -> String {
        match self {
            Alloc::String(how) => format!("a `String` (`{how}`)"),
            Alloc::Format => "a `String` (`format!`)".to_string(),
            Alloc::Vec => "a `Vec` (`.to_vec()`)".to_string(),
            Alloc::Owned => "an owned value (`.into_owned()`)".to_string(),
        }
    }
}

/// `&E`, `E.as_str()`, `&*E`, `E.as_ref()` with an allocating `E`: the allocation and the
/// borrowed form to suggest.
fn allocating_key(arg: &syn::Expr) -> Option<(Alloc, String)> {
    let inner = match strip(arg) {
        syn::Expr::Reference(r) if r.mutability.is_none() => match strip(&r.expr) {
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => &*u.expr,
            e => e,
        },
        syn::Expr::MethodCall(m) if (m.method == "as_str" || m.method == "as_ref") && m.args.is_empty() => &*m.receiver,
        _ => return None,
    };
    allocation(strip(inner))
}

fn allocation(e: &syn::Expr) -> Option<(Alloc, String)> {
    let text = |x: &syn::Expr| lint_core::ctor::compact(&quote::quote!(#x).to_string());
    match e {
        syn::Expr::MethodCall(m) if m.args.is_empty() => {
            let recv = text(&m.receiver);
            match m.method.to_string().as_str() {
                "to_string" => Some((Alloc::String(".to_string()"), recv)),
                "to_owned" => Some((Alloc::String(".to_owned()"), recv)),
                "to_vec" => Some((Alloc::Vec, recv)),
                "into_owned" => Some((Alloc::Owned, format!("&*{recv}"))),
                _ => None,
            }
        }
        syn::Expr::Call(c) if c.args.len() == 1 => {
            let syn::Expr::Path(p) = &*c.func else { return None };
            let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            (segs.ends_with(&["String".to_string(), "from".to_string()]))
                .then(|| (Alloc::String("String::from"), text(&c.args[0])))
        }
        syn::Expr::Macro(m) if m.mac.path.is_ident("format") => Some((Alloc::Format, "..".to_string())),
        _ => None,
    }
}

/// The receiver as written, shortened when long.
fn describe_receiver(e: &syn::Expr) -> String {
    let s = lint_core::ctor::compact(&quote::quote!(#e).to_string());
    if s.chars().count() > 40 {
        let tail: String = s.chars().rev().take(37).collect::<Vec<_>>().into_iter().rev().collect();
        format!("...{tail}")
    } else {
        s
    }
}
