"""Copy it into your own code: the package as readers install it, and every page's code run
where readers put it.

The other tests import this checkout. These do not: they build the wheel, install it with
torch into a fresh virtual environment that does not contain the checkout, and there, in an
empty folder, run every code block of every built page, block after block in page order,
and every notebook as the site offers it for download.

The environment is made once per session (about a minute: torch is large). Set
GD_TUTORIAL_WHEEL to a wheel, or a folder holding one, to test that wheel instead of
building one (the release workflow tests the wheel it publishes). torch is installed at the
version this test runs with, found the way pip finds it here (PIP_FIND_LINKS, an index).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import torch
from bs4 import BeautifulSoup
from conftest import built_page

import gd_tutorial

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
INSTALL_NOTE_TITLE = {
    "en": "To run this code on your own machine",
    "ko": "내 컴퓨터에서 이 코드를 실행하려면",
}
# Markdown pages, as the site builds them (notebooks are run as notebooks, below). The
# Korean pages (ko/) show the same code and outputs (tests/test_i18n.py), so their code is
# run here once, from the English pages; everything else is checked in both languages.
ALL_PAGES = sorted(
    path.relative_to(DOCS).as_posix()
    for path in DOCS.rglob("*.md")
    if not path.relative_to(DOCS).as_posix().startswith(("snippets/", "hooks/"))
)
PAGES = [page for page in ALL_PAGES if not page.startswith("ko/")]
NOTEBOOKS = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.ipynb"))


def language(page: str) -> str:
    return "ko" if page.startswith("ko/") else "en"


# API pages show docstring examples (>>>). They assume, as their doctests do, that the reader
# has `import torch` and the documented module's names: `from gd_tutorial import *`.
API_PAGES = {"reference/api.md": "gd_tutorial", "reference/plots.md": "gd_tutorial.plots"}


def code_blocks(site: Path, source: str) -> list[dict]:
    """The page's Python blocks in order, each with the output the page shows under it."""
    soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
    blocks = []
    for block in soup.select("article div.highlight"):
        classes = block.get("class", [])
        if "doc-signature" in classes or block.find_parent(class_="jp-Cell"):
            continue
        if "language-python" in classes:
            shown = block.find_next_sibling()
            output = None
            if shown is not None and "language-text" in shown.get("class", []):
                output = shown.get_text()
            blocks.append({"kind": "python", "code": block.get_text(), "output": output})
        elif "language-pycon" in classes:
            blocks.append({"kind": "pycon", "code": block.get_text(), "output": None})
    return blocks


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    given = os.environ.get("GD_TUTORIAL_WHEEL")
    if given:
        path = Path(given)
        return next(path.glob("*.whl")) if path.is_dir() else path
    folder = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-w", str(folder)])
    return next(folder.glob("*.whl"))


# Run inside the reader's environment before matplotlib is installed.
PROBE = """
import sys
import gd_tutorial
print(gd_tutorial.__version__)
print(gd_tutorial.__file__)
print("matplotlib imported:", "matplotlib" in sys.modules)
try:
    import gd_tutorial.plots
except ModuleNotFoundError as error:
    print(f"{type(error).__name__}: {error}")
"""


class Reader:
    """A fresh virtual environment with the wheel and torch, and an empty folder."""

    def __init__(self, root: Path, wheel: Path):
        self.folder = root / "work"
        self.folder.mkdir()
        venv = root / "venv"
        # No pip of its own (pip drives it from outside): faster, and nothing but what we add.
        run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=self.folder)
        self.python = venv / "bin" / "python"
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        pins = ["-c", str(ROOT / "constraints.txt")]
        self.pip(str(wheel), f"torch=={torch.__version__}", "ipykernel", "nbclient", *pins)
        self.probe = self.python_run(PROBE).stdout.splitlines()
        self.pip(f"{wheel}[plots]", *pins)  # the figures' page needs matplotlib

    def pip(self, *arguments: str) -> None:
        # --no-compile: torch's thousands of modules are compiled when imported, if ever.
        command = [sys.executable, "-m", "pip", "--python", str(self.python), "install", "-q"]
        run([*command, "--no-compile", *arguments], cwd=self.folder, env=self.env)

    def python_run(self, code: str, *arguments: str) -> subprocess.CompletedProcess:
        return run([self.python, "-c", code, *arguments], cwd=self.folder, env=self.env)


