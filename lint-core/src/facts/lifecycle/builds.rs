//! Where a function builds values of a struct (SPEC §1, "Owners that go away"): a struct
//! built afresh on every call of a running object's method — a query's context, a plan
//! node, a request's tracker — goes away when that call's work is done, and so do the maps
//! it owns.
//!
//! A *build* is a struct literal `S { .. }` or a call of an associated function
//! `S::f(..)` (`S::new()`, `S::default()`, `S::with_capacity(..)`). Builds inside `S`'s own
//! impl are its constructors, not builds: their callers are. A build is
//! - `PerCall` inside a method with a `&self` or `&mut self` receiver that does not return
//!   `S` itself (a factory such as `fn build(&mut self) -> Engine` leaves the value's life
//!   to its caller), when the value does not stay behind: it is not passed to a method of
//!   `self` or of a static (`self.map.insert(k, s)`), assigned to a place of `self`, handed
//!   to a call that keeps or runs it (`spawn`, `register`, `send`, `store`, `leak`), or
//!   captured by a closure or an `async` block — directly or through a local bound to it;
//! - `Into(T)` inside a constructor of `T` (no receiver, or `self` by value, returning `T`
//!   through `Result`/`Option`/`Arc`/`Box`/locks): the value becomes part of a `T`;
//! - `Other` anywhere else (free functions such as `main`, startup code, closures).

use serde::{Deserialize, Serialize};
use syn::visit::{self, Visit};

use crate::ctor::strip;

/// One build of struct `ty` in a function.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Build {
    /// The struct's name as written (last path segment).
    pub ty: String,
    pub ctx: BuildCtx,
}

/// Where a build sits (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BuildCtx {
    PerCall,
    Into(String),
    Other,
}

/// Types built everywhere and never the owner of a crate's maps.
const NOT_OWNERS: &[&str] = &[
    "Arc",
    "Rc",
    "Box",
    "Mutex",
    "RwLock",
    "RefCell",
    "Cell",
    "Vec",
    "VecDeque",
    "String",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "Some",
    "Ok",
    "Err",
    "Option",
    "Result",
    "Self",
    "Duration",
    "Instant",
    "PathBuf",
    "Weak",
    "Pin",
    "Cow",
    "AtomicU64",
    "AtomicUsize",
    "AtomicBool",
    "Default",
];

/// The builds of one function body.
pub fn builds(sig: &syn::Signature, block: &syn::Block, impl_ty: Option<&str>, out: &mut Vec<Build>) {
    let by_ref = sig.receiver().is_some_and(|r| r.reference.is_some());
    let returns = super::pats::returned_type(sig, impl_ty);
    let into = if by_ref { None } else { returns.clone() };
    let mut f = Find { impl_ty, keeps: 0, found: Vec::new(), bound: Vec::new(), kept_names: Vec::new() };
    f.visit_block(block);
    for (ty, kept, local) in f.found {
        let kept = kept || local.as_ref().is_some_and(|l| f.kept_names.contains(l));
        let ctx = match (&into, by_ref) {
            // A factory method (`fn build(&mut self) -> Engine`): its caller decides.
            (_, true) if returns.as_deref() == Some(ty.as_str()) => BuildCtx::Other,
            (_, true) if !kept => BuildCtx::PerCall,
            (Some(t), false) if *t != ty => BuildCtx::Into(t.clone()),
            _ => BuildCtx::Other,
        };
        out.push(Build { ty, ctx });
    }
}

struct Find<'i> {
    impl_ty: Option<&'i str>,
    /// Inside something that keeps its value (see the module documentation).
    keeps: usize,
    /// (type, kept, local bound to it).
    found: Vec<(String, bool, Option<String>)>,
    /// The local a `let` statement being visited binds.
    bound: Vec<Option<String>>,
    /// Names mentioned where a value is kept, or used otherwise than borrowed (`&x`),
    /// returned as they are, or as the receiver of a call whose result is dropped
    /// (`x.run();`): a value reached through a local may leave through what is built from
    /// it (a service holding its `Arc`s, a future capturing it).
    kept_names: Vec<String>,
}

impl Find<'_> {
    fn record(&mut self, ty: String) {
        if NOT_OWNERS.contains(&ty.as_str()) || Some(ty.as_str()) == self.impl_ty {
            return;
        }
        let local = self.bound.last().cloned().flatten();
        self.found.push((ty, self.keeps > 0, local));
    }

    /// Visits a call's arguments, as kept when the call keeps them.
    fn args<'e>(&mut self, args: impl Iterator<Item = &'e syn::Expr>, keeps: bool) {
        for a in args {
            if keeps {
                self.kept(|s| s.visit_expr(a));
            } else {
                self.visit_expr(a);
            }
        }
    }

    fn kept<F: FnOnce(&mut Self)>(&mut self, f: F) {
        self.keeps += 1;
        f(self);
        self.keeps -= 1;
    }
}

/// The base of a place or call chain: `self` of `self.a.lock().unwrap()[k]`, `REG` of
/// `REG.lock()?.insert(..)`.
fn chain_base(e: &syn::Expr) -> &syn::Expr {
    match strip(e) {
        syn::Expr::Field(f) => chain_base(&f.base),
        syn::Expr::MethodCall(m) => chain_base(&m.receiver),
        syn::Expr::Index(i) => chain_base(&i.expr),
        syn::Expr::Try(t) => chain_base(&t.expr),
        syn::Expr::Await(a) => chain_base(&a.base),
        syn::Expr::Unary(u) => chain_base(&u.expr),
        other => other,
    }
}

/// Rooted at `self`: `self`, `self.a.b`, `self.a.lock().unwrap()`, `self.a[k]`.
fn on_self(e: &syn::Expr) -> bool {
    super::roots::is_self(chain_base(e))
}

