//! Below `testutils`: test code too.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static BUILT: LazyLock<Mutex<HashMap<String, u32>>> = LazyLock::new(Default::default);

pub fn build(name: &str) {
    BUILT.lock().unwrap().insert(name.to_owned(), 0);
}
