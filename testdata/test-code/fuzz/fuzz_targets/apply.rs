//! A cargo-fuzz target in the workspace's `fuzz/` directory.
mod pass;

fn main() {
    pass::feed(b"");
}
