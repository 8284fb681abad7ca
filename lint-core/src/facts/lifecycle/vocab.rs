//! The method vocabulary of SPEC §1 for rooted expressions: the access chain looked
//! through (`.lock()`, `.borrow_mut()`, `.unwrap()`, ...), growth calls, removal calls,
//! bulk removal, shrinking and replacement. The access chain is summarised as a bit set
//! so the index can check that a growth call really reaches the map behind its lock.

/// `lock`, `try_lock`, `blocking_lock`, ...: a `Mutex` was locked.
pub const LOCK: u32 = 1;
/// `write`, `try_write`, ...: an `RwLock` was write-locked.
pub const WRITE: u32 = 1 << 1;
/// `read`, `try_read`, ...: an `RwLock` was read-locked.
pub const READ: u32 = 1 << 2;
/// `borrow_mut`, `try_borrow_mut`, `with_borrow_mut`: a `RefCell` was borrowed mutably.
pub const BORROW_MUT: u32 = 1 << 3;
/// `borrow`, `try_borrow`, `with_borrow`.
pub const BORROW: u32 = 1 << 4;
/// `get_mut()`: exclusive access through `&mut` (any cell or lock).
pub const GET_MUT: u32 = 1 << 5;
/// `get()`: `OnceLock::get`, `UnsafeCell::get`, ...
pub const GET: u32 = 1 << 6;

/// The chain bit a zero- or one-argument access method contributes, or `None` when the
/// method is not part of an access chain. `args` is the number of arguments.
pub fn chain_step(method: &str, args: usize) -> Option<u32> {
    let bit = match (method, args) {
        ("lock" | "try_lock" | "blocking_lock" | "lock_owned" | "try_lock_owned" | "lock_arc" | "try_lock_arc", 0) => {
            LOCK
        }
        ("write" | "try_write" | "blocking_write" | "write_owned" | "try_write_owned" | "write_arc", 0) => WRITE,
        ("read" | "try_read" | "blocking_read" | "read_owned" | "try_read_owned" | "read_arc", 0) => READ,
        ("borrow_mut" | "try_borrow_mut", 0) => BORROW_MUT,
        ("borrow" | "try_borrow", 0) => BORROW,
        ("get_mut", 0) => GET_MUT,
        ("get" | "force" | "load" | "load_full", 0) => GET,
        ("as_ref" | "as_mut" | "as_deref" | "as_deref_mut" | "deref" | "deref_mut" | "unwrap" | "ok", 0) => 0,
        // A weak reference upgraded is the same map (`Arc::downgrade(&m)` .. `.upgrade()`).
        ("upgrade", 0) => 0,
        ("unwrap_or_default", 0) => 0,
        ("get_or_init" | "expect" | "unwrap_or_else" | "get_or_try_init", 1) => 0,
        _ => return None,
    };
    Some(bit)
}

/// Lock methods outside access chains that give write access: an upgradable read, a
/// timed write, the lock taken apart.
pub fn is_write_access(method: &str) -> bool {
    matches!(
        method,
        "upgradable_read"
            | "try_upgradable_read"
            | "upgradable_read_arc"
            | "try_write_for"
            | "try_write_until"
            | "into_inner"
    )
}

/// The access a `thread_local!` `with*` method gives its closure parameter.
pub fn with_step(method: &str) -> Option<u32> {
    match method {
        "with" => Some(0),
        "with_borrow_mut" => Some(BORROW_MUT),
        "with_borrow" => Some(BORROW),
        _ => None,
    }
}

/// Growth calls (SPEC §1), `entry(..).or_insert*` aside.
pub fn is_growth(method: &str) -> bool {
    matches!(method, "insert" | "try_insert" | "extend" | "append" | "get_or_insert_with" | "get_or_insert")
}

/// The `Entry` methods that insert when the key is vacant.
pub fn is_entry_growth(method: &str) -> bool {
    matches!(method, "or_insert" | "or_insert_with" | "or_insert_with_key" | "or_default" | "or_try_insert_with")
}

/// Removal calls: SPEC §1's list plus the `_full`/`_index` variants of `IndexMap`, and
/// DashMap's `remove_if`.
pub fn is_removal(method: &str) -> bool {
    is_bulk_removal(method)
        || matches!(
            method,
            "remove"
                | "remove_entry"
                | "pop_first"
                | "pop_last"
                | "pop"
                | "split_off"
                | "truncate"
                | "swap_remove"
                | "shift_remove"
                | "swap_remove_entry"
                | "shift_remove_entry"
                | "swap_remove_full"
                | "shift_remove_full"
                | "swap_remove_index"
                | "shift_remove_index"
                | "swap_take"
                | "shift_take"
                | "remove_if"
                | "remove_if_mut"
        )
}

/// Bulk removal (ML007): empties many entries at once and keeps the capacity.
pub fn is_bulk_removal(method: &str) -> bool {
    matches!(method, "clear" | "retain" | "drain" | "extract_if" | "drain_filter")
}

/// `shrink_to_fit`, `shrink_to`.
pub fn is_shrink(method: &str) -> bool {
    matches!(method, "shrink_to_fit" | "shrink_to")
}

/// Whether a method name is one of the map methods of the vocabulary. A crate-local
/// method of such a name is taken as called only through `self` or a rooted receiver:
/// a call on anything else is the map's own method.
pub fn is_map_method(name: &str) -> bool {
    is_growth(name) || is_removal(name) || is_shrink(name) || name == "entry"
}

/// Methods that replace the whole value behind a cell (`RefCell::take`, `Cell::replace`,
/// `ArcSwap::store`, ...), given their argument count.
pub fn is_replacement(method: &str, args: usize) -> bool {
    matches!((method, args), ("take", 0) | ("replace", 1) | ("store", 1) | ("swap", 1))
}

/// The removal calls named in ML001's message.
pub const REMOVAL_NAMES: &str = "`remove`, `remove_entry`, `retain`, `clear`, `drain`, `extract_if`, `pop*`, \
    `split_off`, `truncate`, `swap_remove*`, `shift_remove*`";
