//! Structs frozen behind a read-write lock (SPEC §1, long-lived item 2, read with "Owners
//! that go away"): a struct held behind `RwLock`s only, in a field or static that no code
//! of the package locks for writing (`.write()`, `.get_mut()`, `.upgradable_read()`,
//! `.into_inner()`, through any name that resolves to that field or static, as sites are
//! resolved: through passthrough helpers, accessors, parameters and shared clones), is
//! read only once in place. Its plain map fields were filled before it was locked and do not
//! grow after; they are not long-lived.
//!
//! A write on `x.f` whose receiver has no known type counts for every field named `f`. A
//! write on a local that no rooted expression reaches (bound by destructuring an enum
//! variant, say) is not attributed, as SPEC §1 treats names it cannot resolve: facts that
//! would make a finding are not assumed.

use std::collections::HashSet;

use super::resolve::{addr, resolve_through, Place};
use crate::index::PackageIndex;

/// The fields and statics (by the address of their declaration) that some code of the
/// package may lock for writing.
pub(super) struct WriteLocked(HashSet<usize>);

impl WriteLocked {
    /// Whether the field or static declared at address `decl` (`resolve::addr`) may be
    /// locked for writing.
    pub(super) fn contains_addr(&self, decl: usize) -> bool {
        self.0.contains(&decl)
    }
}

impl<'a> PackageIndex<'a> {
    /// Every field and static some write access of the package may denote: a root that
    /// denotes several places counts for each (precision first: a write keeps a finding).
    /// Write accesses in test code do not count.
    pub(super) fn write_locked(&self) -> WriteLocked {
        let t = self.tables(&[]);
        let mut out = HashSet::new();
        for (fi, f) in self.files.iter().enumerate() {
            for w in f.facts.lifecycle.write_locks.iter().filter(|w| !w.in_test) {
                let scope = self.names.scope(fi, &w.module);
                let Some((root, _)) = resolve_through(&t, &w.root, &w.through) else { continue };
                let (targets, _) = self.targets(&t, fi, scope, &root, 0);
                for target in targets {
                    match target.place {
                        Place::Static(s) => drop(out.insert(addr(s))),
                        Place::Field(_, field) => drop(out.insert(addr(field))),
                        Place::Whole(_) => {}
                    }
                }
            }
        }
        WriteLocked(out)
    }
}
