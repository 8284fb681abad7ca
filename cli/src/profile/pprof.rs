//! pprof protobuf heap profiles (`.pb.gz`, as written by `jemalloc_pprof`, Go's
//! `runtime/pprof` and `pprof -proto`), decoded with prost from gzip (flate2). Each
//! sample is a stack of locations (leaf first); each location stands for one or more
//! source lines (inlined calls), each line naming a function and its file.

use std::collections::HashMap;
use std::io::Read;

use prost::Message;

use super::proto;
use super::{Builder, Profile, Stack};

/// Decompressed profiles larger than this are refused (a corrupt or hostile file).
const MAX_DECOMPRESSED: u64 = 4 << 30;

pub fn read_gzip(bytes: &[u8]) -> Result<Profile, String> {
    let mut raw = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_DECOMPRESSED)
        .read_to_end(&mut raw)
        .map_err(|e| format!("truncated or corrupt gzip data: {e}"))?;
    let p = decode(&raw).map_err(|e| format!("gzip data, but not a pprof profile: {e}"))?;
    convert(&p)
}

/// The protobuf message, if `bytes` hold a pprof profile.
pub fn decode(bytes: &[u8]) -> Result<proto::Profile, String> {
    let p = proto::Profile::decode(bytes).map_err(|e| format!("not a pprof protobuf ({e})"))?;
    if p.string_table.first().map(String::as_str) != Some("") {
        return Err("not a pprof protobuf (its string table does not start with the empty string)".to_string());
    }
    Ok(p)
}

/// The stacks of a pprof profile, with the values of a heap sample type.
pub fn convert(p: &proto::Profile) -> Result<Profile, String> {
    let text = |i: i64| usize::try_from(i).ok().and_then(|i| p.string_table.get(i)).map_or("", String::as_str);
    let types: Vec<(&str, &str)> = p.sample_type.iter().map(|t| (text(t.r#type), text(t.unit))).collect();
    let (bytes_at, blocks_at) = values(&types).ok_or_else(|| {
        let found: Vec<String> = types.iter().map(|(t, u)| format!("{t}/{u}")).collect();
        format!(
            "a pprof profile with no heap sample type (alloc_space or inuse_space in bytes); it has: {}",
            if found.is_empty() { "none".to_string() } else { found.join(", ") }
        )
    })?;
    let files: HashMap<u64, &str> = p.function.iter().map(|f| (f.id, text(f.filename))).collect();
    let mut b = Builder::default();
    let mut locations: HashMap<u64, Vec<(u32, u32)>> = HashMap::with_capacity(p.location.len());
    for loc in &p.location {
        let frames =
            loc.line.iter().filter_map(|l| b.frame(files.get(&l.function_id).copied().unwrap_or(""), l.line)).collect();
        locations.insert(loc.id, frames);
    }
    for (i, s) in p.sample.iter().enumerate() {
        let value = |at: usize| s.value.get(at).map(|&v| u64::try_from(v).unwrap_or(0));
        let Some(bytes) = value(bytes_at) else {
            return Err(format!("sample {i} has {} values for {} sample types", s.value.len(), types.len()));
        };
        let blocks = blocks_at.and_then(value).unwrap_or(0);
        let mut stack = Stack { bytes, blocks, frames: Vec::new() };
        for id in &s.location_id {
            let Some(frames) = locations.get(id) else {
                return Err(format!("sample {i} names location {id}, which the profile does not define"));
            };
            stack.frames.extend_from_slice(frames);
        }
        b.profile.stacks.push(stack);
    }
    b.profile.counts_blocks = blocks_at.is_some();
    Ok(b.profile)
}

/// Which values to read: bytes and, when counted, blocks. Allocated totals first (what
/// dhat reports too), then the live heap, then any value in bytes.
fn values(types: &[(&str, &str)]) -> Option<(usize, Option<usize>)> {
    let at = |name: &str| types.iter().position(|&(t, _)| t == name);
    for (space, objects) in [("alloc_space", "alloc_objects"), ("inuse_space", "inuse_objects")] {
        if let Some(i) = at(space) {
            return Some((i, at(objects)));
        }
    }
    types.iter().position(|&(_, u)| u == "bytes").map(|i| (i, None))
}
