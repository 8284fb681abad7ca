//! `Worker` is kept by a static in `settings.rs` (imported there under another name), so
//! its map lives as long as the process.
use std::collections::HashMap;

pub struct Worker {
    jobs: HashMap<u64, String>, //~ ML007
}

impl Worker {
    pub fn take(&mut self, id: u64, job: String) {
        self.jobs.insert(id, job);
    }

    pub fn finish_all(&mut self) {
        self.jobs.clear();
    }
}
