//! Arbitrary bytes as one source file: parsing, every local rule, the facts, the package
//! stage and the resolution of findings must not panic, and two analyses of the same
//! input must agree exactly.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| maplint_fuzz::check_file(data));
