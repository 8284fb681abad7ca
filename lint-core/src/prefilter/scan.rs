//! Scanning a file's bytes without parsing it: whole words, the token before or after a
//! word (to tell a definition or a field access from a mere mention), and method calls
//! with their argument text. Every answer errs towards "it may be there": a comment or a
//! character the scan does not follow counts as a match, never as a miss.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use memchr::memmem;

use super::interest::Interest;

/// Bytes that continue an identifier. Non-ASCII bytes are not counted, so a name next to
/// one is taken for a whole word (too many matches, never too few).
pub fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `t[s..e]` is a whole word.
pub fn whole_word(t: &[u8], s: usize, e: usize) -> bool {
    (s == 0 || !is_ident_byte(t[s - 1])) && (e >= t.len() || !is_ident_byte(t[e]))
}

/// Whether position `s` lies on a line that is a `//` comment (doc comments included):
/// nothing there is code.
pub fn in_comment_line(t: &[u8], s: usize) -> bool {
    let start = memchr::memrchr(b'\n', &t[..s]).map_or(0, |p| p + 1);
    let code = t[start..s].iter().position(|&b| b != b' ' && b != b'\t').map_or(s, |p| start + p);
    t[code..].starts_with(b"//")
}

/// The token next to a word, as far as a scan can tell.
#[derive(Debug, PartialEq, Eq)]
pub enum Near<'t> {
    Word(&'t [u8]),
    Punct(u8),
    /// A comment may be in between, or a character the scan does not follow.
    Unsure,
    Edge,
}

/// The token before position `s` (white space skipped).
pub fn token_before(t: &[u8], s: usize) -> Near<'_> {
    let mut i = s;
    while i > 0 {
        let b = t[i - 1];
        if b == b'\n' {
            // A comment line above is skipped whole; a line ending in a `//` comment may
            // hide the token in it.
            let start = memchr::memrchr(b'\n', &t[..i - 1]).map_or(0, |p| p + 1);
            if memmem::find(&t[start..i - 1], b"//").is_some() {
                if !in_comment_line(t, i - 1) {
                    return Near::Unsure;
                }
                i = start;
                continue;
            }
        } else if b >= 0x80 {
            return Near::Unsure;
        } else if !b.is_ascii_whitespace() {
            break;
        }
        i -= 1;
    }
    if i == 0 {
        return Near::Edge;
    }
    let b = t[i - 1];
    if b == b'/' {
        return Near::Unsure;
    }
    if is_ident_byte(b) {
        let start = t[..i].iter().rposition(|&c| !is_ident_byte(c)).map_or(0, |p| p + 1);
        return Near::Word(&t[start..i]);
    }
    Near::Punct(b)
}

/// The token after position `e` (white space skipped); for punctuation, also the byte
/// after it.
pub fn token_after(t: &[u8], e: usize) -> (Near<'_>, Option<u8>) {
    let i = skip_space(t, e);
    let Some(&b) = t.get(i) else { return (Near::Edge, None) };
    if b == b'/' || b >= 0x80 {
        return (Near::Unsure, None);
    }
    if is_ident_byte(b) {
        let end = t[i..].iter().position(|&c| !is_ident_byte(c)).map_or(t.len(), |p| i + p);
        return (Near::Word(&t[i..end]), None);
    }
    (Near::Punct(b), t.get(i + 1).copied())
}

/// Whether the word at `s` may be defined there as one of the facts' items: `struct
/// Name`, `enum Name`, `type Name`, `const Name` (not `*const T`), `static Name` (not
/// `&'static T`), `static mut Name`, `static ref Name` (`lazy_static!`), or `as Name`
/// inside a `use` (not a cast).
pub fn is_definition(t: &[u8], s: usize) -> bool {
    let word = match token_before(t, s) {
        Near::Word(w) => w,
        Near::Unsure => return true,
        _ => return false,
    };
    let at = word.as_ptr() as usize - t.as_ptr() as usize;
    match word {
        b"struct" | b"enum" | b"union" | b"type" => true,
        b"const" => !matches!(token_before(t, at), Near::Punct(b'*')),
        b"static" => at == 0 || t[at - 1] != b'\'',
        b"mut" | b"ref" => matches!(token_before(t, at), Near::Word(b"static") | Near::Unsure),
        b"as" => in_use_item(t, at),
        _ => false,
    }
}

