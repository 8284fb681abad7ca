//! A future kept in a `FuturesUnordered` is dropped when it completes, and so are the maps
//! it owns, also through a generic wrapper of the package. A wrapper that keeps its
//! elements keeps their maps.
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use futures::stream::FuturesUnordered;

/// One crawl of a site: a future that ends when the site is done.
pub struct SiteCrawl {
    seen: RefCell<HashSet<String>>,
}

impl SiteCrawl {
    pub fn start() -> SiteCrawl {
        SiteCrawl { seen: RefCell::default() }
    }

    pub fn visit(&self, url: String) {
        self.seen.borrow_mut().insert(url);
    }
}

/// InFlight futures, with a flag the poller reads.
pub struct InFlight<F> {
    futs: RefCell<FuturesUnordered<F>>,
    armed: bool,
}

pub struct CrawlService {
    crawls: InFlight<SiteCrawl>,
    direct: FuturesUnordered<SiteCrawl>,
}

impl CrawlService {
    pub fn new() -> CrawlService {
        CrawlService {
            crawls: InFlight { futs: RefCell::new(FuturesUnordered::new()), armed: false },
            direct: FuturesUnordered::new(),
        }
    }

    pub fn add(&mut self, c: SiteCrawl, d: SiteCrawl) {
        self.crawls.futs.borrow_mut().push(c);
        self.crawls.armed = true;
        self.direct.push(d);
    }
}

/// A job whose shelf keeps every job: nothing takes one off.
pub struct Ticket {
    tags: Mutex<HashMap<String, u64>>, //~ ML001
}

impl Ticket {
    pub fn new() -> Ticket {
        Ticket { tags: Mutex::default() }
    }

    pub fn tag(&self, t: String) {
        self.tags.lock().unwrap().insert(t, 1);
    }
}

pub struct Backlog<T> {
    items: Vec<T>,
}

pub struct Desk {
    jobs: Backlog<Ticket>,
}

impl Desk {
    pub fn new() -> Desk {
        Desk { jobs: Backlog { items: Vec::new() } }
    }

    pub fn take_on(&mut self, j: Ticket) {
        self.jobs.items.push(j);
    }
}
