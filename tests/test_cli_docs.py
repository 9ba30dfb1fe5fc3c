"""Every command is documented: help, a description, a mention in the README, and every
option in the generated reference ``docs/reference/cli.md``."""

from __future__ import annotations

import io
import re

import click
import pytest

from dateline import __version__
from dateline.cli._main import cli, main
from dateline.cli._reference import REFERENCE_PATH, render_reference
from tests.conftest import REPO

COMMANDS: dict[str, click.Command] = dict(cli.commands)
# every command with its path: the top-level ones and each group's subcommands
ALL_COMMANDS: dict[str, click.Command] = {
    **COMMANDS,
    **{
        f"{name} {sub}": subcommand
        for name, group in COMMANDS.items()
        if isinstance(group, click.Group)
        for sub, subcommand in group.commands.items()
    },
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_every_command_has_help_and_a_description() -> None:
    assert COMMANDS, "no commands registered"
    for name, command in ALL_COMMANDS.items():
        assert command.short_help, f"command {name!r} has no one-line help"
        assert command.help, f"command {name!r} has no description"
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert param.help, f"option {param.opts} of {name!r} has no help"


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    for name in COMMANDS:
        assert re.search(rf"dateline {name}\b", readme), (
            f"README does not document 'dateline {name}'"
        )


def test_the_reference_is_up_to_date() -> None:
    committed = (REPO / REFERENCE_PATH).read_text("utf-8")
    assert committed == render_reference(), (
        f"{REFERENCE_PATH} is stale: write render_reference() to it "
        "(python -m dateline.cli._reference > docs/reference/cli.md)"
    )


@pytest.mark.parametrize("name", list(ALL_COMMANDS))
def test_every_option_of_every_command_is_in_the_reference(name: str) -> None:
    committed = (REPO / REFERENCE_PATH).read_text("utf-8")
    section = committed.split(f"\n## `dateline {name}`\n")[1].split("\n## ")[0]
    command = ALL_COMMANDS[name]
    for param in command.params:
        for opt in param.opts if isinstance(param, click.Option) else [param.human_readable_name]:
            assert f"`{opt}" in section, f"{opt} of 'dateline {name}' is not in {REFERENCE_PATH}"
        if isinstance(param, click.Option) and param.help:
            assert param.help in section


def test_version_is_printed() -> None:
    assert run("--version") == (0, f"dateline {__version__}\n", "")


def test_no_command_prints_the_commands() -> None:
    code, out, err = run()
    assert code == 0 and err == ""
    assert out.startswith("Usage: dateline")
    for name in COMMANDS:
        assert re.search(rf"^  {name}\s+\S", out, re.MULTILINE), f"{name} not in --help"
    assert run("--help")[1] == out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["analyse", "x.txt"], "Did you mean 'analyze'?"),
        (["raport"], "Did you mean 'report'?"),
        (["report", "--dbb", "x"], "Did you mean '--db'?"),
        (["nonsense"], "No such command 'nonsense'."),
        (["analyze", "x.txt", "--format", "xml"], "Invalid value for '--format'"),
        (["analyze", "x.txt", "--published", "21/01/2022"], "not a date in YYYY-MM-DD form"),
        (["events", "--limit", "many"], "Invalid value for '--limit'"),
        (["analyze"], "Missing argument 'PATH...'"),
        (["export", "--format", "csv"], "Missing option '--output'"),
    ],
)
def test_a_usage_error_is_one_coded_line_and_exit_status_2(argv: list[str], message: str) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert "Traceback" not in err
    last = err.splitlines()[-1]
    assert last.startswith("dateline: E030 ") and message in last, err


def test_shell_completion_is_clicks(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("_DATELINE_COMPLETE", "bash_source")
    with pytest.raises(SystemExit) as done:
        cli.main([], prog_name="dateline")
    assert done.value.code == 0
    assert "_DATELINE_COMPLETE=bash_complete" in capsys.readouterr().out
    monkeypatch.setenv("_DATELINE_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "dateline rep")
    monkeypatch.setenv("COMP_CWORD", "1")
    with pytest.raises(SystemExit):
        cli.main([], prog_name="dateline")
    assert "plain,report" in capsys.readouterr().out
