//! Method calls found by a scan of the bytes: `.m(..)` with the text of its arguments,
//! for the local rules whose trigger is a lookup or an `entry` call with an allocating key.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{in_comment_line, is_ident_byte, skip_space, token_after, token_before, whole_word, Near};

/// Arguments longer than this are not followed: the call counts.
const MAX_ARGS: usize = 8192;

/// A scan for method calls `.m(..)`, `m` one of some methods, whose argument text
/// contains one of some words; built once, used on every file.
pub struct CallScan {
    /// `None` when the patterns cannot be compiled: every text matches.
    methods: Option<AhoCorasick>,
    words: Option<AhoCorasick>,
}

impl CallScan {
    pub fn new(methods: &[&str], words: &[&str]) -> CallScan {
        let methods = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(methods).ok();
        let words = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostFirst).build(words).ok();
        CallScan { methods, words }
    }

    /// Whether the text holds one of the words anywhere and may call one of the methods
    /// with a `let`-bound local as its argument, borrowed: `.m(&k)`, `.m(&*k)`,
    /// `.m(k.as_str())`, `.m(k.as_ref())`, where the text also binds `k` as `let k = ..`
    /// (no `mut`, `ref` or type written: the only bindings a let-bound key has).
    pub fn may_call_with_local(&self, t: &[u8]) -> bool {
        let (Some(methods), Some(words)) = (&self.methods, &self.words) else { return true };
        if !words.is_match(t) {
            return false;
        }
        // Computed at the first candidate call: most texts have none.
        let mut bound: Option<Bound> = None;
        methods.find_iter(t).any(|m| {
            let (s, e) = (m.start(), m.end());
            if !whole_word(t, s, e)
                || in_comment_line(t, s)
                || !matches!(token_before(t, s), Near::Punct(b'.') | Near::Unsure)
            {
                return false;
            }
            let mut i = skip_space(t, e);
            if t.get(i) != Some(&b'(') {
                return matches!(token_after(t, e), (Near::Unsure, _));
            }
            i = skip_space(t, i + 1);
            let mut borrowed = false;
            while let Some(&b) = t.get(i).filter(|&&b| b == b'&' || b == b'*') {
                borrowed |= b == b'&';
                i = skip_space(t, i + 1);
            }
            if !t.get(i).is_some_and(|b| !b.is_ascii_digit()) {
                return false;
            }
            let start = i;
            i = ident_end(t, i);
            let rest = &t[skip_space(t, i)..];
            let through = rest.starts_with(b".as_str()") || rest.starts_with(b".as_ref()");
            if !((borrowed && rest.starts_with(b")")) || through) || i == start {
                return false;
            }
            bound.get_or_insert_with(|| let_bound(t)).holds(&t[start..i])
        })
    }

    /// Whether the text may hold such a call. A call whose arguments the scan cannot
    /// delimit (a raw string, a comment, a turbofish, an unclosed bracket, a very long
    /// list) counts.
    pub fn may_match(&self, t: &[u8]) -> bool {
        let (Some(methods), Some(words)) = (&self.methods, &self.words) else { return true };
        if !words.is_match(t) {
            return false;
        }
        for m in methods.find_iter(t) {
            let (s, e) = (m.start(), m.end());
            if !whole_word(t, s, e)
                || in_comment_line(t, s)
                || !matches!(token_before(t, s), Near::Punct(b'.') | Near::Unsure)
            {
                continue;
            }
            match token_after(t, e) {
                (Near::Punct(b'('), _) => match argument_end(t, skip_space(t, e)) {
                    Some(end) if !words.is_match(&t[e..end]) => {}
                    _ => return true,
                },
                (Near::Punct(b':'), _) | (Near::Unsure, _) => return true,
                _ => {}
            }
        }
        false
    }
}

/// The offset of the bracket closing the one at `open`, skipping string and character
/// literals; `None` when the scan cannot tell.
fn argument_end(t: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    let limit = (open + MAX_ARGS).min(t.len());
    while i < limit {
        match t[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'"' => {
                // Raw strings are not followed.
                if i > 0 && matches!(t[i - 1], b'r' | b'#') {
                    return None;
                }
                i += 1;
                while i < limit && t[i] != b'"' {
                    i += if t[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                if t.get(i + 1) == Some(&b'\\') {
                    // `'\n'`, `'\''`, `'\u{..}'`: the closing quote comes after the escaped byte.
                    i += 3 + t.get(i + 3..(i + 13).min(t.len()))?.iter().position(|&b| b == b'\'')?;
                } else if t.get(i + 2) == Some(&b'\'') {
                    i += 2;
                } else if t.get(i + 1).is_some_and(|&b| b >= 0x80) {
                    i += 1 + t.get(i + 1..(i + 6).min(t.len()))?.iter().position(|&b| b == b'\'')?;
                }
                // Otherwise a lifetime: nothing to skip.
            }
            b'/' if matches!(t.get(i + 1), Some(b'/' | b'*')) => return None,
            b'#' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The end of the identifier starting at `i` (`r#` and all); `i` when none starts there.
fn ident_end(t: &[u8], mut i: usize) -> usize {
    if t[i..].starts_with(b"r#") {
        i += 2;
    }
    while t.get(i).is_some_and(|&b| is_ident_byte(b) || b >= 0x80) {
        i += 1;
    }
    i
}

/// The names a text binds as `let name =`.
enum Bound<'t> {
    Names(Vec<&'t [u8]>),
    /// Some `let` is followed by what the scan does not follow (a comment): any name may be
    /// bound.
    Any,
}

impl Bound<'_> {
    fn holds(&self, name: &[u8]) -> bool {
        match self {
            Bound::Names(names) => names.contains(&name),
            Bound::Any => true,
        }
    }
}

/// Every `let name =` of the text outside `//` comment lines; `let mut`, `let ref`,
/// `let name: T` and patterns bind no let-bound key and are left out.
fn let_bound(t: &[u8]) -> Bound<'_> {
    let mut names = Vec::new();
    for s in memchr::memmem::find_iter(t, b"let") {
        if !whole_word(t, s, s + 3) || in_comment_line(t, s) {
            continue;
        }
        let i = skip_space(t, s + 3);
        let end = ident_end(t, i);
        let after = skip_space(t, end);
        if t.get(i) == Some(&b'/') || (end > i && t.get(after) == Some(&b'/')) {
            return Bound::Any;
        }
        let name = &t[i..end];
        if end > i && name != b"mut" && name != b"ref" && t.get(after) == Some(&b'=') {
            names.push(name);
        }
    }
    Bound::Names(names)
}