@pytest.fixture(scope="session")
def reader(tmp_path_factory, wheel) -> Reader:
    return Reader(tmp_path_factory.mktemp("reader"), wheel)


# --- The package as a reader gets it -----------------------------------------------------


def test_the_wheel_holds_the_package_and_nothing_else(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    info = f"gd_tutorial-{gd_tutorial.__version__}.dist-info"
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "gd_tutorial").glob("*.py")}
    assert {name for name in names if not name.startswith(f"{info}/")} == package
    assert sorted(name for name in names if name.startswith(f"{info}/")) == [
        f"{info}/METADATA",
        f"{info}/RECORD",
        f"{info}/WHEEL",
        f"{info}/licenses/LICENSE",
        f"{info}/top_level.txt",
    ]


def test_the_wheel_needs_only_torch_and_offers_matplotlib_as_plots(wheel):
    info = f"gd_tutorial-{gd_tutorial.__version__}.dist-info"
    metadata = zipfile.ZipFile(wheel).read(f"{info}/METADATA").decode()
    assert f"\nVersion: {gd_tutorial.__version__}\n" in metadata
    requires = re.findall(r"^Requires-Dist: (.*)$", metadata, re.MULTILINE)
    assert [r for r in requires if "extra ==" not in r] == ["torch<3,>=2.1"]
    assert 'matplotlib<4,>=3.7; extra == "plots"' in requires
    assert 'gd-tutorial[plots]; extra == "docs"' in requires


def test_the_changelog_has_the_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## {gd_tutorial.__version__} " in changelog


def test_the_reader_imports_the_installed_wheel_without_matplotlib(reader):
    site_packages = reader.folder.parent / "venv" / "lib"
    assert reader.probe[0] == gd_tutorial.__version__
    assert Path(reader.probe[1]).is_relative_to(site_packages), reader.probe[1]
    assert reader.probe[2:] == [
        "matplotlib imported: False",
        "ModuleNotFoundError: gd_tutorial.plots draws with matplotlib: "
        'pip install "gd-tutorial[plots]"',
    ]


# --- Every code block, copied ------------------------------------------------------------

# Runs in the reader's environment: every block of every page, in page order, in the empty
# folder. A Python block gets a fresh namespace, as a new file would; its printed output must
# be what the page shows under it. A console (>>>) block is checked as doctest checks it, among
# the names of the module it documents.
RUN_BLOCKS = """
import contextlib, doctest, importlib, io, json, sys, traceback

results = {}
for page, module, blocks in json.load(open(sys.argv[1])):
    outcomes = results[page] = []
    for block in blocks:
        if block["kind"] == "pycon":
            globs = {"torch": importlib.import_module("torch")}
            for name in ("gd_tutorial", module):
                imported = importlib.import_module(name)
                globs.update({n: getattr(imported, n) for n in imported.__all__})
            test = doctest.DocTestParser().get_doctest(block["code"], globs, page, page, 0)
            report = io.StringIO()
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
            runner.run(test, out=report.write)
            outcomes.append({"error": report.getvalue() or None, "printed": None})
            continue
        printed = io.StringIO()
        error = None
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(block["code"], page, "exec"), {"__name__": "__main__"})
        except BaseException as caught:
            error = f"{type(caught).__name__}: {caught}"
        outcomes.append({"error": error, "printed": printed.getvalue()})
print(json.dumps(results))
"""


