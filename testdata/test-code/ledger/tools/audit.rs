//! The `ledger-audit` binary shares `tools/` with the `replay` example: production code.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static FLAGGED: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default); //~ ML001

fn main() {
    FLAGGED.lock().unwrap().insert(7, "overdraft".to_owned());
}
