"""The constraints file pins every requirement, and ``make audit`` never reports an audit
that did not happen as a pass."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import tomllib
from types import ModuleType
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO


def pins() -> dict[str, str]:
    lines = (REPO / "constraints.txt").read_text("utf-8").splitlines()
    pairs = [line.split("==") for line in lines if line and not line.startswith("#")]
    return {canonicalize_name(name): version for name, version in pairs}


def requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    names = list(project["dependencies"])
    for extra in ("dev", "bench"):
        names += project["optional-dependencies"][extra]
    return [Requirement(n) for n in names]


@pytest.mark.parametrize("req", requirements(), ids=str)
def test_every_requirement_is_pinned_within_its_range(req: Requirement) -> None:
    if req.marker is not None and not req.marker.evaluate():
        pytest.skip("not for this platform")
    version = pins().get(canonicalize_name(req.name))
    assert version is not None, f"{req.name} is not in constraints.txt: run make lock"
    assert req.specifier.contains(version, prereleases=True), f"{req.name}=={version} vs {req}"


def test_the_makefile_installs_with_the_constraints() -> None:
    installs = [line for line in (REPO / "Makefile").read_text().splitlines() if "install" in line]
    assert all("-c constraints.txt" in line for line in installs if "-e '." in line)


def audit_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit", REPO / "scripts" / "audit.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REPORTS: list[tuple[str, list[dict[str, Any]], int]] = [
    ("unreachable", [{"name": "a", "skip_reason": "not found"}] * 3, 2),
    ("partly", [{"name": "a", "skip_reason": "x"}, {"name": "b", "version": "1", "vulns": []}], 2),
    ("clean", [{"name": "a", "version": "1", "vulns": []}], 0),
    ("vulnerable", [{"name": "a", "version": "1", "vulns": [{"id": "PYSEC-1"}]}], 1),
]


@pytest.mark.parametrize(("name", "packages", "status"), REPORTS, ids=[r[0] for r in REPORTS])
def test_audit_status(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    packages: list[dict[str, Any]],
    status: int,
) -> None:
    audit = audit_script()
    report = json.dumps({"dependencies": packages, "fixes": []})

    def fake_run(*args: Any, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(args, 0, stdout=report, stderr="")

    monkeypatch.setattr(audit.subprocess, "run", fake_run)
    assert audit.main() == status
    if name == "unreachable":
        assert "could not be reached" in capsys.readouterr().out
