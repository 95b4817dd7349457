"""What the page tests read: a built page's text, a page's source, what a snippet prints."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import built_page

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
# A space between inline code or math and the particle after it leaves a gap on the page:
# "`lr`은", not "`lr` 은" (issue 17).
PARTICLE_GAP = re.compile(
    r"(`|\\\)|\$) (은|는|이|가|을|를|의|에|에서|로|으로|과|와|도|만|이고|이며|입니다)(?=[\s.,:)])"
)


def page_text(site: Path, source: str) -> str:
    """The article's text of a built page, as the browser has it (outputs keep their spaces)."""
    soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article").get_text()


def prose(site: Path, source: str) -> str:
    """The article's text with every run of white space made one space: the sentences."""
    return " ".join(page_text(site, source).split())


def formula_text(site: Path, source: str) -> str:
    """The article as one line of text, whitespace collapsed, each formula written as its TeX
    source (KaTeX keeps it in an annotation): "W = 0 goes to 1.4"."""
    soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for formula in article.select(".katex"):
        formula.replace_with(" ".join(formula.find("annotation").get_text().split()))
    return " ".join(article.get_text().split())


def source_text(source: str) -> str:
    """A page's source as written: a Markdown file, or a notebook's Markdown cells."""
    path = DOCS / source
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def snippet_lines(snippet: str) -> list[str]:
    """What a snippet prints, run in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, str(ROOT / snippet)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def particle_gaps(source: str) -> list[str]:
    """Lines of a Korean source with a space before a particle."""
    return [line for line in source_text(source).splitlines() if PARTICLE_GAP.search(line)]


def run_source(source: str, name: str = "snippet") -> tuple[str, dict]:
    """Run a snippet's code in this process as a script of its own (``__name__`` is
    ``"__main__"``, in a fresh namespace); return what it printed and its namespace."""
    out, namespace = io.StringIO(), {"__name__": "__main__"}
    with contextlib.redirect_stdout(out):
        exec(compile(source, name, "exec"), namespace)
    return out.getvalue(), namespace
