//! The `soak` test target of a package with no library and no binary.
mod pass;
