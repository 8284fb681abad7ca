//! A test runner kept in the workspace's `tests/` directory.
mod pass;

fn main() {
    pass::run("select 1");
}
