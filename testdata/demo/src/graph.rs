//! Chat rooms and the rooms they link to.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A chat room.
pub struct Room {
    pub name: String,
    pub links: Vec<u32>,
}

/// Every room, by id.
#[derive(Default)]
pub struct Rooms {
    by_id: HashMap<u32, Rc<RefCell<Room>>>, //~ ML003
}

impl Rooms {
    /// Adds a room.
    pub fn add(&mut self, id: u32, name: &str) {
        let room = Room { name: name.to_string(), links: Vec::new() };
        self.by_id.insert(id, Rc::new(RefCell::new(room)));
    }
}
