//! The removals for `modules/uses.rs`: growth in one file, removal in another.
use super::uses::{Tracker, QUEUE};

pub fn done(id: u64) {
    QUEUE.lock().unwrap().remove(&id);
}

impl Tracker {
    pub fn finish(&self, id: u64) {
        self.jobs.remove(&id);
    }
}
