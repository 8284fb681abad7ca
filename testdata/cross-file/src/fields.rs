//! Shared map fields: `Service::cache` is grown only through an ambiguous `x.cache`
//! (`access.rs`), `Hub::jobs` is emptied through an accessor (`forget.rs`).
use std::collections::HashMap;
use std::sync::Mutex;

pub struct Service {
    pub cache: Mutex<HashMap<u64, u64>>,
}

pub struct Hub {
    jobs: Mutex<HashMap<u64, u64>>,
}

pub trait Api {
    fn jobs(&self) -> &Mutex<HashMap<u64, u64>>;
}

impl Api for Hub {
    fn jobs(&self) -> &Mutex<HashMap<u64, u64>> {
        &self.jobs
    }
}

impl Hub {
    pub fn add(&self, id: u64) {
        self.jobs.lock().unwrap().insert(id, id);
    }
}
