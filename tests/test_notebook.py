"""The sample notebook runs from top to bottom on the current code (every cell, no error),
in a real Jupyter kernel (nbclient + ipykernel, the ``notebook`` extra)."""

from __future__ import annotations

import pytest

from tests.conftest import REPO

NOTEBOOK = REPO / "notebooks" / "analyst_tour.ipynb"


def test_the_sample_notebook_executes() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3")
    client.execute(cwd=str(REPO))
    errors = [
        out
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not errors
    images = [
        out
        for cell in notebook.cells
        for out in cell.get("outputs", [])
        if "image/png" in out.get("data", {})
    ]
    assert len(images) == 2  # the events chart and the actor network
