"""Every notebook page runs top to bottom as a reader would run it, outside the site build."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import PAGES, built_page
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


def _exercises(site, page: str) -> list[tuple[str, int]]:
    """The page's exercises, as a reader sees them: each numbered item's first words and how
    many solutions it holds; an error if they are not one ordered list."""
    soup = BeautifulSoup(built_page(site, page).read_text(encoding="utf-8"), "html.parser")
    listed = soup.find(id="exercises").find_next_sibling()
    assert listed is not None and listed.name == "ol", f"{page}: exercises are not a numbered list"
    items = listed.find_all("li", recursive=False)
    return [(li.get_text(" ", strip=True)[:2], len(li.select("details"))) for li in items]


@pytest.mark.parametrize("page", [p for p in PAGES if p.endswith(".ipynb")])
def test_notebook_pages_number_their_exercises_as_the_markdown_pages_do(site, page):
    exercises = _exercises(site, page)
    assert len(exercises) >= 3 and all(solutions == 1 for _, solutions in exercises), exercises
    assert not any(first[0].isdigit() for first, _ in exercises), "the number is still in the text"
    markdown = _exercises(site, "cost.md")  # a Markdown page, for the same structure
    assert all(solutions == 1 for _, solutions in markdown), markdown
