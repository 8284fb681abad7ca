//! Evaluating a known type in an environment: its root, then each projection, with
//! aliases expanded and references, smart pointers and guards looked through; and the
//! questions rules ask of the result.

use crate::maptypes::{builtin_map_kind, MapKind};
use crate::types::{TypeExpr, TypeKind};

use super::{Answer, KnownType, Proj, Root, Step, TypeEnv, TypeNeed, Want};

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
pub(super) fn is_std_name(name: &str) -> bool {
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
