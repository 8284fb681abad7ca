//! The `Rule` trait and the metadata every rule declares once, in its own file.
//!
//! Local rules (ML002, ML004, ML005) implement the `check_*` hooks that the shared
//! traversal in `traverse` calls while a file's tree is in hand; package rules
//! implement `check_package` and read only the facts merged in `PackageIndex`.

use crate::diagnostic::{Diagnostic, Level};
use crate::index::PackageIndex;
use crate::prefilter::Trigger;
use crate::traverse::LocalCx;

/// Whether a rule runs by default or only when selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Default,
    Pedantic,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Default => "default",
            Group::Pedantic => "pedantic",
        }
    }
}

/// Everything about a rule that is not its logic; the single source for `--explain`,
/// `--list-rules`, the README table and SARIF rule descriptors.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub level: Level,
    pub group: Group,
    /// One sentence: what the rule flags.
    pub summary: &'static str,
    /// Markdown documentation: what it flags, why it costs memory or time, an example,
    /// what to write instead, known limits.
    pub explanation: &'static str,
    /// SARIF precision: `very-high`, `high`, `medium` or `low`.
    pub precision: &'static str,
}

/// A lint rule. Every hook has an empty default, so a rule implements only what it uses.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Called for every block of every function, closure and const initialiser.
    fn check_block(&self, _block: &syn::Block, _cx: &mut LocalCx<'_>) {}

    /// Called for every `let` statement.
    fn check_local(&self, _local: &syn::Local, _cx: &mut LocalCx<'_>) {}

    /// Called for every expression, outermost first.
    fn check_expr(&self, _expr: &syn::Expr, _cx: &mut LocalCx<'_>) {}

    /// Called once per package with the merged facts of its files.
    fn check_package(&self, _index: &PackageIndex, _out: &mut Vec<(usize, Diagnostic)>) {}

    /// True when the rule implements any of the local hooks.
    fn is_local(&self) -> bool {
        false
    }

    /// What a local rule needs in a file's text before it can report there: files without
    /// it are not parsed for this rule (see `prefilter`). The default parses every file.
    fn trigger(&self) -> Trigger {
        Trigger::Always
    }
}
