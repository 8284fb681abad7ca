//! Sizes and aliases used by fail.rs and pass.rs.
use std::collections::HashMap;

pub const PAGE: usize = 4096;
pub const SMALL: usize = 8;
pub type Block = [u8; 1024];
pub type BlockMap = HashMap<u64, Block>; //~ ML008
