//! ML007: long-lived hash maps emptied in bulk, never shrunk nor replaced.
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex};

use dashmap::DashMap;

static PENDING: LazyLock<Mutex<HashMap<u64, Vec<u8>>>> = LazyLock::new(Default::default); //~ ML007

pub fn queue(id: u64, body: Vec<u8>) {
    PENDING.lock().unwrap().insert(id, body);
}

pub fn flush() {
    let mut p = PENDING.lock().unwrap();
    for (_, body) in p.drain() {
        drop(body);
    }
}

/// Expired entries go, the table stays.
#[derive(Default)]
pub struct Sessions {
    live: Mutex<HashMap<String, u64>>, //~ ML007
    by_ip: DashMap<String, u32>, //~ ML007
}

impl Sessions {
    pub fn add(&self, id: String, at: u64) {
        self.live.lock().unwrap().insert(id.clone(), at);
        self.by_ip.insert(id, 1);
    }

    pub fn expire(&self, now: u64) {
        self.live.lock().unwrap().retain(|_, at| *at + 60 > now);
        self.by_ip.clear();
    }
}

thread_local! {
    // Cleared, then refilled in the same function: the table is what rebuilding wants.
    static SCRATCH: RefCell<HashSet<u64>> = RefCell::new(HashSet::new());
}

pub fn dedup(ids: &[u64]) -> usize {
    SCRATCH.with_borrow_mut(|s| {
        s.clear();
        s.extend(ids.iter().copied());
        s.len()
    })
}
