"""``make audit``: pip-audit over ``constraints.txt``, saying plainly what was not checked.

    .venv/bin/python scripts/audit.py

pip-audit asks a vulnerability database (PyPI's JSON API by default) about each pinned
package. When it cannot reach it, pip-audit marks every package "could not be audited" and
still prints "No known vulnerabilities found" with status 0. This script reads its JSON
report instead and exits:

- 0: every pinned package was checked and none has a known vulnerability;
- 1: a package has a known vulnerability (listed, with the fixed versions);
- 2: the database could not be reached, or some packages could not be checked: the audit
  did not happen (or is incomplete), which is never reported as a pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"


def main() -> int:
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--requirement",
        str(CONSTRAINTS),
        "--no-deps",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(f"audit: pip-audit failed (status {done.returncode}), nothing was audited:")
        print(done.stderr.strip()[-2000:])
        return 2
    packages = report.get("dependencies", [])
    skipped = [p for p in packages if p.get("skip_reason")]
    vulnerable = [p for p in packages if p.get("vulns")]
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version"
            print(f"{package['name']} {package.get('version', '')}: {vuln['id']} ({fixed})")
    checked = len(packages) - len(skipped)
    print(f"audit: {checked} of {len(packages)} pinned packages checked, ", end="")
    print(f"{len(vulnerable)} vulnerable")
    if skipped and not checked:
        print(
            "audit: the vulnerability database could not be reached (no package could be "
            "looked up; this machine has no internet beyond the package registry?): "
            "NOTHING WAS AUDITED"
        )
        return 2
    if skipped:
        names = ", ".join(p["name"] for p in skipped[:20])
        print(f"audit: {len(skipped)} package(s) could not be checked: {names}: INCOMPLETE")
        return 2
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
