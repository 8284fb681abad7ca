//! ML009: an owned key allocated for every `entry` call that aggregates into a value.
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

fn tally(rows: &[Vec<(&str, u64)>]) -> HashMap<String, u64> {
    let mut sums: HashMap<String, u64> = HashMap::new();
    for row in rows {
        for (label, amount) in row {
            *sums.entry(label.to_string()).or_insert(0) += amount; //~ ML009
        }
    }
    sums
}

pub struct Tracker {
    hits: HashMap<String, u32>,
    groups: BTreeMap<Vec<u8>, Vec<usize>>,
    owners: HashMap<String, Vec<u32>>,
}

impl Tracker {
    pub fn hit(&mut self, peer: &str) -> u32 {
        let n = self.hits.entry(peer.to_owned()).or_insert(0); //~ ML009
        *n += 1;
        *n
    }

    pub fn group(&mut self, key: &[u8], at: usize) {
        self.groups.entry(key.to_vec()).or_default().push(at); //~ ML009
    }

    pub fn bump(&mut self, name: Cow<'_, str>) {
        self.hits.entry(name.into_owned()).and_modify(|n| *n += 1).or_insert(1); //~ ML009
    }

    pub fn own(&mut self, names: &[String], id: u32) {
        for name in names {
            self.owners
                .entry(String::from(name.as_str())) //~ ML009
                .or_default()
                .push(id);
        }
    }
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    text.split_whitespace().for_each(|w| {
        let w: &str = w;
        *counts.entry(w.to_string()).or_insert(0usize) += 1; //~ ML009
    });
    counts
}

#[derive(Default)]
pub struct Stats {
    rows: Vec<usize>,
}

impl Stats {
    fn observe(&mut self, row: usize) {
        self.rows.push(row);
    }
}

pub struct Columns {
    seen: HashMap<String, Stats>,
}

impl Columns {
    pub fn observe(&mut self, name: &str, row: usize) {
        let s = self.seen.entry(name.to_string()).or_default(); //~ ML009
        s.observe(row);
    }
}