@pytest.fixture(scope="session")
def page_runs(site, reader, tmp_path_factory) -> dict:
    pages = [[page, API_PAGES.get(page), code_blocks(site, page)] for page in PAGES]
    blocks = tmp_path_factory.mktemp("blocks") / "blocks.json"
    blocks.write_text(json.dumps(pages), encoding="utf-8")
    return json.loads(reader.python_run(RUN_BLOCKS, str(blocks)).stdout)


def test_there_are_pages_with_code():
    assert {"index.md", "cost.md", "full-code.md", "reference/api.md"} <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_every_block_runs_in_a_fresh_environment_and_prints_what_the_page_shows(
    page, site, page_runs
):
    blocks = code_blocks(site, page)
    assert len(page_runs[page]) == len(blocks)
    for number, (block, outcome) in enumerate(zip(blocks, page_runs[page], strict=True), start=1):
        where = f"docs/{page}, block {number}:\n{block['code']}"
        if block["kind"] == "pycon":
            assert outcome["error"] is None, f"{where}\n{outcome['error']}"
            continue
        shown = block["output"]
        if outcome["error"] is not None:  # only where the page shows that very error
            kind = outcome["error"].split(":")[0]
            assert shown is not None and f"{kind}:" in shown, f"{where}\n{outcome['error']}"
        elif shown is not None:
            assert outcome["printed"].rstrip("\n") == shown.rstrip("\n"), where


# --- Every page that uses gd_tutorial says what to install ------------------------------


