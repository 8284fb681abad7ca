//! Nothing here is a map presized too late.
pub fn count(routes: &[u32]) -> usize {
    routes.len()
}
