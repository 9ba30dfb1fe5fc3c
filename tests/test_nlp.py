"""The NLP stage: the model is a setting, and a missing model says how to install it."""

from __future__ import annotations

import pytest

from dateline.errors import ModelError
from dateline.nlp import load_model


def test_auto_prefers_the_md_model_when_installed() -> None:
    assert load_model("auto").name.startswith("en_core_web_md")


def test_sm_can_be_chosen_explicitly() -> None:
    assert load_model("sm").name.startswith("en_core_web_sm")


def test_a_missing_model_names_what_to_install(tmp_path: object) -> None:
    with pytest.raises(ModelError) as info:
        load_model("/nonexistent/model/dir")
    assert "cannot be loaded" in info.value.message
    assert info.value.hint


def test_the_environment_sets_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "sm")
    assert load_model().name.startswith("en_core_web_sm")
