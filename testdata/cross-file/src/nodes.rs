//! A value type with a lock inside.
use std::sync::Mutex;

pub struct Node {
    pub state: Mutex<u32>,
}
