//! Entering a function: its `FnInfo`, its parameters (rooted where callers pass a map),
//! the locals it stores into struct fields, the owners it returns or lets escape, whether
//! it is a passthrough helper, and the event loops inside it.

use super::roots::{Bound, Rooted};
use super::visit::Collector;
use super::{owners, FnInfo, FnOwner, Passthrough, Root};

/// Parameter types that never hold a map (they are not followed as roots).
const PLAIN_PARAMS: &[&str] = &[
    "str",
    "String",
    "Vec",
    "Option",
    "Result",
    "bool",
    "char",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "f32",
    "f64",
    "Path",
    "PathBuf",
    "Duration",
    "Instant",
    "SystemTime",
    "Bytes",
    "Formatter",
    "Context",
];

/// Whether a parameter's written type may hold a map.
fn may_hold_map(ty: &syn::Type) -> bool {
    let ty = crate::maptypes::peel_type(ty);
    match crate::maptypes::type_path(ty).and_then(crate::maptypes::last_ident) {
        Some(name) => !PLAIN_PARAMS.contains(&name.as_str()),
        None => false,
    }
}

/// Whether a function returning `output` may return a map or a handle on one: not
/// `()`, nor a type made only of primitives and strings (the lower-case `PLAIN_PARAMS` and
/// `String`: a crate-local `Context` holding a map may be returned), tuples, `Option` and `Result`
/// (`fn len(&self) -> usize`, `fn size_hint(&self) -> (usize, Option<usize>)`). Such a
/// function is no accessor: nothing can grow or empty what it returns.
fn may_return_map(output: &syn::ReturnType) -> bool {
    fn may_be(ty: &syn::Type, depth: usize) -> bool {
        if depth > 16 {
            return true;
        }
        match crate::maptypes::peel_type(ty) {
            syn::Type::Tuple(t) => t.elems.iter().any(|e| may_be(e, depth + 1)),
            syn::Type::Path(p) if p.qself.is_none() => {
                let Some(last) = p.path.segments.last() else { return true };
                if last.ident == "Option" || last.ident == "Result" {
                    return crate::maptypes::type_args(&p.path).first().map_or(true, |a| may_be(a, depth + 1));
                }
                let plain = last.ident == "String"
                    || PLAIN_PARAMS.iter().any(|n| n.starts_with(|c: char| c.is_ascii_lowercase()) && last.ident == n);
                !plain
            }
            _ => true,
        }
    }
    match output {
        syn::ReturnType::Default => false,
        syn::ReturnType::Type(_, ty) => may_be(ty, 0),
    }
}

/// `#[derive(.., Default, ..)]`.
pub fn derives_default(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("derive") && {
            let mut found = false;
            let _ = a.parse_nested_meta(|m| {
                found |= m.path.segments.last().is_some_and(|s| s.ident == "Default");
                Ok(())
            });
            found
        }
    })
}

impl Collector<'_> {
    pub(super) fn fn_body(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let impl_ty = self.impl_ty.clone();
        let saved = std::mem::replace(&mut self.constructs, super::pats::constructs(sig, impl_ty.as_deref()));
        let owns_self = sig.receiver().is_some_and(|r| r.reference.is_none() || r.mutability.is_some());
        let id = self.facts.funcs.len() as u32;
        let name = sig.ident.to_string();
        let of_trait = self.trait_of.clone();
        let owner = FnOwner { ty: impl_ty.clone(), of_trait: of_trait.clone() };
        self.facts.funcs.push(FnInfo {
            ty: impl_ty.clone(),
            of_trait,
            name: name.clone(),
            owns_self,
            event_loop: false,
        });
        if !self.in_test {
            owners::returned(sig, impl_ty.as_deref(), &mut self.facts.returned);
            owners::escaped(block, impl_ty.as_deref(), &mut self.facts.escaped);
            super::builds::builds(sig, block, impl_ty.as_deref(), &mut self.facts.builds);
            if let Some((param, chain)) = owners::passthrough(sig, block) {
                let p = Passthrough { name: name.clone(), param, chain, in_test: false };
                self.facts.passthroughs.push(p);
            }
        }
        let saved_func = self.func.replace(id);
        let saved_stored = std::mem::replace(&mut self.stored, owners::stored_locals(block, impl_ty.as_deref()));
        let saved_loop = std::mem::replace(&mut self.in_event_loop, false);
        self.scoped(true, |c| {
            let mut index = 0;
            for input in &sig.inputs {
                let syn::FnArg::Typed(t) = input else { continue };
                match &*t.pat {
                    syn::Pat::Ident(p) if p.subpat.is_none() && may_hold_map(&t.ty) => {
                        let root = Root::Param { func: name.clone(), index, owner: owner.clone() };
                        c.bind(p.ident.to_string(), Bound::Root(Rooted::new(root)));
                    }
                    other => c.shadow(other),
                }
                index += 1;
            }
            let no_args = sig.inputs.iter().all(|a| matches!(a, syn::FnArg::Receiver(_)));
            if no_args && may_return_map(&sig.output) {
                c.accessor_for = Some(name.clone());
            }
            syn::visit::Visit::visit_block(c, block);
            c.accessor_for = None;
        });
        self.in_event_loop = saved_loop;
        self.stored = saved_stored;
        self.func = saved_func;
        self.constructs = saved;
    }

    /// Runs `f` inside a loop, marking it an event loop when `event`.
    pub(super) fn event_loop<F: FnOnce(&mut Self)>(&mut self, event: bool, f: F) {
        if event {
            if let Some(info) = self.func.and_then(|i| self.facts.funcs.get_mut(i as usize)) {
                info.event_loop = true;
            }
        }
        let was = self.in_event_loop;
        self.in_event_loop |= event;
        f(self);
        self.in_event_loop = was;
    }

    /// The field a `let x` binds when the function later stores `x` into it.
    pub(super) fn stored_root(&self, pat: &syn::Pat) -> Option<Rooted> {
        let syn::Pat::Ident(id) = super::pats::peel_pat(pat) else { return None };
        let name = id.ident.to_string();
        let (_, ty, field) = self.stored.iter().find(|(l, _, _)| *l == name)?;
        Some(Rooted::new(Root::TypedField { ty: ty.clone(), field: field.clone() }))
    }
}
