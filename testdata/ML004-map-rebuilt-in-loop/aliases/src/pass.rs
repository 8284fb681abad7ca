//! ML004: names that look like constructors but are not hash maps.
use crate::types::{Registry, Sorted};

pub fn not_hash_maps(words: &[&str]) {
    for w in words {
        let mut r = Registry::new();
        r.names.push(w.to_string());
        let mut s = Sorted::new();
        s.insert(w.to_string(), 1);
        let t: Sorted = Default::default();
        assert!(s.len() + t.len() + r.names.len() > 0);
    }
}
