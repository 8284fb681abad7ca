//! maplint's engine: it knows Rust syntax and maps, and nothing of output formats.
//!
//! The way a file travels: `walk` finds it, `engine` reads and parses it once, the
//! shared traversal in `traverse` runs every local rule over the tree and `facts`
//! extracts what the package-level rules need, then the tree is dropped. `index`
//! merges the facts of one package; package rules query it. Findings are resolved to
//! lines and columns, suppressed, filtered and sorted in `engine`.
//!
//! Architecture invariants: parsing a bad file never fails the run; rules do no I/O;
//! output order is deterministic whatever the thread count; scanned code is never
//! executed.

pub mod cache;
pub mod comments;
pub mod ctor;
pub mod decl;
pub mod diagnostic;
pub mod engine;
pub mod escape;
pub mod facts;
pub mod finding;
pub mod index;
pub mod iterlen;
pub mod manifest;
pub mod maptypes;
pub mod modtree;
pub mod prefilter;
pub mod rule;
pub mod semantic;
pub mod settings;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod testcode;
pub mod traverse;
pub mod types;
pub mod walk;

pub use diagnostic::{Diagnostic, Edit, Fix, Label, Level, Pos, Site, Span};
pub use engine::{run, run_buffer, Buffer, Report, Skipped};
pub use finding::Finding;
pub use rule::{Group, Rule, RuleMeta};
pub use settings::Settings;
