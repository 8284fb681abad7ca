//! The `maplint` binary run on source trees made at test time: exit statuses, skipped
//! files, output formats, determinism, walking, rule selection, colour, test code,
//! hostile input and the cache. The modules live in `cli/tests/cli/`, the snapshots in
//! `cli/tests/snapshots/`.

#[path = "cli/cache.rs"]
mod cache;
#[path = "cli/color.rs"]
mod color;
#[path = "cli/common.rs"]
mod common;
#[path = "cli/demo.rs"]
mod demo;
#[path = "cli/determinism.rs"]
mod determinism;
#[path = "cli/exit.rs"]
mod exit;
#[path = "cli/fix_files.rs"]
mod fix_files;
#[path = "cli/fix_race.rs"]
mod fix_race;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/hostile.rs"]
mod hostile;
#[path = "cli/nothing_to_lint.rs"]
mod nothing_to_lint;
#[path = "cli/selection.rs"]
mod selection;
#[path = "cli/skipped.rs"]
mod skipped;
#[path = "cli/testcode.rs"]
mod testcode;
#[path = "cli/walking.rs"]
mod walking;
