"""What a reader of a page sees, for the page tests: its text, as built, and its Korean source."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import built_page

DOCS = Path(__file__).resolve().parents[2] / "docs"

# A Korean particle written after inline code or math with a space: "`lr` 은" for "`lr`은".
SPACED_PARTICLE = re.compile(
    r"(`|\\\)|\$) (은|는|이|가|을|를|과|와|의|에|에서|로|으로|도|만)(?=[\s,.:)])"
)


def raw_text(site: Path, source: str) -> str:
    """The article of a built page as text, as it stands (log lines keep their spacing)."""
    soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article").get_text()


def page_text(site: Path, source: str) -> str:
    """The article of a built page as one line of text, whitespace collapsed, each formula
    written as its TeX source (KaTeX keeps it in an annotation): "W = 0 goes to 1.4"."""
    soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for formula in article.select(".katex"):
        formula.replace_with(" ".join(formula.find("annotation").get_text().split()))
    return " ".join(article.get_text().split())


def prose(source: str) -> str:
    """The prose a page is written in: a Markdown file, or a notebook's Markdown cells."""
    path = DOCS / source
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def spaced_particles(source: str) -> list[str]:
    """Places where a Korean source puts a space between code or math and its particle."""
    text = prose(source)
    return [text[max(0, m.start() - 20) : m.end()] for m in SPACED_PARTICLE.finditer(text)]
