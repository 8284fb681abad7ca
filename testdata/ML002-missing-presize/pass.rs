//! ML002: maps that are pre-sized, filled by loops of unknown length, or filled
//! conditionally.
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::fail::Prices;
use std::sync::mpsc::Receiver;

fn presized(xs: &[u32]) {
    let mut a = HashMap::with_capacity(xs.len());
    for x in xs {
        a.insert(*x, ());
    }
    let mut b = HashSet::new();
    b.reserve(xs.len());
    for x in xs {
        b.insert(*x);
    }
    let c: HashSet<u32> = xs.iter().copied().collect();
    let _ = c;
}

fn unknown_type_by_value(xs: impl Iterator<Item = u32>, load: fn() -> Vec<u32>) {
    let mut a = HashSet::new();
    for x in xs {
        a.insert(x);
    }
    let loaded = load();
    let mut b = HashSet::new();
    for x in loaded {
        b.insert(x);
    }
    let mut c = HashSet::new();
    for x in load().into_iter() {
        c.insert(x);
    }
}

fn unknown_length(text: &str, xs: &[u32], rx: Receiver<u32>, opt: Option<u32>) {
    let mut a = HashSet::new();
    for x in xs.iter().filter(|x| **x > 2) {
        a.insert(*x);
    }
    let mut b = HashSet::new();
    for l in text.lines() {
        b.insert(l);
    }
    let mut c = HashSet::new();
    for ch in text.chars() {
        c.insert(ch);
    }
    let mut d = HashSet::new();
    let mut it = xs.iter();
    while let Some(x) = it.next() {
        d.insert(*x);
    }
    let mut e = HashSet::new();
    for x in &rx {
        e.insert(x);
    }
    let mut f = HashSet::new();
    for x in opt.iter() {
        f.insert(*x);
    }
    let mut g = HashSet::new();
    for x in xs.iter().step_by(2) {
        g.insert(*x);
    }
    let mut h = HashSet::new();
    for x in xs.iter().chain(xs) {
        h.insert(*x);
    }
    let mut i = HashSet::new();
    for x in 0.. {
        if i.len() > 3 {
            break;
        }
        i.insert(x);
    }
}

fn borrowed_iterator(xs: &[u32]) {
    let mut it = xs.iter();
    let mut a = HashSet::new();
    for x in &mut it {
        a.insert(*x);
    }
    let mut v = vec![1u32, 2];
    let mut b = HashSet::new();
    for x in v.drain(1..) {
        b.insert(x);
    }
}

fn conditional_inserts(xs: &[u32], groups: &[Vec<u32>]) {
    let mut a = HashSet::new();
    for x in xs {
        if *x > 1 {
            a.insert(*x);
        }
    }
    let mut b = HashSet::new();
    for x in xs {
        match x {
            0 => {}
            _ => {
                b.insert(*x);
            }
        }
    }
    let mut c = HashSet::new();
    for g in groups {
        for x in g {
            c.insert(*x);
        }
    }
    let mut d = HashSet::new();
    for x in xs {
        let mut add = |v: u32| {
            d.insert(v);
        };
        add(*x);
    }
    let mut e = HashSet::new();
    for x in xs {
        let _ = *x > 3 && e.insert(*x);
    }
}

fn shadowed_in_the_body(xs: &[u32]) {
    let mut m = HashSet::new();
    for x in xs {
        let mut m = HashSet::new();
        m.insert(*x);
        let _ = m;
    }
    m.insert(0);
}

fn same_key_every_time(xs: &[u32]) -> HashMap<u8, u32> {
    let mut last = HashMap::new();
    for x in xs {
        last.insert(0, *x);
    }
    last
}

fn entries_aggregate(words: &[&str]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in words {
        *counts.entry(w.to_string()).or_insert(0) += 1;
    }
    counts
}

fn used_in_between(xs: &[u32], seed: &HashMap<u32, u32>) {
    let mut a = HashMap::new();
    a.extend(seed.iter().map(|(k, v)| (*k, *v)));
    for x in xs {
        a.insert(*x, 0);
    }
    let mut b = HashMap::new();
    let before = b.len();
    for x in xs {
        b.insert(*x, before);
    }
    let mut c = HashSet::new();
    println!("{:?}", c);
    for x in xs {
        c.insert(*x);
    }
}

fn ordered(xs: &[u32]) {
    let mut a = BTreeMap::new();
    for x in xs {
        a.insert(*x, ());
    }
    let mut b = BTreeSet::new();
    for x in xs {
        b.insert(*x);
    }
}

