//! Every input that once crashed or hung a fuzz target, kept in `tests/regressions/`, run
//! again through the checks of both targets (`fuzz/src/lib.rs`): the per-file analysis
//! twice with every rule, and the whole engine on a package cut from the input, on one
//! and on two threads. Each input must pass within a time limit.

#[path = "../../fuzz/src/lib.rs"]
mod fuzz_checks;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// A hang guard, not a timing: a debug build checks each input in well under a second.
const LIMIT: Duration = Duration::from_secs(600);

fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut out: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("tests/regressions").map(|e| e.expect("an entry").path()).collect();
    out.sort();
    out
}

#[test]
fn saved_fuzz_inputs_pass_both_checks() {
    let inputs = inputs();
    assert!(!inputs.is_empty());
    for path in inputs {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let data = std::fs::read(&path).expect("a readable input");
        let (done, wait) = mpsc::channel();
        // The engine's worker threads have deep stacks; so does this one.
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || {
                fuzz_checks::check_file(&data);
                fuzz_checks::check_package(&data);
                let _ = done.send(());
            })
            .expect("a thread");
        match wait.recv_timeout(LIMIT) {
            Ok(()) => {}
            Err(RecvTimeoutError::Timeout) => panic!("{name}: not checked within {LIMIT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("{name}: a check failed (see the panic above)"),
        }
    }
}
