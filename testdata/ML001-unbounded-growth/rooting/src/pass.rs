//! Removal on the same map under another name.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::recover::Recover;

type Leases = Arc<Mutex<HashMap<u64, Instant>>>;

/// Expired by a sweeper task handed a clone of the constructor's local.
pub struct LeaseTable {
    leases: Leases,
}

impl LeaseTable {
    pub fn open() -> LeaseTable {
        let leases: Leases = Default::default();
        start_sweeper(leases.clone());
        LeaseTable { leases }
    }

    pub fn grant(&self, id: u64) {
        self.leases.recover().insert(id, Instant::now());
    }
}

fn start_sweeper(leases: Leases) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(5));
        expire(&leases);
    });
}

fn expire(leases: &Leases) {
    leases.lock().unwrap().retain(|_, at| at.elapsed() < Duration::from_secs(60));
}

/// Emptied by another struct whose field is a clone of the same `Arc`.
pub struct Uploads {
    parts: Arc<Mutex<HashMap<u64, Vec<u8>>>>,
}

struct Reaper {
    parts: Arc<Mutex<HashMap<u64, Vec<u8>>>>,
}

impl Uploads {
    pub fn new() -> Uploads {
        Uploads { parts: Arc::default() }
    }

    pub fn part(&self, id: u64, bytes: Vec<u8>) {
        self.parts.lock().unwrap().insert(id, bytes);
    }

    pub fn reaper(&self) -> Reaper {
        Reaper { parts: self.parts.clone() }
    }
}

impl Reaper {
    pub fn reap(&self, id: u64) {
        self.parts.lock().unwrap().remove(&id);
    }
}
