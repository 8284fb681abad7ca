//! The depth estimate as it was first written (copying each token to read it), kept to
//! check that the walk which moves the tokens gives the same answer and the same tokens,
//! and that the estimate read off the bytes (`lexed`) gives the same depth.

use proc_macro2::{Spacing, TokenStream, TokenTree};

use super::MAX_NESTING;
use super::{lexed, nesting};

/// Statements of more tokens than this are refused.
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

/// What came before a token within its group.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    Start,
    Operand,
    Keyword,
    Punct(char, Spacing),
}

/// The state of one bracket group while its tokens are read.
struct Level {
    iter: proc_macro2::token_stream::IntoIter,
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
    len: usize,
    /// The current statement started with an item keyword or an attribute: its body's
    /// closing brace ends it.
    item: bool,
    /// The last token was a brace group: a word or an attribute after it starts a new
    /// statement (`if a { x } if b { y }`, match arms `A => { x } B => { y }`).
    after_brace: bool,
    prev: Prev,
}

impl Level {
    fn new(ts: TokenStream, base: usize) -> Level {
        Level {
            iter: ts.into_iter(),
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

    fn punct(&mut self, p: &proc_macro2::Punct) {
        let c = p.as_char();
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
            '=' if p.spacing() == Spacing::Alone
                && !matches!(self.prev, Prev::Punct('=' | '!' | '<' | '>', Spacing::Joint)) =>
            {
                self.tail += 1;
                self.run = 0;
            }
            '@' => self.tail += 1,
            _ => self.run = 0,
        }
        self.prev = Prev::Punct(c, p.spacing());
    }

    fn ident(&mut self, i: &proc_macro2::Ident) {
        let word = i.to_string();
        let lifetime = self.prev == Prev::Punct('\'', Spacing::Joint);
        if TAIL_WORDS.contains(&word.as_str()) {
            self.tail += 1;
            self.prev = Prev::Keyword;
        } else if PREFIX_WORDS.contains(&word.as_str()) {
            self.prev = Prev::Keyword;
        } else {
            if !lifetime {
                self.run = 0;
            }
            self.prev = Prev::Operand;
        }
    }
}

/// The deepest recursion `syn` (and a visitor of its tree) could need for a token stream,
/// estimated without recursion: each bracket group adds one level, and so, within a group,
/// does every construct `syn` parses recursively without a group of its own: open `<`
/// angle brackets, prefix operators (`&&&&x`), and closures, `->` return types,
/// assignments, `@` bindings, `return`, `break`, `let`, `if`, `while` and `match` until the
/// end of their expression. The levels of the enclosing groups add up. Errs when a
/// statement is longer than `MAX_SEGMENT` tokens.
pub(super) fn nesting_depth(tokens: &TokenStream) -> Result<usize, String> {
    let mut stack = vec![Level::new(tokens.clone(), 0)];
    let mut max = 0;
    while let Some(top) = stack.last_mut() {
        let Some(tt) = top.iter.next() else {
            stack.pop();
            continue;
        };
        top.len += 1;
        // A word (but `else` and `as`, which go on) or an attribute right after a block
        // starts a new statement.
        let after_brace = std::mem::take(&mut top.after_brace);
        let starts = match &tt {
            TokenTree::Ident(i) => i != "else" && i != "as",
            TokenTree::Punct(p) => p.as_char() == '#',
            _ => false,
        };
        if after_brace && starts {
            top.len = 1;
        }
        if top.len == 1 {
            top.item = match &tt {
                TokenTree::Ident(i) => ITEM_WORDS.iter().any(|w| i == w),
                TokenTree::Punct(p) => p.as_char() == '#',
                _ => false,
            };
        }
        if top.len > MAX_SEGMENT {
            return Err(format!("a statement of more than {MAX_SEGMENT} tokens"));
        }
        match &tt {
            TokenTree::Punct(p) => top.punct(p),
            TokenTree::Ident(i) => top.ident(i),
            TokenTree::Literal(_) => {
                top.run = 0;
                top.prev = Prev::Operand;
            }
            TokenTree::Group(_) => {}
        }
        let here = top.base + top.angle + top.run + top.tail;
        max = max.max(here);
        if let TokenTree::Group(g) = tt {
            if g.delimiter() == proc_macro2::Delimiter::Brace {
                (top.angle, top.tail, top.params, top.after_brace) = (0, 0, false, true);
                if top.item {
                    (top.len, top.item) = (0, false);
                }
            }
            top.run = 0;
            top.prev = Prev::Operand;
            max = max.max(here + 1);
            stack.push(Level::new(g.stream(), here + 1));
        }
        if max > MAX_NESTING {
            break;
        }
    }
    Ok(max)
}

/// Every `.rs` file under `dir`, skipping build output.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() && !path.ends_with("target") && !path.ends_with(".git") {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `n` times `open`, then `middle`, then `n` times `close`.
fn deep(n: usize, open: &str, middle: &str, close: &str) -> String {
    format!("{}{middle}{}", open.repeat(n), close.repeat(n))
}

/// Texts that are deep, long or odd: both sides of each limit.
fn hostile() -> Vec<String> {
    let mut texts = Vec::new();
    for n in [1, 100, 250, 254, 255, 256, 257, 258, 300, 20_000] {
        texts.extend([
            format!("fn f() {{ let x = {}; }}", deep(n, "(", "1", ")")),
            format!("fn f() {}", deep(n, "{", "", "}")),
            format!("type T = {};", deep(n, "Vec<", "u8", ">")),
            format!("type T = {};", deep(n, "&", "u8", "")),
            format!("fn f(y: u8) {{ let {} = y; }}", deep(n, "&", "x", "")),
            format!("fn f(y: u8) {{ let {} = y; }}", deep(n, "(", "x", ")")),
            format!("m!({});", deep(n, "[", "", "]")),
            format!("fn f() {{ let c = {}; }}", deep(n, "|x| ", "1", "")),
            format!("fn f() {{ let c = {}; }}", deep(n, "move |a, b| ", "1", "")),
            format!("type T = {};", deep(n, "fn() -> ", "u8", "")),
            format!("type T = {};", deep(n, "*const ", "u8", "")),
            format!("type T = {};", deep(n, "&'a mut ", "u8", "")),
            format!("fn f() {{ {}1; }}", deep(n, "a = ", "", "")),
            format!("fn f() {{ {}1; }}", deep(n, "return ", "", "")),
            format!("fn f() {{ let {}1; }}", deep(n, "a @ ", "", "")),
            format!("fn f() {{ {} }}", deep(n, "if a { ", "x", " }")),
            format!("fn f() {{ {} }}", "if a < b { x(); } ".repeat(n)),
            format!("fn f() {{ match x {{ {} }} }}", "E::A => { 1 } _ => { 2 } ".repeat(n)),
        ]);
    }
    for n in [24_999, 25_000, 30_000] {
        texts.push(format!("fn f() {{ x{}; }}", ".a".repeat(n)));
        texts.push(format!("fn f() {{ x{}; }}", " + { 1 }".repeat(n)));
        texts.push(format!("fn f() {{ {} }}", "a, ".repeat(n)));
        texts.push(format!("#[a] struct S {{ {} }}", "x: u8, ".repeat(n)));
    }
    texts.push("fn f( {".to_string());
    texts.push("fn f() { r#else { } r#if x; 'a: loop {} }".to_string());
    // Tokens the two lexers must read alike: lifetimes and characters, raw and byte
    // strings, doc comments of each kind, joint and spaced punctuation, numbers.
    texts.extend(ODD.iter().map(|t| t.to_string()));
    texts
}

const ODD: &[&str] = &[
    "fn f<'a>(x: &'a u8) -> char { let c = 'a'; let q = '\\''; let u = '\\u{1F600}'; c }",
    "fn f<'r#a>(x: &'r#a u8) {}",
    "const S: &str = r#\"a \" { ( [ \"#; const B: &[u8] = br\"(\"; const C: u8 = b'{';",
    "const Z: &core::ffi::CStr = c\"x\"; const R: &core::ffi::CStr = cr#\"]\"#;",
    "//! inner\n/*! inner block */\n/// outer\n/** outer block */\nfn f() {}\n//// plain\n/*** plain */",
    "fn f() { let a = x<<=1 && y >>= 2 || z -> w => v ..= u; a != b; a == b; a <= b; }",
    "fn f() { let n = 1.0e-5 + 0x_ff + 1u8 + 2.5f32 + 1_000 + 0b1010 + 1..2; x.0.1; }",
    "fn f() { let s = \"a\\\n b\"; let t = \"tab\\t{\"; } /* nested /* comment */ { */",
];

/// The estimate off the bytes gives up, and leaves the text to the token walk, where the
/// two lexers might read it differently.
#[test]
fn the_bytes_give_up_on_what_the_lexers_may_read_differently() {
    for text in ["fn f() { let s = \"open; }", "fn f() { 1e }", "fn f() {", "fn f() }", "fn f() { ## }", "/* open"] {
        assert_eq!(lexed::estimate(text), None, "{text}");
    }
    assert_eq!(lexed::estimate("fn f() {}").map(|l| l.depth), Some(1));
}

/// The old estimate and the new walk agree on every text, and the walk gives back the very
/// tokens (with their spans) it was given, from which `syn` parses the same file.
#[test]
fn the_walk_agrees_with_the_copying_estimate() {
    // `syn` and the printing recurse once per level, up to `MAX_NESTING` levels: a worker's
    // stack, as the engine gives.
    let worker = std::thread::Builder::new().stack_size(256 << 20);
    worker.spawn(compare_all).expect("spawn").join().expect("no failure");
}

fn compare_all() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 100, "{} files under {}", files.len(), root.display());
    let mut texts: Vec<String> = files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect();
    texts.extend(hostile());
    // `MAPLINT_ORACLE_CORPUS=DIR`: the files of a corpus too (README, `benches/`), of which
    // any may be left to the token walk.
    let mut odd = 0;
    if let Some(dir) = std::env::var_os("MAPLINT_ORACLE_CORPUS") {
        let mut more = Vec::new();
        rust_files(std::path::Path::new(&dir), &mut more);
        let before = texts.len();
        texts.extend(more.iter().filter_map(|f| std::fs::read_to_string(f).ok()));
        odd += texts.len() - before;
    }
    let (mut parsed, mut refused, mut unlexed) = (0, 0, 0);
    for text in &texts {
        let Ok(tokens) = text.parse::<TokenStream>() else { continue };
        let old = nesting_depth(&tokens);
        let name = text.chars().take(60).collect::<String>();
        // Off the bytes: the same depth and the same statement lengths, or no answer.
        match (lexed::estimate(text), &old) {
            (Some(l), Ok(d)) if *d <= MAX_NESTING => {
                assert_eq!(l.depth, *d, "{name}");
                assert!(l.longest <= MAX_SEGMENT, "{name}");
            }
            (Some(l), Ok(d)) => assert!(l.depth >= *d, "{name}"),
            (Some(l), Err(_)) => assert!(l.longest > MAX_SEGMENT, "{name}"),
            (None, _) => unlexed += 1,
        }
        // Printing the tokens (spans included) recurses: only for what is parsed.
        let shallow = matches!(old, Ok(d) if d <= MAX_NESTING);
        let before = shallow.then(|| format!("{tokens:?}"));
        // Moved: no other owner, so the tokens themselves are moved through.
        let new = nesting::nesting_depth(tokens);
        assert_eq!(old.as_ref().ok(), new.as_ref().ok().map(|w| &w.depth), "{name}");
        assert_eq!(old.as_ref().err(), new.as_ref().err(), "{name}");
        let Ok(walked) = new else { continue };
        assert_eq!(walked.tokens.is_some(), shallow, "{name}");
        let Some(rebuilt) = walked.tokens else {
            refused += 1;
            continue;
        };
        assert_eq!(before, Some(format!("{rebuilt:?}")), "{name}");
        // Shared with `rebuilt` (the walk then copies): `syn` parses the same file, spans
        // and all, from the tokens given and from those given back.
        let walked = nesting::nesting_depth(rebuilt.clone()).expect("walks again");
        let again = walked.tokens.expect("as shallow");
        let outcome = |ts: TokenStream| match syn::parse2::<syn::File>(ts) {
            Ok(file) => {
                let tokens = quote::ToTokens::to_token_stream(&file);
                format!("{file:?}\n{tokens:?}")
            }
            Err(e) => format!("{e} at {:?}..{:?}", e.span().start(), e.span().end()),
        };
        assert_eq!(outcome(rebuilt), outcome(again), "{name}");
        parsed += 1;
    }
    assert!(parsed > 100 && refused > 20, "{parsed} parsed, {refused} refused");
    // Every text the tokens were made of is read off the bytes too (a corpus may hold
    // odd ones).
    assert!(unlexed <= odd, "{unlexed} texts the bytes gave no estimate for");
    eprintln!("{parsed} parsed, {refused} refused, {unlexed} left to the token walk");
}
