//! Facts about long-lived maps (SPEC §1): the statics of a file (also those declared
//! inside functions, `lazy_static!` and `thread_local!`), and the growth, removal, shrink,
//! replacement and size-check sites on candidate roots.
//!
//! Whether a root really denotes a long-lived map depends on the whole package (a field is
//! long-lived depending on its type and on where its struct is held), so sites name their
//! root (a static, `self.f` in an impl of `S`, `x.f`, an accessor function) and
//! `index::lifecycle` resolves them. Sites are recorded only for the methods in `vocab`, so
//! the facts stay small.

mod actor;
pub mod builds;
pub mod calls;
pub use calls::{Call, FieldInit, Receiver};
mod decls;
mod fns;
mod owners;
mod pats;
pub(crate) use pats::pat_idents;
mod roots;
mod sites;
mod visit;
pub mod vocab;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Span;
use crate::prefilter::Interest;
use crate::types::TypeExpr;

/// The lifecycle facts of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleFacts {
    pub statics: Vec<StaticDecl>,
    pub sites: Vec<Site>,
    pub accessors: Vec<Accessor>,
    /// The functions of the file, by `Site::func`.
    pub funcs: Vec<FnInfo>,
    /// Methods called on `self` from a function: (caller's `FnInfo` index, method name,
    /// whether the call sits inside an event loop).
    pub self_calls: Vec<(u32, String, bool)>,
    /// Crate-local helpers that return their receiver or first parameter through an
    /// access chain (`fn lock_or_heal(&self) -> MutexGuard<..>`).
    pub passthroughs: Vec<Passthrough>,
    /// Rooted expressions passed as arguments: the callee's parameter is the same map.
    pub passes: Vec<Pass>,
    /// Struct fields initialised from a rooted expression (`Worker { map: self.map.clone() }`).
    pub field_aliases: Vec<FieldAlias>,
    /// Locals holding a map declared before an event loop that grows them.
    pub actor_locals: Vec<ActorLocal>,
    /// Type names written in the return types of functions, `Self` resolved.
    pub returned: Vec<String>,
    /// Struct types whose literal value leaves the function building it (passed to a
    /// call, stored, captured by a `move` closure).
    pub escaped: Vec<String>,
    /// Structs with `#[derive(Default)]`, and `pub` structs whose fields are all `pub`:
    /// values callers out of sight can build.
    pub defaults: Vec<String>,
    /// Struct values built in the file's functions, with where (`builds`).
    pub builds: Vec<builds::Build>,
    /// Method calls of each function (common standard methods aside), sorted.
    pub calls: Vec<Call>,
    /// How struct literals initialise their named fields.
    pub field_inits: Vec<FieldInit>,
    /// Rooted expressions locked for writing or borrowed mutably (`self.state.write()`,
    /// `x.inner.get_mut()`, `upgradable_read()`): the struct inside can change.
    pub write_locks: Vec<WriteLock>,
}

/// A function or method of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FnInfo {
    /// The self type of the enclosing impl.
    pub ty: Option<String>,
    /// The trait the enclosing impl implements, or the trait whose default body it is.
    pub of_trait: Option<String>,
    pub name: String,
    /// Takes `&mut self` or `self` by value.
    pub owns_self: bool,
    /// Holds an event loop (SPEC §1: a `loop` that waits, a `while let` over `recv()` or
    /// an awaited `next()`/`accept()`, `select!` inside a loop).
    pub event_loop: bool,
}

/// A helper returning its receiver (`param == None`) or its first parameter through the
/// access chain `chain`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passthrough {
    pub name: String,
    pub param: bool,
    pub chain: u32,
    pub in_test: bool,
}

/// A rooted expression passed as argument `index` (receiver not counted) of `callee`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pass {
    pub callee: String,
    /// The type the call names before the function (`Type::f(..)`, see
    /// `FnOwner::answers`); `None` for a method call, a bare call, `Self::f` or `a::f`.
    pub qualifier: Option<String>,
    pub index: usize,
    pub root: Root,
    pub chain: u32,
    pub via_clone: bool,
    pub in_test: bool,
    /// The inline module path, within the file, of the module holding the call.
    pub module: Vec<String>,
}

/// A rooted expression taken with write access (`LifecycleFacts::write_locks`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteLock {
    pub root: Root,
    /// Methods and functions of unknown meaning between the root and the call (`Site::through`).
    pub through: Vec<String>,
    pub in_test: bool,
    /// The inline module path, within the file, of the module holding the call.
    pub module: Vec<String>,
}

/// Field `field` of struct `ty` initialised from a rooted expression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldAlias {
    pub ty: String,
    pub field: String,
    pub root: Root,
    pub via_clone: bool,
    /// The inline module path, within the file, of the module holding the initialiser.
    pub module: Vec<String>,
}

