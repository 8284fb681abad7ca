//! ML003: per-entry heap cells and per-entry locks that cannot be contended.
use std::cell::{Cell, RefCell, UnsafeCell};
use std::collections::HashMap as Map;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::rc::Rc as SharedPtr;
use std::sync::{Arc, LazyLock, Mutex, RwLock};

use crate::aliases::{ById, Chain, Registry, Shared, SharedRegistry, Table};

pub struct Node {
    pub id: u32,
}

pub struct Session {
    pub hits: Mutex<u32>,
}

pub struct Graph {
    nodes: HashMap<u32, Rc<RefCell<Node>>>, //~ ML003
    cells: BTreeMap<u32, Box<Cell<u64>>>, //~ ML003
    raw: HashMap<u32, Rc<UnsafeCell<u8>>>, //~ ML003
    shared: Arc<Mutex<HashMap<String, Arc<Mutex<Node>>>>>, //~ ML003
    renamed: Map<u32, Arc<RwLock<Node>>>, //~ ML003
    renamed_wrapper: HashMap<u32, SharedPtr<Cell<u8>>>, //~ ML003
    qualified: HashMap<u32, std::sync::Arc<parking_lot::Mutex<Node>>>, //~ ML003
    nested: Vec<indexmap::IndexMap<u32, Rc<RefCell<Node>>>>, //~ ML003
    sessions: dashmap::DashMap<u64, Arc<Session>>, //~ ML003
    generic: ById<Shared<Node>>, //~ ML003
    chained: Chain<Rc<RefCell<Node>>>, //~ ML003
    registry: Registry,
    shared_registry: SharedRegistry,
    multi_line: HashMap<
        u32,
        Rc<RefCell<Node>>, //~ ML003
    >,
}

pub enum Slot {
    Free,
    Taken(HashMap<u32, Rc<Cell<bool>>>), //~ ML003
}

// The outer lock already serialises every access.
static BY_NAME: LazyLock<Mutex<HashMap<String, Mutex<Node>>>> = LazyLock::new(Default::default); //~ ML003
static TABLE: Mutex<Table> = Mutex::new(Table::new()); //~ ML003
static NESTED: Mutex<HashMap<u32, HashMap<u32, RefCell<u8>>>> = Mutex::new(HashMap::new()); //~ ML003

static MULTI_LINE: LazyLock<
    Mutex<
        HashMap<
            u32,
            Mutex<Node>, //~ ML003
        >,
    >,
> = LazyLock::new(Default::default);

thread_local! {
    static LOCAL: RefCell<HashMap<u32, Rc<RefCell<Node>>>> = RefCell::new(HashMap::new()); //~ ML003
}

lazy_static::lazy_static! {
    /// Sessions by id.
    pub static ref SESSIONS: Mutex<HashMap<u64, Arc<Mutex<Session>>>> = Mutex::new(HashMap::new()); //~ ML003
}

pub fn build(xs: Vec<(u32, u8)>) -> HashMap<u32, Rc<RefCell<Node>>> { //~ ML003
    let mut graph: HashMap<u32, Rc<RefCell<Node>>> = HashMap::new(); //~ ML003
    let flags = HashMap::<u32, Rc<Cell<u8>>>::with_capacity(4); //~ ML003
    let locks = xs.into_iter().map(|(k, v)| (k, Arc::new(Mutex::new(v)))).collect::<BTreeMap<u32, Arc<Mutex<u8>>>>(); //~ ML003
    let _ = (flags, locks);
    graph.clear();
    graph
}

impl Graph {
    const EMPTY: Option<HashMap<u8, Box<RefCell<u8>>>> = None; //~ ML003
}

/// A session shared by `Arc`: plain data next to its lock, one allocation per entry.
pub struct UserSession {
    pub id: u64,
    pub state: Mutex<u32>,
}

/// A tree node shared by `Rc`, with a back-pointer to its parent.
pub struct TreeNode {
    pub name: String,
    pub parent: RefCell<std::rc::Weak<TreeNode>>,
}

pub struct CellFields {
    sessions: HashMap<u64, Arc<UserSession>>, //~ ML003
    children: HashMap<String, Rc<TreeNode>>, //~ ML003
    // The outer `RefCell` is exclusive: `borrow_mut()` it and use `get_mut`.
    under_refcell: RefCell<HashMap<u32, RefCell<Node>>>, //~ ML003
}
