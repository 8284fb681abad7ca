//! Deep resolution of a written type: every crate-local alias (generic ones with their
//! arguments substituted, chains followed) and every `use .. as` rename inside it is
//! expanded, not only the head as `PackageIndex::expand` does.
//!
//! Spans record where each part was written at the use site: a node written there keeps
//! its span; a node that comes from an alias's definition takes the span of the alias
//! use it was expanded from. So a rule reports on the text the user wrote, and two
//! resolved nodes with the same span came from the same alias use (see
//! `same_alias_expansion`).

use crate::diagnostic::Span;
use crate::index::names::{ModId, Ns, Resolution};
use crate::types::{TypeExpr, TypeKind};

use super::PackageIndex;

/// Nodes produced by one resolution at most; beyond, the rest is `Other`.
const MAX_NODES: usize = 4096;
/// Nesting of alias expansions and type arguments followed at most.
const MAX_DEPTH: usize = 64;
/// Chained `use .. as` renames followed at most.
const MAX_RENAMES: usize = 8;

impl PackageIndex<'_> {
    /// The written type with every crate-local alias and rename inside it expanded. A
    /// name that is both an alias and a crate-local struct or enum is ambiguous and left
    /// as written.
    pub fn resolve_type(&self, ty: &TypeExpr) -> TypeExpr {
        let mut r = Resolver { index: self, budget: MAX_NODES, expanding: Vec::new(), scope: None };
        r.resolve(ty, &[], None, 0)
    }

    /// `resolve_type` for a type written in module `scope`: each name is also resolved
    /// there (`index::names`). A name imported from another crate becomes that crate's
    /// path (`use tokio::runtime::Runtime;` makes `Runtime` `tokio::runtime::Runtime`),
    /// and is never a crate-local alias or struct; a crate-local struct whose name other
    /// modules reuse becomes its `crate::` path; an alias's body is resolved in the
    /// alias's module.
    pub fn resolve_type_in(&self, ty: &TypeExpr, scope: ModId) -> TypeExpr {
        let mut r = Resolver { index: self, budget: MAX_NODES, expanding: Vec::new(), scope: Some(scope) };
        r.resolve(ty, &[], None, 0)
    }

    /// The path a written path denotes, when it must be spelled out to say which item it
    /// is (see `resolve_type_in`).
    fn spelled_out(&self, scope: ModId, segments: &[String]) -> Option<Vec<String>> {
        let name = segments.last()?;
        let candidates = self.structs_named(name).len() + usize::from(self.aliases.contains_key(name.as_str()));
        if candidates == 0 {
            return None;
        }
        match self.names.resolve(scope, segments, Ns::Type) {
            Resolution::Items(ids) if candidates > 1 || segments.len() > 1 => {
                ids.first().map(|id| self.names.crate_path(*id))
            }
            Resolution::External if segments.len() == 1 => {
                let path = self.names.import_path(scope, name)?;
                (path.len() > 1).then(|| path.iter().filter(|s| !s.is_empty()).cloned().collect())
            }
            _ => None,
        }
    }

    /// The original name behind `use .. as` renames.
    pub(crate) fn unrenamed<'n>(&'n self, mut name: &'n str) -> &'n str {
        for _ in 0..MAX_RENAMES {
            match self.renames.get(name) {
                Some(original) if *original != name => name = original,
                _ => break,
            }
        }
        name
    }
}

/// True when every span equals the map's: the map and the parts that make a finding
/// all come from one alias use, so the alias's own definition is where it is reported.
pub fn same_alias_expansion(map: &TypeExpr, parts: &[Span]) -> bool {
    parts.iter().all(|s| *s == map.span)
}

struct Resolver<'i, 'a> {
    index: &'i PackageIndex<'a>,
    budget: usize,
    /// Aliases being expanded: inside `type Result<T> = std::result::Result<T, E>`, the
    /// name `Result` is not the alias again.
    expanding: Vec<String>,
    /// The module names are resolved in, if known.
    scope: Option<ModId>,
}

