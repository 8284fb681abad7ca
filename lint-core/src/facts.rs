//! Compact, serializable facts about one file, extracted while its tree is in hand so the
//! tree can be dropped. Package rules read only these (merged in `index`).
//!
//! The common facts live here (type aliases, `use .. as` renames, suppressions); the
//! facts about long-lived maps live in `facts::lifecycle`, and those about written types,
//! structs and `Hash`/`PartialEq` impls in `facts::typeinfo`.

pub mod lifecycle;
pub mod typeinfo;

use serde::{Deserialize, Serialize};
use syn::visit::{self, Visit};

use crate::suppress::Suppressions;
use crate::types::TypeExpr;

/// A crate-local `type Name<P1, P2> = Target;`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeAlias {
    pub name: String,
    /// Names of the type parameters, in order.
    pub params: Vec<String>,
    pub target: TypeExpr,
}

/// Everything package rules and pending findings need from one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts {
    pub aliases: Vec<TypeAlias>,
    /// `use path::Original as Alias;`: (alias, original last segment).
    pub renames: Vec<(String, String)>,
    pub suppressions: Suppressions,
    /// The file lies under tests/, benches/ or examples/ of its package.
    pub in_test_file: bool,
    pub lifecycle: lifecycle::LifecycleFacts,
    pub types: typeinfo::TypeFacts,
}

/// Extracts the facts of a parsed file.
pub fn extract(file: &syn::File, suppressions: Suppressions, in_test_file: bool) -> FileFacts {
    let mut c = Collector { facts: FileFacts { suppressions, in_test_file, ..FileFacts::default() } };
    c.visit_file(file);
    let mut facts = c.facts;
    facts.lifecycle = lifecycle::extract(file, in_test_file);
    facts.types = typeinfo::extract(file, in_test_file);
    facts
}

struct Collector {
    facts: FileFacts,
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_type(&mut self, i: &'ast syn::ItemType) {
        let params = i
            .generics
            .params
            .iter()
            .filter_map(|p| match p {
                syn::GenericParam::Type(t) => Some(t.ident.to_string()),
                _ => None,
            })
            .collect();
        self.facts.aliases.push(TypeAlias { name: i.ident.to_string(), params, target: TypeExpr::from_syn(&i.ty) });
        visit::visit_item_type(self, i);
    }

    fn visit_use_rename(&mut self, r: &'ast syn::UseRename) {
        self.facts.renames.push((r.rename.to_string(), r.ident.to_string()));
    }
}
