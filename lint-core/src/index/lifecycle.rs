//! Queries about long-lived maps over the merged lifecycle facts of a package.

use super::PackageIndex;

impl PackageIndex<'_> {}
