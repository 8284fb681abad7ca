//! ML003: `Mutex` here is tokio's, through a plain import and through an alias: the
//! lock is held across `.await`, so each entry needs its own.
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Mutex;

pub type Channel = Arc<Mutex<Vec<u8>>>;

pub struct Router {
    channels: HashMap<u32, Arc<Mutex<Vec<u8>>>>,
    aliased: std::sync::Mutex<HashMap<u32, Channel>>,
    under_std: std::sync::Mutex<HashMap<u32, Mutex<u8>>>,
}
