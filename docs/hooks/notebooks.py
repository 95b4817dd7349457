"""Make notebook pages honest, light and downloadable.

- The mkdocs-jupyter cache keys on the notebook's bytes only. Its folder is
  named here after a hash of the gd_tutorial sources and the torch version, so
  a change to the package re-executes every notebook (even under `mkdocs serve`).
- A cell tagged ``raises-exception`` is a deliberate error demo. It must show a
  traceback; if it stops raising, the build fails and names the page.
- nbconvert inlines about 600 KB of JupyterLab CSS and a few scripts into each
  page. They are dropped; docs/assets/stylesheets/extra.css styles the cells.
- Each notebook page gets a link to download the notebook (stored without outputs).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).parent))
from _common import ROOT, fresh_cache_dir

_STYLE_OR_SCRIPT = re.compile(r"<style[^>]*>.*?</style>|<script[^>]*>.*?</script>", re.DOTALL)
_CELL_START = re.compile(r'<div class="jp-Cell [^"]*" id="cell-id=')
_COPY_WIDGET = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
    r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>'
    r'|<div class="celltoolbar">\s*<div class="button_container[^"]*">.*?</div>\s*</div>',
    re.DOTALL,
)
_CODE = re.compile(r'<div class="highlight-ipynb hl-python"><pre>(.*?)</pre></div>', re.DOTALL)


# Each kernel logs "Kernel is running over TCP without encryption" (ipykernel 7): the build
# talks to its kernels over 127.0.0.1, which nothing outside this machine can reach, so the
# line is expected, and it would hide real problems in the build's log. The kernels read
# this profile (IPYTHONDIR), which drops that one line and keeps no input history.
_KERNEL_CONFIG = """\
import logging

logging.getLogger("IPKernelApp").addFilter(
    lambda record: "running over TCP without encryption" not in record.getMessage()
)
c.HistoryManager.enabled = False
"""


def _kernel_profile() -> Path:
    folder = ROOT / ".cache" / "ipython"
    config = folder / "profile_default" / "ipython_kernel_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    if not config.is_file() or config.read_text(encoding="utf-8") != _KERNEL_CONFIG:
        config.write_text(_KERNEL_CONFIG, encoding="utf-8")
    return folder


def on_config(config):
    # Each notebook's kernel is stopped at once rather than politely (about 1 s each).
    NotebookClient.shutdown_kernel.default_value = "immediate"
    os.environ["IPYTHONDIR"] = str(_kernel_profile())
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None:
        plugin.config["cache_dir"] = str(fresh_cache_dir("mkdocs-jupyter"))
    return config


def _cells(content: str) -> list[str]:
    starts = [m.start() for m in _CELL_START.finditer(content)]
    return [content[a:b] for a, b in zip(starts, [*starts[1:], len(content)], strict=True)]


def on_page_content(content, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return content
    for number, cell in enumerate(_cells(content), start=1):
        tagged = "celltag_raises-exception" in cell[: cell.find(">")]
        if tagged and "application/vnd.jupyter.stderr" not in cell:
            raise PluginError(
                f"docs/{page.file.src_uri}: cell {number} is tagged raises-exception "
                "but raised nothing; the page would show an error that no longer happens"
            )
    content = _STYLE_OR_SCRIPT.sub("", content)
    # Material's copy button targets the code through its closest id, as a CSS selector:
    # nbconvert's ids ("cell-id=...") are not valid there, so the button copied nothing.
    content = content.replace('id="cell-id=', 'id="cell-')
    # Heading permalinks styled like those of Markdown pages (hidden until hovered).
    content = content.replace('class="anchor-link"', 'class="headerlink"')
    content = _COPY_WIDGET.sub("", content)
    # Material's own code blocks: same highlighting and copy button as every other page.
    content = _CODE.sub(
        r'<div class="language-python highlight"><pre><code>\1</code></pre></div>', content
    )
    name = Path(page.file.src_uri).name
    link = (
        f'<p class="nb-download"><a href="{name}" download>Download this page as a notebook '
        f"(<code>{name}</code>)</a> and run it with Jupyter.</p>"
    )
    # After the page's goal (its title and opening paragraphs), before its first section.
    first_section = content.find("<h2")
    if first_section < 0:
        return link + content
    return content[:first_section] + link + content[first_section:]
