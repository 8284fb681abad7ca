//! Items compiled only when a test feature is on (`test-hooks`, `testing`, `fuzzing`, also
//! inside `any(..)`) are test code; `not(feature = "testing")` and other features are not.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

#[cfg(not(feature = "testing"))]
static LIVE: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default); //~ ML001

#[cfg(feature = "metrics")]
static COUNTED: LazyLock<Mutex<HashMap<String, u64>>> = LazyLock::new(Default::default); //~ ML001

#[cfg(not(feature = "testing"))]
pub fn settle(id: u64) {
    LIVE.lock().unwrap().insert(id, id);
}

#[cfg(feature = "metrics")]
pub fn count(name: &str) {
    COUNTED.lock().unwrap().insert(name.to_owned(), 1);
}

/// Production name ending in a singular `_test`: a command the ledger runs for its users.
pub mod self_test {
    use std::collections::HashSet;
    use std::sync::{LazyLock, Mutex};

    static CHECKED: LazyLock<Mutex<HashSet<u64>>> = LazyLock::new(Default::default); //~ ML001

    pub fn check(account: u64) {
        CHECKED.lock().unwrap().insert(account);
    }
}
