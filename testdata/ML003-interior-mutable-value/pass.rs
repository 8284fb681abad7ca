//! ML003: values that are inline, atomic, initialised once, shared without a cell, or
//! locked per entry under an `RwLock`; positions that are not examined; test code.
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::{Rc, Weak};

use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::aliases::{ById, Result};

pub struct Plain {
    pub id: u32,
}

pub struct Counters {
    pub hits: AtomicU64,
    pub live: AtomicBool,
}

pub struct Fine {
    inline: HashMap<u32, Plain>,
    atomics: HashMap<u32, Arc<AtomicU64>>,
    bare_atomics: HashMap<u32, AtomicU64>,
    counters: HashMap<u32, Arc<Counters>>,
    once: HashMap<u32, Arc<OnceLock<String>>>,
    once_cell: HashMap<u32, Rc<OnceCell<u8>>>,
    shared_plain: HashMap<u32, Arc<Plain>>,
    shared_str: HashMap<u32, Arc<str>>,
    weak: HashMap<u32, Weak<RefCell<Plain>>>,
    set: HashSet<u32>,
    // Per-entry locks in a plain map: each entry is locked on its own.
    per_entry: HashMap<u32, Mutex<Plain>>,
    // Read-lock the map, lock one entry: deliberate.
    under_rwlock: RwLock<HashMap<u32, Mutex<Plain>>>,
    // Per-key locks: nothing to store inline, the lock is held after the map's is released.
    key_locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    // The inner map can be cloned out of the outer lock.
    behind_arc: Mutex<HashMap<u32, Arc<HashMap<u32, Mutex<u8>>>>>,
    // A generic map whose value is not known here.
    generic: ById<Plain>,
    result: Result<u8>,
    // maplint: allow(ML003) -- nodes are shared with the render thread
    allowed: HashMap<u32,
        Rc<RefCell<Plain>>>,
}

impl Fine {
    // A getter repeats the field's type: maps behind references are examined where
    // they are owned.
    pub fn allowed(&self) -> &HashMap<u32, Rc<RefCell<Plain>>> {
        &self.allowed
    }
}

// Parameters and trait bounds repeat declarations.
pub fn take<T>(m: HashMap<u32, Rc<RefCell<Plain>>>, t: T) -> usize
where
    T: Into<HashMap<u32, Arc<Mutex<Plain>>>>,
{
    let _ = t;
    m.len()
}

pub fn closure_params() {
    let f = |m: HashMap<u32, Rc<RefCell<Plain>>>| m.len();
    let _ = f;
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixture {
        nodes: HashMap<u32, Rc<RefCell<Plain>>>,
    }

    fn probe(d: &Dispatcher) -> Option<Arc<Mutex<u8>>> {
        d.probes.get(&0).cloned()
    }

    #[test]
    fn builds() {
        let m: HashMap<u32, Arc<Mutex<Plain>>> = HashMap::new();
        let _ = m;
    }
}

#[test]
fn top_level_test() {
    let m: HashMap<u32, Rc<RefCell<u8>>> = HashMap::new();
    let _ = m;
}

lazy_static::lazy_static! {
    // maplint: allow(ML003) -- handles are shared with callbacks
    static ref HANDLES: Mutex<HashMap<u64, Rc<RefCell<Plain>>>> = Mutex::new(HashMap::new());
}

pub fn allowed_let() {
    // maplint: allow(interior-mutable-value)
    let graph: HashMap<
        u32,
        Rc<RefCell<Plain>>,
    > = HashMap::new();
    let _ = graph;
}

// Values that get another owner: the `Rc`/`Arc` is shared on purpose.

pub struct Worker {
    queue: Arc<Mutex<Vec<String>>>,
}

pub struct Parked {
    lock: Arc<RwLock<u8>>,
}

pub struct Node {
    pub edges: Vec<u32>,
}

fn adopt(node: Rc<RefCell<Node>>) -> usize {
    node.borrow().edges.len()
}

pub type Pool = HashMap<u32, Arc<Mutex<u8>>>;

pub struct Dispatcher {
    // cloned into a struct
    queues: HashMap<u32, Arc<Mutex<Vec<String>>>>,
    // cloned in a `match` arm that is returned
    by_route: Mutex<HashMap<String, Arc<Mutex<Vec<u8>>>>>,
    // removed and sent over a channel
    tasks: HashMap<u64, Arc<Mutex<u8>>>,
    // removed and stored in a struct
    watchers: HashMap<u64, Arc<RwLock<u8>>>,
    // removed and moved into a thread
    jobs: HashMap<u64, Arc<Mutex<u64>>>,
    // a clone inserted, the other returned
    inflight: HashMap<String, Arc<Mutex<u8>>>,
    // returned by reference
    handles: HashMap<u64, Arc<Mutex<u8>>>,
    // returned by reference inside `Some(..)`
    handles_by_id: HashMap<u64, Arc<Mutex<u8>>>,
    // drained and passed by value to a function
    graph: HashMap<u32, Rc<RefCell<Node>>>,
    // cloned through an accessor
    table: HashMap<u32, Arc<Mutex<u8>>>,
    // cloned through an alias
    pool: Pool,
    // cloned out in test code only: the package still shares them
    probes: HashMap<u32, Arc<Mutex<u8>>>,
}

