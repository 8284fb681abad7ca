//! The `throughput` bench: the bench target's directory is compiled by the bench alone.
mod pass;

fn main() {
    pass::record(1);
}
