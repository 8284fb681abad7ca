//! Facts about long-lived maps (SPEC §1): statics and fields that hold maps, and the
//! growth, removal, shrink and reassignment sites on rooted expressions.

use serde::{Deserialize, Serialize};

/// The lifecycle facts of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleFacts {}

/// Extracts the lifecycle facts of a parsed file.
pub fn extract(_file: &syn::File, _in_test_file: bool) -> LifecycleFacts {
    LifecycleFacts {}
}
