"""Break a copy of the project on purpose: the strict build must fail and name the page,
and a change to the package must change the pages on the next build (no stale cache, and
no other installed copy of the package).

Builds run the `mkdocs` command, as readers do, never the module form `python -m`
(see conftest)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import SITE_BUILD, build_site

ROOT = Path(__file__).resolve().parents[1]


def copy_project(tmp_path: Path, caches: bool = True) -> Path:
    """A copy of the site's sources, with the caches of the last build (so only what a
    test changes runs again) unless ``caches`` is false."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "gd_tutorial", project / "gd_tutorial")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if caches and (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", project / ".cache")
    return project


def build(project: Path, env: dict | None = None) -> tuple[int, str]:
    result = build_site(project, project / "site", env)
    return result.returncode, result.stdout + result.stderr


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def warm(site):
    """Build the real site first, so that copies start from its warm caches."""
    return site


def test_the_unbroken_copy_builds(warm, tmp_path):
    code, output = build(copy_project(tmp_path))
    assert code == 0, output


def test_a_clean_build_logs_no_warning_and_no_traceback(site, tmp_path):
    # Everything runs: every snippet, notebook and figure. Expected lines were silenced at
    # their source (docs/hooks/notebooks.py, exec_cache.py), so a real one stands out.
    # On a fresh clone (CI) the `site` fixture's build was such a build: its log is used.
    if SITE_BUILD.get("clean"):
        code, output = 0, SITE_BUILD["output"]
    else:
        code, output = build(copy_project(tmp_path, caches=False))
    assert code == 0, output
    noisy = [
        line
        for line in output.splitlines()
        if re.search(r"warn|traceback|error", line, re.IGNORECASE)
        # mkdocstrings formats signatures only with Black or Ruff (the docs extra has Ruff)
        or "Formatting signatures requires" in line
    ]
    assert not noisy, "\n".join(noisy)
    assert "Documentation built in" in output
    # Both languages from one run of the code: each notebook's code ran once.
    for notebook in ("by-hand.ipynb", "torch-optim.ipynb"):
        assert output.count(f"Ran the code of docs/{notebook}, for both languages") == 1
    assert output.count("Ran the code of") == 2


def test_a_broken_link_fails_the_build_naming_the_page(warm, tmp_path):
    project = copy_project(tmp_path)
    append(project / "docs/cost.md", "\nSee [nowhere](nowhere.md).\n")
    code, output = build(project)
    assert code != 0
    assert "cost.md" in output and "nowhere.md" in output


def test_a_broken_anchor_fails_the_build_naming_the_page(warm, tmp_path):
    project = copy_project(tmp_path)
    append(project / "docs/cost.md", "\nSee [there](#no-such-heading).\n")
    code, output = build(project)
    assert code != 0
    assert "cost.md" in output and "no-such-heading" in output


def test_a_raising_snippet_fails_the_build_naming_the_page(warm, tmp_path):
    project = copy_project(tmp_path)
    (project / "docs/snippets/cost/broken.py").write_text("print(1 / 0)\n")
    append(
        project / "docs/cost.md",
        '\n```python exec="1" source="above" result="text"\n'
        '--8<-- "docs/snippets/cost/broken.py"\n```\n',
    )
    code, output = build(project)
    assert code != 0
    assert "docs/cost.md" in output and "ZeroDivisionError" in output


def test_a_missing_include_fails_the_build_naming_the_page(warm, tmp_path):
    project = copy_project(tmp_path)
    append(
        project / "docs/cost.md",
        '\n```python exec="1" source="above" result="text"\n'
        '--8<-- "docs/snippets/cost/missing.py"\n```\n',
    )
    code, output = build(project)
    assert code != 0
    assert "cost.md" in output and "missing.py" in output


def test_a_missing_api_object_fails_the_build(warm, tmp_path):
    project = copy_project(tmp_path)
    append(project / "docs/reference/api.md", "\n::: gd_tutorial.no_such_function\n")
    code, output = build(project)
    assert code != 0
    assert "no_such_function" in output


def edit_notebook(path: Path, change) -> None:
    notebook = nbformat.read(path, as_version=4)
    change(notebook)
    nbformat.write(notebook, path)


def test_a_raising_notebook_cell_fails_the_build_naming_the_page(warm, tmp_path):
    project = copy_project(tmp_path)
    edit_notebook(
        project / "docs/by-hand.ipynb",
        lambda nb: nb.cells.append(nbformat.v4.new_code_cell("1 / 0")),
    )
    code, output = build(project)
    assert code != 0
    assert "by-hand.ipynb" in output and "ZeroDivisionError" in output


def test_an_error_demo_that_stops_raising_fails_the_build(warm, tmp_path):
    project = copy_project(tmp_path)

    def defuse(notebook):
        tagged = [c for c in notebook.cells if "raises-exception" in c.metadata.get("tags", [])]
        assert tagged, "by-hand.ipynb has no deliberate error demo"
        tagged[0].source = "print('no error any more')"

    edit_notebook(project / "docs/by-hand.ipynb", defuse)
    code, output = build(project)
    assert code != 0
    assert "docs/by-hand.ipynb" in output and "raised nothing" in output


