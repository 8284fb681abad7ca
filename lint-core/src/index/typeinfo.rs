//! Queries about written types, crate-local structs and `Hash`/`PartialEq` impls over the
//! merged type facts of a package.

use super::PackageIndex;

impl PackageIndex<'_> {}
