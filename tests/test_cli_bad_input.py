"""Bad input at the command line: one clear message naming the input, exit status 2, the
good records of a multi-record input still printed, and never a traceback."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dateline.cli._main import main
from tests.conftest import FIXTURES, REPO

INGEST = FIXTURES / "ingest"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["analyze", *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def results(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path


def _truncated_warc(path: Path) -> Path:
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.example/a\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 500\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>cut sho"
    )
    path.write_bytes(gzip.compress(record)[:-20])
    return path


BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "empty file": (lambda tmp: INGEST / "empty.txt", "E012", "empty.txt: file is empty"),
    "binary file": (lambda tmp: INGEST / "image.png", "E013", "image.png: file is not text"),
    "50 MB file": (
        lambda tmp: _sparse(tmp / "big.txt", 50 * 2**20),
        "E014",
        "big.txt: file is 50.0 MB, over the 20.0 MB limit",
    ),
    "missing path": (lambda tmp: tmp / "gone.txt", "E011", "gone.txt: cannot read"),
    "CSV without the column": (
        lambda tmp: INGEST / "records.csv",
        "E017",
        "records.csv: no column 'text'",
    ),
    "truncated WARC": (
        lambda tmp: _truncated_warc(tmp / "cut.warc.gz"),
        "E018",
        "cut.warc.gz, offset 0:",
    ),
    "directory without articles": (
        lambda tmp: tmp,
        "E019",
        "directory has no files ending in .txt",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_a_bad_input_gives_one_message_naming_it_and_exit_status_2(
    case: str, tmp_path: Path
) -> None:
    make, code, message = BAD_INPUTS[case]
    path = make(tmp_path)
    status, out, err = run(str(path))
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"dateline: {code} ")
    assert message in lines[0]
    assert lines[1:] == ["dateline: 1 input(s) failed"]


def test_good_records_are_printed_and_bad_ones_listed(tmp_path: Path) -> None:
    status, out, err = run(str(INGEST / "records.jsonl"), str(INGEST / "image.png"))
    assert status == 2
    printed = results(out)
    lines = [r["origin"]["line"] for r in printed]  # type: ignore[index]
    assert 1 in lines and 7 in lines  # the plain-text records, around the bad ones
    assert printed[0]["title"] == "Storm closes ports"
    failed = [line for line in err.splitlines() if line.startswith("dateline: E")]
    assert any("E016 " in f and "records.jsonl, line 2: not JSON" in f for f in failed)
    assert any("E016 " in f and "records.jsonl, line 5: a JSON list" in f for f in failed)
    assert any("E015 " in f and "records.jsonl, line 6: no text" in f for f in failed)
    assert any("E013 " in f and "image.png: file is not text" in f for f in failed)
    assert err.splitlines()[-1] == f"dateline: {len(failed)} input(s) failed"


def test_invalid_utf8_is_analysed_with_a_warning(tmp_path: Path) -> None:
    status, out, err = run(str(INGEST / "bad-utf8.txt"))
    assert (status, err) == (0, "")
    (result,) = results(out)
    warnings = result["warnings"]
    assert isinstance(warnings, list)
    assert any("not valid utf-8" in w for w in warnings)


def test_a_bad_setting_is_a_message_not_a_traceback() -> None:
    status, out, err = run(str(INGEST / "article.txt"), "--encoding", "klingon")
    assert status == 2 and out == ""
    assert err.startswith("dateline: E030 unknown encoding 'klingon'")


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    # "dateline analyze ... | head": more output than a pipe buffers, read a few bytes
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(f"Item {i}. " + "The minister said it went well. " * 400)
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli", "analyze", "--pretty", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    assert proc.wait(timeout=300) == 1  # Click's status for a closed output pipe
    assert "Traceback" not in stderr
    assert "BrokenPipe" not in stderr


def test_no_traceback_reaches_the_user(tmp_path: Path) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 20)
    done = subprocess.run(
        [sys.executable, "-m", "dateline.cli", "analyze", str(noise), "-", str(tmp_path / "x")],
        input=b"not json at all {",
        capture_output=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2
    assert "Traceback" not in stderr
    assert "noise.txt: file is not text" in stderr
    assert "x: cannot read: No such file or directory" in stderr
    (result,) = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert result["origin"]["path"] == "-"  # stdin text was still analysed
