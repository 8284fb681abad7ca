//! A module named `testutils`, declared without a `cfg`: test code, and so is every
//! module below it.
mod builders;
