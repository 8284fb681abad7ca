//! Runs the map workloads of `maps` under a heap profiler and writes its profile:
//! `dhat-heap.json` with the `dhat-heap` feature, `heap.pb.gz` (jemalloc's heap profile
//! as pprof) with the `jemalloc` feature. The first argument is the output directory.
//! With `dhat`, the bytes and blocks each workload allocated, as dhat counted them, are
//! written to `dhat-phases.json` too.

mod maps;

#[cfg(feature = "dhat-heap")]
#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[cfg(feature = "jemalloc")]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    #[cfg(feature = "dhat-heap")]
    let profiler =
        dhat::Profiler::builder().trim_backtraces(None).file_name(out.join("dhat-heap.json")).build();
    let mut phases = Vec::with_capacity(16);
    let kept = maps::run(&mut |name| phases.push((name, measure())), &mut || dump(&out));
    #[cfg(feature = "dhat-heap")]
    {
        drop(profiler);
        std::fs::write(out.join("dhat-phases.json"), phases_json(&phases)).expect("write dhat-phases.json");
    }
    println!("{} entries kept", kept);
    let _ = &phases;
}

/// Writes jemalloc's heap profile, as pprof, while the workloads' maps are alive.
#[cfg(feature = "jemalloc")]
fn dump(out: &std::path::Path) {
    let mut ctl = jemalloc_pprof::PROF_CTL.as_ref().expect("jemalloc profiling is on").blocking_lock();
    let pprof = ctl.dump_pprof().expect("dump_pprof");
    std::fs::write(out.join("heap.pb.gz"), pprof).expect("write heap.pb.gz");
}

#[cfg(not(feature = "jemalloc"))]
fn dump(_: &std::path::Path) {}

/// Bytes and blocks allocated so far, as the profiler counts them.
#[cfg(feature = "dhat-heap")]
fn measure() -> (u64, u64) {
    let s = dhat::HeapStats::get();
    (s.total_bytes, s.total_blocks)
}

#[cfg(not(feature = "dhat-heap"))]
fn measure() -> (u64, u64) {
    (0, 0)
}

/// `{"name": {"bytes": B, "blocks": N}}` for each workload, from the measures taken
/// before and after it.
#[cfg(feature = "dhat-heap")]
fn phases_json(phases: &[(&str, (u64, u64))]) -> String {
    let mut parts = Vec::new();
    for pair in phases.chunks(2) {
        if let [(name, (b0, k0)), (_, (b1, k1))] = pair {
            parts.push(format!("  \"{name}\": {{\"bytes\": {}, \"blocks\": {}}}", b1 - b0, k1 - k0));
        }
    }
    format!("{{\n{}\n}}\n", parts.join(",\n"))
}
