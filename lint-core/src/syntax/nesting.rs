//! The depth estimate that keeps `syn`'s recursive descent off deep input: a `Level` per
//! bracket group reads its tokens one by one (`Tok`). `nesting_depth` walks a file's token
//! stream without recursion, moving each token once and handing the stream back rebuilt
//! (the same tokens, groups and spans), so that no token is copied to be looked at;
//! `lexed` feeds the same levels from the bytes, for most files, without a token built.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Group, Spacing, Span, TokenStream, TokenTree};

/// Deeper bracket nesting than this is refused before `syn` sees it.
pub const MAX_NESTING: usize = 256;

/// Statements of more tokens than this (at one bracket level, between `;` or `,`) are refused:
/// long postfix and binary chains nest `syn`'s tree one level per operator.
pub const MAX_SEGMENT: usize = 50_000;

/// Keywords that start an item, whose body's closing brace ends the statement.
const ITEM_WORDS: &[&str] = &[
    "pub",
    "fn",
    "impl",
    "struct",
    "enum",
    "union",
    "mod",
    "trait",
    "extern",
    "unsafe",
    "async",
    "const",
    "macro_rules",
];

/// Keywords after which a prefix operator run goes on (`&mut *const &'a dyn x`).
const PREFIX_WORDS: &[&str] = &["mut", "const", "raw", "dyn", "impl", "move", "async", "static", "ref", "box"];
/// Keywords that open a construct lasting to the end of the expression.
const TAIL_WORDS: &[&str] = &["return", "break", "yield", "become", "let", "if", "while", "match"];

/// An identifier's text as `to_string` would give it, printed into a buffer on the stack
/// rather than a new string: empty when longer than any keyword.
#[derive(Default)]
struct Word {
    bytes: [u8; 12],
    len: usize,
}

impl Word {
    /// The identifier's text, as `to_string` would give it (`r#` and all).
    fn of(i: &proc_macro2::Ident) -> Word {
        let mut word = Word::default();
        if write!(word, "{i}").is_err() {
            word.len = 0;
        }
        word
    }
}

impl std::fmt::Write for Word {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let to = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        to.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// One token as the estimate reads it. A group is one token; its inside is read after.
#[derive(Clone, Copy)]
pub(super) enum Tok<'w> {
    /// An identifier or keyword as `to_string` gives it (`r#` and all); it may be left
    /// empty when longer than any keyword.
    Word(&'w [u8]),
    Punct(char, Spacing),
    Literal,
    Group(Delimiter),
}

/// What came before a token within its group.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    Start,
    Operand,
    Keyword,
    Punct(char, Spacing),
}

/// The estimate's state within one bracket group while its tokens are read.
pub(super) struct Level {
    /// The estimated depth at which this group opened.
    base: usize,
    /// Open `<` angle brackets (until `;` or a brace).
    angle: usize,
    /// A run of prefix operators (`&&&&x`, `- - x`, `&mut *const`).
    run: usize,
    /// Constructs that last to the end of the expression: closures, `->` return types,
    /// assignments, `@` bindings and the keywords of `TAIL_WORDS`.
    tail: usize,
    /// Between the bars of a closure's parameters, where `,` ends nothing.
    params: bool,
    /// The last `|` was a binary operator (so is a second one joined to it).
    binary_pipe: bool,
    /// Tokens since the last `;` or `,`, or since the end of the last item.
    pub(super) len: usize,
    /// The current statement started with an item keyword or an attribute: its body's
    /// closing brace ends it.
    item: bool,
    /// The last token was a brace group: a word or an attribute after it starts a new
    /// statement (`if a { x } if b { y }`, match arms `A => { x } B => { y }`).
    after_brace: bool,
    prev: Prev,
}

/// Whether `word` is one of `words`.
fn is_one_of(word: &[u8], words: &[&str]) -> bool {
    words.iter().any(|w| w.as_bytes() == word)
}

impl Level {
    /// A group opened at estimated depth `base` (0 for the whole file).
    pub(super) fn new(base: usize) -> Level {
        Level {
            base,
            angle: 0,
            run: 0,
            tail: 0,
            params: false,
            binary_pipe: false,
            len: 0,
            item: false,
            after_brace: false,
            prev: Prev::Start,
        }
    }

    fn punct(&mut self, c: char, spacing: Spacing) {
        let joined_to = |x: char| self.prev == Prev::Punct(x, Spacing::Joint);
        match c {
            '<' => self.angle += 1,
            // `->` opens a return type; `=>` ends a match arm's pattern.
            '>' if joined_to('-') => self.tail += 1,
            '>' if joined_to('=') => self.params = false,
            '>' => self.angle = self.angle.saturating_sub(1),
            ';' => {
                (self.angle, self.run, self.tail, self.params, self.len) = (0, 0, 0, false, 0);
            }
            ',' => {
                self.run = 0;
                self.len = 0;
                if self.angle == 0 && !self.params {
                    self.tail = 0;
                }
            }
            '&' | '*' | '-' | '!' => self.run += 1,
            '\'' => {}
            '|' => {
                if self.params {
                    self.params = false;
                } else if self.prev == Prev::Operand || (joined_to('|') && self.binary_pipe) {
                    self.binary_pipe = true;
                } else {
                    self.binary_pipe = false;
                    self.params = true;
                    self.tail += 1;
                }
            }
            '=' if spacing == Spacing::Alone
                && !matches!(self.prev, Prev::Punct('=' | '!' | '<' | '>', Spacing::Joint)) =>
            {
                self.tail += 1;
                self.run = 0;
            }
            '@' => self.tail += 1,
            _ => self.run = 0,
        }
        self.prev = Prev::Punct(c, spacing);
    }

