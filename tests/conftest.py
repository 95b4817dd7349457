"""Shared fixtures: the strictly built site, a local server for it, and headless Chromium."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
# The build's own helpers (docs/hooks/_common.py): a page's URL, its language, the pages.
sys.path.insert(0, str(ROOT / "docs" / "hooks"))
from _common import KO, page_url  # noqa: E402
from mkdocs.utils import yaml_load  # noqa: E402


def nav_pages(items) -> dict[str, str]:
    """Every page of a `nav` (mkdocs.yml's: the one list of pages), in order, with its title."""
    pages = {}
    for item in items:
        (title, value), *_ = item.items() if isinstance(item, dict) else [(None, item)]
        pages |= nav_pages(value) if isinstance(value, list) else {value: title}
    return pages


NAV = nav_pages(yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))["nav"])  # English pages
PAGES = [*NAV, *(KO + page for page in NAV)]  # and the Korean pages
# TeX that a reader must never see as text: delimiters, commands such as \frac, sub- or
# superscripts in braces (what is left when Markdown eats a delimiter's backslash), and a
# notebook's $inline$ math left untypeset.
RAW_TEX = re.compile(
    r"\\[()\[\]]|\\[A-Za-z]+|[_^]\{|\$\$|(?<![\w$])\$[^\s$](?:[^$\n]*[^\s$])?\$(?![\w$])"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--log-level=3",
]


# The `mkdocs` command as the README installs it, next to this Python. Not the module form
# (`python -m`): that puts the current folder on sys.path and would hide a build that
# imports the wrong gd_tutorial (docs/hooks/_common.py: use_checkout_package).
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def build_site(
    project: Path, site_dir: Path, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run a strict ``mkdocs build`` of ``project`` into ``site_dir`` (never with -q)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def load_hook(name: str):
    """docs/hooks/<name>.py, imported as MkDocs 1.6 imports a hook: from its file, with its
    folder on sys.path (above: the hooks import docs/hooks/_common.py)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def built_page(site: Path, source: str) -> Path:
    """The HTML file of a page's source (relative to docs/): "ko/cost.md" -> ko/cost/index.html."""
    return site / page_url(source) / "index.html"


SITE_BUILD: dict = {}  # the `site` fixture's build: whether it began with no .cache, its log


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built strictly from this checkout into a temporary folder: once per test run,
    however many pytest-xdist workers share the run (the first builds, the others wait and
    read its record)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder every worker's base folder is in
    site_dir, record = shared / "site", shared / "site-build.json"
    with FileLock(f"{record}.lock"):
        if not record.is_file():
            clean = not (ROOT / ".cache").exists()  # a fresh clone, as in CI: everything runs
            result = build_site(ROOT, site_dir)
            output = result.stdout + result.stderr
            built = {"clean": clean, "output": output, "failed": result.returncode != 0}
            record.write_text(json.dumps(built), encoding="utf-8")
    built = json.loads(record.read_text(encoding="utf-8"))
    SITE_BUILD.update(clean=built["clean"], output=built["output"])
    if built["failed"]:
        pytest.fail(f"strict build failed:\n{built['output'][-9000:]}")
    return site_dir


# The path the site is published under (site_url in mkdocs.yml). 404.html links its assets
# from there, because a host serves it for any address, so the test server serves it there.
SITE_PATH = urlsplit(
    re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1]
).path


class _QuietHandler(SimpleHTTPRequestHandler):
    def translate_path(self, path):
        if path.startswith(SITE_PATH):
            path = "/" + path.removeprefix(SITE_PATH)
        return super().translate_path(path)

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_url(site) -> str:
    """The built site served over HTTP on 127.0.0.1 (a free port) under its published path,
    for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    server.shutdown()


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    )


def require_or_skip(what: str, how: str) -> None:
    """Skip on a developer's machine without ``what``; fail in CI, where it must run."""
    message = f"{what} is not available; install it with: {how}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (browser tests must run in CI)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, launched so it stays off the network."""
    executable = chromium_path()
    if executable is None:
        require_or_skip("Chromium", "sudo apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_or_skip("Playwright", 'pip install -e ".[test]" -c constraints.txt')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
