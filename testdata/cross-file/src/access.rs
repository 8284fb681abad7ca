//! Growth through `x.cache`: `Counter` (in `counter.rs`) has a `cache` field too, so the
//! growth cannot be told to be `Service::cache`'s.
pub fn put(s: &crate::fields::Service, k: u64) {
    s.cache.lock().unwrap().insert(k, k);
}
