//! Bulk removal of a static declared in another file: no unbounded growth.
pub fn reset() {
    crate::maps::CACHE.lock().unwrap().clear();
}
