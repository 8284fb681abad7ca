//! Lookups on receivers whose types are declared in another file of the package.
use super::declared::{reserved, Blocklist};

impl Blocklist {
    pub fn blocks(&self, raw: &str) -> bool {
        self.words.contains(&raw.to_string()) //~ ML005
    }

    pub fn owned_by(&self, raw: &str) -> bool {
        self.owner.names().contains(&raw.to_owned()) //~ ML005
    }
}

pub fn is_reserved(raw: &str) -> bool {
    let all = reserved();
    all.contains(&raw.trim().to_string()) //~ ML005
}
