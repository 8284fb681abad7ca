//! ML001: removal reached in the shapes services use: a cleanup task holding an `Arc`
//! clone, a `Drop` impl, an accessor, a helper given the map, a reassigned state struct.
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex, RwLock};

use dashmap::DashMap;

pub struct Sessions {
    by_id: Arc<Mutex<HashMap<u64, String>>>,
}

impl Sessions {
    pub fn open(&self, id: u64, who: String) {
        self.by_id.lock().unwrap().insert(id, who);
    }

    pub fn spawn_reaper(&self) {
        let by_id = Arc::clone(&self.by_id);
        std::thread::spawn(move || loop {
            by_id.lock().unwrap().retain(|_, v| !v.is_empty());
        });
    }
}

static LIVE: LazyLock<Mutex<HashSet<u64>>> = LazyLock::new(Default::default);

pub struct Guard(u64);

pub fn enter(id: u64) -> Guard {
    LIVE.lock().unwrap().insert(id);
    Guard(id)
}

impl Drop for Guard {
    fn drop(&mut self) {
        LIVE.lock().unwrap().remove(&self.0);
    }
}

pub struct Peers {
    peers: RwLock<HashMap<u64, String>>,
}

impl Peers {
    fn peers(&self) -> &RwLock<HashMap<u64, String>> {
        &self.peers
    }

    pub fn add(&self, id: u64, addr: String) {
        self.peers.write().unwrap().insert(id, addr);
    }

    pub fn forget(&self, id: u64) {
        self.peers().write().unwrap().remove(&id);
    }
}

pub struct Index {
    docs: DashMap<u64, String>,
}

impl Index {
    pub fn add(&self, id: u64, doc: String) {
        self.docs.insert(id, doc);
    }

    pub fn compact(&self) {
        compact(&self.docs);
    }
}

fn compact(docs: &DashMap<u64, String>) {
    docs.retain(|_, d| !d.is_empty());
}

thread_local! {
    static SCRATCH: RefCell<HashMap<u64, u64>> = RefCell::new(HashMap::new());
}

pub fn scratch(k: u64) {
    SCRATCH.with_borrow_mut(|s| s.insert(k, k));
}

pub fn reset_scratch() {
    SCRATCH.with(|s| s.borrow_mut().clear());
}

#[derive(Default)]
pub struct State {
    subscribers: HashMap<u64, String>,
}

static STATE: LazyLock<Mutex<State>> = LazyLock::new(Default::default);

pub fn subscribe(id: u64, topic: String) {
    STATE.lock().unwrap().subscribers.insert(id, topic);
}

pub fn restart() {
    *STATE.lock().unwrap() = State::default();
}

static mut COUNTS: Option<HashMap<u64, u64>> = None;

/// # Safety
/// Single-threaded use only.
pub unsafe fn count(k: u64) {
    unsafe {
        if let Some(c) = (*std::ptr::addr_of_mut!(COUNTS)).as_mut() {
            c.insert(k, 1);
        }
        COUNTS = None;
    }
}
