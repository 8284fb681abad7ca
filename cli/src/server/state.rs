//! The server's state: the open documents, the workspace folders, the options the client
//! gave, the last findings of each document (for code actions) and the schedule of the
//! documents waiting to be linted.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lint_core::Finding;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::notification::{LogMessage, Notification as _, PublishDiagnostics};
use lsp_types::request::{RegisterCapability, Request as _};
use lsp_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeParams, LogMessageParams,
    MessageType, PublishDiagnosticsParams, Registration, RegistrationParams, Url,
};

/// How long a burst of changes must pause before the buffer is linted, unless the client
/// sets `debounceMs`.
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(50);

/// An open document.
pub struct Document {
    pub text: String,
    pub version: i32,
}

/// The findings of a document's last analysis, and the version they were made on.
pub struct Analysed {
    pub version: i32,
    pub findings: Vec<Finding>,
}

/// Everything the server keeps between messages.
pub struct Server<'c> {
    connection: &'c Connection,
    pub docs: HashMap<Url, Document>,
    /// Workspace folders, absolute.
    pub folders: Vec<PathBuf>,
    /// maplint command-line options from `initializationOptions.args`.
    pub args: Vec<String>,
    pub debounce: Duration,
    /// When each waiting document is due.
    pending: BTreeMap<Url, Instant>,
    /// When each document last changed.
    changed: HashMap<Url, Instant>,
    pub last: HashMap<Url, Analysed>,
    next_id: i32,
}

impl<'c> Server<'c> {
    pub fn new(connection: &'c Connection, init: &InitializeParams) -> Server<'c> {
        let mut folders: Vec<PathBuf> =
            init.workspace_folders.iter().flatten().filter_map(|f| f.uri.to_file_path().ok()).collect();
        #[allow(deprecated)]
        if folders.is_empty() {
            folders.extend(init.root_uri.as_ref().and_then(|u| u.to_file_path().ok()));
        }
        let options = init.initialization_options.as_ref();
        let args = options
            .and_then(|o| o.get("args"))
            .and_then(|a| a.as_array())
            .map(|a| a.iter().filter_map(|w| w.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let debounce = options
            .and_then(|o| o.get("debounceMs"))
            .and_then(|d| d.as_u64())
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
        Server {
            connection,
            docs: HashMap::new(),
            folders,
            args,
            debounce,
            pending: BTreeMap::new(),
            changed: HashMap::new(),
            last: HashMap::new(),
            next_id: 0,
        }
    }

    pub fn connection(&self) -> &'c Connection {
        self.connection
    }

    /// Asks the client to report changes of Rust files and configuration files, when it
    /// can register watchers.
    pub fn register_watchers(&mut self, init: &InitializeParams) {
        let dynamic = init
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let watchers = ["**/*.rs", "**/Cargo.toml", "**/maplint.toml", "**/.maplint.toml"]
            .into_iter()
            .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.to_string()), kind: None })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "maplint-watched-files".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.request(RegisterCapability::METHOD, RegistrationParams { registrations: vec![registration] });
    }

    /// Sends a request to the client; its response is not awaited.
    fn request(&mut self, method: &str, params: impl serde::Serialize) {
        self.next_id += 1;
        let id = RequestId::from(format!("maplint-{}", self.next_id));
        self.send(Message::Request(Request::new(id, method.to_string(), params)));
    }

    pub fn send(&self, message: Message) {
        // A closed output ends the main loop through the closed input.
        let _ = self.connection.sender.send(message);
    }

    pub fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(method.to_string(), params)));
    }

    /// A line in the client's log (and on stderr).
    pub fn log(&self, typ: MessageType, message: String) {
        eprintln!("maplint server: {message}");
        self.notify(LogMessage::METHOD, LogMessageParams { typ, message });
    }

    pub fn publish(&self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify(PublishDiagnostics::METHOD, PublishDiagnosticsParams { uri, diagnostics, version });
    }

    /// Lints a document after `delay` (a later change moves it again).
    pub fn schedule(&mut self, uri: Url, delay: Duration) {
        self.pending.insert(uri, Instant::now() + delay);
    }

    /// Every open document, now: something on disk changed.
    pub fn schedule_all(&mut self) {
        let uris: Vec<Url> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.schedule(uri, Duration::ZERO);
        }
    }

    /// A change of a document. A change that starts a burst (the document had not
    /// changed for the debounce time: a keystroke after a pause) is linted at once; the
    /// changes of a burst (typing faster than that, a paste, a formatter's edits) are
    /// linted once the burst pauses for the debounce time.
    pub fn schedule_change(&mut self, uri: Url) {
        let now = Instant::now();
        let previous = self.changed.insert(uri.clone(), now);
        let in_burst = previous.is_some_and(|t| now.duration_since(t) < self.debounce);
        let delay = if in_burst { self.debounce } else { Duration::ZERO };
        self.schedule(uri, delay);
    }

    pub fn unschedule(&mut self, uri: &Url) {
        self.pending.remove(uri);
        self.changed.remove(uri);
    }

    /// When the next waiting document is due.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.pending.values().min().copied()
    }

    /// Lints the documents that are due.
    pub fn run_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Url> = self.pending.iter().filter(|(_, &t)| t <= now).map(|(u, _)| u.clone()).collect();
        for uri in due {
            self.pending.remove(&uri);
            self.lint(&uri);
        }
    }

    /// The workspace folder holding a file: the deepest one.
    pub fn folder_of(&self, path: &Path) -> Option<&Path> {
        self.folders.iter().filter(|f| path.starts_with(f)).max_by_key(|f| f.components().count()).map(PathBuf::as_path)
    }
}