impl Dispatcher {
    pub fn worker(&self, id: u32) -> Option<Worker> {
        let queue = self.queues.get(&id)?;
        Some(Worker { queue: Arc::clone(queue) })
    }

    pub fn route(&self, name: &str) -> Option<Arc<Mutex<Vec<u8>>>> {
        match self.by_route.lock().unwrap().get(name) {
            Some(r) => Some(r.clone()),
            None => None,
        }
    }

    pub fn hand_off(&mut self, id: u64, tx: std::sync::mpsc::Sender<Arc<Mutex<u8>>>) {
        if let Some(t) = self.tasks.remove(&id) {
            tx.send(t).ok();
        }
    }

    pub fn park(&mut self, id: u64) -> Option<Parked> {
        let w = self.watchers.remove(&id)?;
        Some(Parked { lock: w })
    }

    pub fn run(&mut self, id: u64) {
        if let Some(job) = self.jobs.remove(&id) {
            std::thread::spawn(move || *job.lock().unwrap() += 1);
        }
    }

    pub fn start(&mut self, key: &str) -> Arc<Mutex<u8>> {
        let s = Arc::new(Mutex::new(0));
        self.inflight.insert(key.to_string(), Arc::clone(&s));
        s
    }

    pub fn first_handle(&self) -> Option<&Arc<Mutex<u8>>> {
        self.handles.values().next()
    }

    pub fn lookup_handle(&self, id: Option<u64>) -> Option<&Arc<Mutex<u8>>> {
        match id {
            Some(id) => Some(self.handles_by_id.get(&id)?),
            None => None,
        }
    }

    pub fn adopt_all(&mut self) -> usize {
        self.graph.drain().map(|(_, n)| adopt(n)).sum()
    }

    pub fn table(&self) -> &HashMap<u32, Arc<Mutex<u8>>> {
        &self.table
    }

    pub fn pooled(&self, id: u32) -> Option<Arc<Mutex<u8>>> {
        self.pool.get(&id).cloned()
    }
}

pub fn from_table(d: &Dispatcher) -> Option<Arc<Mutex<u8>>> {
    d.table().get(&1).map(Arc::clone)
}

static REGISTRY: std::sync::LazyLock<Mutex<HashMap<String, Arc<Mutex<u8>>>>> =
    std::sync::LazyLock::new(Default::default);

pub fn registered(name: &str) -> Arc<Mutex<u8>> {
    REGISTRY.lock().unwrap().entry(name.to_string()).or_default().clone()
}

pub fn make_index() -> HashMap<u8, Rc<RefCell<Node>>> {
    HashMap::new()
}

pub fn locals() -> Vec<Rc<RefCell<Node>>> {
    let index = make_index();
    let mut pending: HashMap<u64, Rc<RefCell<Node>>> = HashMap::new();
    let slots = HashMap::<u8, Arc<Mutex<u8>>>::new();
    let mut out: Vec<Rc<RefCell<Node>>> = index.values().cloned().collect();
    out.extend(pending.remove(&1));
    let _ = slots.get(&0).map(Arc::clone);
    out
}

// Asynchronous locks are held across `.await`, after the map's guard is released.
use tokio::sync::Mutex as AsyncMutex;

pub struct Conn {
    io: futures::lock::Mutex<Vec<u8>>,
}

pub struct Services {
    conns: HashMap<u32, Arc<Conn>>,
    streams: HashMap<u32, Arc<AsyncMutex<Vec<u8>>>>,
    readers: HashMap<u32, Rc<async_lock::RwLock<u8>>>,
    outer: Mutex<HashMap<u32, tokio::sync::Mutex<u8>>>,
    // A lock two structs down: a service handle, not a per-entry cell.
    handles: HashMap<u32, Arc<Service>>,
}

pub struct Service {
    state: ServiceState,
}

pub struct ServiceState {
    hits: Mutex<u32>,
}

// A clone of the value kept by a callback before the original is inserted.
pub struct Listeners {
    buffers: HashMap<String, Arc<Mutex<Vec<String>>>>,
}

impl Listeners {
    pub fn listen(&mut self, topic: &str, register: impl FnOnce(Box<dyn Fn(String)>)) {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let for_callback = buffer.clone();
        register(Box::new(move |msg| for_callback.lock().unwrap().push(msg)));
        self.buffers.insert(topic.to_string(), buffer);
    }
}

// A returned map built from clones of values owned elsewhere.
pub struct Region {
    pub load: Arc<Mutex<f64>>,
}

pub fn loads(regions: &[(u64, Region)]) -> HashMap<u64, Arc<Mutex<f64>>> {
    regions.iter().map(|(id, r)| (*id, r.load.clone())).collect()
}

// A tuple struct's map whose values test code clones out.
pub struct Series(std::collections::BTreeMap<Vec<u8>, Arc<RwLock<Vec<u64>>>>);

impl Series {
    pub fn push(&self, key: &[u8], v: u64) {
        if let Some(s) = self.0.get(key) {
            s.write().unwrap().push(v);
        }
    }
}

#[cfg(test)]
fn series_of(s: &Series, key: &[u8]) -> Option<Arc<RwLock<Vec<u64>>>> {
    s.0.get(key).cloned()
}
