//! Growth of a static declared in another file.
pub fn login(id: u64) {
    crate::maps::SESSIONS.lock().unwrap().insert(id, String::new());
}