/// A local map declared before an event loop and grown inside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorLocal {
    pub name: String,
    /// The declared type, or the constructed type's name with its turbofish arguments.
    pub ty: TypeExpr,
    pub name_span: Span,
    pub anchor_line: u32,
    /// Growth calls inside the loop: (what, span).
    pub growth: Vec<(String, Span)>,
    /// Removal evidence anywhere after the declaration (or the map handed elsewhere).
    pub removed: bool,
    pub in_test: bool,
    /// The inline module path, within the file, of the module holding the function.
    pub module: Vec<String>,
}

/// How a static was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaticForm {
    Item,
    LazyStatic,
    ThreadLocal,
}

/// A `static` item, `lazy_static! { static ref .. }` or `thread_local! { static .. }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaticDecl {
    pub name: String,
    /// The inline module path, within the file, of the module declaring it.
    pub module: Vec<String>,
    pub ty: TypeExpr,
    pub form: StaticForm,
    pub name_span: Span,
    /// The first line of the declaration, attributes included (for suppression comments).
    pub anchor_line: u32,
    pub in_test: bool,
    /// For a static declared inside a function body: an id, unique in the file, that the
    /// sites in its scope name (`Root::LocalStatic`). `None` at module level.
    pub local_id: Option<u32>,
}

/// What a site's receiver is rooted in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Root {
    /// A path ending in a module-level static's name (by convention upper case).
    Static(String),
    /// A static declared inside a function of this file (`StaticDecl::local_id`).
    LocalStatic(u32),
    /// Field `field` of the crate-local type `ty`: `self.f` inside an impl of `ty`, or a
    /// name bound by destructuring `ty { f, .. }`.
    TypedField { ty: String, field: String },
    /// `x.f` for another receiver `x`.
    Field(String),
    /// `self` itself inside an impl of `ty` (`*self = ..`, `mem::take(self)`).
    SelfValue(String),
    /// A call of a function or method without arguments (`registry()`, `self.cache()`,
    /// `x.cache()`): rooted when an accessor of that name returns a rooted expression.
    /// `direct` is false for a method called on another receiver than `self`, whose type
    /// is unknown.
    Call { name: String, direct: bool },
    /// Parameter `index` (receiver not counted) of the crate-local function or method
    /// `func`, written in `owner`: rooted where some call passes it a rooted expression.
    Param { func: String, index: usize, owner: FnOwner },
}

/// Where a function is written, by last identifier: the self type of its impl, and the
/// trait that impl implements (or the trait whose default body it is). Both `None` for a
/// free function.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FnOwner {
    pub ty: Option<String>,
    pub of_trait: Option<String>,
}

impl FnOwner {
    /// Whether a call qualified by `qualifier` may be a call of a function written here:
    /// `Type::f(..)` and `<T as Trait>::f(..)` name an `f` of an impl of `Type` or of
    /// `Trait`, never a free `f` nor another type's. An unqualified call may be any.
    pub fn answers(&self, qualifier: Option<&str>) -> bool {
        match qualifier {
            Some(q) => self.ty.as_deref() == Some(q) || self.of_trait.as_deref() == Some(q),
            None => true,
        }
    }
}

/// What a site does to its root.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SiteKind {
    /// `insert`, `extend`, `entry(..).or_insert(..)`, ...
    Growth,
    /// `remove`, `pop`, `truncate`, ... (and bulk removal, below).
    Removal,
    /// `clear`, `retain`, `drain`, `extract_if`: removal that keeps the capacity.
    BulkRemoval,
    /// `shrink_to_fit`, `shrink_to`.
    Shrink,
    /// Assignment, `mem::take/replace/swap`, `RefCell::take`, `ArcSwap::store`, ...
    Reassign,
    /// `.len()` compared with `< <= > >= ==`.
    SizeCheck,
    /// Passed to a function or stored elsewhere (`&mut root`, a guard, an `Arc` clone),
    /// where entries may be removed out of sight.
    Escape,
}

impl SiteKind {
    /// Whether the site is removal evidence for ML001.
    pub fn is_removal_evidence(self) -> bool {
        !matches!(self, SiteKind::Growth | SiteKind::Shrink)
    }
}

