"""Every command is documented: help, a description, and a mention in the README."""

from __future__ import annotations

import argparse
import io
import re

from dateline import __version__
from dateline.cli._main import build_parser, main
from tests.conftest import REPO


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_has_help_and_a_description() -> None:
    parser = build_parser()
    helps = {
        a.dest: a.help
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for a in action._choices_actions
    }
    commands = _subcommands()
    assert commands, "no commands registered"
    for name, sub in commands.items():
        assert helps.get(name), f"command {name!r} has no one-line help"
        assert sub.description, f"command {name!r} has no description"
        for opt in sub._actions:
            if opt.option_strings and opt.dest != "help":
                assert opt.help, f"option {opt.option_strings} of {name!r} has no help"


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    for name in _subcommands():
        assert re.search(rf"dateline {name}\b", readme), (
            f"README does not document 'dateline {name}'"
        )


def test_version_is_printed() -> None:
    out = io.StringIO()
    try:
        main(["--version"], out=out)
    except SystemExit as exc:
        assert exc.code == 0
    # argparse prints the version to stdout directly
    assert __version__
