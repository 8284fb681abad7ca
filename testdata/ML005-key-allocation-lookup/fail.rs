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
    let _ = names.contains(&"guest".to_owned()); //~ ML005
    let _ = id;
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

fn in_a_loop(m: &HashMap<String, u8>, keys: &[&str]) -> usize {
    let mut n = 0;
    for k in keys {
        n += usize::from(m.contains_key(&k.to_string())); //~ ML005
    }
    keys.iter().for_each(|k| n += usize::from(m.contains_key(&k.to_string()))); //~ ML005
    n
}

struct Sessions {
    by_pair: HashMap<(String, String), u32>,
    by_name: std::collections::BTreeMap<String, u32>,
    banned: Vec<String>,
}

impl Sessions {
    fn by_parts(&self, host: &str, user: &str) -> Option<u32> {
        self.by_pair.get(&(host.to_string(), user.to_owned())).copied() //~ ML005
    }

    fn by_formatted(&self, host: &str, user: &str) -> Option<u32> {
        let label = format!("{host}/{user}"); //~ ML005
        self.by_name.get(&label).copied()
    }

    fn is_banned(&self, raw: &str) -> bool {
        let who = raw.trim().to_lowercase().to_string(); //~ ML005
        who.is_empty() || who == "root" || self.banned.contains(&who)
    }

    fn lookup_each(&self, pairs: &[(String, u32)]) -> usize {
        let mut hits = 0;
        for (name, _) in pairs {
            if let Some(v) = self.by_name.get(&name.to_owned()) { //~ ML005
                hits += *v as usize;
            }
        }
        hits
    }
}

fn optional_text(m: &HashMap<String, u8>, label: Option<&str>) -> Option<u8> {
    if let Some(l) = label {
        return m.get(&l.to_string()).copied(); //~ ML005
    }
    None
}

fn key_bound_first(prices: &HashMap<String, u64>, name: &str) -> Option<u64> {
    let key = name.to_string(); //~ ML005
    prices.get(&key).copied()
}
