//! ML006: keys whose hand-written `Hash`, `PartialEq` or `Ord` reads an interior-mutable
//! field.
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex};

use crate::keys::{ByKey, KeySet, Remote};

pub struct Key {
    id: u64,
    hits: Cell<u32>,
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.id.hash(h);
        self.hits.get().hash(h);
    }
}

pub struct Counter {
    name: String,
    count: AtomicU64,
}

impl PartialEq for Counter {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.count.load(AtomicOrdering::Relaxed) == other.count.load(AtomicOrdering::Relaxed)
    }
}

pub struct Pair(u64, Cell<u8>);

impl std::hash::Hash for Pair {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.0.hash(h);
        self.1.get().hash(h);
    }
}

pub struct Labelled {
    id: u64,
    label: Mutex<String>,
}

impl PartialEq for Labelled {
    fn eq(&self, other: &Self) -> bool {
        let Self { id, label } = self;
        *id == other.id && *label.lock().unwrap() == *other.label.lock().unwrap()
    }
}

pub struct Ranked {
    rank: Arc<AtomicU64>,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank.load(AtomicOrdering::Relaxed).cmp(&other.rank.load(AtomicOrdering::Relaxed))
    }
}

pub struct Maps {
    by_key: HashMap<Key, u32>, //~ ML006
    counters: HashSet<Arc<Counter>>, //~ ML006
    in_tuple: HashMap<(u8, Pair), ()>, //~ ML006
    in_array: HashSet<[Rc<Labelled>; 2]>, //~ ML006
    ordered: BTreeSet<Ranked>, //~ ML006
    remote: HashMap<Remote, u8>, //~ ML006
    aliased_set: KeySet,
    aliased_map: ByKey<u8>,
    nested: Mutex<HashMap<u32, HashSet<Key>>>, //~ ML006
}

pub fn build() -> HashMap<Key, RefCell<u8>> { //~ ML006
    let m: HashSet<Box<Counter>> = HashSet::new(); //~ ML006
    let _ = m;
    HashMap::new()
}

/// Equality by address, but the hash reads the shared node's contents.
pub struct Slot {
    node: Rc<RefCell<Vec<u32>>>,
}

impl PartialEq for Slot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.node, &other.node)
    }
}

impl Hash for Slot {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.node.borrow().len().hash(h);
    }
}

pub struct Slots {
    order: HashMap<Slot, u32>, //~ ML006
}
