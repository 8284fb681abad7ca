//! Suppression comments (SPEC §3): `// maplint: allow(CODES) -- reason` on the finding's
//! line or in the comment lines directly above the innermost statement, field or item
//! that holds it, and `// maplint: allow-file(CODES)` anywhere in a file.

use serde::{Deserialize, Serialize};

/// The suppression comments of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppressions {
    /// (line, codes) of each `allow(..)` comment.
    pub lines: Vec<(u32, Vec<String>)>,
    /// Lines holding nothing but a `//` comment.
    pub comment_only: Vec<u32>,
    /// Codes allowed in the whole file.
    pub file: Vec<String>,
    /// Malformed comments: (line, what is wrong).
    pub malformed: Vec<(u32, String)>,
}

impl Suppressions {
    /// Reads the comments of a file. `resolve` maps a rule code or name to its code.
    pub fn parse(text: &str, resolve: &dyn Fn(&str) -> Option<&'static str>) -> Suppressions {
        let mut out = Suppressions::default();
        for c in crate::comments::line_comments(text) {
            let lineno = c.line;
            if c.own_line {
                out.comment_only.push(lineno);
            }
            // Doc comments (`///`, `//!`) document; they do not suppress.
            if c.body.starts_with(['/', '!']) {
                continue;
            }
            let Some(rest) = c.body.trim_start().strip_prefix("maplint:") else {
                continue;
            };
            let rest = rest.trim_start();
            let (file_wide, args) = if let Some(r) = rest.strip_prefix("allow-file") {
                (true, r)
            } else if let Some(r) = rest.strip_prefix("allow") {
                (false, r)
            } else {
                out.malformed.push((lineno, "expected `allow(..)` or `allow-file(..)`".into()));
                continue;
            };
            let args = args.trim_start();
            let inner = args.strip_prefix('(').and_then(|a| a.find(')').map(|end| &a[..end]));
            let Some(inner) = inner else {
                out.malformed.push((lineno, "expected a parenthesised list of rule codes".into()));
                continue;
            };
            let mut codes = Vec::new();
            for word in inner.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                match resolve(word) {
                    Some(code) => codes.push(code.to_string()),
                    None => out.malformed.push((lineno, format!("unknown rule `{word}`"))),
                }
            }
            if codes.is_empty() {
                continue;
            }
            if file_wide {
                out.file.extend(codes);
            } else {
                out.lines.push((lineno, codes));
            }
        }
        out.lines.sort_by_key(|(n, _)| *n);
        out
    }

    /// True when a finding of `code` whose primary span starts on `line`, inside the
    /// statement/field/item starting on `anchor`, is allowed.
    pub fn allows(&self, code: &str, line: u32, anchor: Option<u32>) -> bool {
        if self.file.iter().any(|c| c == code) {
            return true;
        }
        // `lines` is in line order: look only at the comments of line `l`.
        let on = |l: u32| {
            let from = self.lines.partition_point(|(n, _)| *n < l);
            self.lines[from..].iter().take_while(|(n, _)| *n == l).any(|(_, cs)| cs.iter().any(|c| c == code))
        };
        if on(line) {
            return true;
        }
        let mut above = anchor.unwrap_or(line).saturating_sub(1);
        while above > 0 && self.comment_only.binary_search(&above).is_ok() {
            if on(above) {
                return true;
            }
            above -= 1;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(s: &str) -> Option<&'static str> {
        match s {
            "ML001" | "unbounded-growth" => Some("ML001"),
            "ML002" => Some("ML002"),
            _ => None,
        }
    }

    #[test]
    fn forms() {
        let text = "\
// maplint: allow(unbounded-growth) -- interner
static A: u8 = 0;
let x = 1; // maplint: allow(ML002, ML001)
// maplint: allow(ML009)
// maplint: allow-file(ML002)
";
        let s = Suppressions::parse(text, &resolve);
        assert!(s.allows("ML001", 2, Some(2)));
        assert!(s.allows("ML001", 3, None));
        assert!(s.allows("ML002", 40, None));
        assert!(!s.allows("ML001", 6, Some(6)));
        assert_eq!(s.malformed, vec![(4, "unknown rule `ML009`".to_string())]);
    }
}
