//! ML001 unbounded-growth: A long-lived map that grows and is never shrunk, cleared or bounded.

use lint_core::{Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML001",
    name: "unbounded-growth",
    level: Level::Warning,
    group: Group::Default,
    summary: "A long-lived map that grows and is never shrunk, cleared or bounded.",
    explanation: "A long-lived map that grows and is never shrunk, cleared or bounded.",
    precision: "high",
};

pub struct UnboundedGrowth;

impl Rule for UnboundedGrowth {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
