//! Every rule runs here: a map rebuilt on every iteration of an outer loop and filled by
//! an inner loop of known length gets ML004's finding alone (hoisting it makes pre-sizing
//! moot), and ML002's where it is built once.
use std::collections::{HashMap, HashSet};

fn distinct_per_row(rows: &[Vec<u32>]) -> usize {
    let mut total = 0;
    for row in rows {
        let mut seen = HashSet::new(); //~ ML004
        for x in row {
            seen.insert(*x);
        }
        total += seen.len();
    }
    total
}

fn built_once(row: &[u32]) -> HashMap<u32, usize> {
    let mut at = HashMap::new(); //~ ML002
    for (i, x) in row.iter().enumerate() {
        at.insert(*x, i);
    }
    at
}

// Counting words: the key is usually present, yet every call allocates it.
fn word_counts(lines: &[String]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in lines {
        for w in line.split(' ') {
            let _ = w;
        }
        *counts.entry(line.to_string()).or_insert(0) += 1; //~ ML009
    }
    counts
}
