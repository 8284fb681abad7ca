//! Two statics named `SEEN`, in two inline modules of one file: the removal in `replies`
//! is evidence for its own `SEEN` only. A removal on a receiver of unknown type clears
//! every map field of that name it could denote.
mod requests {
    use std::collections::HashSet;
    use std::sync::{LazyLock, Mutex};

    static SEEN: LazyLock<Mutex<HashSet<u64>>> = LazyLock::new(Default::default); //~ ML001

    pub fn note(id: u64) {
        SEEN.lock().unwrap().insert(id);
    }
}

mod replies {
    use std::collections::HashSet;
    use std::sync::{LazyLock, Mutex};

    static SEEN: LazyLock<Mutex<HashSet<u64>>> = LazyLock::new(Default::default);

    pub fn note(id: u64) {
        SEEN.lock().unwrap().insert(id);
    }

    pub fn answered(id: u64) {
        SEEN.lock().unwrap().remove(&id);
    }
}

mod sessions {
    use std::collections::HashMap;
    use std::sync::Mutex;

    pub struct Users {
        pub open: Mutex<HashMap<u64, String>>,
    }

    pub struct Admins {
        pub open: Mutex<HashMap<u64, String>>,
    }

    impl Users {
        pub fn login(&self, id: u64, name: String) {
            self.open.lock().unwrap().insert(id, name);
        }
    }

    impl Admins {
        pub fn login(&self, id: u64, name: String) {
            self.open.lock().unwrap().insert(id, name);
        }
    }

    /// `who` comes from another crate: its type is unknown, so the removal may be on
    /// either `open` and counts for both.
    pub fn logout(id: u64) {
        let who = directory::lookup(id);
        who.open.lock().unwrap().remove(&id);
    }
}
