//! ML003: values that are inline, atomic, initialised once, shared without a cell, or
//! locked per entry under an `RwLock`; positions that are not examined; test code.
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::{Rc, Weak};

use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::aliases::{ById, Result};

pub struct Plain {
    pub id: u32,
}

pub struct Counters {
    pub hits: AtomicU64,
    pub live: AtomicBool,
}

pub struct Fine {
    inline: HashMap<u32, Plain>,
    atomics: HashMap<u32, Arc<AtomicU64>>,
    bare_atomics: HashMap<u32, AtomicU64>,
    counters: HashMap<u32, Arc<Counters>>,
    once: HashMap<u32, Arc<OnceLock<String>>>,
    once_cell: HashMap<u32, Rc<OnceCell<u8>>>,
    shared_plain: HashMap<u32, Arc<Plain>>,
    shared_str: HashMap<u32, Arc<str>>,
    weak: HashMap<u32, Weak<RefCell<Plain>>>,
    set: HashSet<u32>,
    // Per-entry locks in a plain map: each entry is locked on its own.
    per_entry: HashMap<u32, Mutex<Plain>>,
    // Read-lock the map, lock one entry: deliberate.
    under_rwlock: RwLock<HashMap<u32, Mutex<Plain>>>,
    // Per-key locks: nothing to store inline, the lock is held after the map's is released.
    key_locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    // The inner map can be cloned out of the outer lock.
    behind_arc: Mutex<HashMap<u32, Arc<HashMap<u32, Mutex<u8>>>>>,
    // A generic map whose value is not known here.
    generic: ById<Plain>,
    result: Result<u8>,
    // maplint: allow(ML003) -- nodes are shared with the render thread
    allowed: HashMap<u32,
        Rc<RefCell<Plain>>>,
}

impl Fine {
    // A getter repeats the field's type: maps behind references are examined where
    // they are owned.
    pub fn allowed(&self) -> &HashMap<u32, Rc<RefCell<Plain>>> {
        &self.allowed
    }
}

// Parameters and trait bounds repeat declarations.
pub fn take<T>(m: HashMap<u32, Rc<RefCell<Plain>>>, t: T) -> usize
where
    T: Into<HashMap<u32, Arc<Mutex<Plain>>>>,
{
    let _ = t;
    m.len()
}

pub fn closure_params() {
    let f = |m: HashMap<u32, Rc<RefCell<Plain>>>| m.len();
    let _ = f;
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture {
        nodes: HashMap<u32, Rc<RefCell<Plain>>>,
    }

    #[test]
    fn builds() {
        let m: HashMap<u32, Arc<Mutex<Plain>>> = HashMap::new();
        let _ = m;
    }
}

#[test]
fn top_level_test() {
    let m: HashMap<u32, Rc<RefCell<u8>>> = HashMap::new();
    let _ = m;
}

lazy_static::lazy_static! {
    // maplint: allow(ML003) -- handles are shared with callbacks
    static ref HANDLES: Mutex<HashMap<u64, Rc<RefCell<Plain>>>> = Mutex::new(HashMap::new());
}

pub fn allowed_let() {
    // maplint: allow(interior-mutable-value)
    let graph: HashMap<
        u32,
        Rc<RefCell<Plain>>,
    > = HashMap::new();
    let _ = graph;
}
