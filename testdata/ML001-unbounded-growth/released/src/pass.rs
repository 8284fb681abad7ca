//! Released maps: an owner replaced inside its lock (assignment or `mem::take`) frees its
//! maps; a guard's `Drop` removing its own entry from the map it borrows is removal.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct Meter {
    refusals: HashMap<String, u64>,
    per_peer: HashMap<String, u64>,
}

pub struct Gauge {
    meter: Arc<Mutex<Meter>>,
}

impl Gauge {
    pub fn new() -> Gauge {
        Gauge { meter: Arc::new(Mutex::new(Meter::default())) }
    }

    pub fn refuse(&self, why: String) {
        *self.meter.lock().unwrap().refusals.entry(why).or_default() += 1;
    }

    pub fn served(&self, peer: String) {
        *self.meter.lock().unwrap().per_peer.entry(peer).or_default() += 1;
    }

    /// Both maps go with the old value.
    pub fn reset(&self) {
        *self.meter.lock().unwrap() = Meter::default();
    }

    pub fn snapshot(&self) -> Meter {
        let mut m = self.meter.lock().unwrap();
        std::mem::take(&mut *m)
    }

    pub fn share(&self) -> Arc<Mutex<Meter>> {
        self.meter.clone()
    }
}

/// Spans of keys held by callers; each hold takes its span back out when it ends.
#[derive(Default)]
pub struct SpanLocks {
    held: Mutex<BTreeMap<Vec<u8>, Vec<u8>>>,
}

pub struct SpanHold<'a> {
    start: Vec<u8>,
    owner: &'a SpanLocks,
}

impl SpanLocks {
    pub fn hold(&self, start: Vec<u8>, end: Vec<u8>) -> SpanHold<'_> {
        self.held.lock().unwrap().insert(start.clone(), end);
        SpanHold { start, owner: self }
    }
}

impl Drop for SpanHold<'_> {
    fn drop(&mut self) {
        self.owner.held.lock().unwrap().remove(&self.start);
    }
}
