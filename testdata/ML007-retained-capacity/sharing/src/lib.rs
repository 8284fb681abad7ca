//! ML007 however the map is reached, and what is no bulk removal: a sweeper thread's
//! clone of the `Arc`; a bundle that shares the table stored once (no replacement);
//! teardown in `impl Drop`; clear-then-refill.
mod pass;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Idle tunnels are pruned by a thread; the table keeps its peak size.
pub struct Tunnels {
    last_seen: Arc<Mutex<HashMap<u64, Instant>>>, //~ ML007
}

impl Tunnels {
    pub fn new() -> Tunnels {
        Tunnels { last_seen: Arc::new(Mutex::new(HashMap::new())) }
    }

    pub fn seen(&self, id: u64) {
        self.last_seen.lock().unwrap().insert(id, Instant::now());
    }

    pub fn start_pruning(&self) {
        let table = self.last_seen.clone();
        std::thread::spawn(move || loop {
            table.lock().unwrap().retain(|_, at| at.elapsed() < Duration::from_secs(300));
            std::thread::sleep(Duration::from_secs(30));
        });
    }
}

pub struct Edge {
    tunnels: Arc<Tunnels>,
}

pub struct Server {
    edge: Option<Edge>,
}

impl Server {
    pub fn attach(&mut self, tunnels: Arc<Tunnels>) {
        tunnels.start_pruning();
        // Stores a bundle sharing the table: nothing is replaced or freed.
        self.edge = Some(Edge { tunnels });
    }
}

/// Emptied in bulk between rounds, never shrunk.
pub struct Rounds {
    votes: Mutex<HashMap<u64, u32>>, //~ ML007
}

impl Rounds {
    pub fn new() -> Rounds {
        Rounds { votes: Mutex::new(HashMap::new()) }
    }

    pub fn vote(&self, who: u64) {
        *self.votes.lock().unwrap().entry(who).or_insert(0) += 1;
    }

    pub fn tally(&self) -> usize {
        let mut v = self.votes.lock().unwrap();
        let n = v.len();
        v.clear();
        n
    }
}
