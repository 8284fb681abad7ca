//! Aliases used by the other files of the package.
use std::collections::{BTreeMap, HashMap};

pub type Counts = HashMap<String, u32>;
pub type Index<V> = rustc_hash::FxHashMap<u64, V>;
pub type Sorted = BTreeMap<String, u32>;

pub struct Registry {
    pub names: Vec<String>,
}

impl Registry {
    pub fn new() -> Self {
        Registry { names: Vec::new() }
    }
}
