//! Helpers of the command-line tests: a source tree made in a temporary directory, the
//! built `maplint` binary run inside it with a time limit, and the ML005 lines the trees
//! are built from.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A hang guard, not a timing: one run takes seconds; a run this long has hung.
const TIME_LIMIT: Duration = Duration::from_secs(600);

/// A lookup that allocates its key: one ML005 finding at column 20 of its second line.
/// `m` is a map, but no rule other than ML005 has anything to say about it.
pub const LOOKUP: &str = "fn lookup(m: &HashMap, k: &str) -> bool {\n    m.contains_key(&k.to_string())\n}\n";

/// The message of the finding in `LOOKUP`.
pub const LOOKUP_MSG: &str =
    "`m` (`HashMap`): `.contains_key(..)` allocates a `String` (`.to_string()`) only for a lookup, then frees it";

/// A file without findings.
pub const CLEAN: &str = "fn lookup(m: &HashMap, k: &str) -> bool {\n    m.contains_key(k)\n}\n";

/// The concise line of the finding in `LOOKUP` when it starts at `line` of `path`.
pub fn lookup_line(path: &str, line: u32) -> String {
    format!("{path}:{line}:20: warning ML005 {LOOKUP_MSG}")
}

/// `LOOKUP` placed after `blank` empty lines, so that its finding is on line `blank + 2`.
pub fn lookup_at(blank: usize) -> String {
    format!("{}{LOOKUP}", "\n".repeat(blank))
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// The stderr lines.
    pub fn err_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Asserts the exit status, showing the output when it differs.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, Some(code), "stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// The parsed JSON document of `--format json`.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// A temporary source tree; removed when dropped.
pub struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    pub fn new() -> Tree {
        Tree { dir: tempfile::tempdir().expect("a temporary directory") }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file, creating its directories.
    pub fn file(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Tree {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create directories");
        }
        std::fs::write(&p, contents).expect("write a file");
        self
    }

    /// Writes a file whose name need not be UTF-8.
    pub fn file_raw(&self, rel: &std::ffi::OsStr, contents: impl AsRef<[u8]>) -> &Tree {
        let p = self.root().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create directories");
        }
        std::fs::write(&p, contents).expect("write a file");
        self
    }

    /// A `Cargo.toml` with a `[package]` table in `dir` ("" for the root).
    pub fn package(&self, dir: &str, name: &str) -> &Tree {
        let manifest = if dir.is_empty() { "Cargo.toml".to_string() } else { format!("{dir}/Cargo.toml") };
        self.file(&manifest, format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"))
    }

    pub fn dir(&self, rel: &str) -> &Tree {
        std::fs::create_dir_all(self.path(rel)).expect("create a directory");
        self
    }

    #[cfg(unix)]
    pub fn symlink(&self, target: &str, rel: &str) -> &Tree {
        std::os::unix::fs::symlink(target, self.path(rel)).expect("create a symlink");
        self
    }

    /// Runs maplint with the tree root as the current directory.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in("", args, &[])
    }

    /// Runs maplint in `sub` (relative to the root) with extra environment variables.
    pub fn run_in(&self, sub: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = maplint();
        // The walker reads the global gitignore of `$HOME` and `$XDG_CONFIG_HOME`: keep them out.
        cmd.current_dir(self.path(sub)).args(args).env("HOME", self.root()).env("XDG_CONFIG_HOME", self.root());
        for (k, v) in env {
            cmd.env(k, v);
        }
        run_limited(cmd)
    }
}

/// The binary under test, with a neutral environment.
pub fn maplint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_maplint"));
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("RUST_BACKTRACE");
    cmd
}

/// Runs a command with no input, collects its output, and kills it and fails the test if
/// it runs longer than `TIME_LIMIT`.
pub fn run_limited(mut cmd: Command) -> Run {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start maplint");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for maplint") {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("maplint ran longer than {TIME_LIMIT:?}: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let text = |h: std::thread::JoinHandle<Vec<u8>>| {
        String::from_utf8(h.join().expect("output reader")).expect("UTF-8 output")
    };
    Run { code: status.code(), stdout: text(out), stderr: text(err) }
}

/// The summary line's timing replaced by `[T]`, for snapshots.
pub fn redact_timing(text: &str) -> String {
    text.lines()
        .map(|l| match (l.rfind(" in "), l.ends_with(" ms")) {
            (Some(i), true) if l.contains("; scanned ") => format!("{} in [T] ms", &l[..i]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if text.ends_with('\n') { "\n" } else { "" }
}

/// Asserts an insta snapshot kept in `cli/tests/snapshots/`.
#[macro_export]
macro_rules! snapshot {
    ($name:expr, $value:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!($name, $value));
    }};
}
