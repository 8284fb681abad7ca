//! dhat's JSON (`dhat-heap.json`, written by the `dhat` crate and by Valgrind's DHAT):
//! `pps`, the allocation points, each with its total bytes `tb`, total blocks `tbk` and
//! frames `fs`, indices into `ftbl`, the frame table, whose entries read
//! `0x1a2b: crate::f (src/lib.rs:12:5)` (Valgrind: `0x1a2b: f (lib.c:12)`).

use serde::Deserialize;

use super::{Builder, Profile, Stack};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    dhat_file_version: u32,
    mode: String,
    pps: Vec<Point>,
    ftbl: Vec<String>,
}

#[derive(Deserialize)]
struct Point {
    tb: u64,
    tbk: u64,
    fs: Vec<usize>,
}

pub fn read(bytes: &[u8]) -> Result<Profile, String> {
    let file: File = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_data() {
            format!("JSON, but not a dhat heap profile (dhat-heap.json): {e}")
        } else {
            format!("truncated or malformed JSON: {e}")
        }
    })?;
    if file.dhat_file_version != 2 {
        return Err(format!("dhat file version {} is not supported (version 2 is)", file.dhat_file_version));
    }
    if !matches!(file.mode.as_str(), "rust-heap" | "heap") {
        return Err(format!("a dhat profile in mode `{}` counts no heap bytes: profile in heap mode", file.mode));
    }
    let mut b = Builder::default();
    let frames: Vec<Option<(u32, u32)>> =
        file.ftbl.iter().map(|f| location(f).and_then(|(path, line)| b.frame(path, i64::from(line)))).collect();
    for (i, pp) in file.pps.iter().enumerate() {
        let mut stack = Stack { bytes: pp.tb, blocks: pp.tbk, frames: Vec::with_capacity(pp.fs.len()) };
        for &f in &pp.fs {
            let Some(frame) = frames.get(f) else {
                return Err(format!(
                    "allocation point {i} names frame {f}, but the frame table has {} entries",
                    frames.len()
                ));
            };
            stack.frames.extend(*frame);
        }
        b.profile.stacks.push(stack);
    }
    b.profile.counts_blocks = true;
    Ok(b.profile)
}

/// The source file and line of a frame: `0x1a2b: name (path:12:5)` or `(path:12)`;
/// `None` for `[root]`, `(in /lib/x.so)` or `(???:0:0)`.
pub fn location(frame: &str) -> Option<(&str, u32)> {
    let inner = frame.strip_suffix(')')?;
    let open = inner.rfind(" (")?;
    let inner = &inner[open + 2..];
    if inner.starts_with("in ") {
        return None;
    }
    let mut parts = inner.rsplitn(3, ':');
    let last = parts.next()?;
    let middle = parts.next()?;
    match (parts.next(), middle.parse::<u32>(), last.parse::<u32>()) {
        (Some(path), Ok(line), Ok(_col)) => Some((path, line)),
        _ => {
            let (path, line) = inner.rsplit_once(':')?;
            Some((path, line.parse().ok()?))
        }
    }
}
