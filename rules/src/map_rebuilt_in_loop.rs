//! ML004 map-rebuilt-in-loop: A hash map constructed on every loop iteration instead of being cleared and reused.

use lint_core::{Group, Level, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ML004",
    name: "map-rebuilt-in-loop",
    level: Level::Warning,
    group: Group::Default,
    summary: "A hash map constructed on every loop iteration instead of being cleared and reused.",
    explanation: "A hash map constructed on every loop iteration instead of being cleared and reused.",
    precision: "high",
};

pub struct MapRebuiltInLoop;

impl Rule for MapRebuiltInLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
