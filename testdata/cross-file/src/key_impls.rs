//! The hand-written `Hash` of the key: it reads the mutable field.
use std::hash::{Hash, Hasher};

use crate::keys::Key;

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.id.hash(h);
        self.hits.get().hash(h);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Key {}
