//! ML008 large-inline-value: A map whose value is a large inline array: every slot, empty ones too, reserves it.

use lint_core::{Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML008",
    name: "large-inline-value",
    level: Level::Note,
    group: Group::Pedantic,
    summary: "A map whose value is a large inline array: every slot, empty ones too, reserves it.",
    explanation: "A map whose value is a large inline array: every slot, empty ones too, reserves it.",
    precision: "high",
};

pub struct LargeInlineValue;

impl Rule for LargeInlineValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
