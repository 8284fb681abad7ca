//! A test-support package: `ledger` names it only under `[dev-dependencies]`, so all of
//! it is test code.
use std::collections::HashMap;
use std::sync::RwLock;

#[derive(Default)]
pub struct MemKv {
    rows: RwLock<HashMap<Vec<u8>, Vec<u8>>>,
}

impl MemKv {
    pub fn put(&self, key: Vec<u8>, value: Vec<u8>) {
        self.rows.write().unwrap().insert(key, value);
    }
}
