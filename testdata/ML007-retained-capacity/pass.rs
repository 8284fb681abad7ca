//! ML007: shrunk, replaced, ordered and short-lived maps stay clean.
use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, Mutex};

static SHRUNK: LazyLock<Mutex<HashMap<u64, Vec<u8>>>> = LazyLock::new(Default::default);

pub fn reset_shrunk() {
    let mut m = SHRUNK.lock().unwrap();
    m.clear();
    m.shrink_to(64);
}

static TAKEN: LazyLock<Mutex<HashMap<u64, Vec<u8>>>> = LazyLock::new(Default::default);

pub fn drain_taken() -> Vec<Vec<u8>> {
    let mut m = TAKEN.lock().unwrap();
    m.retain(|_, v| !v.is_empty());
    std::mem::take(&mut *m).into_values().collect()
}

static REPLACED: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default);

pub fn reset_replaced() {
    REPLACED.lock().unwrap().clear();
}

pub fn rebuild() {
    *REPLACED.lock().unwrap() = HashMap::new();
}

/// A `BTreeMap` frees its nodes as entries go.
static ORDERED: LazyLock<Mutex<BTreeMap<u64, u64>>> = LazyLock::new(Default::default);

pub fn reset_ordered() {
    ORDERED.lock().unwrap().clear();
}

/// A plain field cleared through `&mut self` is not long-lived by default.
pub struct Scratch {
    seen: HashMap<u64, u64>,
}

impl Scratch {
    pub fn reset(&mut self) {
        self.seen.clear();
    }
}

/// Shrunk after clearing.
pub struct Window {
    counts: Mutex<HashMap<u64, u64>>,
}

impl Window {
    pub fn roll(&self) {
        let mut c = self.counts.lock().unwrap();
        c.clear();
        c.shrink_to_fit();
    }
}
