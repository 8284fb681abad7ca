#!/usr/bin/env python3
"""Runs the composite steps of action.yml on this machine, the way the Actions runner
does: each `run:` step in bash with its `env:` and `working-directory:` expanded, the
`if:` conditions evaluated, `$GITHUB_OUTPUT` read back into `steps.<id>.outputs`, and
GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH and RUNNER_TEMP in temporary
directories. `uses:` steps are not run: actions/cache is a hit on a binary placed where
it restores (unless --install, which runs the install step), upload-sarif is recorded.
Then checks what the steps wrote: the summary table, the SARIF file, the exit statuses.

    run_local.py ACTION_JSON --maplint BIN [--install]

ACTION_JSON is action.yml converted to JSON (scripts/check-action does it).
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]

GROWS = """use std::collections::HashMap;

pub fn index(names: &[String]) -> HashMap<String, usize> {
    let mut by_name = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        by_name.insert(n.clone(), i);
    }
    by_name
}
"""

LOOKS_UP = """use std::collections::HashMap;

pub fn find(ids: &HashMap<String, u64>, name: &str) -> Option<u64> {
    ids.get(&name.to_string()).copied()
}
"""


def expand(text, ctx):
    def one(m):
        return str(value(m.group(1).strip(), ctx))

    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def value(expr, ctx):
    m = re.fullmatch(r"'([^']*)'", expr)
    if m:
        return m.group(1)
    parts = expr.split(".")
    if parts[0] == "inputs" and len(parts) == 2:
        return ctx["inputs"][parts[1]]
    if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
        return ctx["steps"].get(parts[1], {}).get(parts[3], "")
    if expr == "github.workspace":
        return ctx["workspace"]
    if expr == "runner.temp":
        return ctx["temp"]
    sys.exit(f"check-action: unsupported expression `{expr}` in action.yml")


def condition(expr, ctx):
    expr = expr.strip()
    if expr.startswith("${{") and expr.endswith("}}"):
        expr = expr[3:-2].strip()
    m = re.fullmatch(r"(.+?)\s*(==|!=)\s*(.+)", expr)
    if not m:
        sys.exit(f"check-action: unsupported condition `{expr}` in action.yml")
    left, op, right = value(m.group(1).strip(), ctx), m.group(2), value(m.group(3).strip(), ctx)
    return (left == right) if op == "==" else (left != right)


def run_action(action, inputs, maplint, install, tmp):
    """Runs the steps; returns (exit status of each run step by name, the context)."""
    action_path = tmp / "action"
    shutil.copytree(REPO, action_path, ignore=shutil.ignore_patterns("target", ".git", ".maplint_cache", "fuzz"))
    workspace = tmp / "workspace"
    (workspace / "src").mkdir(parents=True)
    (workspace / "other").mkdir()
    (workspace / "Cargo.toml").write_text('[package]\nname = "ws"\nversion = "0.1.0"\n')
    (workspace / "src" / "lib.rs").write_text(GROWS)
    (workspace / "other" / "find.rs").write_text(LOOKS_UP)
    temp = tmp / "runner-temp"
    temp.mkdir()
    summary = tmp / "step-summary.md"
    summary.write_text("")
    given = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    given.update(inputs)
    ctx = {"inputs": given, "steps": {}, "workspace": str(workspace), "temp": str(temp)}
    statuses, uploaded = {}, []
    for step in action["runs"]["steps"]:
        name = step.get("name", step.get("id", "?"))
        if "if" in step and not condition(step["if"], ctx):
            statuses[name] = "skipped"
            continue
        if "uses" in step:
            if step["uses"].startswith("actions/cache@"):
                path = pathlib.Path(expand(step["with"]["path"], ctx))
                hit = not install
                if hit:
                    (path / "bin").mkdir(parents=True)
                    shutil.copy(maplint, path / "bin" / "maplint")
                ctx["steps"][step["id"]] = {"cache-hit": "true" if hit else "false"}
            elif step["uses"].startswith("github/codeql-action/upload-sarif@"):
                uploaded.append(expand(step["with"]["sarif_file"], ctx))
            else:
                sys.exit(f"check-action: unexpected action {step['uses']}")
            statuses[name] = "used"
            continue
        output = tmp / f"output-{len(statuses)}"
        output.write_text("")
        env = dict(os.environ)
        env.update({
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_ACTION_PATH": str(action_path),
            "GITHUB_OUTPUT": str(output),
            "RUNNER_TEMP": str(temp),
            "RUNNER_OS": "Linux",
            "RUNNER_ARCH": "X64",
        })
        env.update({k: expand(str(v), ctx) for k, v in step.get("env", {}).items()})
        cwd = expand(step.get("working-directory", str(workspace)), ctx)
        assert step["shell"] == "bash", name
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=cwd,
                              env=env, capture_output=True, text=True)
        statuses[name] = proc.returncode
        outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
        if "id" in step:
            ctx["steps"][step["id"]] = outputs
        # The last step fails on purpose when findings reach `fail-on`.
        if proc.returncode != 0 and name != "maplint findings":
            sys.stderr.write(proc.stdout + proc.stderr)
            break
    return statuses, uploaded, workspace, summary.read_text(), ctx


def expect(what, got, want):
    if got != want:
        sys.exit(f"check-action: {what}:\n  got:  {got!r}\n  want: {want!r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("action_json")
    ap.add_argument("--maplint", required=True)
    ap.add_argument("--install", action="store_true", help="run `cargo install` instead of a cache hit")
    args = ap.parse_args()
    action = json.load(open(args.action_json))
    maplint = pathlib.Path(args.maplint).resolve()

    with tempfile.TemporaryDirectory() as tmp:
        inputs = {"paths": "src\nother", "sarif": "maplint.sarif", "summary": "true", "fail-on": "warning"}
        statuses, uploaded, ws, summary, ctx = run_action(action, inputs, maplint, args.install, pathlib.Path(tmp))
        expect("step statuses (findings at fail-on: the last step fails)", list(statuses.values()),
               [0, "used", 0 if args.install else "skipped", 0, "used", 1])
        expect("outputs of the lint step", ctx["steps"]["lint"], {"findings": "2"})
        expect("SARIF uploaded", uploaded, ["maplint.sarif"])
        sarif = json.load(open(ws / "maplint.sarif"))
        expect("SARIF results", sorted(r["ruleId"] for r in sarif["runs"][0]["results"]), ["ML002", "ML005"])
        expect("job summary", summary, "\n".join([
            "## maplint",
            "",
            "| Rule | Name | Level | Findings | Files |",
            "|------|------|-------|---------:|------:|",
            "| [ML002](https://github.com/maplint/maplint/blob/main/docs/rules/ML002.md) | missing-presize | warning | 1 | 1 |",
            "| [ML005](https://github.com/maplint/maplint/blob/main/docs/rules/ML005.md) | key-allocation-lookup | warning | 1 | 1 |",
            "| **total** | | | **2** | **2** |",
            "",
            "GitHub shows at most 10 warning annotations per step on the changed files; every finding is counted "
            "above and listed in code scanning (the uploaded SARIF report).",
            "",
        ]))

    with tempfile.TemporaryDirectory() as tmp:
        inputs = {"args": "--select ML005", "summary": "false", "fail-on": "never"}
        statuses, uploaded, ws, summary, ctx = run_action(action, inputs, maplint, False, pathlib.Path(tmp))
        expect("step statuses (fail-on never)", list(statuses.values()), [0, "used", "skipped", 0, "skipped", 0])
        expect("outputs of the lint step", ctx["steps"]["lint"], {"findings": "1"})
        expect("SARIF uploaded", uploaded, [])
        expect("no SARIF written", sorted(p.name for p in ws.iterdir()), [".maplint_cache", "Cargo.toml", "other", "src"])
        expect("job summary", summary, "")
    print("check-action: action.yml's steps ran as specified (summary, SARIF, fail-on)")


if __name__ == "__main__":
    main()
