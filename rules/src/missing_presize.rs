//! ML002 missing-presize: A map filled in a loop of known length without reserving capacity first.

use lint_core::{Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML002",
    name: "missing-presize",
    level: Level::Warning,
    group: Group::Default,
    summary: "A map filled in a loop of known length without reserving capacity first.",
    explanation: "A map filled in a loop of known length without reserving capacity first.",
    precision: "high",
};

pub struct MissingPresize;

impl Rule for MissingPresize {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
