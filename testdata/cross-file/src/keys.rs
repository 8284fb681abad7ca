//! A key type with an interior-mutable field; its `Hash` is in another file.
use std::cell::Cell;

pub struct Key {
    pub id: u64,
    pub hits: Cell<u32>,
}
