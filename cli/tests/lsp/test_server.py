"""`maplint server` driven by a real LSP client (pytest-lsp): an unsaved buffer with a
finding, its quick fix applied and the diagnostic cleared, the allow comments, a fact
from another file of the package on disk, a syntax error mid-typing, didClose, and a
clean shutdown and exit.

Run: MAPLINT=target/debug/maplint pytest cli/tests/lsp (see .ci/run).
"""

import asyncio
import os
import pathlib
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

MAPLINT = os.environ.get("MAPLINT", "target/debug/maplint")
TIMEOUT = 20

FILL = """use std::collections::HashMap;

pub fn index(names: &[String]) -> HashMap<String, usize> {
    let mut by_name = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        by_name.insert(n.clone(), i);
    }
    by_name
}
"""

GROWS = """use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

pub static SEEN: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default);

pub fn remember(id: u64, name: String) {
    SEEN.lock().unwrap().insert(id, name);
}
"""

FORGETS = """pub fn forget(id: u64) {
    crate::seen::SEEN.lock().unwrap().remove(&id);
}
"""


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[str(pathlib.Path(MAPLINT).resolve()), "server"]),
)
async def client(lsp_client: LanguageClient):
    registered = lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        registered.extend(params.registrations)

    yield
    if lsp_client._server.returncode is None:
        await lsp_client.shutdown_session()


@pytest.fixture
def package(tmp_path):
    """A package whose files are all clean on disk."""
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "pk"\nversion = "0.1.0"\n')
    src = tmp_path / "src"
    src.mkdir()
    (src / "lib.rs").write_text("mod fill;\nmod forget;\nmod seen;\n")
    for name in ["fill", "seen", "forget"]:
        (src / f"{name}.rs").write_text("")
    return tmp_path


async def start(client, root, watch=False):
    caps = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch),
            workspace_folders=True,
        ),
    )
    folder = types.WorkspaceFolder(uri=root.as_uri(), name="pk")
    result = await client.initialize_session(
        types.InitializeParams(capabilities=caps, workspace_folders=[folder], root_uri=root.as_uri())
    )
    assert result.server_info.name == "maplint"
    return result


async def published(client, uri, version=None):
    """The next diagnostics published for `uri` (with this version, if given)."""

    async def wait():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and (version is None or params.version == version):
                return params.diagnostics

    return list(await asyncio.wait_for(wait(), TIMEOUT))


def open_doc(client, path, text, version=1):
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="rust", version=version, text=text)
        )
    )
    return uri


def change(client, uri, text, version):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def offset(text, pos):
    """A UTF-16 position as an index into `text` (the test texts are ASCII)."""
    lines = text.split("\n")
    return sum(len(l) + 1 for l in lines[: pos.line]) + pos.character


def apply(text, edits):
    for e in sorted(edits, key=lambda e: offset(text, e.range.start), reverse=True):
        text = text[: offset(text, e.range.start)] + e.new_text + text[offset(text, e.range.end) :]
    return text


async def actions_for(client, uri, diagnostic):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


async def test_unsaved_buffer_quick_fix_clears_the_finding(client: LanguageClient, package):
    await start(client, package)
    path = package / "src" / "fill.rs"
    uri = open_doc(client, path, "")
    assert await published(client, uri, 1) == []
    # The text is the one on disk: a plain run, which fills the workspace folder's cache.
    assert (package / ".maplint_cache" / "CACHEDIR.TAG").is_file()

    change(client, uri, FILL, 2)
    [d] = await published(client, uri, 2)
    assert d.code == "ML002"
    assert d.source == "maplint"
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.code_description.href.endswith("/docs/rules/ML002.md")
    assert d.message.startswith("`by_name` (`HashMap`) starts empty")
    assert "\nhelp: create it with its final capacity" in d.message
    assert (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) == (3, 22, 3, 36)
    assert [(r.location.range.start.line, r.message) for r in d.related_information] == [
        (4, "this loop's length is known before it starts: `names.len()`"),
        (5, "one insert per iteration"),
    ]
    assert path.read_text() == "", "the server never writes the file"

    actions = await actions_for(client, uri, d)
    titles = [a.title for a in actions]
    assert titles == [
        "create `by_name` with `HashMap::with_capacity(names.len())` (ML002)",
        "Allow ML002 missing-presize on this line",
        "Allow ML002 missing-presize in this file",
    ]
    fix = actions[0]
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    fixed = apply(FILL, fix.edit.changes[uri])
    assert "let mut by_name = HashMap::with_capacity(names.len());\n" in fixed
    change(client, uri, fixed, 3)
    assert await published(client, uri, 3) == []


