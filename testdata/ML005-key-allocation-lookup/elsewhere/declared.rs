//! Declarations the lookups of `uses.rs` read: no map type is named here.
pub struct Blocklist {
    pub words: Vec<String>,
    pub owner: Registry,
}

pub struct Registry;

impl Registry {
    pub fn names(&self) -> &[String] {
        &[]
    }
}

pub fn reserved() -> Vec<String> {
    Vec::new()
}
