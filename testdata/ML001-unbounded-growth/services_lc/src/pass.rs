//! A sweeper reaching the map through a weak reference; a writer whose `.next().await`
//! walks a directory (no event loop); a query-scoped registry released by its lease's
//! `Drop`, indexed weakly and borrowed elsewhere.
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::Duration;

/// Cleaned by a task holding a `Weak` to the set, upgraded at every round.
#[derive(Clone)]
pub struct Dedup {
    keys: Arc<RwLock<HashSet<String>>>,
}

impl Default for Dedup {
    fn default() -> Self {
        let keys: Arc<RwLock<HashSet<String>>> = Default::default();
        let held = keys.clone();
        tokio::spawn(async move {
            let weak = Arc::downgrade(&held);
            drop(held);
            while let Some(keys) = weak.upgrade() {
                tokio::time::sleep(Duration::from_secs(60)).await;
                keys.write().unwrap().clear();
            }
        });
        Self { keys }
    }
}

impl Dedup {
    pub fn first(&self, k: String) -> bool {
        self.keys.write().unwrap().insert(k)
    }
}

/// A writer: walking a directory stream is no event loop, the names die with the writer.
pub struct ArchiveWriter {
    names: HashSet<String>,
}

impl ArchiveWriter {
    pub fn new() -> ArchiveWriter {
        ArchiveWriter { names: HashSet::new() }
    }

    pub async fn add_dir(&mut self, mut walk: Walk) -> usize {
        while let Some(entry) = walk.next().await {
            self.names.insert(entry);
        }
        self.names.len()
    }
}

pub struct Walk;

impl Walk {
    pub async fn next(&mut self) -> Option<String> {
        None
    }
}

/// One registry per query; the lease that owns it takes it out when dropped.
pub struct QueryFilters {
    inner: RwLock<FiltersInner>,
}

struct FiltersInner {
    by_id: HashMap<u64, String>,
}

impl QueryFilters {
    pub fn new() -> QueryFilters {
        QueryFilters { inner: RwLock::new(FiltersInner { by_id: HashMap::new() }) }
    }

    pub fn add(&self, id: u64, f: String) {
        self.inner.write().unwrap().by_id.insert(id, f);
    }
}

pub struct Lease {
    filters: Option<Arc<QueryFilters>>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        let _ = self.filters.take();
    }
}

/// Only weak references and borrows elsewhere: they keep no registry alive.
pub struct Index {
    live: Mutex<HashMap<u64, Weak<QueryFilters>>>,
}

impl Index {
    pub fn new() -> Index {
        Index { live: Mutex::new(HashMap::new()) }
    }

    pub fn forget(&self, q: u64) {
        self.live.lock().unwrap().remove(&q);
    }
}

pub struct Scan<'a> {
    filters: &'a QueryFilters,
}
