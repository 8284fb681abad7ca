//! What a rule reports: a `Diagnostic` with its spans, labels and optional fix, in
//! file coordinates (1-based lines, 1-based character columns).

use serde::{Deserialize, Serialize};

/// Severity of a finding, ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "note" => Some(Level::Note),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

/// A position in a file: 1-based line, 1-based column counted in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A range of a file, end exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    /// The span of a syntax node (needs proc-macro2's `span-locations`).
    pub fn of<T: syn::spanned::Spanned + ?Sized>(node: &T) -> Span {
        Span::from_pm2(node.span())
    }

    pub fn from_pm2(s: proc_macro2::Span) -> Span {
        let (a, b) = (s.start(), s.end());
        Span {
            start: Pos { line: a.line as u32, column: a.column as u32 + 1 },
            end: Pos { line: b.line as u32, column: b.column as u32 + 1 },
        }
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A secondary span with its message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// Where the memory a finding is about gets allocated: a span of the finding's file, or,
/// for package rules, of another file of the package (`path`: its display path). A heap
/// profile's bytes are matched to a finding through these lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub path: Option<String>,
    pub span: Span,
}

/// One replacement of a span by new text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A machine-applicable fix: edits that together replace the problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<Edit>,
}

/// A finding as a rule produces it, before suppression and resolution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The rule code, e.g. `ML002`.
    pub code: String,
    pub message: String,
    pub help: String,
    pub span: Span,
    pub labels: Vec<Label>,
    /// Why it costs, and evidence too long for the one-line message.
    pub notes: Vec<String>,
    pub fix: Option<Fix>,
    /// Where the memory the finding is about is allocated (the growth calls of a map, a
    /// constructor, an allocating argument). Empty: the primary span and the labels.
    pub sites: Vec<Site>,
    /// The first line of the innermost statement, field or item holding `span`: comment
    /// lines directly above it may suppress the finding. Filled by the engine for local
    /// rules; package rules set it from their facts.
    pub anchor_line: Option<u32>,
    /// Set when the finding lies in test code (SPEC §1).
    pub in_test: bool,
    /// When set, the finding stands only if this type name resolves, in the package,
    /// to a hash-based map type (a crate-local alias or a `use .. as` rename).
    pub needs_hash_map: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &str, span: Span, message: impl Into<String>, help: impl Into<String>) -> Self {
        Diagnostic {
            code: code.to_string(),
            message: message.into(),
            help: help.into(),
            span,
            labels: Vec::new(),
            notes: Vec::new(),
            fix: None,
            sites: Vec::new(),
            anchor_line: None,
            in_test: false,
            needs_hash_map: None,
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    /// Adds a note: why the finding costs, or evidence that does not fit the message.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds an allocation site in the finding's own file.
    pub fn with_site(mut self, span: Span) -> Self {
        self.sites.push(Site { path: None, span });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
