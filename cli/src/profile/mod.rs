//! `--profile FILE`: reads a heap profile (dhat's JSON or a pprof protobuf) into one
//! format-agnostic shape — allocation points, each a stack of source lines with the bytes
//! and blocks allocated there — and attaches to each finding what was allocated at its
//! sites (SPEC §9). The engine knows nothing of profiles: it only says where each
//! finding's memory is allocated (`Finding::sites`).

mod attribute;
mod dhat;
mod paths;
mod pprof;
mod proto;
#[cfg(test)]
mod tests;

use std::path::Path;

pub use attribute::attach;

/// A heap profile, whatever wrote it.
#[derive(Debug, Default)]
pub struct Profile {
    /// The distinct source files the frames name, as the profile writes them.
    pub files: Vec<String>,
    pub stacks: Vec<Stack>,
    /// Whether the profile counts allocations (blocks) as well as bytes.
    pub counts_blocks: bool,
    /// Frames read, and frames without a source file or line (ignored).
    pub frames_seen: usize,
    pub frames_without_line: usize,
}

/// One allocation point: a stack and what was allocated through it.
#[derive(Debug, Default)]
pub struct Stack {
    pub bytes: u64,
    pub blocks: u64,
    /// (index into `Profile::files`, line): the frames with a source location.
    pub frames: Vec<(u32, u32)>,
}

/// Builds a `Profile`, giving each source file one index.
#[derive(Default)]
struct Builder {
    profile: Profile,
    index: std::collections::HashMap<String, u32>,
}

impl Builder {
    /// The frame of a source location, or `None` (and counted) without one.
    fn frame(&mut self, file: &str, line: i64) -> Option<(u32, u32)> {
        self.profile.frames_seen += 1;
        let line = u32::try_from(line).ok().filter(|&l| l > 0);
        let (false, Some(line)) = (file.is_empty() || file == "???", line) else {
            self.profile.frames_without_line += 1;
            return None;
        };
        let next = self.profile.files.len() as u32;
        let id = *self.index.entry(file.to_string()).or_insert_with(|| {
            self.profile.files.push(file.to_string());
            next
        });
        Some((id, line))
    }
}

/// Reads a profile; the error names the file and what is wrong with it.
pub fn load(path: &Path) -> Result<Profile, String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the profile {shown}: {e}"))?;
    read(&bytes).map_err(|e| format!("{shown}: {e}"))
}

/// The profile in `bytes`, by its format: gzip (pprof's `.pb.gz`), JSON (dhat), else a
/// raw pprof protobuf.
pub fn read(bytes: &[u8]) -> Result<Profile, String> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return pprof::read_gzip(bytes);
    }
    let text_start = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if text_start == Some(&b'{') {
        return dhat::read(bytes);
    }
    if bytes.is_empty() {
        return Err("the file is empty: not a heap profile".to_string());
    }
    match pprof::decode(bytes) {
        Ok(p) => pprof::convert(&p),
        Err(_) => {
            Err("not a heap profile: neither dhat's JSON (dhat-heap.json) nor a pprof protobuf (.pb.gz or .pb)"
                .to_string())
        }
    }
}
