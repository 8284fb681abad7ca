//! What the server does with each request and notification, and the linting of one
//! document with its result published.

use std::time::Duration;

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidChangeWorkspaceFolders, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _,
};
use lsp_types::request::{CodeActionRequest, Request as _};
use lsp_types::{CodeActionParams, MessageType, Url};

use super::actions;
use super::analysis::analyse;
use super::convert::{self, Lines};
use super::state::{Analysed, Document, Server};

impl Server<'_> {
    pub fn on_request(&mut self, req: Request) {
        let response = match req.method.as_str() {
            CodeActionRequest::METHOD => match serde_json::from_value::<CodeActionParams>(req.params) {
                Ok(params) => Response::new_ok(req.id, self.code_actions(&params)),
                Err(e) => Response::new_err(req.id, ErrorCode::InvalidParams as i32, e.to_string()),
            },
            _ => Response::new_err(req.id, ErrorCode::MethodNotFound as i32, format!("unknown method {}", req.method)),
        };
        self.send(Message::Response(response));
    }

    pub fn on_notification(&mut self, n: Notification) {
        let method = n.method.clone();
        if let Err(e) = self.notification(n) {
            self.log(MessageType::WARNING, format!("malformed {method} notification: {e}"));
        }
    }

    fn notification(&mut self, n: Notification) -> Result<(), serde_json::Error> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let doc = p.text_document;
                if doc.language_id == "rust" || doc.uri.path().ends_with(".rs") {
                    self.docs.insert(doc.uri.clone(), Document { text: doc.text, version: doc.version });
                    self.schedule(doc.uri, Duration::ZERO);
                }
            }
            DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                if let Some(doc) = self.docs.get_mut(&uri) {
                    // Full synchronisation: the last change holds the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        doc.text = change.text;
                    }
                    doc.version = p.text_document.version;
                    self.schedule_change(uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                if self.docs.remove(&uri).is_some() {
                    self.unschedule(&uri);
                    self.last.remove(&uri);
                    self.publish(uri, Vec::new(), None);
                }
            }
            // A saved or changed file changes the facts of its package: every open
            // document is linted again (the cache makes unchanged packages cheap).
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => self.schedule_all(),
            DidChangeWorkspaceFolders::METHOD => {
                let p: lsp_types::DidChangeWorkspaceFoldersParams = serde_json::from_value(n.params)?;
                let removed: Vec<_> = p.event.removed.iter().filter_map(|f| f.uri.to_file_path().ok()).collect();
                self.folders.retain(|f| !removed.contains(f));
                self.folders.extend(p.event.added.iter().filter_map(|f| f.uri.to_file_path().ok()));
                self.schedule_all();
            }
            _ => {}
        }
        Ok(())
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let (Some(doc), Some(last)) = (self.docs.get(uri), self.last.get(uri)) else { return Vec::new() };
        // Findings of an older text would edit the wrong places.
        if last.version != doc.version {
            return Vec::new();
        }
        actions::actions(uri, &doc.text, &last.findings, params.range)
    }

    /// Lints an open document and publishes its diagnostics. A text that does not parse
    /// (mid-typing) leaves the last diagnostics in place.
    pub fn lint(&mut self, uri: &Url) {
        let Some(doc) = self.docs.get(uri) else { return };
        let Ok(path) = uri.to_file_path() else {
            return;
        };
        let version = doc.version;
        let folder = self.folder_of(&path).map(|p| p.to_path_buf());
        let outcome = match analyse(&path, &doc.text, folder.as_deref(), &self.args) {
            Ok(o) => o,
            Err(e) => {
                self.log(MessageType::ERROR, e);
                return;
            }
        };
        if let Some(reason) = outcome.skipped {
            self.log(MessageType::LOG, format!("{} not linted: {reason}", path.display()));
            return;
        }
        let lines = Lines::new(&doc.text);
        let mut diagnostics: Vec<_> = outcome.findings.iter().map(|f| convert::diagnostic(f, uri, &lines)).collect();
        diagnostics.extend(outcome.malformed.iter().map(|(line, what)| convert::malformed(*line, what, &lines)));
        self.last.insert(uri.clone(), Analysed { version, findings: outcome.findings });
        self.publish(uri.clone(), diagnostics, Some(version));
    }
}
