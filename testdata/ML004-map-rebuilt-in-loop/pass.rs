//! ML004: maps built in loops that must be new each time, or are not hash maps.
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::mpsc::Sender;

macro_rules! my_push {
    ($v:expr, $x:expr) => {
        $v.push($x)
    };
}

struct Group {
    members: HashSet<u32>,
}

fn consume<T>(_: T) {}
fn report<T>(_: &T) {}

fn returned(xs: &[u32]) -> Option<HashMap<u32, u32>> {
    for x in xs {
        let mut m = HashMap::new();
        m.insert(*x, 1);
        if m.len() > 1 {
            return Some(m);
        }
    }
    loop {
        let m = HashMap::new();
        if xs.is_empty() {
            return Some(m);
        }
    }
}

fn broken_with(xs: &[u32]) -> HashMap<u32, u32> {
    loop {
        let mut m = HashMap::new();
        m.insert(xs[0], 0);
        break m;
    }
}

fn pushed(xs: &[u32], out: &mut Vec<HashMap<u32, u32>>, tx: &Sender<HashSet<u32>>) {
    for x in xs {
        let mut m = HashMap::new();
        m.insert(*x, 1);
        out.push(m);
    }
    for x in xs {
        let mut s = HashSet::new();
        s.insert(*x);
        tx.send(s).unwrap();
    }
    for _ in xs {
        let m: HashMap<u32, u32> = HashMap::new();
        consume(m);
    }
}

fn stored(xs: &[u32]) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut all: HashMap<u32, HashSet<u32>> = HashMap::new();
    let mut pairs = Vec::new();
    for x in xs {
        let members = HashSet::from([*x]);
        groups.push(Group { members });
        let t = HashSet::from([*x]);
        pairs.push((x, t));
        let a: HashSet<u32> = HashSet::new();
        let arr = [a];
        report(&arr);
        let v = HashSet::<u32>::new();
        let list = vec![v];
        report(&list);
        let inner = HashSet::new();
        all.insert(*x, inner);
    }
    groups
}

fn assigned_elsewhere(xs: &[u32]) -> HashMap<u32, u32> {
    let mut keep = HashMap::new();
    let mut slots = vec![HashMap::new()];
    for x in xs {
        let mut m = HashMap::new();
        m.insert(*x, 1);
        keep = m;
        let n: HashMap<u32, u32> = HashMap::new();
        slots[0] = n;
        let o: HashMap<u32, u32> = HashMap::new();
        let alias = o;
        report(&alias);
    }
    keep
}

fn moved_into_closure(xs: &[u32]) {
    for x in xs {
        let mut m = HashMap::new();
        m.insert(*x, 1);
        std::thread::spawn(move || m.len());
    }
}

fn taken(xs: &[u32], out: &mut Vec<HashMap<u32, u32>>) {
    for x in xs {
        let mut m = HashMap::new();
        m.insert(*x, 1);
        out.push(std::mem::take(&mut m));
    }
}

fn block_value(xs: &[u32]) -> Vec<HashMap<u32, u32>> {
    let mut out = Vec::new();
    for x in xs {
        let m = {
            let mut m = HashMap::new();
            m.insert(*x, 1);
            m
        };
        out.push(m);
    }
    out
}

fn ordered(xs: &[u32]) {
    let mut b = BTreeMap::new();
    for x in xs {
        let mut m = BTreeMap::new();
        m.insert(*x, 1);
        let s: BTreeSet<u32> = xs.iter().copied().collect();
        report(&(m, s));
        b = BTreeMap::new();
        b.insert(*x, 0);
    }
    report(&b);
}

fn not_in_a_loop(xs: &[u32]) {
    let mut m = HashMap::new();
    for x in xs {
        m.insert(*x, 1);
    }
    m.clear();
}

fn new_scope_inside_the_loop(xs: &[u32]) {
    for x in xs {
        let build = |y: u32| {
            let mut m = HashMap::new();
            m.insert(y, 1);
            m.len()
        };
        report(&build(*x));
        fn helper() -> usize {
            let m: HashMap<u32, u32> = HashMap::new();
            m.len()
        }
        report(&helper());
        let _ = xs.iter().map(|y| {
            let s: HashSet<u32> = HashSet::new();
            s.len() + *y as usize
        });
    }
}

fn reassigned_after_a_move(xs: &[u32], out: &mut Vec<HashMap<u32, u32>>) {
    let mut cur = HashMap::new();
    for x in xs {
        cur.insert(*x, 1);
        if cur.len() > 10 {
            out.push(cur);
            cur = HashMap::new();
        }
    }
    let mut batch = HashMap::new();
    for x in xs {
        for y in xs {
            batch = HashMap::new();
            batch.insert(*x, *y);
        }
        out.push(batch);
    }
}

fn declared_in_the_loop(xs: &[u32]) {
    for x in xs {
        let mut m;
        m = HashMap::new();
        m.insert(*x, 1);
        report(&m);
    }
}

