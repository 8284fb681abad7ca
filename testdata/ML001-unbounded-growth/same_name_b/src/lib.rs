//! The same static name as in `same_name_a`, with a removal.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static CACHE: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default);

pub fn put(id: u64, v: String) {
    CACHE.lock().unwrap().insert(id, v);
}

pub fn drop_all() {
    CACHE.lock().unwrap().clear();
}
