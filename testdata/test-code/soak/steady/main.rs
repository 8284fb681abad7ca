//! The `steady` bench of the same package.
use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

static SEEN: LazyLock<Mutex<HashSet<u64>>> = LazyLock::new(Default::default);

fn main() {
    SEEN.lock().unwrap().insert(1);
}
