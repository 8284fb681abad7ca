//! ML001 and structs behind an `RwLock`: one write access anywhere, under any name of the
//! lock (a shared clone, a parameter), and the struct's maps are a service's.
mod pass;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

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
