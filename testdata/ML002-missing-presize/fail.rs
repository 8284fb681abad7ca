//! ML002: maps created empty, then filled by a loop of known length.
use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::BuildHasherDefault;

struct User {
    id: u64,
    name: String,
}

fn slice_param(users: &[User]) -> HashMap<u64, &User> {
    let mut by_id = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(users.len())
    for u in users {
        by_id.insert(u.id, u);
    }
    by_id
}

fn borrowed_forms(users: Vec<User>, mut scores: Vec<u32>, xs: &[u32]) {
    let mut a = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(users.len())
    for u in &users {
        a.insert(u.id, &u.name);
    }
    let mut b = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(scores.len())
    for s in &mut scores {
        b.insert(*s, 0u8);
    }
    let mut c = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(xs.len())
    for x in xs.iter() {
        c.insert(*x);
    }
    let mut d = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(scores.len())
    for s in scores.iter_mut() {
        d.insert(*s);
    }
    let mut e = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(users.len())
    for u in users.into_iter() {
        e.insert(u.id, u);
    }
}

fn map_views(prices: &HashMap<String, u64>, mut queue: Vec<u32>, mut old: HashMap<u32, u32>) {
    let mut names = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(prices.len())
    for k in prices.keys() {
        names.insert(k.clone());
    }
    let mut totals = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(prices.len())
    for v in prices.values() {
        totals.insert(*v);
    }
    let mut drained = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(queue.len())
    for q in queue.drain(..) {
        drained.insert(q);
    }
    let mut moved = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(old.len())
    for (k, v) in old.drain() {
        moved.insert(v, k);
    }
}

fn ranges(n: usize, a: u32, b: u32) {
    let mut squares = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(n)
    for i in 0..n {
        squares.insert(i, i * i);
    }
    let mut span = HashMap::new(); //~ ML002 fix: HashMap::with_capacity((b as usize).saturating_sub(a as usize))
    for i in a..b {
        span.insert(i, ());
    }
    let mut ones = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(n.saturating_sub(1) + 1)
    for i in 1..=n {
        ones.insert(i);
    }
}

fn chains(xs: &[u32], ys: &[u32], names: &[String]) {
    let mut pos = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(xs.len())
    for (i, x) in xs.iter().enumerate() {
        pos.insert(*x, i);
    }
    let mut back = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(xs.len())
    for (i, x) in xs.iter().enumerate().rev() {
        back.insert(*x, i);
    }
    let mut copied = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(xs.len())
    for x in xs.iter().copied() {
        copied.insert(x);
    }
    let mut cloned = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(names.len())
    for n in names.iter().cloned() {
        cloned.insert(n);
    }
    let mut mapped = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(xs.len())
    for x in xs.iter().map(|x| x * 2) {
        mapped.insert(x);
    }
    let mut seen = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(xs.len())
    for x in xs.iter().inspect(|x| println!("{x}")) {
        seen.insert(x);
    }
    let mut pairs = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(xs.len())
    for (x, y) in xs.iter().zip(ys) {
        pairs.insert(x, y);
    }
}

fn declared_types(v: Vec<u32>, arr: [u8; 4], dq: VecDeque<u32>, m: HashMap<u32, u32>) {
    let mut a = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(v.len())
    for x in v {
        a.insert(x);
    }
    let mut b = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(arr.len())
    for x in arr {
        b.insert(x);
    }
    let mut c = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(dq.len())
    for x in dq {
        c.insert(x);
    }
    let mut d = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(m.len())
    for (k, v) in m {
        d.insert(v, k);
    }
}

fn local_initialisers(text: &str) {
    let annotated: Vec<&str> = text.split(',').collect();
    let mut a = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(annotated.len())
    for w in annotated {
        a.insert(w);
    }
    let words = vec!["a", "b"];
    let mut b = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(words.len())
    for w in words {
        b.insert(w);
    }
    let lit = [1, 2, 3];
    let mut c = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(lit.len())
    for x in lit {
        c.insert(x);
    }
    let mut made = Vec::new();
    made.push(1u8);
    let mut d = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(made.len())
    for x in made.into_iter() {
        d.insert(x);
    }
    let collected = text.split(' ').collect::<Vec<_>>();
    let mut e = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(collected.len())
    for w in collected {
        e.insert(w);
    }
}

