//! Facts for telling teardown from bulk removal during a map's life (ML007): the method
//! calls each function makes (to find the callers of a function that empties a map) and
//! whether a struct literal sizes a field on purpose (`HashMap::with_capacity(..)`).

use serde::{Deserialize, Serialize};

use super::roots::{is_self, root_of};
use super::visit::Collector;
use super::{vocab, Root};
use crate::ctor::strip;

/// The receiver of a recorded method call.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Receiver {
    /// `self` in an impl of the calling function's type.
    SelfValue,
    /// A rooted expression: `self.f`, `x.f`, a static, through the access chain.
    Rooted(Root),
    /// Anything else: a local, a call's result.
    Other,
}

/// A method call made by function `func` (`LifecycleFacts::funcs`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Call {
    pub func: u32,
    pub name: String,
    pub receiver: Receiver,
    /// The inline module path, within the file, of the module holding the call.
    pub module: Vec<String>,
}

/// Field `field` of a literal of struct `ty`, initialised with a pre-sized map
/// (`presized`) or with anything else; `..` stands for the fields a `..base` fills.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldInit {
    pub ty: String,
    pub field: String,
    pub presized: bool,
    /// The inline module path, within the file, of the module holding the literal.
    pub module: Vec<String>,
}

/// Method names that are never looked up as callers of a crate-local function: the
/// access chain and the most common methods of the standard library. A crate-local
/// function of such a name is taken as called from anywhere.
pub fn is_unrecorded(name: &str) -> bool {
    vocab::chain_step(name, 0).is_some()
        || vocab::chain_step(name, 1).is_some()
        || matches!(
            name,
            "clone"
                | "iter"
                | "iter_mut"
                | "into_iter"
                | "map"
                | "collect"
                | "into"
                | "to_string"
                | "to_owned"
                | "as_str"
                | "len"
                | "is_empty"
                | "push"
                | "contains"
                | "contains_key"
                | "is_some"
                | "is_none"
                | "ok_or"
                | "map_err"
                | "and_then"
                | "unwrap_or"
                | "filter"
                | "fmt"
        )
}

/// `HashMap::with_capacity(..)` / `with_capacity_and_hasher(..)`, also inside the
/// constructors of wrappers (`Mutex::new(..)`, `Arc::new(..)`) and `.into()`.
pub fn is_presized(e: &syn::Expr, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    match strip(e) {
        syn::Expr::Call(c) => {
            let syn::Expr::Path(p) = strip(&c.func) else { return false };
            let segs = &p.path.segments;
            let Some(last) = segs.last().map(|s| s.ident.to_string()) else { return false };
            if matches!(last.as_str(), "with_capacity" | "with_capacity_and_hasher") {
                return true;
            }
            let ty = segs.iter().rev().nth(1).map(|s| s.ident.to_string());
            last == "new"
                && c.args.len() == 1
                && ty.is_some_and(|t| crate::maptypes::is_wrapper(&t))
                && is_presized(&c.args[0], depth + 1)
        }
        syn::Expr::MethodCall(m) if m.method == "into" && m.args.is_empty() => is_presized(&m.receiver, depth + 1),
        _ => false,
    }
}

impl Collector<'_> {
    /// Records a method call of the enclosing function (production code only).
    pub(super) fn record_call(&mut self, m: &syn::ExprMethodCall, name: &str) {
        let (Some(func), false) = (self.func, self.in_test) else { return };
        if is_unrecorded(name) {
            return;
        }
        let receiver = if is_self(&m.receiver) {
            Receiver::SelfValue
        } else {
            match root_of(&m.receiver, self) {
                Some(r) if r.through.is_empty() => Receiver::Rooted(r.root),
                _ => Receiver::Other,
            }
        };
        let module = self.module.clone();
        self.facts.calls.push(Call { func, name: name.to_string(), receiver, module });
    }

    /// Records how a struct literal initialises each named field (production code only).
    pub(super) fn record_inits(&mut self, ty: &str, s: &syn::ExprStruct) {
        if self.in_test {
            return;
        }
        // `S { f, ..base }`: the fields left out come from elsewhere, not pre-sized.
        if s.rest.is_some() {
            let rest =
                FieldInit { ty: ty.to_string(), field: "..".to_string(), presized: false, module: self.module.clone() };
            self.facts.field_inits.push(rest);
        }
        for f in &s.fields {
            let syn::Member::Named(id) = &f.member else { continue };
            let init = FieldInit {
                ty: ty.to_string(),
                field: id.to_string(),
                presized: is_presized(&f.expr, 0),
                module: self.module.clone(),
            };
            self.facts.field_inits.push(init);
        }
    }
}