/// Whether position `at` may lie in a `use` item: a `use` word since the last `;`.
fn in_use_item(t: &[u8], at: usize) -> bool {
    let start = memchr::memrchr(b';', &t[..at]).map_or(0, |p| p + 1);
    memmem::find_iter(&t[start..at], b"use").any(|p| {
        let p = start + p;
        whole_word(t, p, p + 3)
            && !in_comment_line(t, p)
            && matches!(
                token_before(t, p),
                Near::Edge | Near::Unsure | Near::Punct(b';' | b'{' | b'}' | b')' | b']') | Near::Word(b"pub")
            )
    })
}

/// Whether the word at `s..e` may be a field access on another receiver than `self`
/// (`x.name`, not `self.name` nor a method call `x.name(..)`).
pub fn is_field_access(t: &[u8], s: usize, e: usize) -> bool {
    match token_before(t, s) {
        Near::Punct(b'.') => {
            let dot = t[..s].iter().rposition(|&b| b == b'.').unwrap_or(0);
            if token_before(t, dot) == Near::Word(b"self") {
                return false;
            }
        }
        Near::Unsure => return true,
        _ => return false,
    }
    !matches!(token_after(t, e), (Near::Punct(b'('), _) | (Near::Punct(b':'), Some(b':')))
}

/// Whether the word at `e` may be followed by a type: a field declaration `name: T`.
pub fn is_declaration(t: &[u8], e: usize) -> bool {
    match token_after(t, e) {
        (Near::Punct(b':'), next) => next != Some(b':'),
        (Near::Unsure, _) => true,
        _ => false,
    }
}

/// Whether the word at `s` may be the type an impl is for: `impl Hash for Name`, also
/// through a path (`for crate::Name`), a reference (`for &'a mut Name`) or parentheses.
pub fn is_impl_target(t: &[u8], s: usize) -> bool {
    match token_before(t, s) {
        Near::Word(b"for" | b"mut") | Near::Punct(b'&' | b'(') | Near::Unsure => true,
        Near::Punct(b':') => {
            s >= 2 && t[..s].iter().rposition(|&b| b == b':').is_some_and(|p| p > 0 && t[p - 1] == b':')
        }
        Near::Word(w) => {
            let at = w.as_ptr() as usize - t.as_ptr() as usize;
            at > 0 && t[at - 1] == b'\'' // a lifetime: `&'a Name`
        }
        _ => false,
    }
}

/// Whether the word ending at `e` may be called or defined as a function: `name(..)`,
/// `name::<T>(..)`, `fn name<T>(..)`.
pub fn is_call(t: &[u8], e: usize) -> bool {
    matches!(token_after(t, e).0, Near::Punct(b'(' | b'<' | b':') | Near::Unsure)
}

/// Whether the word at `s` may be defined as a function: `fn name`, `fn r#name`.
pub fn is_fn_definition(t: &[u8], s: usize) -> bool {
    let s = if t[..s].ends_with(b"r#") { s - 2 } else { s };
    matches!(token_before(t, s), Near::Word(b"fn") | Near::Unsure)
}

/// Whether the word at `s` may be the self type or the trait of an impl, or a trait being
/// defined: `impl Name`, `impl<T> Name<T>`, `impl T for a::Name`, `for &'a mut Name`,
/// `trait Name`.
pub fn is_impl_owner(t: &[u8], s: usize) -> bool {
    match token_before(t, s) {
        Near::Word(b"impl" | b"for" | b"trait" | b"mut") | Near::Punct(b'>' | b':' | b'&' | b'(') | Near::Unsure => {
            true
        }
        Near::Word(w) => {
            let at = w.as_ptr() as usize - t.as_ptr() as usize;
            at > 0 && t[at - 1] == b'\'' // a lifetime: `&'a Name`
        }
        _ => false,
    }
}

/// Whether the text names `owner` where an impl or a trait may name it (`is_impl_owner`).
fn names_impl_owner(t: &[u8], owner: &str) -> bool {
    let w = owner.strip_prefix("r#").unwrap_or(owner).as_bytes();
    !w.is_empty()
        && memmem::find_iter(t, w)
            .any(|p| whole_word(t, p, p + w.len()) && !in_comment_line(t, p) && is_impl_owner(t, p))
}

