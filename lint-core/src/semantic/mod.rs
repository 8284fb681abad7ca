//! The known type of an expression (SPEC §1): what the syntax of one function, its
//! `impl` and the package's declarations say an expression is, and nothing more.
//!
//! A `KnownType` is a *root* (a type written in this file, or a crate-local function's
//! return type, or a static's type) followed by *projections* (a field, an element of an
//! iteration, a tuple member, a method's return type, a wrapper looked through). Rules
//! ask a question of it (`Want`: is it a map, text, a collection?) through a `TypeEnv`:
//! the file's own environment answers what one file can tell, and defers the rest
//! (fields and functions declared elsewhere, names that may be crate-local aliases) as a
//! `TypeNeed` that the package index answers later, with the same code (`index::known`).
//! An expression whose type is not known never makes a finding.

mod eval;
pub mod infer;

pub use eval::{answers, ask, eval};

use serde::{Deserialize, Serialize};

use crate::maptypes::{builtin_map_kind, MapKind};
use crate::types::TypeExpr;
use eval::is_std_name;

/// Where a known type starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Root {
    /// A type written in this file: a declaration, an annotation, a constructor's type.
    Written(TypeExpr),
    /// The declared return type of a crate-local free function.
    Fn(String),
    /// The declared type of a crate-local `static` or `const`.
    Static(String),
}

/// One step from a type to the type of a part of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proj {
    /// A field of a crate-local struct (`x.f`, `x.0`).
    Field(String),
    /// The declared return type of a crate-local method of the type (`x.m()`, `S::m()`).
    Method(String),
    /// An item of the type when iterated: `T` of `Vec<T>`, `[T]`, a set; `(K, V)` of a map.
    Elem,
    /// The key type of a map (`.keys()`).
    Key,
    /// The value type of a map (`.values()`, `m[k]`).
    Value,
    /// A member of a tuple.
    Tuple(usize),
    /// `T` of `Option<T>` (`Some(x)` patterns).
    Some,
    /// One wrapper or guard looked through: `.lock()`, `.borrow()`, `.unwrap()`, `?`.
    Inner,
    /// `x[i]`: a map's value, a sequence's element.
    Index,
}

/// The known type of an expression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownType {
    pub root: Root,
    pub proj: Vec<Proj>,
}

impl KnownType {
    pub fn written(ty: TypeExpr) -> KnownType {
        KnownType { root: Root::Written(ty), proj: Vec::new() }
    }

    /// This type followed by one more projection.
    pub fn then(mut self, p: Proj) -> KnownType {
        self.proj.push(p);
        self
    }
}

/// A question a rule asks of a known type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Want {
    /// Any map or set type.
    Map,
    /// A hash-based map or set type.
    HashMap,
    /// A map, a set, a `Vec`, a slice, an array or a `VecDeque` (a `contains` receiver).
    Lookup,
    /// Text: `str`, `String`, `Cow<str>`, `Box<str>`, `Rc<str>`, `Arc<str>`.
    Text,
    /// `String` itself.
    String,
    /// A slice, an array or a `Vec` (`.to_vec()` copies it).
    Slice,
    /// A collection whose length is known before it is iterated: a `Vec`, `VecDeque`,
    /// slice, array, map or set, a `Drain` or `IntoIter` of one.
    Collection,
}

/// A question left to the package index: does `ty` answer `want`?
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeNeed {
    pub ty: KnownType,
    pub want: Want,
}

/// The answer to a question about a known type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// Only the package can tell.
    Pending(TypeNeed),
}

/// Where a message names a type that only the package can tell: replaced by the type
/// when the finding is resolved (`fill_type_slot`).
pub const TYPE_SLOT: &str = "\u{1}type\u{1}";

impl Answer {
    /// Both answers: `None` when either is no, else the questions left to the package.
    pub fn and(self, other: Answer) -> Option<Vec<TypeNeed>> {
        let mut needs = Vec::new();
        for a in [self, other] {
            match a {
                Answer::No => return None,
                Answer::Yes => {}
                Answer::Pending(n) => needs.push(n),
            }
        }
        Some(needs)
    }

    /// Either answer: yes if one is, else a pending question if one is (the first), else no.
    pub fn or(self, other: impl FnOnce() -> Answer) -> Answer {
        match self {
            Answer::Yes => Answer::Yes,
            Answer::No => other(),
            pending => match other() {
                Answer::Yes => Answer::Yes,
                _ => pending,
            },
        }
    }

