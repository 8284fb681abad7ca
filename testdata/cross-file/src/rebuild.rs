//! A map rebuilt in a loop through a chain of aliases.
use crate::chain::Names;

pub fn per_batch(batches: &[Vec<u32>]) -> usize {
    let mut total = 0;
    for b in batches {
        let mut seen = Names::new(); //~ ML004
        for x in b {
            seen.insert(*x, String::new());
        }
        total += seen.len();
    }
    total
}
