//! Keys that only look bounded: an optional id is still any id, and a package's own
//! `StatusCode` is whatever it holds.
use std::collections::HashMap;
use std::sync::Mutex;

/// A status of this package's own protocol: any number a peer sends.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusCode(pub u32);

pub struct Tally {
    by_parent: Mutex<HashMap<Option<u64>, u64>>, //~ ML001
    by_status: Mutex<HashMap<StatusCode, u64>>, //~ ML001
}

impl Tally {
    pub fn new() -> Tally {
        Tally { by_parent: Mutex::default(), by_status: Mutex::default() }
    }

    pub fn record(&self, parent: Option<u64>, status: StatusCode) {
        *self.by_parent.lock().unwrap().entry(parent).or_insert(0) += 1;
        *self.by_status.lock().unwrap().entry(status).or_insert(0) += 1;
    }
}
