//! A struct whose field `cache` is no map.
pub struct Counter {
    pub cache: u32,
}
