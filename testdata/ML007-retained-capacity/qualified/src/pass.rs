//! A qualified call reaches the function of its own type, or of its trait, and that
//! function's shrink counts.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Pruned, then compacted by `Compactor::new`.
pub struct Leases {
    held: Arc<Mutex<HashMap<u64, u64>>>,
}

impl Leases {
    pub fn new() -> Leases {
        Leases { held: Arc::new(Mutex::new(HashMap::new())) }
    }

    pub fn expire(&self, now: u64) {
        self.held.lock().unwrap().retain(|_, until| *until > now);
        Compactor::new(&self.held);
    }

    pub fn grant(&self, id: u64, until: u64) {
        self.held.lock().unwrap().insert(id, until);
    }
}

pub struct Compactor;

impl Compactor {
    pub fn new(table: &Mutex<HashMap<u64, u64>>) -> Compactor {
        table.lock().unwrap().shrink_to_fit();
        Compactor
    }
}

/// Pruned, then compacted through a trait named in the call.
pub struct Quotas {
    used: Arc<Mutex<HashMap<u64, u64>>>,
}

impl Quotas {
    pub fn new() -> Quotas {
        Quotas { used: Arc::new(Mutex::new(HashMap::new())) }
    }

    pub fn reset(&self) {
        self.used.lock().unwrap().retain(|_, n| *n > 0);
        <Janitor as Compact>::compact(&self.used);
    }

    pub fn charge(&self, id: u64) {
        *self.used.lock().unwrap().entry(id).or_default() += 1;
    }
}

pub trait Compact {
    fn compact(table: &Mutex<HashMap<u64, u64>>);
}

pub struct Janitor;

impl Compact for Janitor {
    fn compact(table: &Mutex<HashMap<u64, u64>>) {
        table.lock().unwrap().shrink_to_fit();
    }
}
