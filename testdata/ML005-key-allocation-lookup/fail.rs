//! ML005: every allocating form of a lookup key.
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

fn lookups(prices: &HashMap<String, u64>, names: &HashSet<String>, name: &str, id: u32) {
    let _ = prices.get(&name.to_string()); //~ ML005
    let _ = prices.get(&name.to_owned()); //~ ML005
    let _ = prices.get(&String::from(name)); //~ ML005
    let _ = prices.get(&format!("user:{id}")); //~ ML005
    let _ = prices.contains_key(name.to_string().as_str()); //~ ML005
    let _ = prices.get(&*name.to_string()); //~ ML005
    let _ = prices.get(name.to_owned().as_ref()); //~ ML005
    let _ = names.contains(&id.to_string()); //~ ML005
    let _ = (&(name.to_string())).len();
}

fn mutations(prices: &mut HashMap<String, u64>, bytes: &mut HashMap<Vec<u8>, u8>, key: &[u8], c: Cow<'_, str>) {
    if let Some(p) = prices.get_mut(&c.clone().into_owned()) { //~ ML005
        *p += 1;
    }
    prices.remove(&std::string::String::from("x")); //~ ML005
    prices.remove_entry(&format!("{}", 1)); //~ ML005
    let _ = bytes.get_key_value(&key.to_vec()); //~ ML005
    bytes.remove(
        &key.to_vec(), //~ ML005
    );
}

struct Index {
    map: indexmap::IndexMap<String, u32>,
}

impl Index {
    fn take(&mut self, k: &str) -> Option<u32> {
        let _ = self.map.get_index_of(&k.to_string()); //~ ML005
        self.map.swap_remove(&k.to_string()); //~ ML005
        self.map.shift_remove(&(k.to_string())) //~ ML005
    }
}

fn in_closure(m: &HashMap<String, u8>, keys: &[&str]) -> usize {
    keys.iter().filter(|k| m.contains_key(&k.to_string())).count() //~ ML005
}
