//! A small lexer that finds the `//` line comments of a file, skipping string, raw
//! string, byte string and character literals and block comments, so that text inside
//! them is never taken for a suppression comment.

/// A `//` comment: its 1-based line, its text after the slashes, and whether only
/// white space precedes it on the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineComment<'a> {
    pub line: u32,
    pub body: &'a str,
    pub own_line: bool,
}

/// Every `//` comment of a file, in order (doc comments included; their body starts with
/// `/` or `!`).
pub fn line_comments(text: &str) -> Vec<LineComment<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line, mut line_start) = (0usize, 1u32, 0usize);
    let mut prev_ident = false;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(b.len(), |n| i + n);
                let own_line = text[line_start..i].trim().is_empty();
                out.push(LineComment { line, body: text[i + 2..end].trim_end_matches('\r'), own_line });
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 1;
                i += 2;
                while i < b.len() && depth > 0 {
                    if b[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 1;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'r' | b'b' | b'c' if !prev_ident && raw_start(b, i).is_some() => {
                let (hashes, quote) = raw_start(b, i).unwrap_or((0, i));
                let mut j = quote + 1;
                loop {
                    match b.get(j) {
                        None => break,
                        Some(b'"') if b[j + 1..].iter().take(hashes).filter(|&&h| h == b'#').count() == hashes => {
                            j += 1 + hashes;
                            break;
                        }
                        Some(b'\n') => {
                            line += 1;
                            line_start = j + 1;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                i = j;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'\'' => {
                // A character literal ('x', '\n', '\u{..}'), or a lifetime/label.
                if b.get(i + 1) == Some(&b'\\') {
                    let close = text[i + 2..].find('\'').map_or(b.len(), |n| i + 2 + n);
                    i = close + 1;
                } else {
                    let ch_len = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                    i += if b.get(i + 1 + ch_len) == Some(&b'\'') { 2 + ch_len } else { 1 };
                }
            }
            _ => i += 1,
        }
        prev_ident = c.is_ascii_alphanumeric() || c == b'_';
    }
    out
}

/// For `r"`, `r#"`, `br"`, `cr#"` at `i`: the number of hashes and the quote's index.
fn raw_start(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if b[j] == b'b' || b[j] == b'c' {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|&&h| h == b'#').count();
    j += hashes;
    (b.get(j) == Some(&b'"')).then_some((hashes, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_literals() {
        let text = "let s = \"// no\"; // yes\nlet r = r#\"\n// no \"# ;\n/* // no */ let c = '\"'; // also\n// own\nfn f<'a>() {} // life";
        let got: Vec<_> = line_comments(text).into_iter().map(|c| (c.line, c.body.trim(), c.own_line)).collect();
        assert_eq!(got, vec![(1, "yes", false), (4, "also", false), (5, "own", true), (6, "life", false)]);
    }
}