async def test_allow_comments_for_the_line_and_the_file(client: LanguageClient, package):
    await start(client, package)
    uri = open_doc(client, package / "src" / "fill.rs", FILL)
    [d] = await published(client, uri, 1)
    _, line, whole = await actions_for(client, uri, d)

    by_line = apply(FILL, line.edit.changes[uri])
    assert "    let mut by_name = HashMap::new(); // maplint: allow(ML002) -- reason\n" in by_line
    change(client, uri, by_line, 2)
    assert await published(client, uri, 2) == []

    by_file = apply(FILL, whole.edit.changes[uri])
    assert by_file.startswith("// maplint: allow-file(ML002) -- reason\nuse std::collections::HashMap;\n")
    change(client, uri, by_file, 3)
    assert await published(client, uri, 3) == []

    change(client, uri, FILL, 4)
    assert [d.code for d in await published(client, uri, 4)] == ["ML002"]


async def test_removal_in_another_file_on_disk_clears_growth_in_the_buffer(client: LanguageClient, package):
    await start(client, package, watch=True)
    seen = package / "src" / "seen.rs"
    uri = open_doc(client, seen, GROWS)
    [d] = await published(client, uri, 1)
    assert d.code == "ML001"
    assert d.message.startswith("static `SEEN: LazyLock<Mutex<HashMap<u64, String>>>` grows and nothing removes its entries")
    assert [r.method for r in client.registrations] == ["workspace/didChangeWatchedFiles"]
    assert (d.range.start.line, d.range.start.character) == (3, 11)
    # the long-lived evidence on the name, then the growth site
    assert [r.location.range.start.line for r in d.related_information] == [3, 6]

    # Saved in another editor (or by git): the watcher reports it.
    forget = package / "src" / "forget.rs"
    forget.write_text(FORGETS)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=forget.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    assert await published(client, uri, 1) == []

    # The removal goes away again; a save of the file re-checks its package.
    forget.write_text("")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=forget.as_uri()))
    )
    assert [d.code for d in await published(client, uri, 1)] == ["ML001"]


async def test_a_syntax_error_mid_typing_is_survived(client: LanguageClient, package):
    await start(client, package)
    uri = open_doc(client, package / "src" / "fill.rs", FILL)
    assert [d.code for d in await published(client, uri, 1)] == ["ML002"]

    broken = FILL.replace("by_name.insert(n.clone(), i);", "by_name.insert(n.clone(), ")
    change(client, uri, broken, 2)
    # The server still answers, and says why the buffer was not linted.
    await asyncio.sleep(0.5)
    assert await actions_for(client, uri, types.Diagnostic(range=types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=9, character=0)), message="")) in ([], (), None)
    assert any("not linted" in m.message for m in client.log_messages), client.log_messages

    change(client, uri, FILL.replace("HashMap::new()", "HashMap::with_capacity(names.len())"), 3)
    assert await published(client, uri, 3) == []


async def test_the_configuration_of_the_file_applies(client: LanguageClient, package):
    (package / "maplint.toml").write_text('ignore = ["missing-presize"]\n')
    await start(client, package)
    uri = open_doc(client, package / "src" / "fill.rs", FILL)
    assert await published(client, uri, 1) == []
    lookup = FILL + "\npub fn has(m: &HashMap<String, usize>, k: &str) -> bool {\n    m.contains_key(&k.to_string())\n}\n"
    change(client, uri, lookup, 2)
    assert [(d.code, d.range.start.line) for d in await published(client, uri, 2)] == [("ML005", 11)]


async def test_closing_a_document_clears_its_diagnostics(client: LanguageClient, package):
    await start(client, package)
    uri = open_doc(client, package / "src" / "fill.rs", FILL)
    assert len(await published(client, uri, 1)) == 1
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert await published(client, uri) == []


async def test_shutdown_and_exit_end_the_process_cleanly(client: LanguageClient, package):
    await start(client, package)
    uri = open_doc(client, package / "src" / "fill.rs", FILL)
    assert len(await published(client, uri, 1)) == 1
    await client.shutdown_session()
    assert client._server.returncode == 0