fn hashers(xs: &[u32], build: std::collections::hash_map::RandomState) {
    let mut a = HashMap::with_hasher(build); //~ ML002 fix: HashMap::with_capacity_and_hasher(xs.len(), build)
    for x in xs {
        a.insert(*x, ());
    }
    let mut b: HashMap<u32, (), BuildHasherDefault<std::collections::hash_map::DefaultHasher>> = Default::default(); //~ ML002 fix: HashMap::with_capacity_and_hasher(xs.len(), Default::default())
    for x in xs {
        b.insert(*x, ());
    }
    let mut c: HashSet<u32> = Default::default(); //~ ML002 fix: HashSet::with_capacity(xs.len())
    for x in xs {
        c.insert(*x);
    }
    let mut d = rustc_hash::FxHashMap::default(); //~ ML002 fix: rustc_hash::FxHashMap::with_capacity_and_hasher(xs.len(), Default::default())
    for x in xs {
        d.insert(*x, ());
    }
    let mut e = HashMap::<u32, String>::new(); //~ ML002 fix: HashMap::<u32, String>::with_capacity(xs.len())
    for x in xs {
        e.insert(*x, String::new());
    }
}

fn generic_hasher<S: std::hash::BuildHasher + Default>(xs: &[u32]) -> HashMap<u32, u8, S> {
    let mut f = std::collections::HashMap::default(); //~ ML002 fix: std::collections::HashMap::with_capacity_and_hasher(xs.len(), Default::default())
    for x in xs {
        f.insert(*x, 1u8);
    }
    f
}

type Map<K, V> = HashMap<K, V>;
use std::collections::HashSet as Seen;

fn aliases(xs: &[u32]) -> (Map<u32, u32>, Seen<u32>) {
    let mut m = Map::new(); //~ ML002 fix: Map::with_capacity(xs.len())
    for x in xs {
        m.insert(*x, *x);
    }
    let mut s = Seen::default(); //~ ML002 fix: Seen::with_capacity_and_hasher(xs.len(), Default::default())
    for x in xs {
        s.insert(*x);
    }
    (m, s)
}

type Prices = HashMap<String, u64>;

fn aliased_iterable(prices: &Prices) -> HashSet<&str> {
    let mut names = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(prices.len())
    for (name, _) in prices.iter() {
        names.insert(name.as_str());
    }
    names
}

fn other_map_types(xs: &[u32]) {
    let mut a = indexmap::IndexMap::new(); //~ ML002 fix: indexmap::IndexMap::with_capacity(xs.len())
    for x in xs {
        a.insert(*x, ());
    }
    let mut b = dashmap::DashMap::new(); //~ ML002 fix: dashmap::DashMap::with_capacity(xs.len())
    for x in xs {
        b.insert(*x, ());
    }
    let mut c = ahash::AHashSet::new(); //~ ML002 fix: ahash::AHashSet::with_capacity(xs.len())
    for x in xs {
        c.insert(*x);
    }
}

fn unconditional_inserts(xs: &[u32]) -> Result<(), String> {
    let mut dup = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(xs.len())
    for x in xs {
        if !dup.insert(*x) {
            return Err(format!("duplicate {x}"));
        }
    }
    let mut blocked = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(xs.len())
    for x in xs {
        {
            blocked.insert(*x, 0);
        }
    }
    Ok(())
}

struct Table {
    rows: Vec<Vec<u32>>,
}

impl Table {
    fn index(&self) -> HashMap<u32, usize> {
        let mut idx = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(self.rows.len())
        for (i, r) in self.rows.iter().enumerate() {
            idx.insert(r[0], i);
        }
        let mut first = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(self.rows[0].len())
        for x in &self.rows[0] {
            first.insert(*x);
        }
        idx
    }
}

fn untyped_locals(load: fn() -> Vec<User>) {
    let users = load();
    let mut names = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(users.len())
    for u in &users {
        names.insert(&u.name);
    }
}

fn declared_after_the_map(load: fn() -> Vec<User>) {
    let mut names = HashSet::new(); //~ ML002 fix: none
    let users = load();
    for u in users.iter() {
        names.insert(&u.name);
    }
}

