//! ML001 through the other names of a map: guards taken by crate-local helpers; and
//! removal reached through a sweeper's parameter, a constructor's local, another struct's
//! field holding the same `Arc`.
mod pass;
mod recover;

use recover::{locked, Recover};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// Per-caller quotas, locked through the extension trait.
pub struct Quotas {
    used: Mutex<HashMap<u64, u32>>, //~ ML001
}

impl Quotas {
    pub fn new() -> Quotas {
        Quotas { used: Mutex::new(HashMap::new()) }
    }

    pub fn charge(&self, caller: u64) -> bool {
        let mut book = self.used.recover();
        let n = book.entry(caller).or_insert(0);
        *n += 1;
        *n < 100
    }
}

/// Request ids seen, locked through the helper function.
pub struct Replay {
    seen: Mutex<HashSet<u128>>, //~ ML001
}

impl Replay {
    pub fn new() -> Replay {
        Replay { seen: Mutex::new(HashSet::new()) }
    }

    pub fn first_time(&self, id: u128) -> bool {
        locked(&self.seen).insert(id)
    }
}
