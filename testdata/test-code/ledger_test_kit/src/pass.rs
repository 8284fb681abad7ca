//! All of a package named like test helpers is test code.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static ACCOUNTS: LazyLock<Mutex<HashMap<u64, i64>>> = LazyLock::new(Default::default);

pub fn open_account(id: u64) {
    ACCOUNTS.lock().unwrap().insert(id, 0);
}
