//! The depth estimate of `nesting` read straight off a file's bytes, with rustc's own lexer
//! (`ra-ap-rustc_lexer`, as rust-analyzer publishes it) and no token built: the tokens are
//! the ones `proc_macro2` makes of the text (a lifetime is `'` and a word, a doc comment is
//! `#[doc = ".."]`), read by the same `Level`s. Where the two lexers might part ways (an
//! unknown or reserved token, an unterminated literal or comment, unbalanced brackets) the
//! estimate gives up, and the token walk decides.

use proc_macro2::{Delimiter, Spacing};
use ra_ap_rustc_lexer::{tokenize, DocStyle, LiteralKind, TokenKind};

use super::nesting::{Level, Tok};

/// What the walk over a file's bytes found.
#[derive(Debug, PartialEq, Eq)]
pub struct Lexed {
    /// The estimated depth (as `nesting::nesting_depth` gives it when at most
    /// `MAX_NESTING`).
    pub depth: usize,
    /// The most tokens one statement had (as the token walk counts them against
    /// `MAX_SEGMENT`).
    pub longest: usize,
}

/// The punctuation `proc_macro2` makes a `Punct` of.
const PUNCT: &str = "~!@#$%^&*-=+|;:,<.>/?'";

/// A stack of open groups, each with its delimiter (none for the whole file).
struct Walk {
    stack: Vec<(Level, Option<Delimiter>)>,
    depth: usize,
    longest: usize,
}

impl Walk {
    fn read(&mut self, tok: Tok) -> Option<usize> {
        let (level, _) = self.stack.last_mut()?;
        let here = level.read(tok);
        self.depth = self.depth.max(here);
        self.longest = self.longest.max(level.len);
        Some(here)
    }

    fn open(&mut self, delimiter: Delimiter) -> Option<()> {
        let here = self.read(Tok::Group(delimiter))?;
        self.depth = self.depth.max(here + 1);
        self.stack.push((Level::new(here + 1), Some(delimiter)));
        Some(())
    }

    /// Closes the innermost group; `None` when it is not one of `delimiter`.
    fn close(&mut self, delimiter: Delimiter) -> Option<()> {
        match self.stack.pop()? {
            (_, Some(d)) if d == delimiter => Some(()),
            _ => None,
        }
    }

    /// A doc comment, as `proc_macro2` gives it: `#`, `!` when inner, `[doc = ".."]`.
    fn doc(&mut self, style: DocStyle) -> Option<()> {
        self.read(Tok::Punct('#', Spacing::Alone))?;
        if style == DocStyle::Inner {
            self.read(Tok::Punct('!', Spacing::Alone))?;
        }
        self.open(Delimiter::Bracket)?;
        self.read(Tok::Word(b"doc"))?;
        self.read(Tok::Punct('=', Spacing::Alone))?;
        self.read(Tok::Literal)?;
        self.close(Delimiter::Bracket)
    }
}

/// The spacing `proc_macro2` gives a punctuation mark followed by `rest`: joint when
/// another mark follows at once (not a comment's `//` or `/*`).
fn spacing(rest: &str) -> Spacing {
    let joint =
        rest.chars().next().is_some_and(|c| PUNCT.contains(c)) && !rest.starts_with("//") && !rest.starts_with("/*");
    if joint {
        Spacing::Joint
    } else {
        Spacing::Alone
    }
}

/// Whether a literal is one `proc_macro2` may read the same way.
fn well_formed(kind: LiteralKind) -> bool {
    match kind {
        LiteralKind::Int { empty_int, .. } => !empty_int,
        LiteralKind::Float { empty_exponent, .. } => !empty_exponent,
        LiteralKind::Char { terminated }
        | LiteralKind::Byte { terminated }
        | LiteralKind::Str { terminated }
        | LiteralKind::ByteStr { terminated }
        | LiteralKind::CStr { terminated } => terminated,
        LiteralKind::RawStr { n_hashes } | LiteralKind::RawByteStr { n_hashes } | LiteralKind::RawCStr { n_hashes } => {
            n_hashes.is_some()
        }
    }
}

/// The estimate of a text (shebang line already blanked), or `None` when the text holds
/// something the two lexers might read differently.
pub fn estimate(text: &str) -> Option<Lexed> {
    let mut walk = Walk { stack: vec![(Level::new(0), None)], depth: 0, longest: 0 };
    let mut at = 0usize;
    for token in tokenize(text) {
        let start = at;
        at += token.len as usize;
        let lexeme = text.get(start..at)?;
        match token.kind {
            TokenKind::Whitespace
            | TokenKind::LineComment { doc_style: None }
            | TokenKind::BlockComment { doc_style: None, terminated: true } => {}
            TokenKind::LineComment { doc_style: Some(style) }
            | TokenKind::BlockComment { doc_style: Some(style), terminated: true } => walk.doc(style)?,
            TokenKind::Ident | TokenKind::RawIdent => {
                walk.read(Tok::Word(lexeme.as_bytes()))?;
            }
            TokenKind::Lifetime { starts_with_number: false } | TokenKind::RawLifetime => {
                walk.read(Tok::Punct('\'', Spacing::Joint))?;
                walk.read(Tok::Word(lexeme.get(1..)?.as_bytes()))?;
            }
            TokenKind::Literal { kind, .. } if well_formed(kind) => {
                walk.read(Tok::Literal)?;
            }
            TokenKind::OpenParen => walk.open(Delimiter::Parenthesis)?,
            TokenKind::OpenBracket => walk.open(Delimiter::Bracket)?,
            TokenKind::OpenBrace => walk.open(Delimiter::Brace)?,
            TokenKind::CloseParen => walk.close(Delimiter::Parenthesis)?,
            TokenKind::CloseBracket => walk.close(Delimiter::Bracket)?,
            TokenKind::CloseBrace => walk.close(Delimiter::Brace)?,
            TokenKind::Semi
            | TokenKind::Comma
            | TokenKind::Dot
            | TokenKind::At
            | TokenKind::Pound
            | TokenKind::Tilde
            | TokenKind::Question
            | TokenKind::Colon
            | TokenKind::Dollar
            | TokenKind::Eq
            | TokenKind::Bang
            | TokenKind::Lt
            | TokenKind::Gt
            | TokenKind::Minus
            | TokenKind::And
            | TokenKind::Or
            | TokenKind::Plus
            | TokenKind::Star
            | TokenKind::Slash
            | TokenKind::Caret
            | TokenKind::Percent => {
                let c = lexeme.chars().next()?;
                walk.read(Tok::Punct(c, spacing(&text[at..])))?;
            }
            _ => return None,
        }
    }
    (walk.stack.len() == 1).then_some(Lexed { depth: walk.depth, longest: walk.longest })
}
