//! Teardown is no retained capacity: bulk removal in a method named for shutting down
//! (`exiting`, `detach`, `cleanup`, ...), in a method called only from such methods or
//! from `Drop`, and in a map-named wrapper (`clear`) whose only callers shut down.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

thread_local! {
    static SURFACES: RefCell<HashMap<u64, String>> = RefCell::new(HashMap::new());
}

pub fn create_surface(id: u64, title: String) {
    SURFACES.with(|s| s.borrow_mut().insert(id, title));
}

pub fn destroy_surface(id: u64) {
    SURFACES.with(|s| s.borrow_mut().remove(&id));
}

pub struct Runner;

impl Runner {
    /// The event loop is ending: release every surface before thread-locals go.
    pub fn exiting(&mut self) {
        SURFACES.with(|s| s.borrow_mut().clear());
    }
}

/// State of one tenant, emptied by a helper that only shutdown calls.
#[derive(Default)]
pub struct TenantState {
    parts: HashMap<u64, String>,
}

impl TenantState {
    pub fn add_part(&mut self, id: u64, p: String) {
        self.parts.insert(id, p);
    }

    pub fn drop_part(&mut self, id: u64) {
        self.parts.remove(&id);
    }

    pub fn release_parts(&mut self) {
        for (_id, _p) in self.parts.drain() {}
    }
}

pub struct Tenant {
    state: Mutex<TenantState>,
}

impl Tenant {
    pub fn new() -> Tenant {
        Tenant { state: Mutex::new(TenantState::default()) }
    }

    pub fn grow(&self, id: u64) {
        self.state.lock().unwrap().add_part(id, String::new());
    }

    pub async fn shutdown(&self) {
        self.state.lock().unwrap().release_parts();
    }
}

/// A wrapper named like the map's own method, called only when the worker ends.
#[derive(Default)]
pub struct Slots {
    open: RwLock<HashMap<u64, String>>,
}

impl Slots {
    pub fn put(&self, id: u64, s: String) {
        self.open.write().unwrap().insert(id, s);
    }

    pub fn close_one(&self, id: u64) {
        self.open.write().unwrap().remove(&id);
    }

    pub fn clear(&self) {
        self.open.write().unwrap().clear();
    }
}

pub struct Worker {
    slots: Arc<Slots>,
    scratch: Vec<u64>,
}

impl Worker {
    pub fn new(slots: Arc<Slots>) -> Worker {
        Worker { slots, scratch: Vec::new() }
    }

    pub fn step(&mut self) {
        self.scratch.clear();
    }

    pub async fn clean(&self) {
        self.slots.clear();
    }
}

/// Sized on purpose at construction: keeping the table after `clear` is the design.
pub struct Tracker {
    sites: HashMap<u64, u64>,
    limit: usize,
}

impl Default for Tracker {
    fn default() -> Self {
        Tracker { sites: HashMap::with_capacity(4096), limit: 2048 }
    }
}

impl Tracker {
    pub fn restart(&mut self) {
        self.sites.clear();
    }

    pub fn record(&mut self, site: u64) {
        if self.sites.len() < self.limit {
            self.sites.insert(site, 1);
        }
    }
}

pub struct Profiler {
    tracker: Mutex<Tracker>,
}

impl Profiler {
    pub fn new() -> Profiler {
        Profiler { tracker: Mutex::new(Tracker::default()) }
    }

    pub fn hit(&self, site: u64) {
        self.tracker.lock().unwrap().record(site);
    }
}

/// Reassigned through a destructured `self`: the old tables are freed.
#[derive(Default)]
pub struct Topology {
    addrs: Arc<RwLock<HashMap<u64, String>>>,
    meta: Arc<RwLock<HashMap<u64, u64>>>,
    epoch: u64,
}

impl Topology {
    pub fn learn(&self, id: u64, a: String) {
        self.addrs.write().unwrap().insert(id, a);
        self.meta.write().unwrap().insert(id, 0);
    }

    pub fn forget_unknown(&self) {
        let keep: Vec<u64> = self.addrs.read().unwrap().keys().copied().collect();
        self.meta.write().unwrap().retain(|k, _| keep.contains(k));
        self.addrs.write().unwrap().retain(|_, a| !a.is_empty());
    }

    pub fn restore(&mut self, addrs: HashMap<u64, String>, meta: HashMap<u64, u64>) {
        let Self { addrs: a, meta: m, epoch: _ } = self;
        *a.write().unwrap() = addrs;
        *m.write().unwrap() = meta;
    }
}

/// A wrapper that exists only while a transfer runs: the variant holding it is taken out
/// of its slot and replaced when the transfer ends.
pub struct Relay {
    touched: Arc<RwLock<HashMap<u64, ()>>>,
}

impl Relay {
    pub fn touch(&self, id: u64) {
        let mut t = self.touched.write().unwrap();
        if t.len() < 10_000 {
            t.insert(id, ());
        }
    }

    pub fn settle(&self) {
        self.touched.write().unwrap().clear();
    }
}

pub enum Slot {
    Plain(u64),
    Relayed(Relay),
}

pub struct Holder {
    slot: RwLock<Option<Slot>>,
}

impl Holder {
    pub fn new() -> Holder {
        Holder { slot: RwLock::new(None) }
    }

    pub fn begin(&self, r: Relay) {
        let mut s = self.slot.write().unwrap();
        let _old = s.take();
        let _ = s.insert(Slot::Relayed(r));
    }

    pub fn end(&self) {
        let mut s = self.slot.write().unwrap();
        if let Some(Slot::Relayed(r)) = s.take() {
            r.settle();
        }
        let _ = s.insert(Slot::Plain(0));
    }
}
