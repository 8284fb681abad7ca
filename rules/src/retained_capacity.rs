//! ML007 retained-capacity: A long-lived hash map bulk-emptied but never shrunk keeps its peak capacity.

use lint_core::{Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML007",
    name: "retained-capacity",
    level: Level::Note,
    group: Group::Pedantic,
    summary: "A long-lived hash map bulk-emptied but never shrunk keeps its peak capacity.",
    explanation: "A long-lived hash map bulk-emptied but never shrunk keeps its peak capacity.",
    precision: "medium",
};

pub struct RetainedCapacity;

impl Rule for RetainedCapacity {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
