"""Every notebook page runs top to bottom as a reader would run it, outside the site build."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "docs").rglob("*.ipynb"))


def test_there_are_notebook_pages():
    assert {path.name for path in NOTEBOOKS} >= {"by-hand.ipynb", "torch-optim.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_executes_and_its_error_demos_raise(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    # allow_errors=False: any cell not tagged raises-exception must succeed.
    NotebookClient(
        notebook, timeout=120, allow_errors=False, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    for cell in notebook.cells:
        if "raises-exception" in cell.metadata.get("tags", []):
            errors = [out for out in cell.outputs if out.output_type == "error"]
            assert errors, f"{path.name}: a cell tagged raises-exception raised nothing"
