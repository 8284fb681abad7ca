//! Map workloads with the memory risks maplint reports, each run between two marks so
//! that the profiler's own counters say what it allocated. Every allocation of a
//! workload happens on the lines maplint names as the finding's sites.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{LazyLock, Mutex};

/// Every payload ever seen: grows for the life of the process.
static SEEN: LazyLock<Mutex<HashMap<u64, Vec<u8>>>> = LazyLock::new(Default::default); //~ ML001

/// Jobs waiting for the next flush: emptied in bulk, never shrunk.
static PENDING: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default); //~ ML007

pub struct Node {
    pub id: u64,
    pub weight: u64,
}

/// A graph whose nodes are each a separate heap cell, with pages stored inline.
pub struct Graph {
    nodes: HashMap<u64, Rc<RefCell<Node>>>, //~ ML003
    pages: HashMap<u64, [u8; 1024]>, //~ ML008
}

impl Graph {
    fn new() -> Graph {
        Graph { nodes: HashMap::new(), pages: HashMap::new() }
    }

    fn add_node(&mut self, id: u64) {
        self.nodes.insert(id, Rc::new(RefCell::new(Node { id, weight: id % 7 })));
    }

    fn add_page(&mut self, id: u64) {
        self.pages.insert(id, [id as u8; 1024]);
    }
}

fn remember(n: u64) {
    for id in 0..n {
        SEEN.lock().unwrap().insert(id, vec![0; 256]);
    }
}

fn index_names(names: &[String]) -> HashMap<&str, usize> {
    let mut by_name = HashMap::new(); //~ ML002
    for (i, name) in names.iter().enumerate() {
        by_name.insert(name.as_str(), i);
    }
    by_name
}

fn tally(lines: &[Vec<u32>]) -> usize {
    let mut distinct = 0;
    for line in lines {
        let mut counts = HashMap::new(); //~ ML004
        for word in line {
            *counts.entry(*word).or_insert(0u32) += 1;
        }
        distinct += counts.len();
    }
    distinct
}

fn lookups(prices: &HashMap<String, u64>, keys: &[&str]) -> u64 {
    let mut total = 0;
    for k in keys {
        total += prices.get(&k.to_string()).copied().unwrap_or(0); //~ ML005
    }
    total
}

fn queue(n: u64) {
    for id in 0..n {
        PENDING.lock().unwrap().insert(id, format!("job-{id:06}"));
    }
}

fn flush() -> usize {
    PENDING.lock().unwrap().drain().count()
}

/// Never called: its finding has no sample in any profile.
pub fn cold_lookup(prices: &HashMap<String, u64>, key: &str) -> Option<u64> {
    prices.get(&key.to_owned()).copied() //~ ML005
}

/// Runs every workload between two calls of `mark` with its name, then `at_end` while
/// everything it built is still alive; returns how many entries it kept.
pub fn run(mark: &mut dyn FnMut(&'static str), at_end: &mut dyn FnMut()) -> usize {
    let names: Vec<String> = (0..5000).map(|i| format!("user-{i:05}")).collect();
    let lines: Vec<Vec<u32>> = (0..200).map(|l| (0..50).map(|w| (w * 7 + l) % 40).collect()).collect();
    let prices: HashMap<String, u64> = (0..100).map(|i| (format!("sku-{i:06}"), i)).collect();
    let keys: Vec<&str> = (0..10_000).map(|i| ["sku-000042", "sku-000777"][i % 2]).collect();
    let mut graph = Graph::new();

    mark("ML001");
    remember(2000);
    mark("ML001");
    mark("ML002");
    let index = index_names(&names);
    mark("ML002");
    mark("ML003");
    for id in 0..3000 {
        graph.add_node(id);
    }
    mark("ML003");
    mark("ML004");
    let distinct = tally(&lines);
    mark("ML004");
    mark("ML005");
    let total = lookups(&prices, &keys);
    mark("ML005");
    mark("ML007");
    queue(1000);
    let flushed = flush();
    mark("ML007");
    mark("ML008");
    for id in 0..500 {
        graph.add_page(id);
    }
    mark("ML008");

    at_end();
    let weights: u64 = graph.nodes.values().map(|n| n.borrow().weight + n.borrow().id).sum();
    index.len() + distinct + flushed + graph.pages.len() + (total + weights) as usize % 2
}