fn in_closure() {
    let build = |xs: &[u32]| {
        let mut m = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(xs.len())
        for x in xs {
            m.insert(*x);
        }
        m
    };
    let _ = build(&[1]);
}

type Ids = std::collections::BTreeSet<u32>;
type Local<K> = HashMap<K, u32>;

// Looked up in the package: a `BTreeSet` alias has a known length, and both the map and
// the iterated type may be aliases.
fn aliases_known_to_the_package(ids: &Ids, prices: &Prices) -> (HashSet<u32>, Local<u64>) {
    let mut a = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(ids.len())
    for id in ids.iter() {
        a.insert(*id);
    }
    let mut m = Local::new(); //~ ML002 fix: Local::with_capacity(prices.len())
    for (_, p) in prices.iter() {
        m.insert(*p, 0);
    }
    (a, m)
}

struct Batch {
    rows: Vec<(u32, String)>,
    totals: HashMap<String, u64>,
}

impl Batch {
    // Fields of a known collection type, iterated by value.
    fn into_index(self) -> (HashMap<u32, String>, HashMap<String, String>) {
        let mut by_id = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(self.rows.len())
        for (id, name) in self.rows.into_iter() {
            by_id.insert(id, name);
        }
        let mut shown = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(self.totals.len())
        for (k, v) in self.totals {
            shown.insert(k, v.to_string());
        }
        (by_id, shown)
    }
}

fn loaded() -> Vec<u32> {
    vec![1, 2, 3, 4]
}

// A crate-local function's declared result, and a `Drain` parameter.
fn from_calls(pending: std::collections::hash_map::Drain<'_, u32, u32>) -> (HashSet<u32>, HashMap<u32, u32>) {
    let ids = loaded();
    let mut set = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(ids.len())
    for id in ids {
        set.insert(id);
    }
    let mut moved = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(pending.len())
    for (k, v) in pending {
        moved.insert(k, v);
    }
    (set, moved)
}

// The loop written as a call.
fn filled_by_for_each(users: &[User], ids: Vec<u64>) -> (HashSet<&str>, HashMap<u64, u64>) {
    let mut names = HashSet::new(); //~ ML002 fix: HashSet::with_capacity(users.len())
    users.iter().for_each(|u| {
        if !names.insert(u.name.as_str()) {
            println!("duplicate");
        }
    });
    let mut squares: HashMap<u64, u64> = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(ids.len())
    ids.into_iter().for_each(|i| {
        squares.insert(i, i * i);
    });
    (names, squares)
}

// A branch that inserts and then continues still inserts once per iteration.
fn both_branches_insert(ids: &[u32], forced: &HashSet<u32>) -> HashMap<u32, bool> {
    let mut out = HashMap::new(); //~ ML002 fix: HashMap::with_capacity(ids.len())
    for &id in ids {
        if forced.contains(&id) {
            out.insert(id, true);
            continue;
        }
        out.insert(id, id % 2 == 0);
    }
    out
}

// `&cache` iterates whatever `cache` is; its length may not be `len()` (a concurrent cache
// counts with `entry_count()`): the finding stands, the fix is not written.
fn snapshot_keys(entries: Vec<(u64, u64)>) -> HashSet<u64> {
    let cache = moka_like::Cache::builder(entries).build();
    let mut keys = HashSet::new(); //~ ML002 fix: none
    for (k, _) in &cache {
        keys.insert(*k);
    }
    keys
}

mod moka_like {
    pub struct Cache(pub Vec<(u64, u64)>);
    pub struct Builder(Vec<(u64, u64)>);
    impl Cache {
        pub fn builder(entries: Vec<(u64, u64)>) -> Builder {
            Builder(entries)
        }
    }
    impl Builder {
        pub fn build(self) -> Cache {
            Cache(self.0)
        }
    }
    impl<'a> IntoIterator for &'a Cache {
        type Item = &'a (u64, u64);
        type IntoIter = std::slice::Iter<'a, (u64, u64)>;
        fn into_iter(self) -> Self::IntoIter {
            self.0.iter()
        }
    }
}