impl Resolver<'_, '_> {
    fn resolve(&mut self, ty: &TypeExpr, env: &[(String, TypeExpr)], site: Option<Span>, depth: usize) -> TypeExpr {
        let span = site.unwrap_or(ty.span);
        if self.budget == 0 || depth > MAX_DEPTH {
            return TypeExpr { kind: TypeKind::Other, span };
        }
        self.budget -= 1;
        let kind = match &ty.kind {
            TypeKind::Path { segments, args } => {
                if let ([param], []) = (segments.as_slice(), args.as_slice()) {
                    if let Some((_, bound)) = env.iter().find(|(p, _)| p == param) {
                        return bound.clone();
                    }
                }
                let spelled = self.scope.and_then(|scope| self.index.spelled_out(scope, segments));
                let external = spelled.as_ref().is_some_and(|p| p[0] != "crate");
                let segments = spelled.as_ref().unwrap_or(segments);
                let written = segments.last().map(String::as_str).unwrap_or("");
                let name = if external { written.to_string() } else { self.index.unrenamed(written).to_string() };
                let std_path = segments.len() > 1 && super::is_std_root(&segments[0]);
                if !std_path && !external {
                    if let Some(out) = self.expand_alias(&name, args, env, span, site, depth) {
                        return out;
                    }
                }
                let mut segments = segments.clone();
                if let Some(last) = segments.last_mut() {
                    *last = name;
                }
                let args = args.iter().map(|a| self.resolve(a, env, site, depth + 1)).collect();
                TypeKind::Path { segments, args }
            }
            TypeKind::Ref { mutable, elem } => {
                TypeKind::Ref { mutable: *mutable, elem: Box::new(self.resolve(elem, env, site, depth + 1)) }
            }
            TypeKind::Ptr(elem) => TypeKind::Ptr(Box::new(self.resolve(elem, env, site, depth + 1))),
            TypeKind::Slice(elem) => TypeKind::Slice(Box::new(self.resolve(elem, env, site, depth + 1))),
            TypeKind::Array { elem, len } => {
                TypeKind::Array { elem: Box::new(self.resolve(elem, env, site, depth + 1)), len: len.clone() }
            }
            TypeKind::Tuple(elems) => {
                TypeKind::Tuple(elems.iter().map(|e| self.resolve(e, env, site, depth + 1)).collect())
            }
            TypeKind::Traits(names) => TypeKind::Traits(names.clone()),
            TypeKind::Other => TypeKind::Other,
        };
        TypeExpr { kind, span }
    }

    /// Expands a use of the alias `name` with `args`, if `name` is an alias here.
    fn expand_alias(
        &mut self,
        name: &str,
        args: &[TypeExpr],
        env: &[(String, TypeExpr)],
        span: Span,
        site: Option<Span>,
        depth: usize,
    ) -> Option<TypeExpr> {
        let alias = self.index.aliases.get(name)?;
        if self.expanding.iter().any(|n| n == name) || !self.index.structs_named(name).is_empty() {
            return None;
        }
        // Arguments are resolved where they are written; the alias body is resolved with
        // its parameters bound to them. A parameter without an argument (a defaulted
        // one) stays an opaque name.
        let args: Vec<TypeExpr> = args.iter().map(|a| self.resolve(a, env, site, depth + 1)).collect();
        let bound: Vec<(String, TypeExpr)> = alias
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let arg = args.get(i).cloned().unwrap_or_else(|| TypeExpr {
                    kind: TypeKind::Path { segments: vec![p.clone()], args: Vec::new() },
                    span,
                });
                (p.clone(), arg)
            })
            .collect();
        self.expanding.push(name.to_string());
        let scope = self.scope.map(|s| self.index.names.id_of(*alias).map_or(s, |id| self.index.names.get(id).module));
        let saved = std::mem::replace(&mut self.scope, scope);
        let out = self.resolve(&alias.target, &bound, Some(span), depth + 1);
        self.scope = saved;
        self.expanding.pop();
        Some(out)
    }
}
