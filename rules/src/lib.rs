//! maplint's rules, one file each, and `ALL`, the plain list the engine and the binary
//! read. Adding a rule: its file here, one line in `ALL`, and its folder in `testdata/`.

use lint_core::Rule;

pub mod entry_key_allocation;
pub mod interior_mutable_key;
pub mod interior_mutable_value;
mod key_alloc;
pub mod key_allocation_lookup;
pub mod large_inline_value;
pub mod map_rebuilt_in_loop;
pub mod missing_presize;
pub mod retained_capacity;
#[cfg(test)]
mod testing;
pub mod unbounded_growth;

/// Every rule, in code order.
pub static ALL: &[&dyn Rule] = &[
    &unbounded_growth::UnboundedGrowth,
    &missing_presize::MissingPresize,
    &interior_mutable_value::InteriorMutableValue,
    &map_rebuilt_in_loop::MapRebuiltInLoop,
    &key_allocation_lookup::KeyAllocationLookup,
    &interior_mutable_key::InteriorMutableKey,
    &retained_capacity::RetainedCapacity,
    &large_inline_value::LargeInlineValue,
    &entry_key_allocation::EntryKeyAllocation,
];
