//! Test code by a test feature or by a module name ending in test words.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

#[cfg(feature = "test-hooks")]
static HOOKED: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default);

#[cfg(feature = "test-hooks")]
pub fn hook(id: u64) {
    HOOKED.lock().unwrap().insert(id, id);
}

#[cfg(any(feature = "metrics", feature = "fuzzing"))]
pub mod mutate {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};

    static MUTATED: LazyLock<Mutex<HashMap<Vec<u8>, u32>>> = LazyLock::new(Default::default);

    pub fn mutate(input: &[u8]) {
        MUTATED.lock().unwrap().insert(input.to_vec(), 0);
    }
}

#[cfg(fuzzing)]
pub fn corpus(input: &[u8]) {
    HOOKED.lock().unwrap().insert(input.len() as u64, 0);
}

/// An oracle for tests, kept in a module whose last word is `testing`.
pub mod balance_testing {
    use std::collections::BTreeMap;
    use std::sync::{LazyLock, Mutex};

    static EXPECTED: LazyLock<Mutex<BTreeMap<u64, i64>>> = LazyLock::new(Default::default);

    pub fn expect(account: u64, balance: i64) {
        EXPECTED.lock().unwrap().insert(account, balance);
    }
}
