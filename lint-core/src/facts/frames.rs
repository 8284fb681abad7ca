//! Looking a local up through nested scopes, for the walks that bind names to what they
//! denote (`lifecycle` roots, `typeinfo::shares` maps).

/// The innermost binding of `name`, searching `frames` from the innermost out: each frame
/// is (its bindings in order, whether names of enclosing frames are hidden past it, as
/// an inner function hides its parent's locals). A later binding shadows an earlier one.
pub(crate) fn innermost<'f, B: 'f>(
    frames: impl DoubleEndedIterator<Item = (&'f [(String, B)], bool)>,
    name: &str,
) -> Option<&'f B> {
    for (names, isolating) in frames.rev() {
        if let Some((_, b)) = names.iter().rev().find(|(n, _)| n == name) {
            return Some(b);
        }
        if isolating {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::innermost;

    #[test]
    fn inner_bindings_shadow_and_isolating_frames_hide() {
        let outer = vec![("m".to_string(), 1), ("k".to_string(), 2)];
        let inner = vec![("m".to_string(), 3), ("m".to_string(), 4)];
        let frames = [(outer.as_slice(), false), (inner.as_slice(), false)];
        assert_eq!(innermost(frames.iter().copied(), "m"), Some(&4));
        assert_eq!(innermost(frames.iter().copied(), "k"), Some(&2));
        let hidden = [(outer.as_slice(), false), (inner.as_slice(), true)];
        assert_eq!(innermost(hidden.iter().copied(), "k"), None);
        assert_eq!(innermost(hidden.iter().copied(), "x"), None);
    }
}
