//! `Executor` here is the async runtime's, not `crate::engine::Executor`: the static does
//! not keep the crate's executor, nor the map inside it, alive.
use std::sync::{LazyLock, Mutex};

use crate::pool::Worker as Resident;
use async_rt::Executor;

static EXECUTOR: LazyLock<Option<Executor>> = LazyLock::new(|| None);
static RESIDENT: LazyLock<Mutex<Option<Resident>>> = LazyLock::new(|| Mutex::new(None));

pub fn started() -> bool {
    EXECUTOR.is_some() && RESIDENT.lock().unwrap().is_some()
}
