//! A struct behind an `RwLock` that nothing locks for writing is filled before it is
//! locked and only read after: its maps do not grow. One write access anywhere, under any
//! name of the lock, and its maps are a service's again.
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// The routes of one configuration generation.
pub struct RouteTable {
    by_host: HashMap<String, u16>,
}

impl RouteTable {
    pub fn add(&mut self, host: String, port: u16) {
        self.by_host.insert(host, port);
    }
}

/// Built once from its routes, then only read.
pub struct HostTable {
    table: RwLock<RouteTable>,
}

impl HostTable {
    pub fn new(routes: Vec<(String, u16)>) -> HostTable {
        let mut table = RouteTable { by_host: HashMap::new() };
        for (host, port) in routes {
            table.add(host, port);
        }
        HostTable { table: RwLock::new(table) }
    }

    pub fn port(&self, host: &str) -> Option<u16> {
        self.table.read().unwrap().by_host.get(host).copied()
    }
}

/// Segments opened at start; later writes lock one segment, not the catalog.
pub struct SegmentCatalog {
    by_id: HashMap<u64, Arc<RwLock<Vec<u8>>>>,
}

impl SegmentCatalog {
    pub fn open(&mut self, id: u64) {
        self.by_id.insert(id, Arc::default());
    }

    pub fn segment(&self, id: u64) -> Option<&Arc<RwLock<Vec<u8>>>> {
        self.by_id.get(&id)
    }
}

pub struct Store {
    catalog: RwLock<SegmentCatalog>,
}

impl Store {
    pub fn open(ids: &[u64]) -> Store {
        let mut catalog = SegmentCatalog { by_id: HashMap::new() };
        ids.iter().for_each(|id| catalog.open(*id));
        Store { catalog: RwLock::new(catalog) }
    }

    pub fn append(&self, id: u64, bytes: &[u8]) {
        let catalog = self.catalog.read().unwrap();
        if let Some(segment) = catalog.segment(id) {
            segment.write().unwrap().extend_from_slice(bytes);
        }
    }
}

/// Peers learned while running: the lock is taken for writing through a clone.
pub struct PeerBook {
    by_addr: HashMap<String, u64>, //~ ML001
}

impl PeerBook {
    pub fn learn(&mut self, addr: String, id: u64) {
        self.by_addr.insert(addr, id);
    }
}

pub struct Gossip {
    peers: Arc<RwLock<PeerBook>>,
}

impl Gossip {
    pub fn new() -> Gossip {
        Gossip { peers: Arc::new(RwLock::new(PeerBook { by_addr: HashMap::new() })) }
    }

    pub fn start(&self) {
        let peers = Arc::clone(&self.peers);
        std::thread::spawn(move || peers.write().unwrap().learn("10.0.0.1".into(), 1));
    }
}

/// Sessions opened by a handler that receives the lock as a parameter.
pub struct SessionBook {
    by_token: HashMap<u64, String>, //~ ML001
}

impl SessionBook {
    pub fn open(&mut self, token: u64, user: String) {
        self.by_token.insert(token, user);
    }
}

pub struct Gate {
    sessions: RwLock<SessionBook>,
}

fn admit(book: &RwLock<SessionBook>, token: u64) {
    book.write().unwrap().open(token, String::new());
}

impl Gate {
    pub fn new() -> Gate {
        Gate { sessions: RwLock::new(SessionBook { by_token: HashMap::new() }) }
    }

    pub fn knock(&self, token: u64) {
        admit(&self.sessions, token);
    }
}
