//! Bulk removal that keeps no peak: teardown, and clear-then-refill.
use std::collections::HashMap;
use std::sync::Mutex;

/// Drained only when the registry itself is dropped.
pub struct Handles {
    open: Mutex<HashMap<u64, String>>,
}

impl Handles {
    pub fn new() -> Handles {
        Handles { open: Mutex::new(HashMap::new()) }
    }

    pub fn open(&self, id: u64, path: String) {
        self.open.lock().unwrap().insert(id, path);
    }

    pub fn close(&self, id: u64) {
        self.open.lock().unwrap().remove(&id);
    }
}

impl Drop for Handles {
    fn drop(&mut self) {
        for (_, path) in self.open.get_mut().unwrap().drain() {
            drop(path);
        }
    }
}

/// Rebuilt from a snapshot: the table is refilled right after it is cleared.
pub struct Routes {
    table: Mutex<HashMap<String, u32>>,
}

impl Routes {
    pub fn new() -> Routes {
        Routes { table: Mutex::new(HashMap::new()) }
    }

    pub fn reload(&self, snapshot: &[(String, u32)]) {
        let mut t = self.table.lock().unwrap();
        t.clear();
        for (k, v) in snapshot {
            t.insert(k.clone(), *v);
        }
    }
}

/// Emptied only when the engine stops: teardown, not a prune.
pub struct Engine {
    regions: Mutex<HashMap<u64, String>>,
}

impl Engine {
    pub fn new() -> Engine {
        Engine { regions: Mutex::new(HashMap::new()) }
    }

    pub fn open(&self, id: u64, name: String) {
        self.regions.lock().unwrap().insert(id, name);
    }

    pub fn close_region(&self, id: u64) {
        self.regions.lock().unwrap().remove(&id);
    }

    pub fn stop(&self) {
        self.regions.lock().unwrap().clear();
    }
}
