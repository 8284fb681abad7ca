//! `partialFingerprints.primaryLocationLineHash`, computed the way GitHub's
//! `upload-sarif` action computes it (codeql-action `src/fingerprints.ts`): a rolling
//! hash over the 100 characters (UTF-16 code units, spaces and tabs skipped, line
//! endings read as `\n`) that start at each line, then `:n` for the n-th line with that
//! hash. GitHub matches alerts between runs only by this value; the action fills it in
//! when it is missing and keeps a different existing value with a warning, so maplint
//! emits it only where it knows the file's exact text.

use std::collections::HashMap;

const BLOCK_SIZE: usize = 100;
const MOD: u64 = 37;
const EOF: u16 = 0xffff;

/// The hash of every line of `text`, by 1-based line number as the action counts lines
/// (`\r\n`, `\r` and `\n` each end one).
pub fn line_hashes(text: &str) -> HashMap<u32, String> {
    let mut h = Hasher::new();
    for unit in text.encode_utf16() {
        h.process(unit);
    }
    h.process(EOF);
    for _ in 0..BLOCK_SIZE {
        if h.line_numbers[h.index].is_some() {
            h.output();
        }
        h.update(0);
    }
    h.out
}

struct Hasher {
    window: [u16; BLOCK_SIZE],
    /// The line that starts at each window slot, if one does.
    line_numbers: [Option<u32>; BLOCK_SIZE],
    hash: u64,
    first_mod: u64,
    index: usize,
    line_number: u32,
    line_start: bool,
    prev_cr: bool,
    counts: HashMap<u64, u32>,
    out: HashMap<u32, String>,
}

impl Hasher {
    fn new() -> Hasher {
        Hasher {
            window: [0; BLOCK_SIZE],
            line_numbers: [None; BLOCK_SIZE],
            hash: 0,
            first_mod: (0..BLOCK_SIZE).fold(1u64, |m, _| m.wrapping_mul(MOD)),
            index: 0,
            line_number: 0,
            line_start: true,
            prev_cr: false,
            counts: HashMap::new(),
            out: HashMap::new(),
        }
    }

    fn output(&mut self) {
        let n = self.counts.entry(self.hash).or_insert(0);
        *n += 1;
        if let Some(line) = self.line_numbers[self.index].take() {
            self.out.insert(line, format!("{:x}:{}", self.hash, n));
        }
    }

    fn update(&mut self, current: u16) {
        let begin = self.window[self.index];
        self.window[self.index] = current;
        // Signed 64-bit arithmetic in the original; wrapping u64 gives the same bits.
        self.hash = MOD
            .wrapping_mul(self.hash)
            .wrapping_add(u64::from(current))
            .wrapping_sub(self.first_mod.wrapping_mul(u64::from(begin)));
        self.index = (self.index + 1) % BLOCK_SIZE;
    }

    fn process(&mut self, unit: u16) {
        let mut current = unit;
        if current == u16::from(b' ') || current == u16::from(b'\t') || (self.prev_cr && current == u16::from(b'\n')) {
            self.prev_cr = false;
            return;
        }
        if current == u16::from(b'\r') {
            current = u16::from(b'\n');
            self.prev_cr = true;
        } else {
            self.prev_cr = false;
        }
        if self.line_numbers[self.index].is_some() {
            self.output();
        }
        if self.line_start {
            self.line_start = false;
            self.line_number += 1;
            self.line_numbers[self.index] = Some(self.line_number);
        }
        if current == u16::from(b'\n') {
            self.line_start = true;
        }
        self.update(current);
    }
}

#[cfg(test)]
mod tests {
    use super::line_hashes;

    // Expected values from the action's own algorithm (fingerprints.ts with the `long`
    // package) run on the same text.
    #[test]
    fn matches_upload_sarif() {
        let h = line_hashes("fn main() {\n    let x = 1;\n\n    let x = 1;\r\n}\n");
        let want = [
            (1, "bce8da6f48eb5c43:1"),
            (2, "ad6d84c4f9132cb8:1"),
            (3, "be3cc36f238b0bb0:1"),
            (4, "86a8190a23f81e06:1"),
            (5, "32dce9ccfdbc9d3e:1"),
            (6, "c129715d7a2bc9a3:1"),
        ];
        assert_eq!(h.len(), want.len());
        for (line, hash) in want {
            assert_eq!(h[&line], hash, "line {line}");
        }
    }

    #[test]
    fn long_lines_lone_cr_and_astral_characters() {
        let long = "a".repeat(120);
        let h = line_hashes(&format!("// \u{1d11e} \u{e9}\rlet s = \"{long}\";\n\tx\n\tx"));
        let want = [
            (1, "81d19bf09f602526:1"),
            (2, "9997fe0f89df0905:1"),
            (3, "d1918fd5e068b4e9:1"),
            (4, "638816509450efbf:1"),
        ];
        assert_eq!(h.len(), want.len());
        for (line, hash) in want {
            assert_eq!(h[&line], hash, "line {line}");
        }
    }

    #[test]
    fn equal_windows_are_numbered() {
        let text = "ab\n".repeat(60);
        let h = line_hashes(text.trim_end());
        assert_eq!(h[&1], "94155610e84b82:1");
        assert_eq!(h[&2], "94155610e84b82:2");
        assert_eq!(h[&3], "94155610e84b82:3");
        assert_eq!(h[&60], "952bb1cc6d22bdaa:1");
    }
}
