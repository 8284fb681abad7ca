//! jemalloc's heap profile of the app as pprof (jemalloc_pprof, every allocation
//! sampled, dumped while the workloads' maps are alive). It holds the live heap, in bytes:
//! what the app keeps, in jemalloc's size classes, and none of what it freed (ML004's
//! tables, ML005's keys).

use serde_json::Value;

use crate::support::{assert_ordered, findings, line_of, maplint, APP, PPROF};

/// The measure of the finding of `code` on `line`.
fn measure<'a>(found: &'a [Value], code: &str, line: u64) -> &'a Value {
    let f = found.iter().find(|f| f["code"] == code && f["line"] == line);
    &f.unwrap_or_else(|| panic!("no {code} finding on line {line}"))["profile"]
}

/// The bytes a hashbrown table of `buckets` slots of `slot` bytes requests: the slots,
/// one control byte per slot and one group (16) more.
fn table(buckets: u64, slot: u64) -> u64 {
    buckets * slot + buckets + 16
}

/// What jemalloc allocates for a request of `n` bytes (more than 16): its size class,
/// four classes per doubling, at least 16 bytes apart.
fn class(n: u64) -> u64 {
    let step = (1u64 << ((n - 1).ilog2() - 2)).max(16);
    n.div_ceil(step) * step
}

#[test]
fn findings_get_the_live_bytes_jemalloc_sampled_at_their_sites() {
    let run = maplint(&["--format", "json", "--profile", PPROF, APP]);
    assert_eq!(run.stderr, "");
    let found = findings(&run);
    // (code, line of the finding, line of its site, what the app keeps there until the
    // dump, in jemalloc's size classes).
    let kept: [(&str, u64, u64, u64); 5] = [
        // 2,000 Vec<u8> of 256 bytes in a table of 4,096 (u64, Vec<u8>) slots.
        (
            "ML001",
            line_of("static SEEN"),
            line_of("SEEN.lock().unwrap().insert("),
            2000 * class(256) + class(table(4096, 32)),
        ),
        // 5,000 names: a table of 8,192 (&str, usize) slots.
        ("ML002", line_of("let mut by_name"), line_of("by_name.insert("), class(table(8192, 24))),
        // 3,000 Rc<RefCell<Node>> of 40 bytes in a table of 4,096 (u64, Rc<..>) slots.
        (
            "ML003",
            line_of("nodes: HashMap<u64, Rc<"),
            line_of("self.nodes.insert("),
            3000 * class(40) + class(table(4096, 16)),
        ),
        // After `drain`, the table of 2,048 (u64, String) slots stays; the strings are freed.
        ("ML007", line_of("static PENDING"), line_of("PENDING.lock().unwrap().insert("), class(table(2048, 32))),
        // 500 pages inline: a table of 1,024 (u64, [u8; 1024]) slots.
        ("ML008", line_of("pages: HashMap<u64, [u8"), line_of("self.pages.insert("), class(table(1024, 1032))),
    ];
    for (code, line, site, bytes) in kept {
        let m = measure(&found, code, line);
        let sites = serde_json::json!([{ "path": "testdata/profile/app/src/maps.rs", "line": site, "bytes": bytes, "blocks": null }]);
        assert_eq!(m, &serde_json::json!({ "bytes": bytes, "blocks": null, "sites": sites }), "{code}");
    }
    // Freed before the dump: no sample.
    for (code, text) in
        [("ML004", "let mut counts"), ("ML005", "prices.get(&k.to_string())"), ("ML005", "key.to_owned()")]
    {
        assert_eq!(measure(&found, code, line_of(text)), &Value::Null, "{code}");
    }
    assert_ordered(&found);
    let codes: Vec<&str> = found.iter().map(|f| f["code"].as_str().unwrap_or("")).collect();
    assert_eq!(codes, ["ML008", "ML001", "ML002", "ML003", "ML007", "ML004", "ML005", "ML005"]);
}
