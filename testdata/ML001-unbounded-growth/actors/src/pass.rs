//! Not actors, or actors that bound what they keep.
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use tokio::sync::mpsc;

/// A parser: its loop reads tokens and never waits for events; its table dies with it.
pub struct Parser {
    tokens: Vec<String>,
    pos: usize,
    symbols: HashMap<String, usize>,
}

impl Parser {
    pub fn new(tokens: Vec<String>) -> Parser {
        Parser { tokens, pos: 0, symbols: HashMap::new() }
    }

    pub fn parse(&mut self) -> usize {
        loop {
            let Some(t) = self.tokens.get(self.pos).cloned() else { break };
            self.pos += 1;
            self.symbols.insert(t, self.pos);
        }
        self.symbols.len()
    }
}

/// An actor that forgets what it no longer needs.
pub struct Presence {
    rx: mpsc::Receiver<(u64, bool)>,
    online: HashMap<u64, u64>,
}

impl Presence {
    pub fn new(rx: mpsc::Receiver<(u64, bool)>) -> Presence {
        Presence { rx, online: HashMap::new() }
    }

    pub async fn run(&mut self) {
        while let Some((who, up)) = self.rx.recv().await {
            if up {
                self.online.insert(who, 1);
            } else {
                self.online.remove(&who);
            }
        }
    }
}

/// Task-local maps that are bounded, keyed by the program, or not before a loop that waits.
pub fn spawn_windowed(mut rx: mpsc::Receiver<u64>) {
    tokio::spawn(async move {
        let mut window: HashMap<u64, u32> = HashMap::new();
        let mut by_flag: HashMap<bool, u32> = HashMap::new();
        while let Some(id) = rx.recv().await {
            *window.entry(id).or_insert(0) += 1;
            *by_flag.entry(id % 2 == 0).or_insert(0) += 1;
            if window.len() >= 4096 {
                window.clear();
            }
        }
    });
}

pub fn histogram(ids: &[u64]) -> usize {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for id in ids {
        *counts.entry(*id).or_insert(0) += 1;
    }
    counts.len()
}

/// A local handed to another function each round may be emptied there.
pub fn spawn_batcher(mut rx: mpsc::Receiver<u64>) {
    tokio::spawn(async move {
        let mut batch: HashMap<u64, u32> = HashMap::new();
        while let Some(id) = rx.recv().await {
            batch.insert(id, 1);
            flush(&mut batch);
        }
    });
}

fn flush(batch: &mut HashMap<u64, u32>) {
    batch.clear();
}

/// Gathers a burst of edits until the inbox has been quiet for `quiet`: the inner loop
/// leaves on the first timeout, so the batch lives for one burst.
pub async fn coalesce(rx: &mut mpsc::Receiver<(String, u32)>, quiet: Duration) -> usize {
    let mut batch = HashMap::new();
    loop {
        match tokio::time::timeout(quiet, rx.recv()).await {
            Ok(Some((path, rev))) => {
                batch.insert(path, rev);
            }
            Ok(None) | Err(_) => break,
        }
    }
    batch.len()
}

/// The same with a blocking channel and a wildcard arm.
pub fn coalesce_blocking(rx: &std::sync::mpsc::Receiver<u64>, quiet: Duration) -> usize {
    let mut ids = HashSet::new();
    loop {
        match rx.recv_timeout(quiet) {
            Ok(id) => {
                ids.insert(id);
            }
            _ => return ids.len(),
        }
    }
}
