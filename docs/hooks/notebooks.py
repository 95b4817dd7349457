"""Make notebook pages honest, light and downloadable.

- A notebook's code runs once per build for both languages (nbclient), cached by its code
  cells under a hash of gd_tutorial and torch; mkdocs-jupyter (which does not execute) renders
  a copy with the outputs. A Korean notebook must have exactly the English code cells.
- A cell tagged ``raises-exception`` must show a traceback, or the build fails naming the page.
- What mkdocs-jupyter's template (no option changes it) adds is dropped, found by an HTML
  parser: 600 KB of JupyterLab CSS (extra.css styles the cells), scripts, copy widgets, tag
  bars. Code shows as Material's code blocks (same highlighting and copy button as elsewhere).
- Each page links its notebook for download and Google Colab, with the install note.
- The stored .ipynb runs anywhere alone: it starts with the install note and a `%pip install`
  cell (tagged ``skip-execution``; the page drops both with `remove_tag_config`) and links to
  the hosted pages, made relative again on the page. ``python docs/hooks/notebooks.py
  docs/<name>.ipynb`` writes both into a notebook.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import re
import shutil
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import markdown
import nbformat
from _common import ROOT, english_of, fresh_cache_dir, language_of, page_url, tr
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

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
    os.environ["IPYTHONDIR"] = str(_kernel_profile())
    # mkdocs-jupyter renders the executed copy (on_pre_page), so its own cache, keyed on the
    # notebook's bytes, outputs included, is renewed whenever a run changes an output.
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None and (plugin.config["execute"] or plugin.config["include_source"]):
        raise PluginError(
            "docs/hooks/notebooks.py runs the notebooks and copies them for download: "
            "set mkdocs-jupyter's execute and include_source to false"
        )
    _runs["dir"] = fresh_cache_dir("notebook-runs")
    return config


DOCS = ROOT / "docs"
_runs: dict = {}
log = logging.getLogger("mkdocs.hooks.notebooks")


def _code(notebook) -> list:
    return [[c.source, c.metadata.get("tags", [])] for c in notebook.cells if c.cell_type == "code"]


def _executed(src_uri: str) -> Path:
    """A copy of the notebook docs/<src_uri> with the outputs of its code, run once per build
    for both languages (and cached while the package and the code stay the same)."""
    notebook = nbformat.read(DOCS / src_uri, as_version=4)
    english_uri = english_of(src_uri)
    english = nbformat.read(DOCS / english_uri, as_version=4)  # runs; `notebook` gets outputs
    code, expected = _code(notebook), _code(english)
    if code != expected:
        pairs = enumerate(zip(code, expected, strict=False), 1)
        differ = next((number for number, (a, b) in pairs if a != b), None)
        where = f"code cell {differ}" if differ else f"{len(code)} code cells, not {len(expected)}"
        raise PluginError(
            f"docs/{src_uri}: {where} differs from docs/{english_uri}; both languages run the "
            "same code, so copy the English code cells unchanged"
        )
    run = _runs["dir"] / (hashlib.sha256(json.dumps(code).encode()).hexdigest()[:24] + ".ipynb")
    if run.is_file():
        english = nbformat.read(run, as_version=4)
    else:
        from nbclient import NotebookClient  # only when a notebook runs: not on a rebuild
        from nbclient.exceptions import CellExecutionError

        client = NotebookClient(
            english,
            timeout=600,
            allow_errors=False,
            shutdown_kernel="immediate",  # rather than politely: about 1 s a notebook
            resources={"metadata": {"path": str(DOCS)}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            raise PluginError(f"docs/{english_uri}: a cell raised an error:\n{error}") from None
        nbformat.write(english, run)
        log.info("Ran the code of docs/%s, for both languages", english_uri)
    ran = [c for c in english.cells if c.cell_type == "code"]
    for cell, done in zip([c for c in notebook.cells if c.cell_type == "code"], ran, strict=True):
        cell.outputs, cell.execution_count = done.outputs, done.execution_count
    for number, cell in enumerate(notebook.cells, start=1):
        tagged = "raises-exception" in cell.metadata.get("tags", [])
        if tagged and not any(out.output_type == "error" for out in cell.outputs):
            raise PluginError(
                f"docs/{src_uri}: cell {number} is tagged raises-exception "
                "but raised nothing; the page would show an error that no longer happens"
            )
    copy = ROOT / ".cache" / "notebook-pages" / src_uri
    copy.parent.mkdir(parents=True, exist_ok=True)
    text = nbformat.writes(notebook)
    if not copy.is_file() or copy.read_text(encoding="utf-8") != text:
        copy.write_text(text, encoding="utf-8")
    return copy


@event_priority(100)  # before mkdocs-jupyter reads the notebook: it renders the executed copy
def on_pre_page(page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        page.file.abs_src_path = str(_executed(page.file.src_uri))
    return page


def on_post_page(output, page, config):
    """The download link gives the stored notebook (no outputs, the install cells first)."""
    if page.file.src_uri.endswith(".ipynb"):
        target = Path(page.file.abs_dest_path).parent / Path(page.file.src_uri).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DOCS / page.file.src_uri, target)
    return output


INSTALL_NOTE = {"en": DOCS / "snippets" / "_install.md", "ko": DOCS / "snippets" / "_install.ko.md"}
RUN_FIRST = "In Jupyter or Colab, the next cell runs these two commands: run it once, first."
LINK_TEXT = (
    '<a href="{name}" download>Download this page as a notebook (<code>{name}</code>)</a> '
    'and run it with Jupyter, or <a href="{colab}">open it in Google Colab</a>.'
)


_ADMONITION = re.compile(r'(?:!!!|\?\?\?\+?) [\w -]+ "([^"]+)"\n(.*)', re.DOTALL)
_COMMANDS = re.compile(r"```bash\n(.*?)```", re.DOTALL)
# A Markdown link whose target is neither an address nor an anchor on the same page.
_RELATIVE_LINK = re.compile(r"\]\((?!https?://|#)([^)\s]+)\)")


def install_cells(language: str = "en") -> list[nbformat.NotebookNode]:
    """The two cells a notebook starts with: the install note, as plain Markdown for
    Jupyter, and the same commands as ``%pip`` lines, which the build does not run."""
    note = INSTALL_NOTE[language].read_text(encoding="utf-8")
    title, body = _ADMONITION.match(note).groups()
    body = textwrap.dedent(body).strip()
    commands = _COMMANDS.search(body).group(1).strip().split(" && ")
    note = f"**{title}**\n\n{body}\n\n{tr(RUN_FIRST, language)}"
    return [
        nbformat.v4.new_markdown_cell(note, metadata={"tags": ["install"]}),
        nbformat.v4.new_code_cell(
            "\n".join(f"%{command}" for command in commands),
            metadata={"tags": ["install", "skip-execution"]},
        ),
    ]


def _cell_key(cell) -> tuple:
    return cell.cell_type, cell.source, cell.metadata.get("tags")


def absolute_links(source: str, page_url: str, site_url: str) -> str:
    """Rewrite the relative links of a notebook cell to the hosted pages."""
    base = urljoin(site_url, page_url)
    return _RELATIVE_LINK.sub(lambda m: f"]({urljoin(base, m.group(1))})", source)


def check_notebook(src_uri: str, install: list[nbformat.NotebookNode]) -> None:
    """Fail the build unless the stored notebook starts with the ``install`` cells and links
    to the hosted pages, so that it runs and links wherever a reader puts it."""
    notebook = nbformat.read(DOCS / src_uri, as_version=4)
    fix = f"; run: python docs/hooks/notebooks.py docs/{src_uri}"
    expected = [_cell_key(cell) for cell in install]
    if [_cell_key(cell) for cell in notebook.cells[: len(expected)]] != expected:
        note = INSTALL_NOTE[language_of(src_uri)].relative_to(ROOT)
        raise PluginError(f"docs/{src_uri} must start with the install cells made from {note}{fix}")
    for cell in notebook.cells:
        found = cell.cell_type == "markdown" and _RELATIVE_LINK.search(cell.source)
        if found:
            raise PluginError(
                f"docs/{src_uri} links to {found.group(1)!r}: a downloaded notebook needs "
                f"the hosted address{fix}"
            )


def _elements(html: str, wanted) -> list[tuple]:
    """(tag, start, end of the start tag, attributes, start of the end tag, end) of each
    outermost element of ``html`` that ``wanted(tag, attributes)`` picks, by an HTML parser."""
    lines = [0, *itertools.accumulate(len(line) + 1 for line in html.split("\n"))]
    found, stack = [], []

    class Elements(HTMLParser):
        def at(self) -> int:
            return lines[self.getpos()[0] - 1] + self.getpos()[1]

        def handle_starttag(self, tag, attrs):
            start, picked = self.at(), not any(e[4] for e in stack) and wanted(tag, dict(attrs))
            stack.append((tag, start, start + len(self.get_starttag_text()), dict(attrs), picked))

        def handle_endtag(self, tag):
            if any(e[0] == tag for e in stack):
                while (element := stack.pop())[0] != tag:
                    pass
                if element[4]:
                    found.append((*element[:4], self.at(), html.index(">", self.at()) + 1))

    Elements().feed(html)
    return found


_english_ids: dict[str, tuple[list[str], list[str]]] = {}


def _toc_items(toc) -> list:
    return [item for top in toc for item in [top, *_toc_items(top.children)]]


_DROPPED = {"zeroclipboard-container", "clipboard-copy-txt", "celltoolbar", "highlight-ipynb"}
_HEADINGS = {f"h{level}" for level in range(1, 7)}


def _as_material(content: str, page, config, files) -> str:
    """The notebook's HTML without nbconvert's extras, its code as Material's, its links to the
    hosted pages relative again (they must name a page of this site). nbconvert makes heading
    ids from ASCII letters only (a Korean heading gets an empty id): a Korean notebook's
    headings get the English notebook's ids, in order, as Korean Markdown pages do with {#id},
    so that the same links and anchors work in both."""
    src_uri, english, site = page.file.src_uri, english_of(page.file.src_uri), config["site_url"]

    def picked(tag: str, attrs: dict) -> bool:
        if tag in _HEADINGS:
            return "id" in attrs
        if tag == "a":
            return (attrs.get("href") or "").startswith(site)
        return tag in ("style", "script") or bool(
            _DROPPED & set((attrs.get("class") or "").split())
        )

    found, toc = _elements(content, picked), _toc_items(page.toc)
    pages = {file.url for file in files.documentation_pages()}
    headings = [attrs["id"] for tag, _, _, attrs, *_ in found if tag in _HEADINGS]
    if english == src_uri:
        _english_ids[src_uri] = (headings, [item.id for item in toc])
    elif english not in _english_ids:
        raise PluginError(f"docs/{src_uri}: docs/{english} must be rendered first")
    ids, toc_ids = _english_ids[english]
    if len(headings) != len(ids) or len(toc) != len(toc_ids):
        raise PluginError(
            f"docs/{src_uri} has {len(headings)} headings, docs/{english} has {len(ids)}: "
            "a translation keeps every heading, in the same order"
        )
    for item, new in zip(toc, toc_ids, strict=True):
        item.id = new
    ids, parts, at = iter(ids), [], 0
    for tag, start, open_end, attrs, close, end in found:
        text = ""  # dropped
        if tag in _HEADINGS:
            old, new = attrs["id"], next(ids)
            head, rest = content[start:end].split(f'id="{old}"', 1)
            text = f'{head}id="{new}"' + rest.replace(f'href="#{old}"', f'href="#{new}"')
        elif tag == "a":
            target, _, anchor = attrs["href"].removeprefix(site).partition("#")
            if target not in pages:
                raise PluginError(f"docs/{src_uri} links to a missing page: {target!r}")
            href = get_relative_url(target, page.url) + (f"#{anchor}" if anchor else "")
            text = content[start:open_end].replace(attrs["href"], href, 1) + content[open_end:end]
        elif "highlight-ipynb" in (attrs.get("class") or "").split():
            code = content[open_end:close].removeprefix("<pre>").removesuffix("</pre>")
            text = f'<div class="language-python highlight"><pre><code>{code}</code></pre></div>'
        parts += [content[at:start], text]
        at = end
    return "".join(parts) + content[at:]


def _exercises_as_a_list(content: str) -> str:
    """A notebook numbers its exercises as paragraphs ("**1.** ..."), each followed by its
    solution (a <details>), since Jupyter renders no HTML block inside a list item. The page
    shows them as the Markdown pages do: one ordered list, each solution in its item."""
    start = content.find('<h2 id="exercises"')
    ends = [content.find(tag, start + 1) for tag in ("<h2", '<div class="jp-Cell ')]
    end = content.rfind("</details>", start, min([e for e in ends if e > 0] or [len(content)]))
    if start < 0 or end < 0:
        return content
    end += len("</details>")
    from bs4 import BeautifulSoup, NavigableString  # nbconvert's own dependency

    soup = BeautifulSoup(content[start:end], "html.parser")
    items, item = soup.new_tag("ol"), None
    for node in list(soup.find(id="exercises").find_next_siblings()):
        number = node.find("strong") if node.name == "p" else None
        if number and node.contents[0] is number and re.fullmatch(r"\d+\.", number.get_text()):
            if not items.contents:
                node.insert_before(items)
            number.extract()
            if node.contents and isinstance(node.contents[0], NavigableString):
                node.contents[0].replace_with(node.contents[0].lstrip())
            item = soup.new_tag("li")
            items.append(item)
            item.append(node.extract())
        elif item is not None and node.name == "details":
            item.append(node.extract())
        else:
            break
    return content[:start] + str(soup) + content[end:]


def on_page_content(content, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return content
    language = language_of(page.file.src_uri)
    check_notebook(page.file.src_uri, install_cells(language))
    content = _exercises_as_a_list(_as_material(content, page, config, files))
    # Material's copy button targets the code through its closest id, as a CSS selector:
    # nbconvert's ids ("cell-id=...") are not valid there, so the button copied nothing.
    content = content.replace('id="cell-id=', 'id="cell-')
    # Heading permalinks styled like those of Markdown pages (hidden until hovered).
    title = tr("Permanent link", language)
    content = content.replace('class="anchor-link"', f'class="headerlink" title="{title}"')
    name = Path(page.file.src_uri).name
    repository = config["repo_url"].rstrip("/").removeprefix("https://github.com/")
    colab = (
        f"https://colab.research.google.com/github/{repository}/"
        f"{config['edit_uri'].replace('edit/', 'blob/', 1)}{page.file.src_uri}"
    )
    link = (
        '<p class="nb-download">' + tr(LINK_TEXT, language, name=name, colab=colab) + "</p>"
    ) + _install_note(config, language)
    # After the page's goal (its title and opening paragraphs), before the cell that starts
    # its first section: between cells, so that no cell's HTML is cut in two.
    first_section = content.find("<h2")
    if first_section < 0:
        return link + content
    at = max(content.rfind('<div class="jp-Cell ', 0, first_section), 0)
    return content[:at] + link + content[at:]


def _install_note(config, language: str) -> str:
    """docs/snippets/_install.md (or .ko.md), rendered as the Markdown pages that include it."""
    converter = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )
    return converter.convert(INSTALL_NOTE[language].read_text(encoding="utf-8"))


def _write_install_cells_and_absolute_links(path: Path) -> None:
    site_url = re.search(r"^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(), re.M).group(1)
    notebook = nbformat.read(path, as_version=4)
    while notebook.cells and "install" in notebook.cells[0].metadata.get("tags", []):
        notebook.cells.pop(0)
    src_uri = path.resolve().relative_to(DOCS).as_posix()
    notebook.cells[:0] = install_cells(language_of(src_uri))
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = absolute_links(cell.source, page_url(src_uri), site_url)
    nbformat.write(notebook, path)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        _write_install_cells_and_absolute_links(Path(argument))
