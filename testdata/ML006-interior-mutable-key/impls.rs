//! `Hash` for `Remote`, away from its declaration and its uses.
use std::hash::{Hash, Hasher};
use std::sync::atomic::Ordering;

use crate::keys::Remote;

impl Hash for Remote {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.host.hash(h);
        self.epoch.load(Ordering::Relaxed).hash(h);
    }
}
