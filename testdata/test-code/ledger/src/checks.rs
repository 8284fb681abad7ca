//! Declared `#[cfg(test)] mod checks;`: test code, though nothing in this file says so.
use std::collections::HashMap;
use std::sync::Mutex;

pub struct Probe {
    hits: Mutex<HashMap<u64, u32>>,
}

impl Probe {
    pub fn hit(&self, id: u64) {
        self.hits.lock().unwrap().insert(id, 1);
    }
}

pub fn reset_between_cases() {
    super::BALANCES.lock().unwrap().clear();
}
