#!/usr/bin/env python3
"""The job summary of the maplint GitHub Action (action.yml): a Markdown table of the
findings per rule, read from maplint's JSON report, on standard output.

    summary.py REPORT.json [SARIF_FILE]
"""

import json
import sys

DOCS = "https://github.com/maplint/maplint/blob/main/docs/rules/{code}.md"


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    sarif = sys.argv[2] if len(sys.argv) > 2 else ""
    findings = report["findings"]
    rules = {}
    for f in findings:
        row = rules.setdefault(f["code"], {"name": f["name"], "level": f["level"], "count": 0, "files": set()})
        row["count"] += 1
        row["files"].add(f["path"])
    out = ["## maplint", ""]
    if not findings:
        out.append(f"No findings in {report['summary'].get('files_scanned', 0)} files.")
    else:
        out += ["| Rule | Name | Level | Findings | Files |", "|------|------|-------|---------:|------:|"]
        for code in sorted(rules, key=lambda c: (-rules[c]["count"], c)):
            r = rules[code]
            link = f"[{code}]({DOCS.format(code=code)})"
            out.append(f"| {link} | {r['name']} | {r['level']} | {r['count']} | {len(r['files'])} |")
        files = len({f["path"] for f in findings})
        out.append(f"| **total** | | | **{len(findings)}** | **{files}** |")
        out.append("")
        where = "code scanning (the uploaded SARIF report)" if sarif else "the log of the `maplint findings` step"
        out.append(
            "GitHub shows at most 10 warning annotations per step on the changed files; "
            f"every finding is counted above and listed in {where}."
        )
    print("\n".join(out))


if __name__ == "__main__":
    main()
