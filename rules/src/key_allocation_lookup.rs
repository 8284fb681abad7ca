//! ML005 key-allocation-lookup: An owned string or buffer allocated only to look a key up.

use lint_core::{Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML005",
    name: "key-allocation-lookup",
    level: Level::Warning,
    group: Group::Default,
    summary: "An owned string or buffer allocated only to look a key up.",
    explanation: "An owned string or buffer allocated only to look a key up.",
    precision: "very-high",
};

pub struct KeyAllocationLookup;

impl Rule for KeyAllocationLookup {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
