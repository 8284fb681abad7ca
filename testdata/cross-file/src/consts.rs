//! The length of an inline array, used in another file's map type.
pub const PAGE: usize = 4096;
