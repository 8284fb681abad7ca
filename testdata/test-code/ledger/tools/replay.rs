//! The `replay` example.
fn main() {}
