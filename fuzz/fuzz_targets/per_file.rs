//! Arbitrary bytes as one source file: parsing, every local rule, the facts, the package
//! stage and the resolution of findings must not panic, and two analyses of the same
//! input must agree exactly.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lint_core::source::SourceText;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = lint_core::syntax::parse_file(text);
    proc_macro2::extra::invalidate_current_thread_spans();
    // The engine skips files with NUL bytes as binary before parsing them.
    if text.contains('\0') {
        return;
    }
    let settings = maplint_fuzz::all_rules(1);
    let src = SourceText::new(text.to_string());
    let first = maplint_fuzz::analyze(&src, &settings);
    let second = maplint_fuzz::analyze(&src, &settings);
    assert_eq!(first, second, "two analyses of the same input differ");
});