fn not_the_same_block(xs: &[u32], flag: bool) {
    let mut a = HashSet::new();
    if flag {
        for x in xs {
            a.insert(*x);
        }
    }
    let mut b = HashSet::new();
    {
        for x in xs {
            b.insert(*x);
        }
    }
}

fn other_receivers(xs: &[u32], other: &mut HashSet<u32>) {
    let mut a: HashSet<u32> = HashSet::new();
    for x in xs {
        other.insert(*x);
    }
    a.insert(1);
}

struct Cache;
impl Cache {
    fn new() -> Self {
        Cache
    }
    fn insert(&mut self, _: u32) {}
}

fn not_a_map(xs: &[u32]) {
    let mut c = Cache::new();
    for x in xs {
        c.insert(*x);
    }
    let mut v = Vec::new();
    for x in xs {
        v.insert(0, *x);
    }
}

fn untyped_default(xs: &[u32]) -> HashSet<u32> {
    let mut s = Default::default();
    for x in xs {
        HashSet::insert(&mut s, *x);
    }
    s
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    fn helper(xs: &[u32]) {
        let mut a = HashSet::new();
        for x in xs {
            a.insert(*x);
        }
    }

    #[test]
    fn t() {
        helper(&[1]);
    }
}

#[test]
fn a_test() {
    let mut a = HashSet::new();
    for x in [1, 2] {
        a.insert(x);
    }
}

fn suppressed(xs: &[u32]) {
    // maplint: allow(ML002) -- a handful of entries
    let mut a = HashSet::new();
    for x in xs {
        a.insert(*x);
    }
    let mut b = HashSet::new(); // maplint: allow(missing-presize)
    for x in xs {
        b.insert(*x);
    }
}

struct Store;
impl Store {
    fn new() -> Self {
        Store
    }
    fn iter(&self) -> std::slice::Iter<'_, u32> {
        [].iter()
    }
}

fn not_collections(graph: &Store) {
    // A concurrent cache or any other type: its length may be no `len()`.
    let cache = Store::new();
    let mut a = HashSet::new();
    for x in cache.iter() {
        a.insert(*x);
    }
    let mut b = HashSet::new();
    for x in graph.iter() {
        b.insert(*x);
    }
}

struct Worker {
    jobs_rx: Receiver<u32>,
}

fn receivers(w: &Worker) {
    let (_tx, rx) = std::sync::mpsc::channel::<u32>();
    let mut a = HashSet::new();
    for x in rx.iter() {
        a.insert(x);
    }
    let mut b = HashSet::new();
    for x in w.jobs_rx.iter() {
        b.insert(x);
    }
}

type Ids = std::collections::BTreeSet<u32>;
type Names<'a> = std::slice::Iter<'a, String>;

fn aliases_that_are_not_hash_maps(ids: &Ids, names: Names<'_>) {
    // Looked up in the package: an iterator alias.
    let _ = ids;
    let mut b = HashSet::new();
    for n in names {
        b.insert(n);
    }
}

// The loop also extends or removes: its length is not the final size.
fn resized_otherwise(groups: &[Vec<u32>], drop: &[u32]) -> (HashSet<u32>, HashMap<u32, u32>) {
    let mut all = HashSet::new();
    for g in groups {
        all.insert(g.len() as u32);
        all.extend(g.iter().copied());
    }
    let mut kept = HashMap::new();
    for d in drop {
        kept.insert(*d, 0);
        kept.remove(&(*d + 1));
    }
    (all, kept)
}

// Three iterations or fewer: the first allocation holds them.
fn tiny_ranges() -> HashMap<u8, u8> {
    let mut m = HashMap::new();
    for i in 0..3 {
        m.insert(i, i);
    }
    m
}

// A field of unknown type (`Handle` is no collection) iterated by value.
struct Handle;
struct Holder {
    jobs: Handle,
}
impl Holder {
    fn spread(self) -> HashMap<u32, u32> {
        let mut m = HashMap::new();
        for j in self.jobs {
            m.insert(j, j);
        }
        m
    }
}

// The loop may stop early or skip the insert: its length is only an upper bound.
fn filtered(xs: &[u32], wanted: usize) -> (HashMap<u32, u32>, HashSet<u32>, HashMap<u32, u32>) {
    let mut old = HashMap::new();
    'outer: for x in xs {
        let prev = old.insert(*x, 1);
        if prev.is_some() {
            break 'outer;
        }
    }
    let mut odd = HashSet::new();
    for x in xs {
        if x % 2 == 0 {
            continue;
        }
        odd.insert(*x);
    }
    let mut some = HashMap::new();
    for x in xs {
        let Some(v) = x.checked_mul(2) else { continue };
        some.insert(*x, v);
        if some.len() == wanted {
            break;
        }
    }
    (old, odd, some)
}
