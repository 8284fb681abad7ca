//! The `replayd` daemon.
fn main() {
    replayd::open(1);
}
