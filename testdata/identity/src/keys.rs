//! Key types by identity: another crate's `Ticket` is not the crate's own, and an impl
//! of `Hash` for one `Ticket` says nothing of another `Ticket`.
mod local {
    use std::cell::Cell;
    use std::hash::{Hash, Hasher};

    /// Its hash reads a counter that changes while the ticket is a key.
    pub struct Ticket {
        id: u64,
        hits: Cell<u32>,
    }

    impl Hash for Ticket {
        fn hash<H: Hasher>(&self, h: &mut H) {
            self.id.hash(h);
            self.hits.get().hash(h);
        }
    }

    impl PartialEq for Ticket {
        fn eq(&self, other: &Self) -> bool {
            self.id == other.id
        }
    }

    impl Eq for Ticket {}
}

mod archived {
    use std::cell::Cell;
    use std::hash::{Hash, Hasher};

    /// Same name, hashed by its id only.
    pub struct Ticket {
        id: u64,
        reads: Cell<u32>,
    }

    impl Hash for Ticket {
        fn hash<H: Hasher>(&self, h: &mut H) {
            self.id.hash(h);
        }
    }

    impl PartialEq for Ticket {
        fn eq(&self, other: &Self) -> bool {
            self.id == other.id
        }
    }

    impl Eq for Ticket {}
}

mod desk {
    use std::collections::HashSet;

    use super::archived::Ticket as Old;
    use super::local::Ticket;

    pub struct Desk {
        open: HashSet<Ticket>, //~ ML006
        closed: HashSet<Old>,
    }
}

mod remote {
    use std::collections::HashSet;

    use tickets::Ticket;

    pub struct Mirror {
        open: HashSet<Ticket>,
    }
}