/// A growth, removal, shrink, replacement, size-check or escape site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub root: Root,
    pub kind: SiteKind,
    /// What was written, for messages: `insert`, `entry(..).or_default`, `mem::take`, `=`.
    pub method: String,
    pub span: Span,
    /// The access chain between the root and the call (`vocab::LOCK | vocab::GET`, ...).
    pub chain: u32,
    /// Reached through `.clone()` / `Arc::clone(..)` of the root: the same map only when
    /// it sits behind an `Arc`/`Rc`.
    pub via_clone: bool,
    pub in_test: bool,
    /// The inline module path, within the file, of the module holding the site: where
    /// the names of its root are resolved.
    pub module: Vec<String>,
    /// The type the enclosing function constructs: it takes no `self` (or `self` by
    /// value) and returns that type (or `Self` of its impl).
    pub constructs: Option<String>,
    /// The enclosing function (`LifecycleFacts::funcs`).
    pub func: Option<u32>,
    /// Inside `impl Drop for T`: `T`. Removal there is the teardown of `T`'s own maps,
    /// not removal during their life.
    pub drop_of: Option<String>,
    /// Inside an event loop of its function.
    pub in_event_loop: bool,
    /// Methods or functions of unknown meaning applied between the root and the call
    /// (`self.m.lock_or_heal()`: `lock_or_heal`; a function: `fn name`): the site reaches
    /// the root only when each is a passthrough helper.
    pub through: Vec<String>,
}

/// A function without arguments (besides `self`) that returns a rooted expression:
/// `fn registry() -> &'static Mutex<..> { static R: ..; R.get_or_init(..) }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accessor {
    pub name: String,
    pub root: Root,
    pub chain: u32,
    pub via_clone: bool,
    pub in_test: bool,
    /// The inline module path, within the file, of the module holding the accessor.
    pub module: Vec<String>,
}

impl LifecycleFacts {
    /// Adds to `ix` the statics that hold maps (or types holding them), with every name in
    /// their types, and the accessors that may reach a map: a file that names one may
    /// grow, empty or replace it (see `prefilter`).
    pub fn names_of_interest(&self, ix: &mut Interest) {
        for st in &self.statics {
            if ix.holds(&st.ty) {
                ix.mention(&st.name);
                ix.define_maps(&st.ty);
            }
        }
        for a in &self.accessors {
            if self.may_reach_map(&a.root, ix) {
                ix.accessor(&a.name);
            }
        }
        // Helpers a rooted expression goes through, and functions handed a rooted
        // expression: their definitions decide the sites.
        for s in &self.sites {
            if !s.through.is_empty() && self.may_reach_map(&s.root, ix) {
                for t in &s.through {
                    ix.defined(t.trim_start_matches("fn "));
                }
            }
        }
        // A function emptying a map: its callers decide whether it only runs at teardown,
        // unless its name decides (`drop`, `shutdown`) or its calls are not recorded. A
        // map method's name (`fn clear`) counts only through `self` or a rooted receiver,
        // which the names of the holders, fields, statics and accessors already reach.
        for s in &self.sites {
            if s.kind == SiteKind::BulkRemoval && !s.in_test && self.may_reach_map(&s.root, ix) {
                if let Some(f) = s.func.and_then(|i| self.funcs.get(i as usize)) {
                    if !crate::index::lifecycle::is_shutdown_name(&f.name)
                        && !calls::is_unrecorded(&f.name)
                        && !vocab::is_map_method(&f.name)
                    {
                        ix.called(&f.name);
                    }
                }
            }
        }
        // A function handed a map: its own sites, through its parameter, decide.
        for p in &self.passes {
            if self.may_reach_map(&p.root, ix) {
                match &p.qualifier {
                    Some(q) => ix.defined_in(&p.callee, q),
                    None => ix.defined(&p.callee),
                }
                ix.param(&p.callee, p.index);
            }
        }
        for f in &self.field_aliases {
            if self.may_reach_map(&f.root, ix) {
                ix.field(&f.field);
            }
        }
    }

    /// Whether a root may denote a map, or a type holding one, as far as `ix` knows.
    fn may_reach_map(&self, root: &Root, ix: &Interest) -> bool {
        match root {
            Root::Static(name) => ix.mention.contains(name),
            Root::LocalStatic(id) => self.statics.iter().any(|s| s.local_id == Some(*id) && ix.holds(&s.ty)),
            Root::TypedField { ty, field } if field.starts_with(|c: char| c.is_ascii_digit()) => {
                ix.holders.contains(ty)
            }
            Root::TypedField { field, .. } => ix.field.contains(field),
            Root::Field(field) => ix.field.contains(field),
            Root::SelfValue(ty) => ix.holders.contains(ty),
            // A call is resolved through the accessors of its name only.
            Root::Call { name, .. } => ix.accessors.contains(name),
            Root::Param { func, index, .. } => ix.is_param(func, *index),
        }
    }
}

/// Extracts the lifecycle facts of a parsed file. `extra_removals` are the configured
/// `rules.ML001.removal-methods`.
pub fn extract(file: &syn::File, in_test_file: bool, extra_removals: &[String]) -> LifecycleFacts {
    visit::collect(file, in_test_file, extra_removals)
}