    /// The questions left to the package, or `None` when the answer is no.
    pub fn needs(self) -> Option<Vec<TypeNeed>> {
        self.and(Answer::Yes)
    }
}

/// The type a known type evaluates to, as text for a message (`HashMap<String, u64>`).
pub fn type_text(kt: &KnownType, env: &dyn TypeEnv) -> Option<String> {
    match eval(kt, env) {
        Step::Done(Some(t)) => Some(t.to_string()),
        _ => None,
    }
}

/// Replaces `TYPE_SLOT` in a message by the type of the first pending question.
pub fn fill_type_slot(message: &str, needs: &[TypeNeed], env: &dyn TypeEnv) -> String {
    if !message.contains(TYPE_SLOT) {
        return message.to_string();
    }
    let text = needs.first().and_then(|n| type_text(&n.ty, env)).unwrap_or_else(|| "_".to_string());
    message.replace(TYPE_SLOT, &shorten_type(&text))
}

/// A type for a headline: at most 40 characters, cut at the end (`HashMap<(String, ..`).
pub fn shorten_type(ty: &str) -> String {
    if ty == TYPE_SLOT || ty.chars().count() <= 40 {
        return ty.to_string();
    }
    format!("{}..", ty.chars().take(38).collect::<String>())
}

/// One step of the environment: an answer, or "only the package can tell".
pub enum Step<T> {
    Done(T),
    Defer,
}

/// What the declarations around an expression say: the file's own (which defers what it
/// cannot see) or the package's.
pub trait TypeEnv {
    /// The type with its head expanded through crate-local aliases and renames.
    fn expand(&self, ty: &TypeExpr) -> Step<TypeExpr>;
    /// The map kind of a type name (after expansion).
    fn map_kind(&self, name: &str) -> Option<MapKind>;
    /// The declared type of field `field` of the crate-local struct `owner`.
    fn field(&self, owner: &str, field: &str) -> Step<Option<TypeExpr>>;
    /// The declared return type of method `name` of crate-local type `owner`.
    fn method(&self, owner: &str, name: &str) -> Step<Option<TypeExpr>>;
    /// The declared return type of the crate-local function `name`.
    fn func(&self, name: &str) -> Step<Option<TypeExpr>>;
    /// The declared type of the crate-local static or const `name`.
    fn static_ty(&self, name: &str) -> Step<Option<TypeExpr>>;
}

/// The environment of one file while its tree is in hand: it knows the built-in and
/// configured map types and std's types, and defers every crate-local name.
pub struct FileEnv<'a> {
    pub map_types: &'a [String],
}

impl TypeEnv for FileEnv<'_> {
    fn expand(&self, ty: &TypeExpr) -> Step<TypeExpr> {
        match ty.name() {
            Some(n) if self.map_types.iter().any(|m| m == n) => Step::Done(ty.clone()),
            Some(n) if is_std_name(n) => Step::Done(ty.clone()),
            // A generic parameter or a crate's own type: the package may know it.
            _ => Step::Defer,
        }
    }
    fn map_kind(&self, name: &str) -> Option<MapKind> {
        builtin_map_kind(name).or_else(|| self.map_types.iter().any(|m| m == name).then_some(MapKind::Hash))
    }
    fn field(&self, _: &str, _: &str) -> Step<Option<TypeExpr>> {
        Step::Defer
    }
    fn method(&self, _: &str, _: &str) -> Step<Option<TypeExpr>> {
        Step::Defer
    }
    fn func(&self, _: &str) -> Step<Option<TypeExpr>> {
        Step::Defer
    }
    fn static_ty(&self, _: &str) -> Step<Option<TypeExpr>> {
        Step::Defer
    }
}

/// Calls `f` with the crate-local names a pending question makes the package look up:
/// `(name, true)` for functions and methods, `(name, false)` for types and statics.
pub fn needed_names(need: &TypeNeed, f: &mut dyn FnMut(&str, bool)) {
    match &need.ty.root {
        Root::Written(t) => crate::prefilter::interest::for_each_name(t, &mut |n| f(n, false), 0),
        Root::Fn(n) => f(n, true),
        Root::Static(n) => f(n, false),
    }
    for p in &need.ty.proj {
        if let Proj::Method(m) = p {
            f(m, true);
        }
    }
}

#[cfg(test)]
mod tests;
