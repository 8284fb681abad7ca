//! ML007 and teardown: bulk removal that only runs as the owner shuts down is no
//! retained capacity; a `clear` in a method that also runs during the owner's life is.
mod pass;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// Emptied by a periodic flush that also runs at shutdown: still retained.
pub struct Outbox {
    queued: Mutex<HashMap<u64, String>>, //~ ML007
}

impl Outbox {
    pub fn new() -> Outbox {
        Outbox { queued: Mutex::new(HashMap::new()) }
    }

    pub fn push(&self, id: u64, msg: String) {
        self.queued.lock().unwrap().insert(id, msg);
    }

    pub fn take_one(&self, id: u64) -> Option<String> {
        self.queued.lock().unwrap().remove(&id)
    }

    fn flush(&self) {
        self.queued.lock().unwrap().clear();
    }

    pub fn tick(&self) {
        self.flush();
    }

    pub fn shutdown(&self) {
        self.flush();
    }
}

/// Pruned with `retain` in a shutdown method: pruning is no teardown.
pub struct Leases {
    live: RwLock<HashMap<u64, u64>>, //~ ML007
}

impl Leases {
    pub fn new() -> Leases {
        Leases { live: RwLock::new(HashMap::new()) }
    }

    pub fn grant(&self, id: u64, until: u64) {
        self.live.write().unwrap().insert(id, until);
    }

    pub fn close(&self, now: u64) {
        self.live.write().unwrap().retain(|_, t| *t > now);
    }
}

/// A shared set whose wrapper `clear` is called from a periodic task as well.
#[derive(Default)]
pub struct Seen {
    ids: RwLock<HashMap<u64, ()>>, //~ ML007
}

impl Seen {
    pub fn note(&self, id: u64) {
        self.ids.write().unwrap().insert(id, ());
    }

    pub fn clear(&self) {
        self.ids.write().unwrap().clear();
    }
}

pub struct Watcher {
    seen: Arc<Seen>,
}

impl Watcher {
    pub fn new(seen: Arc<Seen>) -> Watcher {
        Watcher { seen }
    }

    pub fn rotate(&self) {
        self.seen.clear();
    }

    pub fn stop(&self) {
        self.seen.clear();
    }
}

thread_local! {
    static PANES: RefCell<HashMap<u64, String>> = RefCell::new(HashMap::new()); //~ ML007
}

pub fn open_pane(id: u64, title: String) {
    PANES.with(|p| p.borrow_mut().insert(id, title));
}

pub fn close_pane(id: u64) {
    PANES.with(|p| p.borrow_mut().remove(&id));
}

pub fn reset_panes() {
    PANES.with(|p| p.borrow_mut().clear());
}

/// Emptied when leadership moves away, then filled again when it comes back: an event
/// handler, not a shutdown.
pub struct Subscriptions {
    by_topic: Mutex<HashMap<String, Vec<u64>>>, //~ ML007
}

impl Subscriptions {
    pub fn new() -> Subscriptions {
        Subscriptions { by_topic: Mutex::new(HashMap::new()) }
    }

    pub fn subscribe(&self, topic: String, id: u64) {
        self.by_topic.lock().unwrap().entry(topic).or_default().push(id);
    }

    pub fn unsubscribe_all(&self) {
        self.by_topic.lock().unwrap().clear();
    }
}

pub struct Leader {
    subs: Arc<Subscriptions>,
}

impl Leader {
    pub fn new(subs: Arc<Subscriptions>) -> Leader {
        Leader { subs }
    }

    pub fn on_leader_stop(&self) {
        self.subs.unsubscribe_all();
    }
}
