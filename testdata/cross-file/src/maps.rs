//! The maps whose findings need the other files' facts.
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{LazyLock, Mutex};

use crate::consts::PAGE;
use crate::keys::Key;
use crate::nodes::Node;

pub struct Tables {
    pub by_key: HashMap<Key, u32>, //~ ML006
    pub nodes: HashMap<u32, Rc<Node>>, //~ ML003
    pub pages: HashMap<u64, [u8; PAGE]>, //~ ML008
}

/// Grown in `login.rs`, never shrunk.
pub static SESSIONS: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default); //~ ML001

/// Grown here, emptied in `plain_clear` below, never shrunk.
pub static SEEN: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default); //~ ML007

pub fn see(id: u64) {
    SEEN.lock().unwrap().insert(id, id);
}

/// Grown here, emptied in `other_cache.rs`.
pub static CACHE: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default); //~ ML007

pub fn remember(id: u64) {
    CACHE.lock().unwrap().insert(id, id);
}

pub fn plain_clear() {
    SEEN.lock().unwrap().clear();
}
