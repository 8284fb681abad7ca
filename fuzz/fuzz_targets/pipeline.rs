//! Arbitrary bytes as a small package on disk (a `Cargo.toml`, `src/lib.rs` and two to
//! four more files cut from the input), linted by the whole engine with every rule, on
//! one and on two worker threads: no panic, no file skipped for an internal error, and
//! the same report both times.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| maplint_fuzz::check_package(data));
