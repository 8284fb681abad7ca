//! Paths as SARIF URIs: relative ones under `%SRCROOT%`, percent-encoded; absolute ones
//! (files outside the current directory) as `file:` URIs.

use std::path::Path;

use super::model::ArtifactLocation;
use super::SRCROOT;

/// A display path (relative to the current directory, `/`-separated, or absolute when
/// outside it) as an artifact location.
pub fn artifact(path: &str) -> ArtifactLocation {
    if is_absolute(path) {
        ArtifactLocation { uri: file_uri(path), uri_base_id: None }
    } else {
        ArtifactLocation { uri: percent_encode(path, false), uri_base_id: Some(SRCROOT) }
    }
}

fn is_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with('/') || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// `file:///abs/path` for `/abs/path` or `C:/abs/path`.
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let rooted = if path.starts_with('/') { path } else { format!("/{path}") };
    format!("file://{}", percent_encode(&rooted, true))
}

/// The `file:` URI of a directory, ending in `/` as base URIs must.
pub fn directory_uri(dir: &Path) -> String {
    let mut uri = file_uri(&dir.to_string_lossy());
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encodes every byte but unreserved characters and `/` (and `:` in absolute
/// paths, where it cannot be mistaken for a scheme).
pub fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let keep =
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') || (keep_colon && b == b':');
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
