use std::collections::HashMap;
use std::sync::Mutex;

pub struct Inner {
    rows: Mutex<HashMap<u64, Vec<u8>>>,
}

impl Inner {
    pub fn new() -> Self {
        Inner { rows: Mutex::new(HashMap::new()) }
    }

    pub fn put(&self, k: u64, v: Vec<u8>) {
        self.rows.lock().unwrap().insert(k, v);
    }

    pub fn evict(&self, k: u64) {
        self.rows.lock().unwrap().remove(&k);
    }
}
