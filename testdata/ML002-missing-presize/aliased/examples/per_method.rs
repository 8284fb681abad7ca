//! An example routing table: its `Router` alias is the example's own.
use std::collections::HashMap;

type Router = HashMap<u8, Vec<u32>>;

fn main() {
    let mut by_method = Router::new();
    for m in 0..8u8 {
        by_method.insert(m, vec![u32::from(m)]);
    }
    println!("{}", by_method.len());
}
