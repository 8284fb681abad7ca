//! Logged-in users.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};

/// One logged-in user.
pub struct Session {
    pub user: String,
    pub started_ms: u64,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Every session ever opened: nothing removes one at logout.
static SESSIONS: LazyLock<Mutex<HashMap<u64, Session>>> = LazyLock::new(Default::default); //~ ML001

/// Opens a session and returns its id.
pub fn login(user: String) -> u64 {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    SESSIONS.lock().unwrap().insert(id, Session { user, started_ms: 0 });
    id
}
