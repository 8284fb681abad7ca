//! ML003: a qualified `std::cell::Cell` is still a cell.
use std::collections::HashMap;

pub struct Flags {
    pub flags: HashMap<u32, Box<std::cell::Cell<bool>>>, //~ ML003
}
