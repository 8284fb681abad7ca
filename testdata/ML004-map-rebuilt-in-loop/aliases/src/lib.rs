//! ML004: crate-local aliases and renames of hash maps are resolved across the package.
mod pass;
mod types;

use indexmap::IndexSet as Ordered;

use crate::types::{Counts, Index};

pub fn aliases(words: &[&str]) {
    for w in words {
        let mut c = Counts::new(); //~ ML004
        c.insert(w.to_string(), 1);
        let i: Index<u32> = Default::default(); //~ ML004
        let o = Ordered::<u32>::with_capacity(4); //~ ML004
        assert!(c.len() + i.len() + o.len() > 0);
    }
}
