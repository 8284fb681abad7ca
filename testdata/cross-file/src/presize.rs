//! A map alias filled in a loop: the alias is resolved in another file.
use crate::aliases::Registry;

pub fn index(names: &[String]) -> Registry {
    let mut by_id = Registry::new(); //~ ML002
    for (i, n) in names.iter().enumerate() {
        by_id.insert(i as u32, n.clone());
    }
    by_id
}
