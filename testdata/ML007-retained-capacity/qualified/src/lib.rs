//! ML007 through calls qualified by a type: `Type::f(map)` hands the map to an `f` of an
//! impl of `Type` (or of a trait `Type`) only, so another type's `f` that shrinks what it
//! is given says nothing of this map.
mod pass;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Last sweep time per region; dropped regions are pruned, the table keeps its peak.
pub struct Sweeper {
    swept: Arc<Mutex<HashMap<u64, u64>>>, //~ ML007
}

impl Sweeper {
    pub fn new() -> Sweeper {
        Sweeper { swept: Arc::new(Mutex::new(HashMap::new())) }
    }

    pub fn record(&self, region: u64, at: u64) {
        self.swept.lock().unwrap().insert(region, at);
    }

    pub fn prune(&self, live: &[u64]) {
        self.swept.lock().unwrap().retain(|r, _| live.contains(r));
    }

    pub fn plan(&self) -> usize {
        let planner = Planner::new(&self.swept);
        planner.pending()
    }
}

/// Reads the table it is given; never shrinks it.
pub struct Planner<'a> {
    swept: &'a Mutex<HashMap<u64, u64>>,
}

impl<'a> Planner<'a> {
    pub fn new(swept: &'a Mutex<HashMap<u64, u64>>) -> Self {
        Planner { swept }
    }

    pub fn pending(&self) -> usize {
        self.swept.lock().unwrap().len()
    }
}

/// Another type's `new`: it shrinks the map handed to it, but no `Planner::new(..)` call
/// reaches it.
pub struct Snapshot {
    len: usize,
}

impl Snapshot {
    pub fn new(table: &Mutex<HashMap<u64, u64>>) -> Snapshot {
        let mut t = table.lock().unwrap();
        t.shrink_to_fit();
        Snapshot { len: t.len() }
    }

    pub fn len(&self) -> usize {
        self.len
    }
}
