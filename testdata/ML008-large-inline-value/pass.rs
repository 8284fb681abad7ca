//! ML008: values below the size threshold, boxed or heap-backed values, arrays whose size
//! is not known, keys, and positions that are not examined.
use std::collections::{HashMap, HashSet};

use crate::consts::SMALL;

const DOUBLE: usize = 2 * 1024;

pub struct Fine {
    below: HashMap<u64, [u8; 255]>,
    floats_below: HashMap<u32, [f64; 31]>,
    small_const: HashMap<u32, [u64; SMALL]>,
    boxed: HashMap<u64, Box<[u8; 4096]>>,
    vec: HashMap<u64, Vec<u8>>,
    key_only: HashMap<[u8; 4096], u8>,
    expression: HashMap<u64, [u8; 2 * 1024]>,
    expression_const: HashMap<u64, [u8; DOUBLE]>,
    foreign_const: HashMap<u64, [u8; other_crate::SIZE]>,
    not_primitive: HashMap<u64, [String; 64]>,
    in_tuple: HashMap<u64, ([u8; 4096], u8)>,
    behind_ref: Option<&'static HashMap<u64, [u8; 4096]>>,
    small_set: HashSet<[u8; 32]>,
}

pub fn take(m: HashMap<u64, [u8; 4096]>) -> usize {
    m.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big() {
        let m: HashMap<u64, [u8; 4096]> = HashMap::new();
        let _ = m;
    }
}