/// Rooted at a static (an upper-case path): `REGISTRY.lock().insert(..)`.
fn on_static(e: &syn::Expr) -> bool {
    matches!(chain_base(e), syn::Expr::Path(p)
        if p.path.segments.last().is_some_and(|s| super::roots::is_static_name(&s.ident.to_string())))
}

/// A call whose name says it keeps or runs its argument beyond the call, whatever its
/// receiver (`tokio::spawn(..)`, `registry.register(..)`, `tx.send(..)`).
fn keeping_name(name: &str) -> bool {
    ["spawn", "register", "send", "store", "leak", "forget"].iter().any(|k| name.starts_with(k) || name.ends_with(k))
}

/// A local or a field of one: `x`, `x.a.b`.
fn is_place(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Field(f) => is_place(&f.base),
        other => is_ident(other),
    }
}

/// A local returned as it is: `x`, `Ok(x)`, `Some(Arc::new(x) as _)`.
fn returned_as_is(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Cast(c) => returned_as_is(&c.expr),
        syn::Expr::Call(c) if c.args.len() == 1 => {
            let syn::Expr::Path(p) = strip(&c.func) else { return false };
            let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            let wraps = match segs.as_slice() {
                [one] => matches!(one.as_str(), "Ok" | "Some"),
                [.., ty, f] => f == "new" && matches!(ty.as_str(), "Arc" | "Rc" | "Box" | "Mutex" | "RwLock"),
                _ => false,
            };
            wraps && returned_as_is(&c.args[0])
        }
        other => is_ident(other),
    }
}

/// A bare local name.
fn is_ident(e: &syn::Expr) -> bool {
    matches!(strip(e), syn::Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some())
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

impl<'ast> Visit<'ast> for Find<'_> {
    fn visit_local(&mut self, l: &'ast syn::Local) {
        let name = match super::pats::peel_pat(&l.pat) {
            syn::Pat::Ident(id) => Some(id.ident.to_string()),
            _ => None,
        };
        self.bound.push(name);
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
        }
        self.bound.pop();
        if let Some((_, d)) = l.init.as_ref().and_then(|i| i.diverge.as_ref()) {
            self.visit_expr(d);
        }
    }

    fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
        if let Some(last) = s.path.segments.last() {
            let n = s.path.segments.len();
            // `Enum::Variant { .. }` builds the enum, not a struct named like the variant.
            if n == 1 || !capitalised(&s.path.segments[n - 2].ident.to_string()) {
                self.record(last.ident.to_string());
            }
        }
        visit::visit_expr_struct(self, s);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        let mut keeps = false;
        if let syn::Expr::Path(p) = strip(&c.func) {
            let segs = &p.path.segments;
            if let [.., ty, f] = &segs.iter().collect::<Vec<_>>()[..] {
                let (ty, f) = (ty.ident.to_string(), f.ident.to_string());
                if capitalised(&ty) && !capitalised(&f) {
                    self.record(ty);
                }
                keeps = keeping_name(&f);
            } else if let Some(f) = segs.last() {
                keeps = keeping_name(&f.ident.to_string());
            }
        }
        self.visit_expr(&c.func);
        self.args(c.args.iter(), keeps);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        self.visit_expr(&m.receiver);
        let keeps = on_self(&m.receiver) || on_static(&m.receiver) || keeping_name(&m.method.to_string());
        self.args(m.args.iter(), keeps);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        use syn::BinOp::*;
        // `x.count += 1`: a write into the local's own field.
        let compound = matches!(
            b.op,
            AddAssign(_)
                | SubAssign(_)
                | MulAssign(_)
                | DivAssign(_)
                | RemAssign(_)
                | BitXorAssign(_)
                | BitAndAssign(_)
                | BitOrAssign(_)
                | ShlAssign(_)
                | ShrAssign(_)
        );
        if !(compound && self.keeps == 0 && is_place(&b.left)) {
            self.visit_expr(&b.left);
        }
        self.visit_expr(&b.right);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if !(self.keeps == 0 && is_place(&a.left) && !is_ident(&a.left)) {
            self.visit_expr(&a.left);
        }
        if on_self(&a.left) {
            self.kept(|s| s.visit_expr(&a.right));
        } else {
            self.visit_expr(&a.right);
        }
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        self.kept(|s| visit::visit_expr_closure(s, c));
    }

    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        self.kept(|s| visit::visit_expr_async(s, a));
    }

    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if let Some(id) = p.path.get_ident() {
            self.kept_names.push(id.to_string());
        }
    }

    fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
        if self.keeps > 0 || !is_ident(&r.expr) {
            visit::visit_expr_reference(self, r);
        }
    }

    fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
        match &r.expr {
            Some(e) if self.keeps == 0 && returned_as_is(e) => {}
            _ => visit::visit_expr_return(self, r),
        }
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        // A `let` binds the value of its initialiser, not what a nested block builds.
        self.bound.push(None);
        self.block(b);
        self.bound.pop();
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

impl Find<'_> {
    fn block(&mut self, b: &syn::Block) {
        let n = b.stmts.len();
        for (i, st) in b.stmts.iter().enumerate() {
            match st {
                // `x.run();` / `x.part.run();`: the result is dropped, `x` stays here.
                syn::Stmt::Expr(syn::Expr::MethodCall(m), Some(_)) if self.keeps == 0 && is_place(&m.receiver) => {
                    let keeps = keeping_name(&m.method.to_string());
                    self.args(m.args.iter(), keeps);
                }
                // The block's value `x`, as it is.
                syn::Stmt::Expr(e, None) if i + 1 == n && self.keeps == 0 && returned_as_is(e) => {}
                other => self.visit_stmt(other),
            }
        }
    }
}
