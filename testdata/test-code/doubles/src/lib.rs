//! Names and docs that only look like a test double's: `Mock` as the start of a word, a
//! doc that mentions tests without saying the type exists for them.
mod pass;

use std::collections::HashMap;
use std::sync::Mutex;

/// A bird-song catalogue: `Mock` is only the start of its name.
#[derive(Default)]
pub struct Mockingbird {
    songs: Mutex<HashMap<String, Vec<u8>>>, //~ ML001
}

impl Mockingbird {
    pub fn new() -> Mockingbird {
        Mockingbird::default()
    }

    pub fn learn(&self, name: String, song: Vec<u8>) {
        self.songs.lock().unwrap().insert(name, song);
    }
}

/// A cache of rendered pages; the tests of this crate also use it.
#[derive(Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, String>>, //~ ML001
}

impl PageCache {
    pub fn new() -> PageCache {
        PageCache::default()
    }

    pub fn render(&self, path: String, html: String) {
        self.pages.lock().unwrap().insert(path, html);
    }
}
