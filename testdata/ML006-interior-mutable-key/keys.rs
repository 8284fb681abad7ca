//! Aliases whose key is reported here, and a key whose `Hash` is in another file.
use std::collections::{HashMap, HashSet};
use std::sync::atomic::AtomicU64;

use super::Key;

pub type KeySet = HashSet<Key>; //~ ML006
pub type ByKey<V> = HashMap<Key, V>; //~ ML006

pub struct Remote {
    pub host: String,
    pub epoch: AtomicU64,
}
