//! The removal of `registry::PEERS`, and a growth-only static of its own.
use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use crate::registry::PEERS;

static GONE: LazyLock<Mutex<HashSet<u64>>> = LazyLock::new(Default::default); //~ ML001

pub fn remove(id: u64) {
    PEERS.lock().unwrap().remove(&id);
    GONE.lock().unwrap().insert(id);
}
