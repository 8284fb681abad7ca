//! `maplint server` over its stdin and stdout, framed by hand: the command line, the
//! handshake, a published diagnostic for a malformed suppression comment, and the exit
//! statuses of `shutdown` then `exit` (0) and of `exit` alone (1). The editor-facing
//! behaviour is tested with a real LSP client in `cli/tests/lsp/`.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

fn maplint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_maplint"))
}

fn frame(message: Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Runs the server on these messages (stdin is closed after them); returns its exit
/// status and the messages it wrote.
fn session(dir: &std::path::Path, messages: &[Value]) -> (Option<i32>, Vec<Value>) {
    let mut child = maplint()
        .arg("server")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for m in messages {
        stdin.write_all(&frame(m.clone())).unwrap();
    }
    drop(stdin);
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    let status = child.wait().unwrap().code();
    let replies = out
        .split("Content-Length: ")
        .filter_map(|chunk| chunk.split_once("\r\n\r\n"))
        .map(|(_, body)| serde_json::from_str(body).unwrap())
        .collect();
    (status, replies)
}

fn initialize(root: &std::path::Path) -> Value {
    let uri = format!("file://{}", root.display());
    json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
           "params": {"capabilities": {}, "rootUri": uri, "processId": null}})
}

fn notification(method: &str, params: Value) -> Value {
    json!({"jsonrpc": "2.0", "method": method, "params": params})
}

#[test]
fn help_and_a_stray_argument() {
    let out = maplint().args(["server", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("maplint server: a Language Server on stdin/stdout"));
    let out = maplint().args(["server", "--stdio"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("takes no argument (got `--stdio`)"));
}

#[test]
fn shutdown_then_exit_ends_with_status_0_and_malformed_comments_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("src")).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"s\"\nversion = \"0.1.0\"\n").unwrap();
    let text = "use std::collections::HashMap;\n// maplint: allow(ML999)\npub type M = HashMap<u8, u8>;\n";
    std::fs::write(root.join("src/lib.rs"), text).unwrap();
    let uri = format!("file://{}/src/lib.rs", root.display());
    let open = json!({"textDocument": {"uri": uri, "languageId": "rust", "version": 7, "text": text}});
    let (status, replies) = session(
        &root,
        &[
            initialize(&root),
            notification("initialized", json!({})),
            notification("textDocument/didOpen", open),
            json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
            notification("exit", Value::Null),
        ],
    );
    assert_eq!(status, Some(0));
    let init = &replies[0]["result"];
    assert_eq!(init["serverInfo"]["name"], "maplint");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 1);
    assert_eq!(init["capabilities"]["codeActionProvider"]["codeActionKinds"], json!(["quickfix"]));
    let published = &replies[1];
    assert_eq!(published["method"], "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["version"], 7);
    assert_eq!(
        published["params"]["diagnostics"],
        json!([{
            "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 24}},
            "severity": 2,
            "source": "maplint",
            "message": "malformed suppression comment: unknown rule `ML999`",
        }])
    );
    assert_eq!(replies[2], json!({"jsonrpc": "2.0", "id": 2, "result": null}));
    assert_eq!(replies.len(), 3);
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let messages = [initialize(dir.path()), notification("initialized", json!({})), notification("exit", Value::Null)];
    let (status, replies) = session(dir.path(), &messages);
    assert_eq!(status, Some(1));
    assert_eq!(replies.len(), 1);
}
