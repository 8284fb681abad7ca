//! Named by the test-support `fakecluster`, and by `ledger` in production: production code.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static ENTRIES: LazyLock<Mutex<HashMap<u64, Vec<u8>>>> = LazyLock::new(Default::default); //~ ML001

pub fn append(seq: u64, entry: Vec<u8>) {
    ENTRIES.lock().unwrap().insert(seq, entry);
}
