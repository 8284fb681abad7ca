//! Named only by the test package `soak` and under `ledger`'s [dev-dependencies], but it
//! has a binary: a program runs on its own, so this is production code.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static SESSIONS: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default); //~ ML001

pub fn open(id: u64) {
    SESSIONS.lock().unwrap().insert(id, 0);
}
