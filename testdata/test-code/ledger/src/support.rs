//! Nothing here names a map, yet this file decides that `support/recorder.rs` is test code.
#[cfg(any(test, feature = "fixtures"))]
pub mod recorder;
