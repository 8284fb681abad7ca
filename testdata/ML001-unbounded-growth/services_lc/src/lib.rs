//! Shapes of real services that bound their maps in ways that are easy to miss.
mod pass;
