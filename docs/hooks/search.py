"""Index the built site for Pagefind, the search of both languages (overrides/partials/search.html).

Material's own search finds no Korean word (its query trimmer drops Hangul). Pagefind (PyPI
`pagefind[bin]`, its binary inside the wheel) indexes the pages offline in well under a second,
one index per `<html lang>`, and matches words by prefix, so 경사하강법 finds 경사하강법은 and
경사하강법을. It writes `pagefind/` into the site: its UI, its WebAssembly and the index,
which a page loads only when its reader opens the search.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.search")


def on_post_build(config):
    command = [sys.executable, "-m", "pagefind", "--site", config["site_dir"]]
    # The ¶ of each heading, and the TeX source that KaTeX keeps beside each typeset formula.
    command += ["--exclude-selectors", ".headerlink", "--exclude-selectors", ".katex-mathml"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        raise PluginError("docs/hooks/search.py: Pagefind took over 120 s") from None
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise PluginError(f"docs/hooks/search.py: Pagefind failed:\n{output}")
    pages = re.search(r"Indexed (\d+) pages?", output)
    languages = re.search(r"Discovered \d+ languages?: (.*)", output)
    if not pages or not languages:
        raise PluginError(f"docs/hooks/search.py: Pagefind said something unexpected:\n{output}")
    log.info("Pagefind indexed %s pages in %s", pages.group(1), languages.group(1).strip())
