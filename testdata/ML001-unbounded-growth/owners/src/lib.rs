//! ML001 and owners: a map dies with an owner that every holder releases; a service that
//! callers keep (a public constructor, no holder that lets go) keeps its maps.
mod pass;
mod per_call;
mod status;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Handed to callers by a public constructor and held by nobody in the package.
pub struct Directory {
    entries: Mutex<HashMap<String, u64>>, //~ ML001
}

impl Directory {
    pub fn new() -> Directory {
        Directory { entries: Mutex::new(HashMap::new()) }
    }

    pub fn add(&self, name: String, id: u64) {
        self.entries.lock().unwrap().insert(name, id);
    }
}

/// Shared through an `Arc` by a holder that is replaced: the map lives on elsewhere.
pub struct Stats {
    hits: Mutex<HashMap<u64, u64>>, //~ ML001
}

impl Stats {
    pub fn new() -> Arc<Stats> {
        Arc::new(Stats { hits: Mutex::new(HashMap::new()) })
    }

    pub fn hit(&self, k: u64) {
        *self.hits.lock().unwrap().entry(k).or_insert(0) += 1;
    }
}

pub struct Frontend {
    stats: Arc<Stats>,
}

pub struct App {
    frontend: Option<Frontend>,
}

impl App {
    pub fn mount(&mut self, stats: Arc<Stats>) {
        self.frontend = Some(Frontend { stats });
    }
}
