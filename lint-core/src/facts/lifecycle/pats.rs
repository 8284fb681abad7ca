//! Reading function signatures and patterns: what a function constructs, and the names a
//! pattern binds.

/// The type a function constructs: with no `self`, or `self` by value (a builder), and a
/// return type naming the impl's type or `Self` (also inside `Result`, `Option`, `Box`,
/// `Arc`, ...).
pub fn constructs(sig: &syn::Signature, impl_ty: Option<&str>) -> Option<String> {
    let by_value = match sig.receiver() {
        None => false,
        Some(r) if r.reference.is_none() && r.colon_token.is_none() => true,
        Some(_) => return None,
    };
    let name = returned_type(sig, impl_ty)?;
    (!by_value || Some(name.as_str()) == impl_ty).then_some(name)
}

/// The type a function returns, past `Result` (and its aliases: `io::Result<Self>`),
/// `Option`, `Box`, `Arc`, `Rc`, `Pin` and locks; `Self` as the impl's type.
pub fn returned_type(sig: &syn::Signature, impl_ty: Option<&str>) -> Option<String> {
    let syn::ReturnType::Type(_, ret) = &sig.output else { return None };
    let mut ty: &syn::Type = ret;
    for _ in 0..6 {
        let path = crate::maptypes::type_path(ty)?;
        let last = path.segments.last()?.ident.to_string();
        // `Result` aliases (`io::Result<Self>`, `DeviceResult<Arc<Mutex<Self>>>`) and the
        // wrappers a shared service is handed out in.
        let wrapper = last.ends_with("Result")
            || matches!(last.as_str(), "Option" | "Box" | "Arc" | "Rc" | "Pin" | "Mutex" | "RwLock");
        if wrapper {
            ty = crate::maptypes::type_args(path).into_iter().next()?;
            continue;
        }
        return Some(if last == "Self" { impl_ty?.to_string() } else { last });
    }
    None
}

/// `x`, `mut x`, `x: T`, `Some(x)`, `Ok(x)`, `Entry::Occupied(x)`: the bound name and the
/// variant's name.
pub fn single_binding(pat: &syn::Pat) -> Option<(String, Option<String>)> {
    match peel_pat(pat) {
        syn::Pat::Ident(id) => match &id.subpat {
            None => Some((id.ident.to_string(), None)),
            // `entry @ Entry::Vacant(_)`
            Some((_, sub)) => match peel_pat(sub) {
                syn::Pat::TupleStruct(ts) => {
                    Some((id.ident.to_string(), Some(ts.path.segments.last()?.ident.to_string())))
                }
                _ => None,
            },
        },
        syn::Pat::TupleStruct(ts) if ts.elems.len() == 1 => {
            let syn::Pat::Ident(id) = peel_pat(&ts.elems[0]) else { return None };
            let variant = ts.path.segments.last()?.ident.to_string();
            id.subpat.is_none().then(|| (id.ident.to_string(), Some(variant)))
        }
        _ => None,
    }
}

pub fn peel_pat(mut pat: &syn::Pat) -> &syn::Pat {
    loop {
        match pat {
            syn::Pat::Type(t) => pat = &t.pat,
            syn::Pat::Paren(p) => pat = &p.pat,
            syn::Pat::Reference(r) => pat = &r.pat,
            _ => return pat,
        }
    }
}

/// Every name a pattern binds.
pub fn pat_idents(pat: &syn::Pat, out: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    let mut each = |p: &syn::Pat| pat_idents(p, out, depth + 1);
    match pat {
        syn::Pat::Ident(id) => {
            out.push(id.ident.to_string());
            if let Some((_, p)) = &id.subpat {
                pat_idents(p, out, depth + 1);
            }
        }
        syn::Pat::Struct(s) => s.fields.iter().for_each(|f| each(&f.pat)),
        syn::Pat::TupleStruct(t) => t.elems.iter().for_each(each),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(each),
        syn::Pat::Slice(s) => s.elems.iter().for_each(each),
        syn::Pat::Or(o) => o.cases.iter().for_each(each),
        syn::Pat::Type(t) => each(&t.pat),
        syn::Pat::Paren(p) => each(&p.pat),
        syn::Pat::Reference(r) => each(&r.pat),
        _ => {}
    }
}
