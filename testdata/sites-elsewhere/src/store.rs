//! The declarations.
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{LazyLock, Mutex};

pub struct Store {
    pub counters: HashMap<String, Rc<Cell<u64>>>, //~ ML003
    pub blocks: HashMap<u32, [u64; 64]>, //~ ML008
}

/// Filled in `fill.rs`, never emptied.
pub static LOG: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default); //~ ML001
