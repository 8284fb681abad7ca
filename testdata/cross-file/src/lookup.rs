//! A lookup with an allocated key, in a file naming no map.
pub fn known(names: &[String], name: &str) -> bool {
    names.contains(&name.to_string()) //~ ML005
}
