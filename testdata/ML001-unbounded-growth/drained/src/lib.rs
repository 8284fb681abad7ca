//! ML001 and generic holders: a crate-local wrapper that keeps its elements keeps their maps.
mod pass;

use std::collections::HashMap;
use std::sync::Mutex;

/// A job whose shelf keeps every job: nothing takes one off.
pub struct Ticket {
    tags: Mutex<HashMap<String, u64>>, //~ ML001
}

impl Ticket {
    pub fn new() -> Ticket {
        Ticket { tags: Mutex::default() }
    }

    pub fn tag(&self, t: String) {
        self.tags.lock().unwrap().insert(t, 1);
    }
}

pub struct Backlog<T> {
    items: Vec<T>,
}

pub struct Desk {
    jobs: Backlog<Ticket>,
}

impl Desk {
    pub fn new() -> Desk {
        Desk { jobs: Backlog { items: Vec::new() } }
    }

    pub fn take_on(&mut self, j: Ticket) {
        self.jobs.items.push(j);
    }
}
