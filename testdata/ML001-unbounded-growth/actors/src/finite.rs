//! Loops that drain work the function started are not event loops: the futures or the
//! quiet-period debounce end, and the map declared before them dies with the call.
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use futures::stream::{FuturesUnordered, StreamExt};
use tokio::sync::mpsc;
use tokio::task::JoinSet;

async fn ping(host: u64) -> (u64, bool) {
    (host, host % 3 != 0)
}

/// One probe per host, raced against a deadline: the loop ends when all have answered.
pub async fn probe_all(hosts: &[u64], deadline: Instant) -> HashMap<u64, bool> {
    let mut replies = HashMap::new();
    let mut pending = FuturesUnordered::new();
    for h in hosts {
        pending.push(ping(*h));
    }
    loop {
        let (host, up) = tokio::select! {
            next = pending.next() => match next {
                Some(r) => r,
                None => break,
            },
            _ = tokio::time::sleep(deadline.duration_since(Instant::now())) => break,
        };
        replies.insert(host, up);
    }
    replies
}

/// A bounded-concurrency fan-out over the given ids.
pub async fn purge(ids: Vec<u64>) -> HashMap<u64, bool> {
    let mut outcome: HashMap<u64, bool> = HashMap::new();
    let mut results = futures::stream::iter(ids.into_iter().map(ping)).buffer_unordered(8);
    while let Some((id, ok)) = results.next().await {
        outcome.insert(id, ok);
    }
    outcome
}

/// Tasks joined one by one.
pub async fn join_checks(hosts: Vec<u64>) -> usize {
    let mut failed = HashSet::new();
    let mut set = JoinSet::new();
    for h in hosts {
        set.spawn(ping(h));
    }
    while let Some(Ok((host, up))) = set.join_next().await {
        if !up {
            failed.insert(host);
        }
    }
    failed.len()
}

/// Collects the paths of a burst of events until the channel has been quiet for `quiet`.
pub fn debounce(rx: &std::sync::mpsc::Receiver<String>, quiet: Duration) -> usize {
    let mut touched = HashSet::new();
    while let Ok(path) = rx.recv_timeout(quiet) {
        touched.insert(path);
    }
    touched.len()
}

/// A task that also waits on its inbox is an actor, whatever else it selects on.
pub fn spawn_tracker(mut rx: mpsc::Receiver<u64>, hosts: Vec<u64>) {
    tokio::spawn(async move {
        let mut seen = HashMap::new(); //~ ML001
        let mut pending: FuturesUnordered<_> = hosts.into_iter().map(ping).collect();
        loop {
            tokio::select! {
                Some((host, up)) = pending.next() => { seen.insert(host, up); }
                Some(host) = rx.recv() => { pending.push(ping(host)); }
            }
        }
    });
}

/// A timeout that only wakes the loop up to tick is still an event loop: the map lives as
/// long as the channel.
pub fn ticking(rx: std::sync::mpsc::Receiver<u64>, tick: Duration) {
    let mut last_seen = HashMap::new(); //~ ML001
    loop {
        match rx.recv_timeout(tick) {
            Ok(id) => {
                last_seen.insert(id, Instant::now());
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
}
