//! ML008: large inline arrays as map values and set elements.
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::consts::{Block, BlockMap, PAGE};

pub struct Cache {
    pages: HashMap<u64, [u8; 4096]>, //~ ML008
    by_const: BTreeMap<u64, [u8; PAGE]>, //~ ML008
    at_boundary: HashMap<u32, [f64; 32]>, //~ ML008
    set: HashSet<[u8; 256]>, //~ ML008
    nested: HashMap<u32, [[u32; 8]; 8]>, //~ ML008
    qualified: HashMap<u32, [std::primitive::u16; 128]>, //~ ML008
    aliased: HashMap<u32, Block>, //~ ML008
    from_alias: BlockMap,
    in_option: Option<indexmap::IndexMap<u32, [char; 64]>>, //~ ML008
}

pub fn snapshot() -> rustc_hash::FxHashMap<u32, [u64; 64]> { //~ ML008
    let mut m: HashMap<u32, [u8; 300]> = HashMap::new(); //~ ML008
    let n = HashMap::<u32, [i128; 16]>::new(); //~ ML008
    m.clear();
    let _ = n;
    Default::default()
}
