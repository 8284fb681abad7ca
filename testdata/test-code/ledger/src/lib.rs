//! Test code the module tree decides: out-of-line test modules (by `cfg`, by `any(test,
//! ..)`, by name, by `#[path]`) and the modules below them. Their removals are no evidence
//! for production maps, and nothing in them is reported.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// Grown here; only the test helpers in `checks.rs` ever clear it.
pub static BALANCES: LazyLock<Mutex<HashMap<u64, i64>>> = LazyLock::new(Default::default); //~ ML001

pub fn credit(account: u64, amount: i64) {
    *BALANCES.lock().unwrap().entry(account).or_insert(0) += amount;
}

#[cfg(test)]
mod checks;

pub mod support;

mod testutils;

#[cfg(test)]
#[path = "ledger_cases.rs"]
mod cases;

pub mod gated;

mod pass;

mod replay_tests;
