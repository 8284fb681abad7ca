//! Aliases and renames used by `modules/uses.rs`.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub use dashmap::DashMap as Concurrent;

pub type Shared<T> = Arc<Mutex<T>>;
pub type ById<V> = HashMap<u64, V>;
