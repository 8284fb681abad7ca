//! ML006 interior-mutable-key: A map key whose Hash or PartialEq reads an interior-mutable field.

use lint_core::{Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML006",
    name: "interior-mutable-key",
    level: Level::Error,
    group: Group::Default,
    summary: "A map key whose Hash or PartialEq reads an interior-mutable field.",
    explanation: "A map key whose Hash or PartialEq reads an interior-mutable field.",
    precision: "high",
};

pub struct InteriorMutableKey;

impl Rule for InteriorMutableKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
