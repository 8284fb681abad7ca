//! ML009: `entry` calls that must own their key, or whose key has no borrowed form.
use std::collections::HashMap;

// Insert-if-absent, once: the key is usually new.
fn register(m: &mut HashMap<String, u32>, name: &str) {
    m.entry(name.to_string()).or_insert(0);
}

// An id's text has no borrowed form to look up with; a formatted key neither.
fn by_number(m: &mut HashMap<String, u32>, ids: &[u64]) {
    for id in ids {
        *m.entry(id.to_string()).or_insert(0) += 1;
        *m.entry(format!("id:{id}")).or_insert(0) += 1;
    }
}

// Already owned: moving the key allocates nothing.
fn owned(m: &mut HashMap<String, u32>, names: Vec<String>) {
    for n in names {
        *m.entry(n).or_insert(0) += 1;
    }
}

// A receiver whose type nothing declares.
fn unknown(store: &mut Store, name: &str) {
    store.entry(name.to_string()).or_insert(0);
    *store.entry(name.to_string()).or_insert(0) += 1;
}

pub struct Store;
impl Store {
    fn entry(&mut self, _: String) -> &mut Self {
        self
    }
    fn or_insert(&mut self, _: u32) -> &mut u32 {
        unimplemented!()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counting_in_tests() {
        let mut m = std::collections::HashMap::new();
        for w in ["a", "b"] {
            *m.entry(w.to_string()).or_insert(0) += 1;
        }
    }
}

fn suppressed(m: &mut HashMap<String, u32>, names: &[&str]) {
    for n in names {
        // maplint: allow(ML009) -- names are new on every call
        *m.entry(n.to_string()).or_insert(0) += 1;
    }
}

// The value is only read: nothing aggregates.
fn read_only(m: &mut HashMap<String, Vec<u32>>, name: &str) -> usize {
    let v = m.entry(name.to_string()).or_default();
    v.len()
}
