//! ML005: lookups that do not allocate, and allocations that are not lookups.
use std::collections::HashMap;

fn borrowed(prices: &HashMap<String, u64>, name: &str, owned: String) {
    let _ = prices.get(name);
    let _ = prices.get(&owned);
    let _ = prices.get(owned.as_str());
    let _ = prices.contains_key(&*owned);
}

fn owned_insert(prices: &mut HashMap<String, u64>, name: &str) {
    prices.insert(name.to_string(), 1);
    prices.entry(name.to_owned()).or_insert(0);
    let key = name.to_string();
    let _ = prices.get(&key);
}

fn other_methods(v: &mut Vec<String>, name: &str) {
    v.push(name.to_string());
    let _ = v.get(0);
    let _ = v.remove(0);
    let _ = v.iter().any(|s| s == name);
}

fn not_the_first_argument(m: &HashMap<u32, u32>, name: &str) {
    let _ = m.get(&1).map(|_| name.to_string());
}

#[cfg(test)]
mod tests {
    #[test]
    fn allocations_in_tests_are_not_reported() {
        let m: std::collections::HashMap<String, u8> = Default::default();
        let _ = m.get(&"a".to_string());
    }
}

// maplint: allow(ML005) -- the key is built once at start-up
fn suppressed_above(m: &HashMap<String, u8>) -> Option<&u8> { m.get(&"x".to_string()) }

fn suppressed_inline(m: &HashMap<String, u8>) -> Option<&u8> {
    m.get(&"x".to_string()) // maplint: allow(key-allocation-lookup)
}

fn suppressed_statement(m: &HashMap<String, u8>) {
    // maplint: allow(ML005)
    let _ = m.get(&"x".to_string());
}
