//! An in-process cluster for tests.
mod pass;
