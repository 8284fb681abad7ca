//! Maps declared in one file and filled in another: the findings are on the declarations,
//! their allocation sites in `fill.rs`.
pub mod fill;
pub mod store;
