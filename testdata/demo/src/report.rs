//! The daily report.

use std::collections::{HashMap, HashSet};

/// The number of distinct words each user posted today.
pub fn messages_per_user(users: &[u64], counts: &HashMap<String, usize>) -> HashMap<u64, usize> {
    let mut per_user = HashMap::new(); //~ ML002
    for user in users {
        per_user.insert(*user, counts.len());
    }
    per_user
}

/// The number of distinct letters of each line.
pub fn distinct_letters(lines: &[&str]) -> Vec<usize> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut seen = HashSet::new(); //~ ML004
        for c in line.chars().filter(|c| c.is_alphabetic()) {
            seen.insert(c);
        }
        out.push(seen.len());
    }
    out
}
