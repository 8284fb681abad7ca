//! `attestor` holds no test word (words are whole): production code.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static QUOTES: LazyLock<Mutex<HashMap<u64, Vec<u8>>>> = LazyLock::new(Default::default); //~ ML001

pub fn attest(id: u64, quote: Vec<u8>) {
    QUOTES.lock().unwrap().insert(id, quote);
}
