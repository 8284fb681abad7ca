//! Word counts of the messages users post.

use std::collections::{HashMap, HashSet};

/// How often each word occurs in a message.
pub fn count_words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word.to_string()).or_insert(0) += 1;
    }
    counts
}

/// Whether a word is too common to count.
pub fn is_stop_word(stop: &HashSet<String>, word: &str) -> bool {
    stop.contains(&word.to_string()) //~ ML005
}
