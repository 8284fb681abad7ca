//! A type named like an example's map alias is still this crate's own type: an alias of
//! test code (examples/) names nothing in production code.
mod pass;

/// Not a map.
pub struct Router(Vec<u32>);

impl Router {
    pub fn new() -> Router {
        Router(Vec::new())
    }

    pub fn insert(&mut self, r: u32) {
        self.0.push(r);
    }
}

pub fn build_router(routes: Vec<u32>) -> Router {
    let mut router = Router::new();
    for r in routes {
        router.insert(r);
    }
    router
}
