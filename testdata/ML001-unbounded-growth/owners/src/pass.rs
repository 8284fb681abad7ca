//! Owners that go away: a segment taken out of its slot, jobs removed from their queue,
//! a mode replaced as a whole, a struct only ever local, an index frozen in a `OnceLock`.
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

/// One open segment at a time; sealing takes it out and drops it.
pub struct Segment {
    offsets: Mutex<HashMap<u64, u64>>,
}

impl Segment {
    pub fn new() -> Segment {
        Segment { offsets: Mutex::new(HashMap::new()) }
    }

    pub fn append(&self, key: u64, at: u64) {
        self.offsets.lock().unwrap().insert(key, at);
    }
}

pub struct Log {
    open: Option<Segment>,
    jobs: Vec<Job>,
    mode: Mode,
}

impl Log {
    pub fn seal(&mut self) -> Option<Segment> {
        self.open.take()
    }

    pub fn finish_first(&mut self) {
        self.jobs.remove(0);
    }
}

/// A job owns what it touched; finished jobs leave the queue.
pub struct Job {
    touched: Mutex<HashSet<u64>>,
}

impl Job {
    pub fn new() -> Job {
        Job { touched: Mutex::new(HashSet::new()) }
    }

    pub fn touch(&self, id: u64) {
        self.touched.lock().unwrap().insert(id);
    }
}

/// A rebuild in progress, held by a mode that is replaced when it ends.
pub struct Rebuild {
    seen: Mutex<HashSet<u64>>,
}

impl Rebuild {
    pub fn new() -> Rebuild {
        Rebuild { seen: Mutex::new(HashSet::new()) }
    }

    pub fn saw(&self, id: u64) {
        self.seen.lock().unwrap().insert(id);
    }
}

pub enum Mode {
    Serving,
    Rebuilding(Rebuild),
}

impl Mode {
    pub fn done(&mut self) {
        *self = Mode::Serving;
    }
}

/// Built, used and dropped inside one function.
struct Scan {
    found: Mutex<HashMap<u64, u32>>,
}

pub fn scan(ids: &[u64]) -> usize {
    let s = Scan { found: Mutex::new(HashMap::new()) };
    for id in ids {
        s.found.lock().unwrap().insert(*id, 1);
    }
    let n = s.found.lock().unwrap().len();
    n
}

/// Filled once, then frozen behind a `OnceLock`.
#[derive(Default)]
pub struct Catalog {
    by_name: HashMap<String, u32>,
}

impl Catalog {
    fn add(&mut self, name: &str, id: u32) {
        self.by_name.insert(name.to_string(), id);
    }
}

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut c = Catalog::default();
        c.add("root", 0);
        c
    })
}

/// Keys the program bounds: flags, small integers, static names, fieldless enums.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Read,
    Write,
}

pub struct Counters {
    by_kind: Mutex<HashMap<Kind, u64>>,
    by_flag: Mutex<HashMap<(bool, u8), u64>>,
    by_name: Mutex<HashMap<&'static str, u64>>,
    by_type: Mutex<HashMap<std::any::TypeId, u64>>,
    by_status: Mutex<HashMap<Option<http::StatusCode>, u64>>,
    by_maybe_kind: Mutex<HashMap<Option<Kind>, u64>>,
}

impl Counters {
    pub fn new() -> Counters {
        Counters {
            by_kind: Mutex::default(),
            by_flag: Mutex::default(),
            by_name: Mutex::default(),
            by_type: Mutex::default(),
            by_status: Mutex::default(),
            by_maybe_kind: Mutex::default(),
        }
    }

    /// Responses by status: a three-digit code, or none when the peer hung up.
    pub fn answered(&self, status: Option<http::StatusCode>, kind: Option<Kind>) {
        *self.by_status.lock().unwrap().entry(status).or_insert(0) += 1;
        *self.by_maybe_kind.lock().unwrap().entry(kind).or_insert(0) += 1;
    }

    pub fn count(&self, k: Kind, f: bool, b: u8, name: &'static str, t: std::any::TypeId) {
        *self.by_kind.lock().unwrap().entry(k).or_insert(0) += 1;
        *self.by_flag.lock().unwrap().entry((f, b)).or_insert(0) += 1;
        *self.by_name.lock().unwrap().entry(name).or_insert(0) += 1;
        *self.by_type.lock().unwrap().entry(t).or_insert(0) += 1;
    }
}