fn not_a_map(xs: &[u32]) {
    for x in xs {
        let mut v = Vec::new();
        v.push(*x);
        let s = String::new();
        let d: Vec<u32> = Default::default();
        report(&(v, s, d));
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    #[test]
    fn rebuilt_in_a_test() {
        for x in 0..3 {
            let mut m = HashMap::new();
            m.insert(x, x);
        }
    }
}

fn suppressed(xs: &[u32]) {
    for x in xs {
        // maplint: allow(ML004) -- runs twice at start-up
        let mut m = HashMap::new();
        m.insert(*x, 1);
        let s: HashSet<u32> = HashSet::new(); // maplint: allow(map-rebuilt-in-loop)
        report(&s);
    }
}

fn converted(xs: &[u32], out: &mut Vec<std::sync::Arc<HashMap<u32, u32>>>) {
    for x in xs {
        let mut m = HashMap::new();
        m.insert(*x, 1);
        out.push(m.into());
    }
}

fn moved_by_a_macro(xs: &[u32]) -> Vec<HashSet<u32>> {
    let mut out = Vec::new();
    for x in xs {
        let s = HashSet::from([*x]);
        my_push!(out, s);
    }
    out
}

fn reassigned_but_declared_in_the_loop(maps: Vec<HashMap<u32, u32>>, opts: Vec<Option<HashMap<u32, u32>>>) {
    for mut m in maps {
        report(&m);
        m = HashMap::new();
        report(&m);
    }
    let mut m: HashMap<u32, u32> = HashMap::new();
    for o in opts {
        if let Some(mut m) = o {
            m = HashMap::new();
            report(&m);
        }
    }
    m.clear();
}

fn reassigned_ordered(xs: &[u32]) {
    let mut t: BTreeMap<u32, u32> = BTreeMap::new();
    for x in xs {
        t = Default::default();
        t.insert(*x, 1);
    }
    report(&t);
}

fn reassigned_from_a_call(xs: &[u32]) {
    let mut m: HashMap<u32, u32> = HashMap::new();
    for x in xs {
        m = build(*x);
        report(&m);
    }
}

fn build(x: u32) -> HashMap<u32, u32> {
    HashMap::from([(x, x)])
}

async fn spawned(xs: &[u32]) {
    for x in xs {
        let mut m = HashMap::new();
        m.insert(*x, 1);
        let _task = async move { m.len() };
    }
}

fn accepts(_: u32, _: &HashSet<u32>) -> bool {
    true
}

// Built empty and never filled: `HashMap::new()` allocates nothing.
fn empty_fallbacks(ids: &[u32], tables: &HashMap<u32, HashMap<u32, u32>>) -> usize {
    let mut total = 0;
    for id in ids {
        let none = HashSet::new();
        if accepts(*id, &none) {
            total += 1;
        }
        let blank = HashMap::new();
        total += tables.get(id).unwrap_or(&blank).len();
    }
    total
}

// Built in a block that leaves the loop: it runs once.
fn built_before_leaving(ids: &[u32]) -> Option<HashMap<u32, u32>> {
    for id in ids {
        if *id == 0 {
            let mut found = HashMap::with_capacity(4);
            found.insert(*id, 1);
            report(&found);
            break;
        }
    }
    None
}

// Borrows of data that lives for one iteration only: hoisting does not borrow-check.
fn borrowing_per_iteration(batches: Vec<HashMap<u32, String>>, out: &mut Vec<HashMap<u32, String>>) {
    for batch in batches {
        let distinct: HashSet<&String> = batch.values().collect();
        report(&distinct.len());
        out.push(batch);
    }
    for line in std::io::stdin().lines().map_while(Result::ok) {
        let owned = line.to_uppercase();
        let mut words = HashSet::new();
        words.insert(owned.as_str());
        report(&words.len());
    }
}

pub struct Column {
    pub name: String,
}

// Collected from data of the iteration by reference: hoisting does not borrow-check.
fn collected_borrows(tables: Vec<Vec<Column>>, fetch: impl Fn(u32) -> Vec<u32>) {
    for columns in tables {
        let names: HashSet<_> = columns.iter().map(|c| &c.name).collect();
        report(&names);
        let idx = fetch(1);
        let set = idx.iter().collect::<HashSet<_>>();
        report(&set);
        let by_name = HashMap::<_, _>::from_iter(columns.iter().enumerate().map(|(i, c)| (&c.name, i)));
        report(&by_name);
        let index: HashMap<u32, &Column> = idx.iter().copied().zip(columns.iter()).collect();
        let keys = index.iter().map(|kv| (kv.0, kv.1.name.len())).collect::<HashSet<_>>();
        report(&keys);
    }
}

// Values declared as references in the iteration.
fn declared_references(docs: Vec<Vec<u8>>) {
    for doc in docs {
        let mut fields = HashMap::new();
        for (i, b) in doc.iter().enumerate() {
            let v: &u8 = b;
            fields.insert(i, v);
        }
        report(&fields);
    }
}

// An async block runs later, on its own: not part of the loop body.
fn spawned_tasks(ids: &[u32]) {
    for id in ids {
        let id = *id;
        let _task = async move {
            let mut seen = HashSet::new();
            seen.insert(id);
            seen.len()
        };
    }
}