    fn ident(&mut self, word: &[u8]) {
        let lifetime = self.prev == Prev::Punct('\'', Spacing::Joint);
        if is_one_of(word, TAIL_WORDS) {
            self.tail += 1;
            self.prev = Prev::Keyword;
        } else if is_one_of(word, PREFIX_WORDS) {
            self.prev = Prev::Keyword;
        } else {
            if !lifetime {
                self.run = 0;
            }
            self.prev = Prev::Operand;
        }
    }

    /// Reads one token (for a group, not its inside), and gives the depth it is at. The
    /// statement it is in is then `len` tokens long.
    pub(super) fn read(&mut self, tok: Tok) -> usize {
        self.len += 1;
        // A word (but `else` and `as`, which go on) or an attribute right after a block
        // starts a new statement.
        let after_brace = std::mem::take(&mut self.after_brace);
        let starts = match tok {
            Tok::Word(w) => !is_one_of(w, &["else", "as"]),
            Tok::Punct(c, _) => c == '#',
            _ => false,
        };
        if after_brace && starts {
            self.len = 1;
        }
        if self.len == 1 {
            self.item = match tok {
                Tok::Word(w) => is_one_of(w, ITEM_WORDS),
                Tok::Punct(c, _) => c == '#',
                _ => false,
            };
        }
        let here = |l: &Level| l.base + l.angle + l.run + l.tail;
        match tok {
            Tok::Punct(c, spacing) => self.punct(c, spacing),
            Tok::Word(w) => self.ident(w),
            Tok::Literal => {
                self.run = 0;
                self.prev = Prev::Operand;
            }
            Tok::Group(delimiter) => {
                let at = here(self);
                self.group(delimiter);
                return at;
            }
        }
        here(self)
    }

    /// Takes note that a group was read.
    fn group(&mut self, delimiter: Delimiter) {
        if delimiter == Delimiter::Brace {
            (self.angle, self.tail, self.params, self.after_brace) = (0, 0, false, true);
            if self.item {
                (self.len, self.item) = (0, false);
            }
        }
        self.run = 0;
        self.prev = Prev::Operand;
    }
}

/// A group of the token walk: the estimate's state, and the tokens read so far.
struct Frame {
    level: Level,
    iter: proc_macro2::token_stream::IntoIter,
    /// The group's tokens read so far, moved here as they are read.
    done: TokenStream,
    /// The group's delimiter and span; `None` for the whole file.
    group: Option<(Delimiter, Span)>,
}

impl Frame {
    /// A frame reading `ts`, which must be the only handle on its tokens (not a clone of a
    /// stream still held elsewhere), or they are all copied.
    fn new(ts: TokenStream, group: Option<(Delimiter, Span)>, base: usize) -> Frame {
        Frame { level: Level::new(base), iter: ts.into_iter(), done: TokenStream::new(), group }
    }
}

/// A file's tokens, read through by [`nesting_depth`].
pub struct Walked {
    /// The estimated depth: the true one when at most `MAX_NESTING`, else some depth beyond
    /// it (the walk stops there).
    pub depth: usize,
    /// The same tokens, groups and spans as were given, when the walk read them all: when
    /// `depth` is at most `MAX_NESTING`.
    pub tokens: Option<TokenStream>,
}

/// The deepest recursion `syn` (and a visitor of its tree) could need for a token stream,
/// estimated without recursion: each bracket group adds one level, and so, within a group,
/// does every construct `syn` parses recursively without a group of its own: open `<`
/// angle brackets, prefix operators (`&&&&x`), and closures, `->` return types,
/// assignments, `@` bindings, `return`, `break`, `let`, `if`, `while` and `match` until the
/// end of their expression. The levels of the enclosing groups add up. Errs when a
/// statement is longer than `MAX_SEGMENT` tokens.
///
/// The tokens are moved, never copied: a group's stream is taken from it, the group
/// dropped (so the stream's tokens have no other owner and move out), and the group built
/// again around the same tokens, with its delimiter and span, once they are all read.
pub fn nesting_depth(tokens: TokenStream) -> Result<Walked, String> {
    let mut stack = vec![Frame::new(tokens, None, 0)];
    let mut whole = None;
    let mut max = 0;
    while let Some(top) = stack.last_mut() {
        let Some(tt) = top.iter.next() else {
            let Some(frame) = stack.pop() else { break };
            match (frame.group, stack.last_mut()) {
                (Some((delimiter, span)), Some(outer)) => {
                    let mut g = Group::new(delimiter, frame.done);
                    g.set_span(span);
                    outer.done.extend([TokenTree::Group(g)]);
                }
                _ => whole = Some(frame.done),
            }
            continue;
        };
        let word;
        let tok = match &tt {
            TokenTree::Ident(i) => {
                word = Word::of(i);
                Tok::Word(&word.bytes[..word.len])
            }
            TokenTree::Punct(p) => Tok::Punct(p.as_char(), p.spacing()),
            TokenTree::Literal(_) => Tok::Literal,
            TokenTree::Group(g) => Tok::Group(g.delimiter()),
        };
        let here = top.level.read(tok);
        if top.level.len > MAX_SEGMENT {
            return Err(format!("a statement of more than {MAX_SEGMENT} tokens"));
        }
        max = max.max(here);
        match tt {
            TokenTree::Group(g) => {
                let (delimiter, span, stream) = (g.delimiter(), g.span(), g.stream());
                drop(g);
                max = max.max(here + 1);
                stack.push(Frame::new(stream, Some((delimiter, span)), here + 1));
            }
            tt => top.done.extend([tt]),
        }
        if max > MAX_NESTING {
            break;
        }
    }
    Ok(Walked { depth: max, tokens: whole })
}
