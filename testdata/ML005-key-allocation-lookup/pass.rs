//! ML005: lookups that do not allocate, and allocations that are not lookups.
use std::collections::{HashMap, HashSet};

fn borrowed(prices: &HashMap<String, u64>, name: &str, owned: String) {
    let _ = prices.get(name);
    let _ = prices.get(&owned);
    let _ = prices.get(owned.as_str());
    let _ = prices.contains_key(&*owned);
}

fn owned_insert(prices: &mut HashMap<String, u64>, name: &str) {
    prices.insert(name.to_string(), 1);
    prices.entry(name.to_owned()).or_insert(0);
    // The key is looked up, then moved into the map: it is needed either way.
    let key = name.to_string();
    if !prices.contains_key(&key) {
        prices.insert(key, 0);
    }
}

pub struct ApiClient {
    base: String,
}

impl ApiClient {
    pub fn get(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

// Receivers that are not maps: an HTTP client's `get`, a substring search.
fn not_maps(client: &ApiClient, haystack: &str, page: u32, ids: &HashSet<String>, n: u64) {
    let _ = client.get(&format!("/pages/{page}"));
    let _ = haystack.contains(&format!("<{page}>"));
    let _ = haystack.contains(&page.to_string());
    // A number's text has no borrowed form to look up with.
    let _ = ids.contains(&n.to_string());
}

// A receiver whose type nothing declares is not reported.
fn unknown_receivers(keys: &[&str], m: &HashMap<String, u8>) -> usize {
    keys.iter().filter(|k| m.contains_key(k.to_owned().to_owned())).count()
        + keys.iter().map(|k| lookup_anything().get(&k.to_string()).is_some() as usize).sum::<usize>()
}

fn lookup_anything() -> impl std::any::Any {}

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
