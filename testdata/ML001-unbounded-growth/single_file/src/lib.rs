//! A package linted one file at a time (the pre-commit case): `registry.rs` grows, the
//! removal of `PEERS` lives in `cleanup.rs`.
pub mod cleanup;
pub mod registry;
