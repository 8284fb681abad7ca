//! Every rule runs here: a map that escapes each iteration and is filled by `extend` is
//! neither rebuilt for nothing nor of a known final size.
use std::collections::HashSet;

pub fn closures(parents: &[Vec<u32>], order: &[u32]) -> Vec<HashSet<u32>> {
    let mut out = Vec::with_capacity(order.len());
    for id in order {
        let mut reach = HashSet::new();
        for p in &parents[*id as usize] {
            reach.insert(*p);
            reach.extend(parents[*p as usize].iter().copied());
        }
        out.push(reach);
    }
    out
}
