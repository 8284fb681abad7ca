//! ML001 and release of a map other than `remove`: the owning struct replaced as a whole
//! inside its lock, and a guard whose `Drop` takes its entry out of a map it points at.
//! What must still fire: an owner replaced only through its own holder's `Arc`, and a
//! map whose only removal is the teardown of its own owner.
mod pass;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Counters kept behind a lock by a service that keeps them for good.
#[derive(Default)]
pub struct Tally {
    by_origin: HashMap<String, u64>, //~ ML001
}

pub struct Board {
    tally: Arc<Mutex<Tally>>,
}

impl Board {
    pub fn new() -> Board {
        Board { tally: Arc::new(Mutex::new(Tally::default())) }
    }

    pub fn count(&self, origin: String) {
        *self.tally.lock().unwrap().by_origin.entry(origin).or_default() += 1;
    }

    /// A new `Arc` for this holder only: other clones keep the old counters.
    pub fn detach(&mut self) {
        self.tally = Arc::new(Mutex::new(Tally::default()));
    }

    pub fn share(&self) -> Arc<Mutex<Tally>> {
        self.tally.clone()
    }
}

/// A registry emptied only when it is dropped itself.
pub struct Ledger {
    rows: Mutex<HashMap<u64, String>>, //~ ML001
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger { rows: Mutex::new(HashMap::new()) }
    }

    pub fn record(&self, id: u64, row: String) {
        self.rows.lock().unwrap().insert(id, row);
    }
}

impl Drop for Ledger {
    fn drop(&mut self) {
        self.rows.lock().unwrap().clear();
    }
}
