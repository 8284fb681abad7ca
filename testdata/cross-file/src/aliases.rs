//! Aliases and renames of map types, used by name in other files.
pub type Registry = std::collections::HashMap<u32, String>;
pub use std::collections::HashSet as Seen;
