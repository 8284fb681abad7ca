//! A type named like a map alias elsewhere is still this crate's own type: an alias of
//! test code (examples/) names nothing in production code, and a name that is an alias in
//! one module (routes.rs) and a struct in another is taken for neither's map.
mod pass;
mod routes;

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
