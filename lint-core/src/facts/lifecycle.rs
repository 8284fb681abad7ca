//! Facts about long-lived maps (SPEC §1): statics and fields that hold maps, and the
//! growth, removal, shrink and reassignment sites on rooted expressions.

use serde::{Deserialize, Serialize};

/// The lifecycle facts of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleFacts {}

impl LifecycleFacts {
    /// Adds to `ix` the names that make another file's lifecycle facts matter (see
    /// `prefilter`).
    pub fn names_of_interest(&self, _ix: &mut crate::prefilter::Interest) {}
}

/// Extracts the lifecycle facts of a parsed file.
pub fn extract(_file: &syn::File, _in_test_file: bool) -> LifecycleFacts {
    LifecycleFacts {}
}