def test_a_notebook_that_would_not_run_or_link_after_download_fails_the_build(warm, tmp_path):
    project = copy_project(tmp_path)
    fix = "; run: python docs/hooks/notebooks.py docs/by-hand.ipynb"
    edit_notebook(project / "docs/by-hand.ipynb", lambda nb: nb.cells.pop(1))  # the %pip cell
    code, output = build(project)
    assert code != 0
    expected = "must start with the install cells made from docs/snippets/_install.md"
    assert f"docs/by-hand.ipynb {expected}{fix}" in output

    project = copy_project(tmp_path / "again")
    link = nbformat.v4.new_markdown_cell("See [the math](../math/).")
    edit_notebook(project / "docs/by-hand.ipynb", lambda nb: nb.cells.append(link))
    code, output = build(project)
    assert code != 0
    expected = "links to '../math/': a downloaded notebook needs the hosted address"
    assert f"docs/by-hand.ipynb {expected}{fix}" in output


def double_the_cost(project: Path) -> None:
    """Change the package: ``mse`` now returns twice the mean squared error."""
    core = project / "gd_tutorial/core.py"
    source = core.read_text(encoding="utf-8")
    # The public function only: the descents share _mse, and their logs must stay as they are.
    old = "    return _mse(prediction, target)\n"
    assert source.count(old) == 1
    core.write_text(source.replace(old, "    return 2 * _mse(prediction, target)\n"), "utf-8")


def install_elsewhere(tmp_path: Path) -> dict:
    """Install this checkout's package, non-editable, into a folder put first on PYTHONPATH:
    a copy of gd_tutorial that no edit to the project reaches, as after `pip install .`
    (or another checkout's editable install). Returns the build's environment."""
    target = tmp_path / "installed"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert (target / "gd_tutorial" / "core.py").is_file()
    return {"PYTHONPATH": str(target)}


def test_a_package_change_shows_on_the_next_build_whatever_is_installed(warm, tmp_path):
    project = copy_project(tmp_path)
    env = install_elsewhere(tmp_path)
    code, output = build(project, env)
    assert code == 0, output
    cost_page = project / "site/cost/index.html"
    assert "gd_tutorial: tensor(4.6667)" in cost_page.read_text("utf-8")

    double_the_cost(project)  # a Markdown page's executed output changes
    code, output = build(project, env)
    assert code == 0, output
    assert "gd_tutorial: tensor(9.3333)" in cost_page.read_text("utf-8")

    # The notebook checks its own loop against the package's log: if the package's log
    # changes, the notebook must run again (not come from the cache) and fail.
    descent = project / "gd_tutorial/descent.py"
    source = descent.read_text(encoding="utf-8")
    assert 'LOG_FORMAT = "Epoch ' in source
    descent.write_text(source.replace('LOG_FORMAT = "Epoch ', 'LOG_FORMAT = "EPOCH '), "utf-8")
    code, output = build(project, env)
    assert code != 0
    assert "by-hand.ipynb" in output and "AssertionError" in output


def article_texts(site: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(site.rglob("*.html")):
        article = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("article")
        texts[path.relative_to(site).as_posix()] = article.get_text() if article else ""
    return texts


def test_the_site_builds_unchanged_with_properdocs(site, tmp_path):
    # MkDocs 1.x is unmaintained; ProperDocs is a maintained fork of MkDocs 1.6. The same
    # project must build with it, strictly, into the same pages.
    project = copy_project(tmp_path)
    properdocs = str(Path(sys.executable).with_name("properdocs"))
    result = subprocess.run(
        [properdocs, "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert article_texts(project / "site") == article_texts(site)


# Each partial in overrides/partials/ is a copy of Material's, changed a little. The hash of
# the Material partial each was copied from (Material 9.8.2): when an upgrade changes one,
# this fails, and the diff between the two Material versions is what to carry over.
COPIED_FROM_MATERIAL = {
    "partials/alternate.html": "572b1d4dae611aa5",
    "partials/copyright.html": "bc86bca3bf75070f",
    "partials/header.html": "8cf3fb15bcf969ff",
    "partials/language.html": "3a44516f305006ac",
    "partials/palette.html": "fb935107ae7d3d74",
    "partials/search.html": "bfd556535abcddb9",
    "partials/source.html": "6847616d67be4920",
}


def test_every_copied_material_partial_matches_the_installed_materials():
    import hashlib

    import material

    templates = Path(material.__file__).parent / "templates"
    copies = sorted(
        p.relative_to(ROOT / "overrides").as_posix()
        for p in ROOT.glob("overrides/partials/**/*.html")
    )
    assert copies == sorted(COPIED_FROM_MATERIAL), (
        "record the Material partial each copy is made from"
    )
    changed = [
        name
        for name, recorded in COPIED_FROM_MATERIAL.items()
        if hashlib.sha256((templates / name).read_bytes()).hexdigest()[:16] != recorded
    ]
    assert not changed, (
        f"Material {version('mkdocs-material')} changed {changed} since overrides/ copied them: "
        "carry the change over to each copy, then record the new hash here"
    )
