//! Removal through an accessor called on a generic receiver.
pub fn forget<T: crate::fields::Api>(h: &T, id: u64) {
    h.jobs().lock().unwrap().remove(&id);
}
