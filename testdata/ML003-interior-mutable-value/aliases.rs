//! Aliases used by fail.rs and pass.rs: generic, chained, and one that is itself a
//! finding.
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Mutex;

pub type Shared<T> = Rc<RefCell<T>>;
pub type ById<V> = HashMap<u64, V>;
pub type Chain<V> = ById<V>;
pub type Registry = ById<Shared<super::Node>>; //~ ML003
pub type SharedRegistry = Registry;
pub type Table = HashMap<u64, Mutex<super::Node>>;
pub type Result<T> = std::result::Result<T, String>;
