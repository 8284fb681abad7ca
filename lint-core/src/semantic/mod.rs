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

pub mod infer;

use serde::{Deserialize, Serialize};

use crate::maptypes::{builtin_map_kind, MapKind};
use crate::types::{TypeExpr, TypeKind};

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
    message.replace(TYPE_SLOT, &text)
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

/// Projections and wrappers nested deeper than this are not followed.
const MAX_STEPS: usize = 24;

/// Evaluates a known type in an environment: `Done(None)` when it is not known.
pub fn eval(kt: &KnownType, env: &dyn TypeEnv) -> Step<Option<TypeExpr>> {
    let start = match &kt.root {
        Root::Written(t) => Some(t.clone()),
        Root::Fn(name) => match env.func(name) {
            Step::Done(t) => t,
            Step::Defer => return Step::Defer,
        },
        Root::Static(name) => match env.static_ty(name) {
            Step::Done(t) => t,
            Step::Defer => return Step::Defer,
        },
    };
    let Some(mut ty) = start else { return Step::Done(None) };
    if kt.proj.len() > MAX_STEPS {
        return Step::Done(None);
    }
    for p in &kt.proj {
        ty = match normalize(&ty, env) {
            Step::Done(t) => t,
            Step::Defer => return Step::Defer,
        };
        match project(&ty, p, env) {
            Step::Done(Some(t)) => ty = t,
            Step::Done(None) => return Step::Done(None),
            Step::Defer => return Step::Defer,
        }
    }
    match normalize(&ty, env) {
        Step::Done(t) => Step::Done(Some(t)),
        Step::Defer => Step::Defer,
    }
}

/// Asks `want` of a known type in an environment.
pub fn ask(kt: &KnownType, want: Want, env: &dyn TypeEnv) -> Answer {
    match eval(kt, env) {
        Step::Defer => Answer::Pending(TypeNeed { ty: kt.clone(), want }),
        Step::Done(None) => Answer::No,
        Step::Done(Some(t)) => {
            if answers(&t, want, env) {
                Answer::Yes
            } else {
                Answer::No
            }
        }
    }
}

/// Whether a normalized type answers `want`.
pub fn answers(ty: &TypeExpr, want: Want, env: &dyn TypeEnv) -> bool {
    let kind = ty.name().and_then(|n| env.map_kind(n));
    let seq = is_seq(ty);
    match want {
        Want::Map => kind.is_some(),
        Want::HashMap => kind.is_some_and(MapKind::is_hash_based),
        Want::Lookup => kind.is_some() || seq,
        Want::Text => is_text(ty),
        Want::String => ty.name() == Some("String"),
        Want::Slice => matches!(ty.kind, TypeKind::Slice(_) | TypeKind::Array { .. }) || ty.name() == Some("Vec"),
        Want::Collection => {
            kind.is_some()
                || seq
                || matches!(ty.name(), Some("Drain" | "IntoIter" | "BinaryHeap" | "SmallVec" | "ArrayVec" | "ThinVec"))
        }
    }
}

/// `Vec`, `VecDeque`, slices and arrays.
fn is_seq(ty: &TypeExpr) -> bool {
    matches!(ty.kind, TypeKind::Slice(_) | TypeKind::Array { .. }) || matches!(ty.name(), Some("Vec" | "VecDeque"))
}

fn is_text(ty: &TypeExpr) -> bool {
    match ty.name() {
        Some("str" | "String") => true,
        Some("Cow" | "Box" | "Rc" | "Arc") => ty.args().first().is_some_and(|a| a.peel_refs().name() == Some("str")),
        _ => false,
    }
}

/// Types that are known not to be crate-local aliases: std and primitive names.
fn is_std_name(name: &str) -> bool {
    builtin_map_kind(name).is_some()
        || matches!(
            name,
            "Vec"
                | "VecDeque"
                | "String"
                | "str"
                | "Option"
                | "Result"
                | "Box"
                | "Rc"
                | "Arc"
                | "Cow"
                | "Mutex"
                | "RwLock"
                | "RefCell"
                | "Cell"
                | "MutexGuard"
                | "RwLockReadGuard"
                | "RwLockWriteGuard"
                | "Ref"
                | "RefMut"
                | "OnceCell"
                | "OnceLock"
                | "LazyLock"
                | "Lazy"
                | "Drain"
                | "IntoIter"
                | "BinaryHeap"
                | "LinkedList"
                | "PathBuf"
                | "Path"
                | "OsString"
                | "OsStr"
                | "bool"
                | "char"
                | "u8"
                | "u16"
                | "u32"
                | "u64"
                | "u128"
                | "usize"
                | "i8"
                | "i16"
                | "i32"
                | "i64"
                | "i128"
                | "isize"
                | "f32"
                | "f64"
                | "Self"
        )
}

/// Wrappers and guards that `.lock()`, `.unwrap()`, `?` and their kin look through.
fn is_inner_wrapper(name: &str) -> bool {
    matches!(
        name,
        "Mutex"
            | "RwLock"
            | "RefCell"
            | "Cell"
            | "OnceCell"
            | "OnceLock"
            | "LazyLock"
            | "Lazy"
            | "LazyCell"
            | "ArcSwap"
            | "Option"
            | "Result"
            | "LockResult"
    )
}

