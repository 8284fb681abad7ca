//! The names a file imports from crates whose locks are asynchronous (`tokio::sync`,
//! `futures::lock`, `async_lock`, `async_std::sync`, ...): `use tokio::sync::Mutex;`
//! makes `Mutex` an async lock in that file, `use tokio::sync;` makes `sync::Mutex` one,
//! and `use tokio::sync::*;` brings `Mutex` and `RwLock`.

/// Crates whose `Mutex`/`RwLock` are held across `.await`.
pub const ASYNC_CRATES: &[&str] =
    &["tokio", "futures", "futures_util", "futures_locks", "async_lock", "async_std", "smol", "async_mutex"];

/// Adds the names a `use` item imports from async crates to `out` (unsorted; the file's
/// walk sorts them once at its end).
pub fn add_async_imports(u: &syn::ItemUse, out: &mut Vec<String>) {
    Uses { out }.tree(&u.tree, None, 0);
}

struct Uses<'o> {
    out: &'o mut Vec<String>,
}

impl Uses<'_> {
    fn tree(&mut self, t: &syn::UseTree, root: Option<bool>, depth: usize) {
        if depth > 16 {
            return;
        }
        // `root`: None before the first segment, then whether it names an async crate.
        let is_async = |name: &syn::Ident| root.unwrap_or_else(|| ASYNC_CRATES.contains(&name.to_string().as_str()));
        match t {
            syn::UseTree::Path(p) => {
                let r = if p.ident == "crate" || p.ident == "self" || p.ident == "super" {
                    root
                } else {
                    Some(is_async(&p.ident))
                };
                self.tree(&p.tree, r, depth + 1)
            }
            syn::UseTree::Name(n) if root == Some(true) => self.out.push(n.ident.to_string()),
            syn::UseTree::Rename(r) if root == Some(true) => self.out.push(r.rename.to_string()),
            syn::UseTree::Glob(_) if root == Some(true) => {
                self.out.extend(["Mutex", "RwLock"].map(String::from));
            }
            syn::UseTree::Group(g) => g.items.iter().for_each(|i| self.tree(i, root, depth + 1)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_from_async_crates() {
        let file = syn::parse_file(
            "use tokio::sync::{Mutex as AsyncMutex, RwLock}; use futures::lock; use std::sync::Mutex;\n\
             use async_lock::*; fn f() { use tokio::sync::Semaphore; }",
        )
        .unwrap();
        assert_eq!(
            crate::facts::typeinfo::extract(&file, false).async_imports,
            ["AsyncMutex", "Mutex", "RwLock", "Semaphore", "lock"]
        );
    }
}
