//! ML004: maps built anew on every iteration, in every kind of loop body.
use std::collections::{HashMap, HashSet};

use dashmap::DashMap;
use indexmap::IndexMap;
use rustc_hash::{FxHashMap, FxHashSet};

fn report<T>(_: &T) {}

fn for_loop(lines: &[&str]) {
    for line in lines {
        let mut counts = HashMap::new(); //~ ML004
        for word in line.split_whitespace() {
            *counts.entry(word).or_insert(0) += 1;
        }
        report(&counts);
    }
}

fn while_loop(mut n: u32) {
    while n > 0 {
        let mut seen = HashSet::with_capacity(16); //~ ML004
        seen.insert(n);
        n -= 1;
    }
}

fn while_let(stack: &mut Vec<u32>) {
    while let Some(top) = stack.pop() {
        let mut m: FxHashMap<u32, u32> = Default::default(); //~ ML004
        m.insert(top, top);
        if m.len() > 3 {
            println!("{:?}", m);
        }
    }
}

fn plain_loop(rx: &std::sync::mpsc::Receiver<u32>) {
    loop {
        let mut batch = FxHashSet::default(); //~ ML004
        let Ok(x) = rx.recv() else { break };
        batch.insert(x);
        assert!(!batch.is_empty());
    }
}

fn for_each_closures(xs: &[u32]) -> Result<(), ()> {
    xs.iter().for_each(|x| {
        let mut m = IndexMap::new(); //~ ML004
        m.insert(*x, 1);
    });
    xs.iter().try_for_each(|x| {
        let m: HashMap<u32, u32> = std::iter::once((*x, 1)).collect(); //~ ML004
        if m.contains_key(&0) { Err(()) } else { Ok(()) }
    })?;
    xs.iter().for_each(|x| match x {
        0 => {}
        _ => {
            let mut m = HashSet::<u32>::new(); //~ ML004
            m.insert(*x);
            report(&m);
        }
    });
    Ok(())
}

fn nested_blocks(xs: &[u32]) {
    for x in xs {
        if *x > 2 {
            let mut m = HashMap::new(); //~ ML004
            m.insert(x, x);
        }
        {
            let m: HashSet<u32> = xs.iter().copied().collect(); //~ ML004
            report(&m);
        }
        for y in xs {
            let mut m = std::collections::HashMap::<u32, u32>::new(); //~ ML004
            m.insert(*y, *x);
            report(&(m.len() + *y as usize));
        }
    }
}

fn every_constructor(xs: &[(u32, u32)], s: std::collections::hash_map::RandomState) {
    for _ in 0..10 {
        let mut a: HashMap<u32, u32> = HashMap::new(); //~ ML004
        let mut b = HashMap::<u32, u32>::default(); //~ ML004
        let c = HashMap::<u32, u32>::with_capacity(xs.len()); //~ ML004
        let mut d: HashMap<u32, u32> = HashMap::with_hasher(s.clone()); //~ ML004
        let e: HashMap<u32, u32> = HashMap::with_capacity_and_hasher(4, s.clone()); //~ ML004
        let f = HashMap::from([(1u32, 2u32)]); //~ ML004
        let g = xs.iter().copied().collect::<HashMap<u32, u32>>(); //~ ML004
        let h: HashMap<u32, u32> = xs.iter().copied().collect(); //~ ML004
        let i = DashMap::<u32, u32>::new(); //~ ML004
        (a.insert(1, 1), b.insert(1, 1), d.insert(1, 1), i.insert(1, 1));
        report(&(a, b, c, d, e, f, g, h, i));
    }
}

fn consumed_in_the_iteration(xs: &[u32], out: &mut Vec<(u32, u32)>) {
    for x in xs {
        let mut m = HashMap::new(); //~ ML004
        m.insert(*x, 1);
        for (k, v) in &m {
            report(&(k, v));
        }
        for (k, v) in m {
            out.push((k, v));
        }
    }
    for x in xs {
        let mut m = HashMap::new(); //~ ML004
        m.insert(*x, *x);
        out.extend(m.into_iter());
        let copy = m.clone();
        report(&copy);
    }
    for x in xs {
        let mut m: HashMap<u32, u32> = HashMap::new(); //~ ML004
        m.extend([(*x, 1)]);
        let n = m.len() + *x as usize;
        report(&n);
        let m = vec![n];
        out.push((m[0] as u32, 0));
    }
}

fn reassigned(xs: &[u32]) {
    let mut m = HashMap::new();
    for x in xs {
        m = HashMap::new(); //~ ML004
        m.insert(*x, 1);
        report(&m);
    }
    let mut s: FxHashSet<u32> = FxHashSet::default();
    let mut total = 0;
    while total < 10 {
        if s.len() > 3 {
            total += s.len();
            s = Default::default(); //~ ML004
        }
        s.insert(total as u32);
        total += 1;
    }
    let mut acc = HashMap::with_capacity(8);
    xs.iter().for_each(|x| {
        acc = HashMap::with_capacity(8); //~ ML004
        acc.insert(*x, 0);
    });
    report(&acc);
}

fn outer_reassigned(xs: &[u32]) -> HashMap<u32, u32> {
    let mut best = HashMap::new();
    for x in xs {
        for y in xs {
            best = HashMap::new(); //~ ML004
            best.insert(*x, *y);
        }
    }
    best
}

fn one_line(xs: &[u32]) {
    for x in xs { let mut m: HashMap<u32, u32> = HashMap::new(); m.insert(*x, 0); report(&(m, x)); } //~ ML004
}

fn reassigned_with_annotation_in_scope(xs: &[u32]) {
    {
        let m: std::collections::BTreeMap<u32, u32> = Default::default();
        report(&m);
    }
    let mut m: FxHashMap<u32, u32> = FxHashMap::default();
    'outer: while let Some(x) = xs.first() {
        m = Default::default(); //~ ML004
        m.insert(*x, 1);
        if m.len() > 2 {
            continue 'outer;
        }
        break;
    }
    report(&m);
}

async fn awaited(xs: &[u32]) {
    for x in xs {
        let mut m = HashMap::new(); //~ ML004
        m.insert(*x, 1);
        lookup(&m).await;
    }
}

async fn lookup(_: &HashMap<u32, u32>) {}

fn fill_into(scratch: &mut HashMap<u32, u32>, x: u32) {
    scratch.insert(x, x);
}

fn temporary_lent_to_a_callee(xs: &[u32]) {
    for x in xs {
        fill_into(&mut HashMap::new(), *x); //~ ML004
    }
}

fn grown_through_a_loan(xs: &[u32]) {
    for x in xs {
        let mut seen = HashSet::new(); //~ ML004
        collect_into(&mut seen, *x);
        report(&seen);
    }
}

fn collect_into(into: &mut HashSet<u32>, x: u32) {
    into.insert(x);
}

fn extended_from_a_per_iteration_map(rows: &[Vec<(u32, u32)>]) {
    for row in rows {
        let mut open = HashMap::new(); //~ ML004
        for r in row {
            let mut step = HashMap::new(); //~ ML004
            step.insert(r.0, r.1);
            open.extend(&step);
        }
        report(&open);
    }
}

pub struct Route {
    pub id: u64,
}

// Collected from data of the iteration, but into owned values: it can be hoisted.
fn collected_owned(tables: Vec<Vec<Route>>) {
    for routes in tables {
        let ids: HashSet<u64> = routes.iter().map(|r| r.id).collect(); //~ ML004
        report(&ids);
        let again: HashSet<_> = routes.iter().map(|r| r.id).collect(); //~ ML004
        report(&again);
    }
}
