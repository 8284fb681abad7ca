//! ML003: maps whose shared cells are only ever used in place: nothing clones, returns,
//! sends or stores a value read from them, so each `Rc`/`Arc` has one owner, the map.
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

pub struct Inventory {
    stock: HashMap<String, Arc<Mutex<u32>>>, //~ ML003
    shelves: HashMap<u32, Rc<RefCell<Vec<String>>>>, //~ ML003
    // Lent to a function that reads it in place: borrowed, not shared.
    bins: HashMap<u32, Rc<RefCell<Vec<u32>>>>, //~ ML003
}

fn fill(bin: &RefCell<Vec<u32>>) -> usize {
    bin.borrow().len()
}

impl Inventory {
    /// The local is the field's map: reported once, at the field.
    pub fn new() -> Self {
        let stock: HashMap<String, Arc<Mutex<u32>>> = HashMap::new();
        let shelves = HashMap::<u32, Rc<RefCell<Vec<String>>>>::new();
        Inventory { stock, shelves, bins: HashMap::new() }
    }

    pub fn restock(&self, item: &str, n: u32) {
        if let Some(count) = self.stock.get(item) {
            *count.lock().unwrap() += n;
        }
    }

    pub fn total(&self) -> u32 {
        self.stock.values().map(|c| *c.lock().unwrap()).sum()
    }

    /// Clones the shelf's contents, not the `Rc` around them.
    pub fn shelf(&self, id: u32) -> Vec<String> {
        self.shelves.get(&id).map(|s| s.borrow().clone()).unwrap_or_default()
    }

    pub fn filled(&self) -> usize {
        let mut n = 0;
        for (_, bin) in &self.bins {
            n += fill(bin);
        }
        n + self.bins.get(&0).map_or(0, |b| fill(b))
    }

    pub fn shelf_len(&self, id: u32) -> usize {
        let shelf = &self.shelves[&id];
        for (_, other) in &self.shelves {
            other.borrow_mut().retain(|x| !x.is_empty());
        }
        shelf.borrow().len()
    }
}
