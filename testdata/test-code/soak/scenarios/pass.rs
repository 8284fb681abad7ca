//! A package whose targets are only tests and benches is test code as a whole.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static OUTCOMES: LazyLock<Mutex<HashMap<String, bool>>> = LazyLock::new(Default::default);

pub fn outcome(name: &str, ok: bool) {
    OUTCOMES.lock().unwrap().insert(name.to_owned(), ok);
}
