//! An alias of an alias: found in the second round, its users in the third.
pub type Names = crate::aliases::Registry;
