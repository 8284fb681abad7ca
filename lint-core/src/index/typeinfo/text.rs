//! Written types in messages: a resolved node shown as the user wrote it, with its
//! resolved form beside it when they differ (an alias), long types shortened.

use crate::types::{TypeExpr, TypeKind};

/// The outermost node of a written type with this span: the written form of a resolved
/// node (an alias use when the node came from the alias's definition).
pub fn written_at(written: &TypeExpr, span: crate::diagnostic::Span) -> Option<&TypeExpr> {
    if written.span == span {
        return Some(written);
    }
    match &written.kind {
        TypeKind::Path { args, .. } => args.iter().find_map(|a| written_at(a, span)),
        TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
            written_at(elem, span)
        }
        TypeKind::Tuple(elems) => elems.iter().find_map(|e| written_at(e, span)),
        TypeKind::Traits(_) | TypeKind::Other => None,
    }
}

/// A resolved node as the user wrote it, for messages: "`Registry` (`HashMap<u32,
/// Rc<Node>>`)" when it came from an alias, else "`HashMap<u32, Rc<Node>>`".
pub fn type_text(written: &TypeExpr, node: &TypeExpr) -> String {
    let resolved = shorten(unspelled(node).to_string());
    match written_at(written, node.span).map(|w| shorten(unspelled(w).to_string())) {
        Some(w) if w != resolved => format!("`{w}` (`{resolved}`)"),
        _ => format!("`{resolved}`"),
    }
}

/// A map's key or value for messages, like `type_text`; when it comes from the same
/// alias use as the map itself, only its resolved form is meaningful.
pub fn slot_text(written: &TypeExpr, map: &TypeExpr, slot: &TypeExpr) -> String {
    if slot.span == map.span {
        format!("`{}`", shorten(unspelled(slot).to_string()))
    } else {
        type_text(written, slot)
    }
}

/// A type as messages show it: the `crate::` paths `resolve_type_in` spells out to tell
/// same-named structs apart are shown by their name, as written.
fn unspelled(ty: &TypeExpr) -> std::borrow::Cow<'_, TypeExpr> {
    fn strip(ty: &mut TypeExpr, depth: usize) {
        if depth > 64 {
            return;
        }
        match &mut ty.kind {
            TypeKind::Path { segments, args } => {
                if segments.len() > 1 && segments[0] == "crate" {
                    segments.drain(..segments.len() - 1);
                }
                args.iter_mut().for_each(|a| strip(a, depth + 1));
            }
            TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
                strip(elem, depth + 1)
            }
            TypeKind::Tuple(elems) => elems.iter_mut().for_each(|e| strip(e, depth + 1)),
            TypeKind::Traits(_) | TypeKind::Other => {}
        }
    }
    if !ty.to_string().contains("crate::") {
        return std::borrow::Cow::Borrowed(ty);
    }
    let mut t = ty.clone();
    strip(&mut t, 0);
    std::borrow::Cow::Owned(t)
}

fn shorten(s: String) -> String {
    const MAX: usize = 80;
    let n = s.chars().count();
    if n <= MAX {
        return s;
    }
    let head: String = s.chars().take(MAX / 2).collect();
    let tail: String = s.chars().skip(n - MAX / 2).collect();
    format!("{head}..{tail}")
}
