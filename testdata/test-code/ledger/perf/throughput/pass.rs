//! Below a bench target's own directory: test code, though `perf/` is no test directory.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static SAMPLES: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default);

pub fn record(nanos: u64) {
    SAMPLES.lock().unwrap().insert(nanos, nanos);
}
