//! A file's text and its line index: reading with the reasons a file is skipped, and the
//! conversion between positions (line, character column) and byte offsets.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::diagnostic::Pos;

/// A file's text (without a byte-order mark) and where its lines start (found on first
/// use: most files are read only to be scanned or parsed).
#[derive(Debug)]
pub struct SourceText {
    pub text: String,
    line_starts: OnceLock<Vec<usize>>,
    /// The numbers of the lines of each trimmed text, in order; built on first use.
    equal_lines: OnceLock<HashMap<String, Vec<u32>>>,
}

impl SourceText {
    pub fn new(mut text: String) -> SourceText {
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceText { text, line_starts: OnceLock::new(), equal_lines: OnceLock::new() }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// Reads a file, or says why it cannot be linted.
    pub fn read(path: &Path) -> Result<SourceText, String> {
        let bytes = std::fs::read(path).map_err(|e| io_reason(&e))?;
        if bytes.contains(&0) {
            return Err("binary file (contains NUL bytes)".to_string());
        }
        let text = String::from_utf8(bytes)
            .map_err(|e| format!("not valid UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))?;
        Ok(SourceText::new(text))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// The text of a 1-based line, without its line terminator.
    pub fn line(&self, line: u32) -> &str {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts().get(i) else {
            return "";
        };
        let end = self.line_starts().get(i + 1).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// How many lines before `line` have the same text, ignoring leading and trailing
    /// whitespace. Indexed once per file, so that a file with many findings is not
    /// scanned once per finding.
    pub fn equal_lines_before(&self, line: u32) -> usize {
        let index = self.equal_lines.get_or_init(|| {
            let mut index: HashMap<String, Vec<u32>> = HashMap::new();
            for l in 1..=self.line_count() as u32 {
                index.entry(self.line(l).trim().to_string()).or_default().push(l);
            }
            index
        });
        index.get(self.line(line).trim()).map_or(0, |lines| lines.partition_point(|&l| l < line))
    }

    /// The byte offset of a position; positions past the end clamp to the end.
    pub fn offset(&self, pos: Pos) -> usize {
        let i = (pos.line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts().get(i) else {
            return self.text.len();
        };
        let line = self.line(pos.line);
        let col = (pos.column as usize).saturating_sub(1);
        start + line.char_indices().nth(col).map(|(b, _)| b).unwrap_or(line.len())
    }

    /// The 1-based UTF-8 byte column of a position within its line.
    pub fn byte_column(&self, pos: Pos) -> usize {
        let i = (pos.line as usize).saturating_sub(1);
        let start = self.line_starts().get(i).copied().unwrap_or(self.text.len());
        self.offset(pos) - start + 1
    }
}

/// A short, stable reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "file not found".to_string(),
        PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            // Drop the "(os error N)" suffix so messages are the same everywhere.
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters() {
        let s = SourceText::new("\u{feff}a\n\té = 1;\r\nz".to_string());
        assert_eq!(s.line(2), "\té = 1;");
        assert_eq!(s.offset(Pos { line: 2, column: 3 }), 2 + 1 + 2);
        assert_eq!(s.byte_column(Pos { line: 2, column: 3 }), 4);
        assert_eq!(s.line(3), "z");
        assert_eq!(s.line(9), "");
    }

    #[test]
    fn equal_lines_are_counted_before_a_line() {
        let s = SourceText::new("a\n  b\nb \nc\n\tb\n".to_string());
        assert_eq!([1, 2, 3, 4, 5].map(|l| s.equal_lines_before(l)), [0, 0, 1, 0, 2]);
    }
}
