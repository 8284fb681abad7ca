//! ML001: long-lived maps with removal, bounded caches, construction-only growth and
//! short-lived fields stay clean.
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex, RwLock};

static ACTIVE: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default);

pub fn connect(id: u64, peer: String) {
    ACTIVE.lock().unwrap().insert(id, peer);
}

pub fn disconnect(id: u64) {
    ACTIVE.lock().unwrap().remove(&id);
}

const MAX: usize = 1024;
static RECENT: LazyLock<Mutex<HashSet<u64>>> = LazyLock::new(Default::default);

pub fn note(id: u64) {
    let mut r = RECENT.lock().unwrap();
    if r.len() >= MAX {
        return;
    }
    r.insert(id);
}

static LEASES: LazyLock<Mutex<HashMap<u64, u32>>> = LazyLock::new(Default::default);

pub fn lease(id: u64) {
    *LEASES.lock().unwrap().entry(id).or_insert(0) += 1;
}

pub fn release(id: u64) {
    let mut leases = LEASES.lock().unwrap();
    if let Entry::Occupied(mut e) = leases.entry(id) {
        *e.get_mut() -= 1;
        if *e.get() == 0 {
            e.remove();
        }
    }
}

static BATCH: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default);

pub fn queue(id: u64, s: String) {
    BATCH.lock().unwrap().insert(id, s);
}

pub fn flush() -> HashMap<u64, String> {
    std::mem::take(&mut *BATCH.lock().unwrap())
}

static GENERATION: LazyLock<RwLock<HashMap<u64, u64>>> = LazyLock::new(Default::default);

pub fn bump(k: u64) {
    GENERATION.write().unwrap().insert(k, 1);
}

pub fn reset() {
    *GENERATION.write().unwrap() = HashMap::new();
}

/// Bounded caches are not maps.
static PAGES: LazyLock<Mutex<lru::LruCache<u64, Vec<u8>>>> =
    LazyLock::new(|| Mutex::new(lru::LruCache::new(std::num::NonZeroUsize::new(64).unwrap())));

pub fn page(id: u64, p: Vec<u8>) {
    PAGES.lock().unwrap().put(id, p);
}

/// Filled only while being built.
pub struct Table {
    by_name: Mutex<HashMap<String, u32>>,
}

impl Table {
    pub fn new(names: &[String]) -> Self {
        let t = Table { by_name: Mutex::new(HashMap::new()) };
        for (i, n) in names.iter().enumerate() {
            t.by_name.lock().unwrap().insert(n.clone(), i as u32);
        }
        t
    }

    pub fn with(self, name: String) -> Self {
        self.by_name.lock().unwrap().insert(name, 0);
        self
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        self.by_name.lock().unwrap().get(name).copied()
    }
}

/// A plain map field mutated through `&mut self`: a short-lived builder.
pub struct Visitor {
    seen: HashSet<String>,
}

impl Visitor {
    pub fn visit(&mut self, name: &str) {
        self.seen.insert(name.to_string());
    }
}

/// A removal through a helper the map is handed to.
static PENDING: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default);

pub fn pend(id: u64, s: String) {
    PENDING.lock().unwrap().insert(id, s);
}

pub fn sweep() {
    prune(&mut PENDING.lock().unwrap());
}

fn prune(m: &mut HashMap<u64, String>) {
    m.retain(|_, v| !v.is_empty());
}

/// A local that shadows a static is not the static.
static SHADOWED: LazyLock<Mutex<HashSet<u64>>> = LazyLock::new(Default::default);

pub fn shadow() {
    let SHADOWED: Mutex<HashSet<u64>> = Mutex::new(HashSet::new());
    SHADOWED.lock().unwrap().insert(1);
}

/// A lookup result is not the map: growth of a value map does not grow the outer map.
static GROUPS: LazyLock<Mutex<HashMap<u64, HashSet<u64>>>> = LazyLock::new(Default::default);

pub fn join(group: u64, member: u64) {
    if let Some(g) = GROUPS.lock().unwrap().get_mut(&group) {
        g.insert(member);
    }
}

/// A clone of a map that is not behind an `Arc` is a copy.
pub struct Snapshot {
    data: Mutex<HashMap<u64, u64>>,
}

impl Snapshot {
    pub fn edit(&self) -> HashMap<u64, u64> {
        let mut copy = self.data.lock().unwrap().clone();
        copy.insert(1, 1);
        copy
    }
}

/// A single-threaded context that lives in one function call: its cell is not shared.
struct Interner {
    files: std::cell::RefCell<HashMap<String, u32>>,
}

impl Interner {
    fn intern(&self, f: &str) -> u32 {
        let mut files = self.files.borrow_mut();
        let n = files.len() as u32;
        *files.entry(f.to_string()).or_insert(n)
    }
}

struct Encoder<'a> {
    intern: &'a Interner,
}

pub fn encode(names: &[String]) -> u32 {
    let i = Interner { files: Default::default() };
    let e = Encoder { intern: &i };
    names.iter().map(|n| e.intern.intern(n)).sum()
}

/// `x.queue` names two structs' fields: the growth of a `Vec` is not the map's.
pub struct Jobs {
    queue: Mutex<HashMap<u64, String>>,
}

pub struct Line {
    queue: Vec<u8>,
}

pub fn push_front(l: &mut Line, j: &Jobs) -> usize {
    l.queue.insert(0, 1);
    j.queue.lock().unwrap().len()
}

/// A builder holds what it builds in a `RefCell`: the result is filled while being built.
pub struct Program {
    names: HashMap<String, usize>,
}

struct Compiler {
    program: std::cell::RefCell<Program>,
}

impl Compiler {
    fn name(&self, n: &str) {
        let mut p = self.program.borrow_mut();
        let i = p.names.len();
        p.names.insert(n.to_string(), i);
    }
}

pub fn compile(names: &[String]) -> Program {
    let c = Compiler { program: std::cell::RefCell::new(Program { names: HashMap::new() }) };
    names.iter().for_each(|n| c.name(n));
    c.program.into_inner()
}

/// An accessor's name called on another receiver may be another type's method.
pub struct Book {
    pages: Mutex<HashMap<u64, String>>,
}

impl Book {
    fn pages(&self) -> std::sync::MutexGuard<'_, HashMap<u64, String>> {
        self.pages.lock().unwrap()
    }

    pub fn count(&self) -> usize {
        self.pages().len()
    }
}

pub fn add_page(other: &impl Pages) {
    other.pages().insert(1);
}

pub trait Pages {
    fn pages(&self) -> HashSet<u64>;
}
