//! ML001: long-lived maps that grow with no removal anywhere in the package.
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex, OnceLock, RwLock};

use dashmap::DashMap;

pub struct Session;

static SESSIONS: LazyLock<Mutex<HashMap<String, Session>>> = LazyLock::new(Default::default); //~ ML001

pub fn on_login(id: String, s: Session) {
    SESSIONS.lock().unwrap().insert(id, s);
}

lazy_static::lazy_static! {
    /// Seen user agents.
    static ref AGENTS: Mutex<HashSet<String>> = Mutex::new(HashSet::new()); //~ ML001
}

pub fn seen(agent: &str) {
    AGENTS.lock().unwrap().insert(agent.to_string());
}

thread_local! {
    static PER_THREAD: RefCell<HashMap<u64, String>> = RefCell::new(HashMap::new()); //~ ML001
    static IDS: RefCell<HashSet<u64>> = RefCell::new(HashSet::new()); //~ ML001
}

pub fn remember(id: u64, name: String) {
    PER_THREAD.with(|m| m.borrow_mut().insert(id, name));
    IDS.with_borrow_mut(|ids| ids.insert(id));
}

static NAMES: OnceLock<Mutex<BTreeMap<u32, String>>> = OnceLock::new(); //~ ML001

pub fn name(id: u32, n: String) {
    let names = NAMES.get_or_init(Default::default);
    let mut g = names.lock().unwrap();
    g.entry(id).or_insert(n);
}

pub fn counter(key: &str) -> u64 {
    static COUNTS: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new()); //~ ML001
    let mut c = COUNTS.lock().unwrap();
    let n = c.entry(key.to_string()).or_default();
    *n += 1;
    *n
}

/// A cache whose state sits behind one lock.
#[derive(Default)]
pub struct Cache {
    inner: Arc<RwLock<Inner>>,
}

struct Inner {
    map: HashMap<String, Vec<u8>>, //~ ML001
    hits: u64,
}

impl Cache {
    pub fn put(&self, k: String, v: Vec<u8>) {
        let mut g = self.inner.write().unwrap();
        g.map.insert(k, v);
        g.hits += 1;
    }
}

/// Filled from a background task through a clone of the shared map.
#[derive(Default)]
pub struct Watcher {
    seen: Arc<DashMap<u64, String>>, //~ ML001
}

impl Watcher {
    pub fn start(&self) {
        let seen = Arc::clone(&self.seen);
        std::thread::spawn(move || {
            seen.insert(1, "one".to_string());
        });
        let again = self.seen.clone();
        again.insert(2, "two".to_string());
    }
}

/// An async registry behind a `tokio::sync::RwLock`.
#[derive(Default)]
pub struct Registry {
    peers: tokio::sync::RwLock<HashMap<u64, String>>, //~ ML001
}

impl Registry {
    pub async fn add(&self, id: u64, addr: String) {
        let mut peers = self.peers.write().await;
        peers.insert(id, addr);
    }
}

/// Cleared only by a test: no bound in production.
static TOKENS: LazyLock<Mutex<HashSet<String>>> = LazyLock::new(Default::default); //~ ML001

pub fn issue(t: String) {
    TOKENS.lock().unwrap().insert(t);
}

#[cfg(test)]
mod tests {
    #[test]
    fn resets() {
        super::TOKENS.lock().unwrap().clear();
    }
}

/// Grown in its constructor and again later: the later growth counts.
pub struct Routes {
    table: Mutex<HashMap<String, u32>>, //~ ML001
}

impl Routes {
    pub fn new() -> Self {
        let r = Routes { table: Mutex::new(HashMap::new()) };
        r.table.lock().unwrap().insert("/".to_string(), 0);
        r
    }

    pub fn add(&self, path: String, id: u32) {
        if let Ok(mut t) = self.table.lock() {
            t.insert(path, id);
        }
    }
}

/// Grown through an accessor function.
fn registry() -> &'static Mutex<HashMap<u64, String>> {
    static REGISTRY: OnceLock<Mutex<HashMap<u64, String>>> = OnceLock::new(); //~ ML001
    REGISTRY.get_or_init(Default::default)
}

pub fn register(id: u64, name: String) {
    registry().lock().unwrap().insert(id, name);
}

/// Grown through a match on the lock result.
static LISTENERS: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static HANDLERS: LazyLock<Mutex<HashMap<u16, fn()>>> = LazyLock::new(Default::default); //~ ML001

pub fn on(code: u16, f: fn()) {
    let mut h = match HANDLERS.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    h.insert(code, f);
    LISTENERS.lock().unwrap().clear();
}

macro_rules! try_lock {
    ($lock:expr) => {
        match $lock {
            Ok(g) => g,
            Err(_) => return,
        }
    };
}

/// Grown through a wrapper macro around the lock.
#[derive(Default)]
pub struct Filter {
    by_id: RwLock<HashMap<u64, String>>, //~ ML001
}

impl Filter {
    pub fn on_new_span(&self, id: u64, s: String) {
        try_lock!(self.by_id.write()).insert(id, s);
    }
}

/// Grown in a thread-local's initialiser.
static THREADS: LazyLock<Mutex<HashMap<std::thread::ThreadId, usize>>> = LazyLock::new(Default::default); //~ ML001

thread_local! {
    static REGISTERED: usize = {
        let mut t = THREADS.lock().unwrap();
        let n = t.len();
        t.insert(std::thread::current().id(), n);
        n
    };
}

/// Grown through a vacant entry bound with `@`.
#[derive(Default)]
pub struct Slots {
    slots: Mutex<HashMap<u64, u32>>, //~ ML001
}

impl Slots {
    pub fn slot(&self, k: u64) -> u32 {
        let mut s = self.slots.lock().unwrap();
        match s.entry(k) {
            std::collections::hash_map::Entry::Occupied(o) => *o.get(),
            e @ std::collections::hash_map::Entry::Vacant(_) => *e.or_insert(0),
        }
    }
}

/// A single-threaded cache kept by a thread-local: long-lived.
pub struct Memo {
    known: RefCell<HashMap<String, u32>>, //~ ML001
}

thread_local! {
    static MEMO: Memo = Memo { known: RefCell::new(HashMap::new()) };
}

pub fn memo(k: &str) -> u32 {
    MEMO.with(|m| *m.known.borrow_mut().entry(k.to_string()).or_insert(0))
}

/// Grown through an accessor on `self`.
#[derive(Default)]
pub struct Journal {
    entries: Mutex<HashMap<u64, String>>, //~ ML001
}

impl Journal {
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<u64, String>> {
        self.entries.lock().unwrap()
    }

    pub fn log(&self, id: u64, s: String) {
        self.entries().insert(id, s);
    }
}
