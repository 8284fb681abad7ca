//! Facts about names (SPEC §1 "Names and identity"): the modules a file declares (inline
//! or out of line, with what makes them test code) and the `use` imports of each of its
//! modules. The package's module tree (`modtree`) and name resolution (`index::names`)
//! are built from them.

use serde::{Deserialize, Serialize};

/// A `mod name;` or `mod name { .. }` declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModDecl {
    /// The inline module path, within the file, of the module declaring it.
    pub module: Vec<String>,
    pub name: String,
    /// `#[path = ".."]`.
    pub path_attr: Option<String>,
    /// `mod name { .. }`: its items are in this file.
    pub inline: bool,
    /// Test code: under a test `cfg`, inside test code, or a test name (`testcode`).
    pub test: bool,
}

/// One name a `use` item binds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UseDecl {
    /// The inline module path, within the file, of the module holding the `use`.
    pub module: Vec<String>,
    /// The name bound (the rename if any); `*` for a glob import.
    pub name: String,
    /// The imported path as written (`crate`, `self`, `super` included; a leading `::`
    /// is kept as an empty first segment). For a glob, the module imported from.
    pub path: Vec<String>,
}

/// The name facts of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameFacts {
    pub mods: Vec<ModDecl>,
    pub uses: Vec<UseDecl>,
}

/// Records the names a `use` item binds in `module`.
pub fn push_uses(out: &mut Vec<UseDecl>, module: &[String], i: &syn::ItemUse) {
    let mut prefix = Vec::new();
    if i.leading_colon.is_some() {
        prefix.push(String::new());
    }
    walk_tree(out, module, &mut prefix, &i.tree, 0);
}

fn walk_tree(out: &mut Vec<UseDecl>, module: &[String], prefix: &mut Vec<String>, t: &syn::UseTree, depth: usize) {
    if depth > 32 {
        return;
    }
    let mut bind = |name: String, path: Vec<String>| out.push(UseDecl { module: module.to_vec(), name, path });
    match t {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            walk_tree(out, module, prefix, &p.tree, depth + 1);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            // `use a::b::{self}` binds `b`.
            if name == "self" {
                if let Some(last) = prefix.last().cloned() {
                    bind(last, prefix.clone());
                }
                return;
            }
            let mut path = prefix.clone();
            path.push(name.clone());
            bind(name, path);
        }
        syn::UseTree::Rename(r) => {
            let name = r.rename.to_string();
            if name == "_" {
                return;
            }
            let mut path = prefix.clone();
            if r.ident != "self" {
                path.push(r.ident.to_string());
            }
            bind(name, path);
        }
        syn::UseTree::Glob(_) => bind("*".to_string(), prefix.clone()),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                walk_tree(out, module, prefix, t, depth + 1);
            }
        }
    }
}

/// The value of a `#[path = ".."]` attribute.
pub fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uses(src: &str) -> Vec<(String, String)> {
        let i: syn::ItemUse = syn::parse_str(src).unwrap();
        let mut out = Vec::new();
        push_uses(&mut out, &[], &i);
        out.into_iter().map(|u| (u.name, u.path.join("::"))).collect()
    }

    #[test]
    fn use_trees() {
        assert_eq!(
            uses("use crate::a::{b, c as d, e::*, f::{self}, g as _};"),
            [
                ("b".into(), "crate::a::b".into()),
                ("d".into(), "crate::a::c".into()),
                ("*".into(), "crate::a::e".into()),
                ("f".into(), "crate::a::f".into())
            ]
        );
        assert_eq!(uses("use ::tokio::runtime::Runtime;"), [("Runtime".into(), "::tokio::runtime::Runtime".into())]);
    }
}
