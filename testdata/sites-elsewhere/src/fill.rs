//! Where the maps of `store.rs` get their entries.
use std::cell::Cell;
use std::rc::Rc;

use crate::store::{Store, LOG};

impl Store {
    pub fn count(&mut self, name: &str) {
        self.counters.insert(name.to_owned(), Rc::new(Cell::new(1)));
    }

    pub fn put(&mut self, id: u32, block: [u64; 64]) {
        self.blocks.insert(id, block);
    }
}

pub fn log(id: u64, line: &str) {
    LOG.lock().unwrap().insert(
        id,
        line.to_owned(),
    );
}
