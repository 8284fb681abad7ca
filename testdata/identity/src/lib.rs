//! Items are known by module path and name: a name imported from another crate is never
//! the crate's own item, and two items of one name in two modules are two items.
mod caches;
mod keys;
pub mod engine;
mod pool;
mod settings;
mod shards;
