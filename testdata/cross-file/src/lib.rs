//! Findings that depend on facts from files naming no map type: the prefilter must parse
//! each of these files, found through the package's names of interest.
pub mod access;
pub mod aliases;
pub mod chain;
pub mod consts;
pub mod counter;
pub mod fields;
pub mod forget;
pub mod key_impls;
pub mod keys;
pub mod login;
pub mod lookup;
pub mod maps;
pub mod nodes;
pub mod other_cache;
pub mod plain;
pub mod presize;
pub mod rebuild;
