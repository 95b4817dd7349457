"""Index the built site for Pagefind, the search of both languages (overrides/partials/search.html).

Material's own search finds no Korean word (its query trimmer drops Hangul). Pagefind (PyPI
`pagefind[bin]`, its binary inside the wheel) indexes the pages offline in well under a second,
one index per `<html lang>`, and matches words by prefix, so 경사하강법 finds 경사하강법은 and
경사하강법을. It writes `pagefind/` into the site: its UI, its WebAssembly and the index,
which a page loads only when its reader opens the search.

The index is kept in ``.cache/pagefind/<hash of every HTML file>``: a build whose pages are
byte for byte the last one's copies it into the site instead of running Pagefind again.
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


def _pages_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] != "pagefind":
            digest.update(page.relative_to(site).as_posix().encode() + b"\0")
            digest.update(page.read_bytes())
    return digest.hexdigest()[:16]


def _index(site: str, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", site, "--output-path", str(output)]
    # The ¶ of each heading, and the TeX source that KaTeX keeps beside each typeset formula.
    command += ["--exclude-selectors", ".headerlink", "--exclude-selectors", ".katex-mathml"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        raise PluginError("docs/hooks/search.py: Pagefind took over 120 s") from None
    output_text = done.stdout + done.stderr
    if done.returncode != 0:
        raise PluginError(f"docs/hooks/search.py: Pagefind failed:\n{output_text}")
    pages = re.search(r"Indexed (\d+) pages?", output_text)
    languages = re.search(r"Discovered \d+ languages?: (.*)", output_text)
    if not pages or not languages:
        raise PluginError(
            f"docs/hooks/search.py: Pagefind said something unexpected:\n{output_text}"
        )
    log.info("Pagefind indexed %s pages in %s", pages.group(1), languages.group(1).strip())


def on_post_build(config):
    site = Path(config["site_dir"])
    base = ROOT / ".cache" / "pagefind"
    kept = base / _pages_digest(site)
    if not kept.is_dir():
        shutil.rmtree(base, ignore_errors=True)  # the index of other pages is of no more use
        partial = base / "partial"
        _index(str(site), partial / "pagefind")
        partial.rename(kept)  # only a whole index is kept
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    shutil.copytree(kept / "pagefind", site / "pagefind")
