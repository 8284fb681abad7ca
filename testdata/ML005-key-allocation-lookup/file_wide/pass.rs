//! ML005: a file-wide suppression.
// maplint: allow-file(ML005, ML002)
use std::collections::HashMap;

fn lookups(prices: &HashMap<String, u64>, name: &str) {
    let _ = prices.get(&name.to_string());
}
