//! A package with a static named like one in `same_name_b`, which removes from its own:
//! facts never cross packages.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static CACHE: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default); //~ ML001

pub fn put(id: u64, v: String) {
    CACHE.lock().unwrap().insert(id, v);
}
