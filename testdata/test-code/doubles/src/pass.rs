//! Test doubles compiled into production: a type named `Mock*`/`Fake*`/`Stub*`, or whose
//! doc says it exists for tests, is test code.
use std::collections::HashMap;
use std::sync::Mutex;

/// Records every lock request so that tests can assert on them.
#[derive(Default)]
pub struct MockLockTable {
    waiters: Mutex<HashMap<u64, String>>,
}

impl MockLockTable {
    pub fn new() -> MockLockTable {
        MockLockTable::default()
    }

    pub fn wait(&self, token: u64, key: String) {
        self.waiters.lock().unwrap().insert(token, key);
    }

    pub fn reset(&self) {
        self.waiters.lock().unwrap().clear();
    }
}

/// An in-memory blob store, mostly useful for testing.
#[derive(Default)]
pub struct MemoryBlobs {
    blobs: Mutex<HashMap<String, Vec<u8>>>,
}

impl MemoryBlobs {
    pub fn new() -> MemoryBlobs {
        MemoryBlobs::default()
    }

    pub fn put(&self, name: String, bytes: Vec<u8>) {
        self.blobs.lock().unwrap().insert(name, bytes);
    }
}
