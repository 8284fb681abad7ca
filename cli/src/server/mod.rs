//! `maplint server` (SPEC §8): a Language Server on stdin/stdout, built on rust-analyzer's
//! `lsp-server` scaffold and the `lsp-types` protocol types (what ruff's server uses).
//! It lints every open Rust file as the user types: the unsaved buffer, with the rest of
//! its package from disk and the cache (`lint_core::run_buffer`), debounced (a keystroke
//! after a pause is linted at once, a burst of changes once it pauses); it re-checks
//! the open files when a file is saved or changes on disk, and offers code actions.
//!
//! The pieces: `state` holds the open documents, the workspace folders and the schedule;
//! `analysis` turns one document into findings (configuration, cache, panics caught);
//! `convert` writes findings as LSP diagnostics; `actions` builds the code actions;
//! `handlers` answers each request and notification.

mod actions;
mod analysis;
mod convert;
mod handlers;
mod state;

use std::process::ExitCode;

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, Message};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, InitializeParams, InitializeResult, OneOf,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, WorkspaceFoldersServerCapabilities, WorkspaceServerCapabilities,
};

use state::Server;

/// The usage `maplint server --help` prints.
const USAGE: &str = "\
maplint server: a Language Server on stdin/stdout (the Language Server Protocol)

Usage: maplint server

Start it from an editor's LSP client; it lints open Rust files as you type.
Initialization options (JSON): {\"args\": [\"--select\", \"all\"], \"debounceMs\": 50}
  args        maplint command-line options applied to every file (--select, --ignore,
              --extend-select, --include-tests, --config, --no-config, --cache-dir, ...)
  debounceMs  changes closer than this are a burst, linted once it pauses (default 50)
";

/// Runs the server until the client says `exit` (or closes stdin); `args` are the words
/// after `server` on the command line.
pub fn main(args: &[String]) -> ExitCode {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if let Some(a) = args.first() {
        eprintln!("error: `maplint server` takes no argument (got `{a}`); see `maplint server --help`");
        return ExitCode::from(2);
    }
    let (connection, io_threads) = Connection::stdio();
    let result = serve(&connection);
    drop(connection);
    let joined = io_threads.join().map_err(|e| format!("the connection failed: {e}"));
    match result.and_then(|clean| joined.map(|()| clean)) {
        Ok(true) => ExitCode::SUCCESS,
        // `exit` without `shutdown`, or the client went away: the protocol says status 1.
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: maplint server: {message}");
            ExitCode::from(2)
        }
    }
}

/// The handshake, then the main loop. Ok(true) after `shutdown` and `exit`.
fn serve(connection: &Connection) -> Result<bool, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let init: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("malformed initialize request: {e}"))?;
    let result = InitializeResult { capabilities: capabilities(), server_info: Some(server_info()) };
    let value = serde_json::to_value(result).map_err(|e| e.to_string())?;
    connection.initialize_finish(id, value).map_err(|e| e.to_string())?;

    let mut server = Server::new(connection, &init);
    server.register_watchers(&init);
    main_loop(&mut server)
}

fn server_info() -> ServerInfo {
    ServerInfo { name: "maplint".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}

/// Messages are handled in order; a document whose pause is over is linted between them.
/// Ok(true) after `shutdown` then `exit`, Ok(false) on `exit` alone or a closed input.
fn main_loop(server: &mut Server) -> Result<bool, String> {
    let receiver = server.connection().receiver.clone();
    loop {
        server.run_due();
        let message = match server.next_deadline() {
            None => match receiver.recv() {
                Ok(m) => m,
                Err(_) => return Ok(false),
            },
            Some(deadline) => match receiver.recv_deadline(deadline) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(false),
            },
        };
        match message {
            Message::Request(req) => {
                if server.connection().handle_shutdown(&req).map_err(|e| e.to_string())? {
                    return Ok(true);
                }
                server.on_request(req);
            }
            Message::Notification(n) if n.method == "exit" => return Ok(false),
            Message::Notification(n) => server.on_notification(n),
            Message::Response(_) => {}
        }
    }
}
