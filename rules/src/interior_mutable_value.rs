//! ML003 interior-mutable-value: A map whose values are each a separate heap cell or a lock that cannot be contended.

use lint_core::{Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML003",
    name: "interior-mutable-value",
    level: Level::Warning,
    group: Group::Default,
    summary: "A map whose values are each a separate heap cell or a lock that cannot be contended.",
    explanation: "A map whose values are each a separate heap cell or a lock that cannot be contended.",
    precision: "high",
};

pub struct InteriorMutableValue;

impl Rule for InteriorMutableValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
