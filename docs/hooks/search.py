"""Index the built site for Pagefind, the search of both languages (overrides/partials/search.html).

Material's own search finds no Korean word. Pagefind (PyPI `pagefind[bin]`) indexes the pages
offline, one index per `<html lang>`, matching words by prefix (경사하강법 finds 경사하강법은).
Its bundle (UI, WebAssembly, index) loads only when a reader opens the search. It is kept in
``.cache/pagefind/<hash of every HTML file>``: a build whose pages did not change copies it.
Under ``mkdocs serve``, a saved page is shown at once and indexed in the background (about a
second of CPU), with the last index served meanwhile.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from _common import ROOT
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.search")
BASE = ROOT / ".cache" / "pagefind"
_state: dict = {"serve": False, "build": 0}


def on_startup(command, dirty):
    _state["serve"] = command == "serve"


def _index(pages: Path, kept: Path) -> None:
    """Index the HTML under ``pages`` into ``kept/pagefind``; only a whole index is kept."""
    partial = BASE / f"partial-{threading.get_ident()}"
    shutil.rmtree(partial, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(pages)]
    command += ["--output-path", str(partial / "pagefind")]
    # The ¶ of each heading, and the TeX source KaTeX keeps beside each typeset formula.
    command += ["--exclude-selectors", ".headerlink", "--exclude-selectors", ".katex-mathml"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise PluginError("docs/hooks/search.py: Pagefind took over 120 s") from None
    said = done.stdout + done.stderr
    indexed = re.search(r"Indexed (\d+) pages?", said)
    languages = re.search(r"Discovered \d+ languages?: (.*)", said)
    if done.returncode != 0 or not indexed or not languages:
        raise PluginError(f"docs/hooks/search.py: Pagefind failed:\n{said}")
    log.info("Pagefind indexed %s pages in %s", indexed[1], languages[1].strip())
    for other in BASE.iterdir():  # the index of other pages is of no more use
        if other not in (kept, partial) and not other.name.startswith("partial-"):
            shutil.rmtree(other, ignore_errors=True)
    partial.rename(kept)


def _copy(kept: Path, site: Path) -> None:
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    shutil.copytree(kept / "pagefind", site / "pagefind")


def on_post_build(config):
    site = Path(config["site_dir"])
    pages = sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "pagefind")
    digest = hashlib.sha256()
    for page in pages:
        digest.update(page.relative_to(site).as_posix().encode() + b"\0" + page.read_bytes())
    kept = BASE / digest.hexdigest()[:16]
    _state["build"] += 1
    if not kept.is_dir() and _state["serve"] and _state["build"] > 1:  # a page was saved
        build = _state["build"]
        last = [p for p in BASE.glob("*/pagefind") if not p.parent.name.startswith("partial-")]
        if last:
            _copy(last[0].parent, site)
        snapshot = Path(tempfile.mkdtemp(prefix="gd-pagefind-"))
        for page in pages:  # the next build empties the site folder
            (snapshot / page.relative_to(site)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(page, snapshot / page.relative_to(site))

        def index_then_copy():
            try:
                _index(snapshot, kept)
                if _state["build"] == build:  # no newer build has its own index coming
                    _copy(kept, site)
            except (OSError, PluginError) as error:
                log.warning("Pagefind, in the background: %s", error)
            finally:
                shutil.rmtree(snapshot, ignore_errors=True)

        threading.Thread(target=index_then_copy, daemon=True).start()
        return
    if not kept.is_dir():
        _index(site, kept)
    _copy(kept, site)
