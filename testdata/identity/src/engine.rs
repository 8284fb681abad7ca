//! The crate's own `Executor`: made per job by its caller, dropped with it.
use std::collections::HashMap;

pub struct Executor {
    pub(crate) tasks: Tasks,
}

pub struct Tasks {
    by_id: HashMap<u64, String>,
}

impl Tasks {
    pub fn add(&mut self, id: u64, name: String) {
        self.by_id.insert(id, name);
    }

    pub fn reset(&mut self) {
        self.by_id.clear();
    }
}