/// The offset of the first byte at or after `i` that is not white space.
pub(crate) fn skip_space(t: &[u8], mut i: usize) -> usize {
    while i < t.len() && t[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// What an interest name must look like in a file to count.
const MENTION: u8 = 1;
const DEFINE: u8 = 2;
const FIELD: u8 = 4;
const FIELD_DECL: u8 = 8;
const IMPLEMENTED: u8 = 16;
const CALLED: u8 = 32;
const DEFINED: u8 = 64;
const DEFINED_IN: u8 = 128;

/// The traits whose hand-written impls are facts.
const FACT_TRAITS: &[&[u8]] = &[b"Hash", b"PartialEq", b"Ord", b"PartialOrd"];

/// Whether the text may implement one of the traits whose impls are facts: it names one
/// as a whole word.
fn may_implement_fact_trait(t: &[u8]) -> bool {
    FACT_TRAITS.iter().any(|w| memmem::find_iter(t, w).any(|p| whole_word(t, p, p + w.len())))
}

/// An `Interest` compiled for scanning.
pub struct Matcher {
    /// `None` when there is no name to look for.
    ac: Option<AhoCorasick>,
    /// The classes of each pattern.
    classes: Vec<u8>,
    /// For each pattern of class `DEFINED_IN`, the types whose impls it matters in.
    owners: Vec<Vec<String>>,
    /// The names could not be compiled: every file matches.
    all: bool,
}

impl Matcher {
    pub fn new<'i>(ix: &'i Interest) -> Matcher {
        let mut names: BTreeMap<&'i str, u8> = BTreeMap::new();
        let mut add = |set: &'i BTreeSet<String>, class: u8| {
            for n in set {
                let bare = n.strip_prefix("r#").unwrap_or(n);
                if !bare.is_empty() {
                    *names.entry(bare).or_default() |= class;
                }
            }
        };
        add(&ix.mention, MENTION);
        add(&ix.define, DEFINE);
        add(&ix.field, FIELD);
        add(&ix.field_decl, FIELD_DECL);
        add(&ix.implemented, IMPLEMENTED);
        add(&ix.called, CALLED);
        add(&ix.defined, DEFINED);
        let mut owners: BTreeMap<&'i str, Vec<String>> = BTreeMap::new();
        for (n, tys) in &ix.defined_in {
            let bare = n.strip_prefix("r#").unwrap_or(n);
            if !bare.is_empty() {
                *names.entry(bare).or_default() |= DEFINED_IN;
                owners.entry(bare).or_default().extend(tys.iter().cloned());
            }
        }
        let classes: Vec<u8> = names.values().copied().collect();
        let owners: Vec<Vec<String>> = names.keys().map(|n| owners.remove(n).unwrap_or_default()).collect();
        if names.is_empty() {
            return Matcher { ac: None, classes, owners, all: false };
        }
        match AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(names.keys()) {
            Ok(ac) => Matcher { ac: Some(ac), classes, owners, all: false },
            Err(_) => Matcher { ac: None, classes, owners, all: true },
        }
    }

    /// Whether no file can match.
    pub fn is_empty(&self) -> bool {
        self.ac.is_none() && !self.all
    }

    /// Whether the text mentions a name of interest in a way that counts.
    pub fn matches(&self, t: &[u8]) -> bool {
        if self.all {
            return true;
        }
        let Some(ac) = &self.ac else { return false };
        let mut traits = None;
        for m in ac.find_iter(t) {
            let (s, e) = (m.start(), m.end());
            if !whole_word(t, s, e) || in_comment_line(t, s) {
                continue;
            }
            let pattern = m.pattern().as_usize();
            let class = self.classes[pattern];
            if class & MENTION != 0
                || (class & DEFINE != 0 && is_definition(t, s))
                || (class & FIELD != 0 && is_field_access(t, s, e))
                || (class & FIELD_DECL != 0 && is_declaration(t, e))
                || (class & IMPLEMENTED != 0
                    && is_impl_target(t, s)
                    && *traits.get_or_insert_with(|| may_implement_fact_trait(t)))
                || (class & CALLED != 0 && is_call(t, e))
                || (class & DEFINED != 0 && is_fn_definition(t, s))
                || (class & DEFINED_IN != 0
                    && is_fn_definition(t, s)
                    && self.owners[pattern].iter().any(|o| names_impl_owner(t, o)))
            {
                return true;
            }
        }
        false
    }
}

mod calls;
pub use calls::CallScan;

#[cfg(test)]
mod tests;
