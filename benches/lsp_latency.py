#!/usr/bin/env python3
"""Latency of `maplint server`: the time from a `textDocument/didChange` to the
`textDocument/publishDiagnostics` for that version, on a file of a generated package of
1,000 files with a warm cache (SPEC §8: at most 100 ms). Prints the median of 20 edits,
with the minimum and maximum, in two cases:
- a keystroke after a pause (`--pause-ms`, 100 ms since the last diagnostics): the
  server lints it at once;
- the last change of a burst (three changes 10 ms apart): the server waits for the burst
  to pause for its debounce time (50 ms), which the figure includes.

    cargo build --release --locked --bin maplint
    python3 benches/lsp_latency.py [--maplint target/release/maplint] [--files 1000] [--edits 20]

A benchmark, not a test: nothing fails when it is slow. Standard library only.
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import queue

MAPPED = """use std::collections::HashMap;
use std::sync::Mutex;

/// Accounts of shard {i}.
pub struct Shard{i} {{
    accounts: Mutex<HashMap<u64, String>>,
}}

impl Shard{i} {{
    pub fn open(&self, id: u64, name: String) {{
        self.accounts.lock().unwrap().insert(id, name);
    }}

    pub fn close(&self, id: u64) {{
        self.accounts.lock().unwrap().remove(&id);
    }}
}}

pub fn tally{i}(words: &[String]) -> HashMap<String, usize> {{
    let mut counts = HashMap::new();
    for w in words {{
        counts.insert(w.clone(), w.len());
    }}
    counts
}}
"""

PLAIN = """/// Plain arithmetic of module {i}: nothing a map rule looks for.
pub fn checksum{i}(data: &[u8]) -> u32 {{
    let mut a: u32 = 1;
    let mut b: u32 = 0;
    for &byte in data {{
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }}
    (b << 16) | a
}}

pub fn mean{i}(values: &[f64]) -> Option<f64> {{
    if values.is_empty() {{
        return None;
    }}
    let total: f64 = values.iter().sum();
    Some(total / values.len() as f64)
}}

pub struct Point{i} {{
    pub x: i64,
    pub y: i64,
}}

impl Point{i} {{
    pub fn manhattan(&self, other: &Point{i}) -> i64 {{
        (self.x - other.x).abs() + (self.y - other.y).abs()
    }}
}}
"""

# The edited file: a static that grows, and is cleared in another file of the package.
EDITED = """use std::collections::HashMap;
use std::sync::{{LazyLock, Mutex}};

// edit {n}
pub static SESSIONS: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default);

pub fn login(id: u64, user: String) {{
    SESSIONS.lock().unwrap().insert(id, user);
}}

pub fn lookup(names: &HashMap<String, u64>, name: &str) -> Option<u64> {{
    names.get(&name.to_string()).copied()
}}
"""


def generate(root: pathlib.Path, files: int) -> pathlib.Path:
    (root / "Cargo.toml").write_text('[package]\nname = "latency"\nversion = "0.1.0"\nedition = "2021"\n')
    src = root / "src"
    src.mkdir()
    mods = []
    for i in range(files - 2):
        (src / f"m{i:04}.rs").write_text((MAPPED if i % 3 == 0 else PLAIN).format(i=i))
        mods.append(f"mod m{i:04};")
    (src / "sessions.rs").write_text(EDITED.format(n=0))
    mods.append("mod sessions;")
    (src / "lib.rs").write_text("\n".join(mods) + "\n")
    old = time.time() - 3600  # a fresh modification time is never trusted by the cache
    for p in src.iterdir():
        os.utime(p, (old, old))
    return src / "sessions.rs"


class Client:
    """A minimal LSP client over the server's stdin/stdout."""

    def __init__(self, cmd, cwd):
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.inbox = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            self.inbox.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)[1]

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, pred, timeout=60):
        end = time.perf_counter() + timeout
        while True:
            at, msg = self.inbox.get(timeout=max(0.0, end - time.perf_counter()))
            if pred(msg):
                return at, msg


def diagnostics_of(uri, version):
    def pred(m):
        p = m.get("params") or {}
        return m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri and p.get("version") == version

    return pred


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--maplint", default="target/release/maplint")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--debounce-ms", type=int, help="the server's debounce (default: its own, 50 ms)")
    ap.add_argument("--pause-ms", type=int, default=100, help="the pause before each single keystroke")
    args = ap.parse_args()
    maplint = str(pathlib.Path(args.maplint).resolve())

    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        edited = generate(root, args.files)
        # Warm the cache the way a user's first `maplint .` does.
        t = time.perf_counter()
        subprocess.run([maplint, "--fail-on", "never", "--format", "concise", "."], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)
        cold = time.perf_counter() - t

        client = Client([maplint, "server"], cwd=root)
        client.request("initialize", {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": "latency"}],
            "capabilities": {},
            "initializationOptions": {} if args.debounce_ms is None else {"debounceMs": args.debounce_ms},
        })
        client.notify("initialized", {})
        uri = edited.as_uri()
        text = EDITED.format(n=0)
        client.notify("textDocument/didOpen", {
            "textDocument": {"uri": uri, "languageId": "rust", "version": 1, "text": text}})
        _, first = client.wait(diagnostics_of(uri, 1))
        codes = sorted(d["code"] for d in first["params"]["diagnostics"])

        version = 1

        def edit(n):
            nonlocal version
            version += 1
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": EDITED.format(n=n)}]})
            return time.perf_counter()

        def diagnostics(n, sent):
            at, msg = client.wait(diagnostics_of(uri, version))
            got = sorted(d["code"] for d in msg["params"]["diagnostics"])
            if got != codes:
                sys.exit(f"edit {n}: diagnostics changed: {got} != {codes}")
            return (at - sent) * 1000

        single, burst = [], []
        for n in range(1, args.edits + 1):
            time.sleep(args.pause_ms / 1000)
            single.append(diagnostics(n, edit(n)))
        for n in range(1, args.edits + 1):
            time.sleep(args.pause_ms / 1000)
            for k in range(3):
                if k:
                    time.sleep(0.010)
                sent = edit(1000 * n + k)
            burst.append(diagnostics(n, sent))

        client.request("shutdown", None)
        client.notify("exit", None)
        client.proc.wait(timeout=10)

    print(f"package: {args.files} files; cold CLI run that warmed the cache: {cold * 1000:.0f} ms")
    print(f"diagnostics of the edited file: {', '.join(codes)}")
    for what, times in [("a keystroke after a pause", single), ("the last change of a burst", burst)]:
        print(f"didChange -> publishDiagnostics, {what}, {len(times)} edits: median {statistics.median(times):.1f} ms "
              f"(min {min(times):.1f}, max {max(times):.1f})")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