def test_pages_whose_code_imports_gd_tutorial_say_what_to_install_before_it(site):
    note = re.compile(r"\bpip install gd-tutorial\b")
    pages = [*ALL_PAGES, *NOTEBOOKS]
    using = 0
    for page in pages:
        soup = BeautifulSoup(built_page(site, page).read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        # The note is collapsed to one line (<details class="gd-install">, issue 17.4).
        notes = article.select("details.gd-install")
        title = INSTALL_NOTE_TITLE[language(page)]
        notes = [n for n in notes if n.select_one("summary").get_text() == title]
        imports = [
            block
            for block in article.select("div.language-python.highlight, div.language-pycon")
            if re.search(r"^(>>> )?(from|import) gd_tutorial\b", block.get_text(), re.MULTILINE)
        ]
        if not imports:
            assert notes == [], page
            continue
        using += 1
        assert len(notes) == 1, page
        text = notes[0].get_text()
        assert note.search(text) and "https://download.pytorch.org/whl/cpu" in text, page
        html = str(article)
        assert html.index(str(notes[0])) < html.index(str(imports[0])), page
    assert using >= 2 * 9


def test_the_install_note_is_the_same_on_every_page_of_a_language(site):
    notes = {"en": set(), "ko": set()}
    for page in [*ALL_PAGES, *NOTEBOOKS]:
        soup = BeautifulSoup(built_page(site, page).read_text(encoding="utf-8"), "html.parser")
        for note in soup.select("article details.gd-install"):
            notes[language(page)].add(" ".join(note.get_text().split()))
    assert len(notes["en"]) == len(notes["ko"]) == 1, notes


def test_complete_programs_and_error_demos_import_only_torch():
    """What readers adapt to their own model must run in any PyTorch project."""
    adapted = [*(DOCS / "snippets/full-code").glob("*.py"), DOCS / "snippets/math/gradient.py"]
    adapted.append(DOCS / "snippets/hypothesis/three_weights.py")
    for path in adapted:
        assert "gd_tutorial" not in path.read_text(encoding="utf-8"), path
    for name in NOTEBOOKS:
        notebook = json.loads((DOCS / name).read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if "raises-exception" in cell["metadata"].get("tags", []):
                assert "gd_tutorial" not in "".join(cell["source"]), name


# --- Notebooks that run after download ---------------------------------------------------

RUN_NOTEBOOK = """
import sys
import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
# allow_errors=False: only cells tagged raises-exception may fail; nbclient skips the
# install cell (tagged skip-execution), since this environment has what it installs.
NotebookClient(notebook, timeout=120, allow_errors=False).execute()
for cell in notebook.cells:
    errors = [out.ename for out in cell.get("outputs", []) if out.output_type == "error"]
    print(",".join(cell.metadata.get("tags", [])) + "|" + ",".join(errors))
"""


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_downloaded_notebook_runs_top_to_bottom_alone(name, site, reader, tmp_path):
    downloaded = built_page(site, name).parent / Path(name).name
    folder = reader.folder / name.replace("/", "-").removesuffix(".ipynb")
    folder.mkdir()
    shutil.copy(downloaded, folder / Path(name).name)  # the notebook, and no other file
    lines = run(
        [reader.python, "-c", RUN_NOTEBOOK, Path(name).name], cwd=folder, env=reader.env
    ).stdout.splitlines()
    page = BeautifulSoup(built_page(site, name).read_text(encoding="utf-8"), "html.parser")
    page_text = page.select_one("article").get_text()
    demos = [line for line in lines if "raises-exception" in line.split("|")[0]]
    assert demos, name
    for line in demos:
        (error,) = line.split("|")[1].split(",")
        assert f"{error}:" in page_text, (name, error)  # the same error as on the page
    assert lines[1].split("|") == ["install,skip-execution", ""]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_downloaded_notebook_says_what_to_install_and_links_to_the_hosted_site(name, site):
    downloaded = built_page(site, name).parent / Path(name).name
    notebook = json.loads(downloaded.read_text(encoding="utf-8"))
    note, install = notebook["cells"][:2]
    assert note["cell_type"] == "markdown"
    assert "".join(note["source"]).startswith(f"**{INSTALL_NOTE_TITLE[language(name)]}**\n\n")
    assert "".join(install["source"]) == (
        "%pip install torch --index-url https://download.pytorch.org/whl/cpu\n"
        "%pip install gd-tutorial"
    )
    assert install["metadata"]["tags"] == ["install", "skip-execution"]
    links = [
        target
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for target in re.findall(r"\]\(([^)\s]+)\)", "".join(cell["source"]))
    ]
    assert links, name
    site_url = "https://gd-tutorial.github.io/gd-tutorial/"
    for target in links:
        if target.startswith("#"):
            continue
        assert target.startswith(site_url), (name, target)
        # a Korean notebook links the Korean pages
        assert target.removeprefix(site_url).startswith("ko/") == (language(name) == "ko"), target
        path, _, anchor = target.removeprefix(site_url).partition("#")
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in html, (name, target)


def test_notebook_pages_offer_open_in_colab_next_to_the_download_link(site):
    words = {
        "en": ("Download this page as a notebook ({})", "open it in Google Colab"),
        "ko": ("이 페이지를 노트북으로 내려받아({})", "Google Colab에서 여세요"),
    }
    for name in NOTEBOOKS:
        soup = BeautifulSoup(built_page(site, name).read_text(encoding="utf-8"), "html.parser")
        line = soup.select_one("article p.nb-download")
        links = [(a.get_text(), a["href"]) for a in line.find_all("a")]
        download, colab = words[language(name)]
        assert links == [
            (download.format(Path(name).name), Path(name).name),
            (
                colab,
                "https://colab.research.google.com/github/gd-tutorial/gd-tutorial/blob/main/docs/"
                + name,
            ),
        ]
        assert line.find("img") is None and line.find("script") is None


def test_notebook_pages_link_to_this_site_relatively(site):
    for name in NOTEBOOKS:
        soup = BeautifulSoup(built_page(site, name).read_text(encoding="utf-8"), "html.parser")
        hrefs = [a["href"] for a in soup.select("article a[href]")]
        # A relative link to another page (the math page, or a section of it).
        assert any(h == "../math/" or h.startswith("../math/#") for h in hrefs), name
        assert not [h for h in hrefs if h.startswith("https://gd-tutorial.github.io")], name
