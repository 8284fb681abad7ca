//! Owners built afresh on every call of a running object's method die when that call's
//! work is done: a query's scratch caches, a request's tracker built into its workbench.
//! A factory method that returns the owner, a value stored into `self`, and a value that
//! leaves through what is built from it keep their maps.
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// Per-query caches, shared by the operators of one query.
pub struct QueryScope {
    tables: Arc<RwLock<HashMap<String, u64>>>,
}

impl QueryScope {
    pub fn new() -> QueryScope {
        QueryScope { tables: Arc::new(RwLock::new(HashMap::new())) }
    }

    pub fn remember(&self, table: String, id: u64) {
        self.tables.write().unwrap().insert(table, id);
    }
}

pub enum Scope {
    Plain,
    Query(QueryScope),
}

/// Publish states of one ingest request, inside its tracker.
pub struct PublishStates {
    shards: HashMap<u64, bool>,
}

pub struct Tracker {
    states: Arc<Mutex<PublishStates>>,
}

impl Tracker {
    pub fn new() -> Tracker {
        Tracker { states: Arc::new(Mutex::new(PublishStates { shards: HashMap::new() })) }
    }

    pub fn published(&self, shard: u64) {
        self.states.lock().unwrap().shards.insert(shard, true);
    }
}

pub struct Workbench {
    pub tracker: Tracker,
    pub attempts: usize,
}

impl Workbench {
    pub fn new() -> Workbench {
        Workbench { tracker: Tracker::new(), attempts: 0 }
    }
}

/// A long-lived engine: it builds the per-call owners above.
pub struct Engine {
    pub name: String,
}

impl Engine {
    /// A fresh scope for each query.
    pub fn scope(&self) -> Scope {
        Scope::Query(QueryScope::new())
    }

    pub fn execute(&self, sql: &str) -> usize {
        let scope = self.scope();
        let rows = self.run(sql, &scope);
        if let Scope::Query(q) = &scope {
            q.remember(sql.to_string(), rows as u64);
        }
        rows
    }

    fn run(&self, sql: &str, _scope: &Scope) -> usize {
        sql.len() + self.name.len()
    }

    pub fn ingest(&self, shards: &[u64]) -> usize {
        let mut bench = Workbench::new();
        for s in shards {
            bench.tracker.published(*s);
            bench.attempts += 1;
        }
        shards.len()
    }
}

/// Built by a factory method: its caller keeps it.
pub struct Router {
    routes: Mutex<HashMap<String, u16>>, //~ ML001
}

impl Router {
    pub fn new() -> Router {
        Router { routes: Mutex::new(HashMap::new()) }
    }

    pub fn route(&self, path: String, port: u16) {
        self.routes.lock().unwrap().insert(path, port);
    }
}

/// Built per call but kept in the builder's own registry.
pub struct Session {
    vars: Mutex<HashMap<String, String>>, //~ ML001
}

impl Session {
    pub fn new() -> Session {
        Session { vars: Mutex::new(HashMap::new()) }
    }

    pub fn set(&self, k: String, v: String) {
        self.vars.lock().unwrap().insert(k, v);
    }
}

/// Built per call, but what is built from it (a handle sharing its map) leaves.
pub struct Acks {
    pending: Arc<Mutex<HashMap<u64, u64>>>, //~ ML001
}

impl Acks {
    pub fn new() -> Acks {
        Acks { pending: Arc::new(Mutex::new(HashMap::new())) }
    }

    pub fn service(&self) -> AckService {
        AckService { pending: self.pending.clone() }
    }

    pub fn ack(&self, id: u64) {
        self.pending.lock().unwrap().insert(id, id);
    }
}

/// Serves acknowledgements from the same map.
pub struct AckService {
    pub pending: Arc<Mutex<HashMap<u64, u64>>>,
}

pub struct Host {
    sessions: Mutex<Vec<Arc<Session>>>,
}

impl Host {
    pub fn new() -> Host {
        Host { sessions: Mutex::new(Vec::new()) }
    }

    pub fn build_router(&mut self) -> Router {
        Router::new()
    }

    pub fn open(&self) -> Arc<Session> {
        let s = Arc::new(Session::new());
        self.sessions.lock().unwrap().push(s.clone());
        s
    }

    pub fn listen(&self) -> AckService {
        let acks = Acks::new();
        acks.service()
    }
}

/// A plan node built for one query and handed back as a trait object.
pub struct ScanNode {
    partitions: Mutex<HashMap<u32, u64>>,
}

impl ScanNode {
    pub fn new(table: &str) -> Result<ScanNode, String> {
        if table.is_empty() {
            return Err("no table".to_string());
        }
        Ok(ScanNode { partitions: Mutex::new(HashMap::new()) })
    }

    pub fn scanned(&self, partition: u32, rows: u64) {
        self.partitions.lock().unwrap().insert(partition, rows);
    }
}

/// Per-query neighbour results, set on a child context while planning.
pub struct Neighbours {
    found: Mutex<HashMap<u64, f32>>,
}

impl Neighbours {
    pub fn new() -> Neighbours {
        Neighbours { found: Mutex::new(HashMap::new()) }
    }

    pub fn found(&self, id: u64, distance: f32) {
        self.found.lock().unwrap().insert(id, distance);
    }
}

#[derive(Default)]
pub struct PlanContext {
    neighbours: Option<Arc<Neighbours>>,
}

impl PlanContext {
    pub fn set_neighbours(&mut self, n: Arc<Neighbours>) {
        self.neighbours = Some(n);
    }
}

pub struct Planner;

impl Planner {
    pub fn plan(&self, table: &str) -> Result<Option<Arc<dyn std::any::Any + Send + Sync>>, String> {
        let node = ScanNode::new(table)?;
        Ok(Some(Arc::new(node) as _))
    }

    pub fn context(&self, knn: bool) -> PlanContext {
        let ctx = if knn {
            let mut child = PlanContext::default();
            child.set_neighbours(Arc::new(Neighbours::new()));
            child
        } else {
            PlanContext::default()
        };
        ctx
    }
}
