//! ML001 on actors: a struct whose `&mut self` / `self` method runs an event loop owns
//! its plain map fields for the life of the process, and so does a task's local map
//! declared before its receive loop.
mod finite;
mod pass;

use std::collections::{HashMap, HashSet};
use tokio::sync::mpsc;

pub enum Msg {
    Publish { topic: String, body: Vec<u8> },
    Subscribe { topic: String, who: u64 },
    Unsubscribe { topic: String, who: u64 },
}

/// A pub/sub broker driven by its inbox.
pub struct Broker {
    inbox: mpsc::UnboundedReceiver<Msg>,
    delivered: HashSet<(String, u64)>, //~ ML001
    subscribers: HashMap<String, Vec<u64>>,
    published: u64,
}

impl Broker {
    pub fn new(inbox: mpsc::UnboundedReceiver<Msg>) -> Broker {
        Broker { inbox, delivered: HashSet::new(), subscribers: HashMap::new(), published: 0 }
    }

    pub async fn serve(&mut self) {
        while let Some(msg) = self.inbox.recv().await {
            match msg {
                Msg::Publish { topic, body } => self.fan_out(topic, body),
                Msg::Subscribe { topic, who } => {
                    self.subscribers.entry(topic).or_default().push(who);
                }
                Msg::Unsubscribe { topic, .. } => {
                    self.subscribers.remove(&topic);
                }
            }
        }
    }

    fn fan_out(&mut self, topic: String, _body: Vec<u8>) {
        self.published += 1;
        self.remember(topic);
    }

    fn remember(&mut self, topic: String) {
        self.delivered.insert((topic, self.published));
    }
}

/// A connection manager whose loop selects over two sources.
pub struct Gateway {
    conns: mpsc::Receiver<(u64, String)>,
    closed: mpsc::Receiver<u64>,
    names: HashMap<u64, String>, //~ ML001
}

impl Gateway {
    pub fn start(conns: mpsc::Receiver<(u64, String)>, closed: mpsc::Receiver<u64>) -> Gateway {
        Gateway { conns, closed, names: HashMap::new() }
    }

    pub async fn run(mut self) {
        loop {
            tokio::select! {
                Some((id, name)) = self.conns.recv() => { self.names.insert(id, name); }
                Some(_id) = self.closed.recv() => {}
            }
        }
    }
}

/// A task that tallies bytes per client for as long as the process runs.
pub fn spawn_tally(mut rx: mpsc::Receiver<(String, usize)>) {
    tokio::spawn(async move {
        let mut per_client: HashMap<String, usize> = HashMap::new(); //~ ML001
        while let Some((client, n)) = rx.recv().await {
            *per_client.entry(client).or_insert(0) += n;
        }
    });
}

/// A worker thread remembering every peer it heard from.
pub fn spawn_listener(rx: std::sync::mpsc::Receiver<u32>) {
    std::thread::spawn(move || {
        let mut heard = HashSet::new(); //~ ML001
        loop {
            let Ok(peer) = rx.recv() else { break };
            heard.insert(peer);
        }
    });
}
