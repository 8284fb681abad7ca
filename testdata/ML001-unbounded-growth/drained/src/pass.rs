//! A future kept in a `FuturesUnordered` is dropped when it completes, and so are the maps
//! it owns, also through a generic wrapper of the package.
use std::cell::RefCell;
use std::collections::HashSet;

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
