//! Unit tests of the type queries.
