//! A package in `fuzz/` is test code as a whole, binaries included.
use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

static INPUTS: LazyLock<Mutex<HashSet<Vec<u8>>>> = LazyLock::new(Default::default);

pub fn feed(data: &[u8]) {
    INPUTS.lock().unwrap().insert(data.to_vec());
}
