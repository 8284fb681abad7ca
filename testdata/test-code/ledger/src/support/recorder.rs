//! Declared in `support.rs` under `cfg(any(test, feature = "fixtures"))`: compiled for
//! tests and test helpers only.
use std::cell::RefCell;
use std::collections::HashSet;

thread_local! {
    static RECORDED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

pub fn record(event: &str) {
    RECORDED.with(|r| r.borrow_mut().insert(event.to_owned()));
}

pub fn forget_all() {
    RECORDED.with(|r| r.borrow_mut().clear());
}
