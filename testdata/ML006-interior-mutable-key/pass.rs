//! ML006: keys whose hand-written impls ignore their interior-mutable fields, keys
//! without such fields, impls only in test code, and positions that are not examined.
use std::cell::{Cell, OnceCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// An interned string with a lazily computed hash: the cache is not hashed.
pub struct Interned {
    text: Arc<str>,
    cached_hash: Cell<Option<u64>>,
    display: OnceCell<String>,
}

impl Hash for Interned {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.text.hash(h);
    }
}

impl PartialEq for Interned {
    fn eq(&self, other: &Self) -> bool {
        let Self { text, cached_hash: _, .. } = self;
        *text == other.text
    }
}

/// A key whose hash is computed once and cached: the same value on every read.
pub struct Cached {
    text: String,
    hash: std::sync::OnceLock<u64>,
    lower: std::sync::LazyLock<String>,
}

impl Hash for Cached {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.hash.get_or_init(|| fxhash(&self.text)).hash(h);
        self.lower.hash(h);
    }
}

/// A hash computed on first use and kept in a cell the impl fills itself.
pub struct Memo {
    value: Vec<u8>,
    hash: Cell<Option<u64>>,
    hashed: std::sync::atomic::AtomicUsize,
}

impl Hash for Memo {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.hashed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Some(v) = self.hash.get() {
            h.write_u64(v);
        } else {
            let v = digest(&self.value);
            self.hash.set(Some(v));
            h.write_u64(v);
        }
    }
}

#[derive(Hash, PartialEq, Eq)]
pub struct Plain {
    id: u64,
}

/// Has a mutable field, but only its test-only `Hash` reads it.
pub struct TestHashed {
    n: Cell<u8>,
}

#[cfg(test)]
impl Hash for TestHashed {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.n.get().hash(h);
    }
}

/// Only `Hash` reads the cell, and ordered maps use `Ord`.
pub struct Sorted {
    id: u64,
    seen: Cell<bool>,
}

impl Hash for Sorted {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.seen.get().hash(h);
    }
}

impl Ord for Sorted {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id.cmp(&other.id)
    }
}

pub struct Maps {
    interned: HashMap<Interned, u32>,
    cached: HashSet<Cached>,
    memo: HashSet<Memo>,
    plain: HashSet<Plain>,
    test_hashed: HashSet<TestHashed>,
    sorted: BTreeMap<Sorted, u8>,
    // A mutable type as a value is ML003's business, not a key problem.
    values: HashMap<u32, Interned>,
}

pub fn lookup(m: &HashMap<Sorted, u8>, s: &HashSet<Sorted>) -> usize {
    m.len() + s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture {
        m: HashSet<Sorted>,
    }
}

/// A handle compared and hashed by the address of its shared node: identity, which the
/// node's contents cannot change.
#[derive(Clone)]
pub struct NodeRef {
    node: std::rc::Rc<std::cell::RefCell<Vec<u32>>>,
}

impl PartialEq for NodeRef {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.node, &other.node)
    }
}

impl Hash for NodeRef {
    fn hash<H: Hasher>(&self, h: &mut H) {
        std::ptr::hash(std::rc::Rc::as_ptr(&self.node), h);
        (self.node.as_ptr() as usize).hash(h);
    }
}

pub struct Scopes {
    depth: HashMap<NodeRef, usize>,
}
