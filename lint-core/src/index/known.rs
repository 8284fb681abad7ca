//! The package's answers to the questions about known types that one file could not
//! answer (`semantic::TypeNeed`): fields and methods of crate-local types, functions'
//! return types, statics' types, and crate-local aliases, looked up by name. Where a
//! name has several declarations that disagree, the answer is "not known".

use crate::maptypes::MapKind;
use crate::semantic::{self, Step, TypeEnv, TypeNeed};
use crate::types::TypeExpr;

use super::PackageIndex;

impl PackageIndex<'_> {
    /// Whether the package answers a pending question with yes.
    pub fn answers(&self, need: &TypeNeed) -> bool {
        matches!(semantic::ask(&need.ty, need.want, self), semantic::Answer::Yes)
    }
}

/// The one type the candidates agree on: production declarations first.
fn agreed(mut candidates: Vec<(&TypeExpr, bool)>) -> Option<TypeExpr> {
    if candidates.iter().any(|(_, test)| !test) {
        candidates.retain(|(_, test)| !test);
    }
    let (first, _) = candidates.first()?;
    // Spans differ between declarations; compare the types as written.
    let text = first.to_string();
    candidates.iter().all(|(t, _)| t.to_string() == text).then(|| (*first).clone())
}

impl TypeEnv for PackageIndex<'_> {
    fn expand(&self, ty: &TypeExpr) -> Step<TypeExpr> {
        Step::Done(PackageIndex::expand(self, ty).into_owned())
    }

    fn map_kind(&self, name: &str) -> Option<MapKind> {
        PackageIndex::map_kind(self, name)
    }

    fn field(&self, owner: &str, field: &str) -> Step<Option<TypeExpr>> {
        let candidates = self
            .structs_named(owner)
            .iter()
            .filter(|s| !s.is_enum)
            .flat_map(|s| s.fields.iter().filter(|f| f.name == field).map(|f| (&f.ty, s.in_test)))
            .collect();
        Step::Done(agreed(candidates))
    }

    fn method(&self, owner: &str, name: &str) -> Step<Option<TypeExpr>> {
        let sigs = self.fns.get(name).map_or(&[][..], Vec::as_slice);
        let candidates =
            sigs.iter().filter(|f| f.owner.as_deref() == Some(owner)).map(|f| (&f.ret, f.in_test)).collect();
        Step::Done(agreed(candidates))
    }

    fn func(&self, name: &str) -> Step<Option<TypeExpr>> {
        let sigs = self.fns.get(name).map_or(&[][..], Vec::as_slice);
        let candidates = sigs.iter().filter(|f| f.owner.is_none()).map(|f| (&f.ret, f.in_test)).collect();
        Step::Done(agreed(candidates))
    }

    fn static_ty(&self, name: &str) -> Step<Option<TypeExpr>> {
        let sigs = self.statics.get(name).map_or(&[][..], Vec::as_slice);
        Step::Done(agreed(sigs.iter().map(|s| (&s.ty, s.in_test)).collect()))
    }
}
