//! Growth; the removal of `PEERS` is in `cleanup.rs`.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

pub static PEERS: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default);
static AUDIT: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default); //~ ML001

pub fn add(id: u64, peer: String) {
    AUDIT.lock().unwrap().insert(id, peer.clone());
    PEERS.lock().unwrap().insert(id, peer);
}
