//! Structs behind an `RwLock` that nothing locks for writing: filled before they are
//! locked, only read after; a write on an element reached through one is not a write of it.
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
