//! `--profile` with profiles written by real profilers on testdata/profile/app (made by
//! scripts/make-profiles.sh): dhat's JSON, checked against the bytes and blocks dhat's
//! own counters measured for each workload, and jemalloc's heap profile as pprof
//! (jemalloc_pprof); the order of the findings; the text, json and SARIF forms; and the
//! files that are no profile.

#[path = "profile/support.rs"]
mod support;

#[path = "profile/dhat.rs"]
mod dhat;
#[path = "profile/errors.rs"]
mod errors;
#[path = "profile/pprof.rs"]
mod pprof;
