//! Helpers of the configuration tests: writing trees to temporary directories and
//! running the binary in them.

use std::path::Path;
use std::process::{Command, Output};

/// A file with one ML005 finding, on line 4 column 11.
pub const LOOKUP: &str = "use std::collections::HashMap;\n\nfn price(m: &HashMap<String, u32>, k: &str) -> Option<&u32> {\n    m.get(&k.to_string())\n}\n";

/// A temporary directory holding these files.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (path, text) in files {
        let full = dir.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("a directory");
        }
        std::fs::write(&full, text).expect("a file");
    }
    dir
}

/// Runs `maplint ARGS` in `dir`.
pub fn maplint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maplint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("maplint runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The `path:line:col: level CODE` part of each concise line.
pub fn concise(out: &Output) -> Vec<String> {
    stdout(out).lines().map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).collect()
}