/// Wrappers always looked through: references, smart pointers and guards.
fn is_transparent(name: &str) -> bool {
    matches!(
        name,
        "Box"
            | "Rc"
            | "Arc"
            | "MutexGuard"
            | "RwLockReadGuard"
            | "RwLockWriteGuard"
            | "Ref"
            | "RefMut"
            | "MappedMutexGuard"
            | "MappedRwLockReadGuard"
            | "MappedRwLockWriteGuard"
    )
}

/// Expands aliases and strips references, smart pointers and guards off the head.
fn normalize(ty: &TypeExpr, env: &dyn TypeEnv) -> Step<TypeExpr> {
    let mut cur = ty.clone();
    for _ in 0..MAX_STEPS {
        match &cur.kind {
            TypeKind::Ref { elem, .. } => {
                cur = (**elem).clone();
                continue;
            }
            TypeKind::Path { .. } => {}
            _ => return Step::Done(cur),
        }
        let name = cur.name().unwrap_or_default().to_string();
        // `Box<str>`, `Arc<str>` are text: keep them whole.
        if is_transparent(&name) && !is_text(&cur) {
            match cur.args().first() {
                Some(a) => {
                    cur = a.clone();
                    continue;
                }
                None => return Step::Done(cur),
            }
        }
        if is_std_name(&name) {
            return Step::Done(cur);
        }
        match env.expand(&cur) {
            Step::Done(t) if t == cur => return Step::Done(cur),
            Step::Done(t) => cur = t,
            Step::Defer => return Step::Defer,
        }
    }
    Step::Done(cur)
}

/// The type of a part of a normalized type.
fn project(ty: &TypeExpr, p: &Proj, env: &dyn TypeEnv) -> Step<Option<TypeExpr>> {
    let name = ty.name().unwrap_or_default();
    let args = ty.args();
    let kind = ty.name().and_then(|n| env.map_kind(n));
    let is_set = kind.is_some() && crate::maptypes::is_set_name(name);
    let done = |t: Option<&TypeExpr>| Step::Done(t.cloned());
    match p {
        Proj::Field(f) => match &ty.kind {
            TypeKind::Tuple(elems) => done(f.parse::<usize>().ok().and_then(|i| elems.get(i))),
            TypeKind::Path { .. } if !is_std_name(name) => env.field(name, f),
            _ => Step::Done(None),
        },
        // The methods of text that return text (`raw.trim().to_string()`).
        Proj::Method(m) if is_text(ty) => {
            let text = matches!(
                m.as_str(),
                "trim"
                    | "trim_start"
                    | "trim_end"
                    | "trim_matches"
                    | "to_lowercase"
                    | "to_uppercase"
                    | "to_ascii_lowercase"
                    | "to_ascii_uppercase"
                    | "as_str"
                    | "replace"
                    | "repeat"
            );
            Step::Done(text.then(|| TypeExpr {
                kind: TypeKind::Path { segments: vec!["str".to_string()], args: Vec::new() },
                span: ty.span,
            }))
        }
        Proj::Method(m) => {
            if is_std_name(name) || !matches!(ty.kind, TypeKind::Path { .. }) {
                return Step::Done(None);
            }
            match env.method(name, m) {
                Step::Done(Some(mut ret)) => {
                    replace_self(&mut ret, ty, 0);
                    Step::Done(Some(ret))
                }
                other => other,
            }
        }
        Proj::Elem => match &ty.kind {
            TypeKind::Slice(e) | TypeKind::Array { elem: e, .. } => done(Some(e)),
            _ if kind.is_some() && !is_set => match args {
                [k, v, ..] => {
                    Step::Done(Some(TypeExpr { kind: TypeKind::Tuple(vec![k.clone(), v.clone()]), span: ty.span }))
                }
                _ => Step::Done(None),
            },
            _ if kind.is_some()
                || matches!(
                    name,
                    "Vec" | "VecDeque" | "Option" | "Drain" | "IntoIter" | "BinaryHeap" | "LinkedList"
                ) =>
            {
                done(args.first())
            }
            _ => Step::Done(None),
        },
        Proj::Key => done(if kind.is_some() { args.first() } else { None }),
        Proj::Value => done(if kind.is_some() && !is_set { args.get(1) } else { None }),
        Proj::Index => match &ty.kind {
            TypeKind::Slice(e) | TypeKind::Array { elem: e, .. } => done(Some(e)),
            _ if kind.is_some() && !is_set => done(args.get(1)),
            _ if matches!(name, "Vec" | "VecDeque") => done(args.first()),
            _ => Step::Done(None),
        },
        Proj::Tuple(i) => match &ty.kind {
            TypeKind::Tuple(elems) => done(elems.get(*i)),
            _ => Step::Done(None),
        },
        Proj::Some => done(if name == "Option" { args.first() } else { None }),
        Proj::Inner => {
            if is_inner_wrapper(name) {
                done(args.first())
            } else {
                Step::Done(Some(ty.clone()))
            }
        }
    }
}

/// Replaces `Self` in a method's return type by the type the method was called on.
fn replace_self(ret: &mut TypeExpr, owner: &TypeExpr, depth: usize) {
    if depth > MAX_STEPS {
        return;
    }
    if let TypeKind::Path { segments, .. } = &ret.kind {
        if segments.len() == 1 && segments[0] == "Self" {
            *ret = owner.clone();
            return;
        }
    }
    match &mut ret.kind {
        TypeKind::Path { args, .. } | TypeKind::Tuple(args) => {
            args.iter_mut().for_each(|a| replace_self(a, owner, depth + 1))
        }
        TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
            replace_self(elem, owner, depth + 1)
        }
        TypeKind::Traits(_) | TypeKind::Other => {}
    }
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
