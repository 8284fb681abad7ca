//! ML001 through aliases defined in another module, and growth in one file with the
//! removal in another (`modules/evict.rs`).
use std::sync::LazyLock;

use super::aliases::{ById, Concurrent, Shared};

static CONNS: LazyLock<Shared<ById<String>>> = LazyLock::new(Default::default); //~ ML001

pub fn open(id: u64, peer: String) {
    CONNS.lock().unwrap().insert(id, peer);
}

#[derive(Default)]
pub struct Tracker {
    live: Concurrent<u64, u32>, //~ ML001
    jobs: Concurrent<u64, u32>,
}

impl Tracker {
    pub fn track(&self, id: u64) {
        self.live.insert(id, 0);
        self.jobs.insert(id, 0);
    }
}

pub static QUEUE: LazyLock<Shared<ById<u32>>> = LazyLock::new(Default::default);

pub fn enqueue(id: u64) {
    QUEUE.lock().unwrap().insert(id, 0);
}
