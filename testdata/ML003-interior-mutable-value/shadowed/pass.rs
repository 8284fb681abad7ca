//! ML003: a crate-local `Cell` (a spreadsheet cell) is not `std::cell::Cell`.
use std::collections::HashMap;

pub struct Cell {
    pub row: u32,
    pub text: String,
}

pub struct Sheet {
    pub cells: HashMap<(u32, u32), Box<Cell>>,
}
