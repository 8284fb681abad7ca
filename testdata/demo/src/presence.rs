//! Who is online.

use std::cell::Cell;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// A connected user; `last_seen_ms` is updated in place on every message.
pub struct Client {
    pub id: u64,
    pub last_seen_ms: Cell<u64>,
}

impl Hash for Client {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
        self.last_seen_ms.get().hash(state);
    }
}

impl PartialEq for Client {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Client {}

/// The users online now.
#[derive(Default)]
pub struct Presence {
    online: HashSet<Client>, //~ ML006
}

impl Presence {
    /// A user comes online.
    pub fn arrive(&mut self, id: u64) {
        self.online.insert(Client { id, last_seen_ms: Cell::new(0) });
    }

    /// How many users are online.
    pub fn count(&self) -> usize {
        self.online.len()
    }
}
