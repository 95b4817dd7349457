"""Typeset math at build time with KaTeX, so pages need no math JavaScript.

pymdownx.arithmatex (generic mode) wraps math as ``\\( ... \\)`` and ``\\[ ... \\]``
inside ``.arithmatex`` elements. This hook renders each with KaTeX, run by the
V8 engine of mini-racer. A formula KaTeX cannot parse fails the build and names
the page. Notebook pages write math as ``$...$`` and ``$$...$$`` in their
Markdown cells; those are rendered here too. Rendered formulas are kept in
``.cache/katex-<hash of katex.min.js>.json``, so a rebuild starts no JavaScript engine.
Short inline code is kept on one line with what follows it, as inline formulas are.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from _common import ROOT
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_KATEX_JS = Path(__file__).with_name("katex.min.js")
_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])"
    r"\s*</(?P=tag)>"
    r"(?P<after>[^\s<]+)?",  # what follows with no space (a period, a particle) stays with it
    re.DOTALL,
)
# Inline code of up to 24 characters (not a code block's <pre><code>), and what follows it with
# no space: `1e-5` must not break at its hyphen, nor "`lr`은" before its particle.
_SHORT_CODE = re.compile(r"(?<!<pre>)(?<!</span>)(<code>([^<]{1,60})</code>)([^\s<]+)?")
# Markdown cells of notebooks: $$display$$ and $inline$ (not a price like "$5").
_NB_MARKDOWN = re.compile(
    r'(<div class="[^"]*jp-MarkdownOutput[^"]*"[^>]*>)(.*?)(</div>)', re.DOTALL
)
_NB_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
# ASCII word characters only around it: Korean puts a particle right after the math ($W$는).
_NB_INLINE = re.compile(
    r"(?<![\\$A-Za-z0-9_])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![A-Za-z0-9_$])([^\s<$]+)?"
)
_CACHE = ROOT / ".cache" / f"katex-{hashlib.sha256(_KATEX_JS.read_bytes()).hexdigest()[:16]}.json"
_engine = None  # mini-racer's V8, started for the first formula not in the cache
_rendered: dict[str, str] = {}  # "0" or "1" (display) + TeX -> KaTeX's HTML
_new: set[str] = set()  # formulas typeset in this build, not yet saved


def on_config(config):
    if not _rendered and _CACHE.is_file():
        _rendered.update(json.loads(_CACHE.read_text(encoding="utf-8")))
    return config


def on_post_build(config):
    if _new:
        _CACHE.parent.mkdir(exist_ok=True)
        _CACHE.write_text(json.dumps(_rendered), encoding="utf-8")
        _new.clear()


def _render(tex: str, display: bool, page) -> str:
    key = f"{int(display)}{tex}"
    if key not in _rendered:
        _rendered[key] = _typeset(tex, display, page)
        _new.add(key)
    return _rendered[key]


def _typeset(tex: str, display: bool, page) -> str:
    global _engine
    if _engine is None:
        from py_mini_racer import MiniRacer

        _engine = MiniRacer()
        _engine.eval(_KATEX_JS.read_text(encoding="utf-8"))
        _engine.eval(
            "function renderMath(tex, display) {"
            "  try { return {html: katex.renderToString(tex, {displayMode: display,"
            "    throwOnError: true, strict: 'error'})}; }"
            "  catch (e) { return {error: String(e.message || e)}; } }"
        )
    result = _engine.call("renderMath", html.unescape(tex), display)
    if "error" in result:
        raise PluginError(f"docs/{page.file.src_uri}: cannot typeset {tex!r}: {result['error']}")
    return result["html"]


def _inline(rendered: str, after: str | None) -> str:
    """An inline formula, kept on one line with what follows it with no space: a period alone
    at the start of a line reads as a stray mark, a Korean particle belongs to its word
    (extra.css, .gd-nobreak)."""
    return f'<span class="gd-nobreak">{rendered}{after}</span>' if after else rendered


def _short_code(match: re.Match) -> str:
    """Short inline code, whole and on one line with what follows it (long code may wrap)."""
    if len(html.unescape(match[2])) > 24:
        return match[0]
    return f'<span class="gd-nobreak">{match[1]}{match[3] or ""}</span>'


@event_priority(-50)  # after the other hooks' changes to a page's content (notebooks.py)
def on_page_content(content, page, config, files):
    # Before the page's template, which preloads KaTeX's fonts on pages with math
    # (overrides/main.html, block extrahead).
    def arithmatex(match: re.Match) -> str:
        display = match["display"] is not None
        rendered = _render(match["display"] if display else match["inline"], display, page)
        if display:
            return f'<div class="math">{rendered}</div>' + (match["after"] or "")
        return _inline(rendered, match["after"])

    content = _SHORT_CODE.sub(_short_code, _ARITHMATEX.sub(arithmatex, content))
    if page.file.src_uri.endswith(".ipynb"):

        def cell(match: re.Match) -> str:
            body = _NB_DISPLAY.sub(lambda m: _render(m[1], True, page), match[2])
            body = _NB_INLINE.sub(lambda m: _inline(_render(m[1], False, page), m[2]), body)
            return match[1] + body + match[3]

        content = _NB_MARKDOWN.sub(cell, content)
    return content
