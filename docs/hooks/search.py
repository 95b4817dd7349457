"""Index the built site for Pagefind, the search of both languages (overrides/partials/search.html).

Material's own search finds no Korean word. Pagefind (PyPI `pagefind[bin]`) indexes the pages
offline, one index per `<html lang>`, matching words by prefix (경사하강법 finds 경사하강법은).
Its bundle (UI, WebAssembly, index) loads only when a reader opens the search. It is kept in
``.cache/pagefind/<hash of every HTML file>``: a build whose pages did not change copies it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

from _common import ROOT
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.search")


def on_post_build(config):
    site = Path(config["site_dir"])
    digest = hashlib.sha256()
    for page in sorted(
        p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "pagefind"
    ):
        digest.update(page.relative_to(site).as_posix().encode() + b"\0" + page.read_bytes())
    base = ROOT / ".cache" / "pagefind"
    kept = base / digest.hexdigest()[:16]
    if not kept.is_dir():
        shutil.rmtree(base, ignore_errors=True)  # the index of other pages is of no more use
        command = [sys.executable, "-m", "pagefind", "--site", str(site)]
        command += ["--output-path", str(base / "partial" / "pagefind")]
        # The ¶ of each heading, and the TeX source KaTeX keeps beside each typeset formula.
        command += ["--exclude-selectors", ".headerlink", "--exclude-selectors", ".katex-mathml"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            raise PluginError("docs/hooks/search.py: Pagefind took over 120 s") from None
        said = done.stdout + done.stderr
        pages = re.search(r"Indexed (\d+) pages?", said)
        languages = re.search(r"Discovered \d+ languages?: (.*)", said)
        if done.returncode != 0 or not pages or not languages:
            raise PluginError(f"docs/hooks/search.py: Pagefind failed:\n{said}")
        log.info("Pagefind indexed %s pages in %s", pages[1], languages[1].strip())
        (base / "partial").rename(kept)  # only a whole index is kept
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    shutil.copytree(kept / "pagefind", site / "pagefind")
