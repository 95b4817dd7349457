"""Build glue that is not about one feature: warnings that name their page, and Material fixes.

- markdown-exec reports a failing code block without saying which page holds it. With
  `strict: true` any warning fails the build; a log filter adds the page's source path to
  the message, so the failure says where to look.
- Material's pages are trimmed of what costs a reader time or privacy and brings nothing
  here: the GitHub stars fetch, a render-blocking bundle, a stylesheet that only the API
  pages use, and what made the bundle restyle the whole page as it starts (one palette rule,
  late class changes, a palette picked after the first paint).
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).parent))
from _common import drop_stylesheet

_current = {"page": None}


class _NamePage(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        page = _current["page"]
        if page and record.levelno >= logging.WARNING:
            message = record.getMessage()
            if page not in message:
                record.msg = f"[page docs/{page}] {message}"
                record.args = ()
        return True


_filter = _NamePage()


def on_startup(command, dirty):
    # On mkdocs' handlers: records of every child logger (plugins too) pass through them.
    for handler in logging.getLogger("mkdocs").handlers:
        if _filter not in handler.filters:
            handler.addFilter(_filter)


def on_pre_page(page, config, files):
    _current["page"] = page.file.src_uri
    return page


def on_post_page(output, page, config):
    _current["page"] = None
    # Material's JavaScript would ask the GitHub API for the repository's stars;
    # the site makes no request that leaves it, so the link stays but the fetch goes.
    output = output.replace(' data-md-component="source"', "")
    # Material's bundle need not block the first paint (Lighthouse: render-blocking).
    output = re.sub(
        r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)">',
        r'<script defer src="\1">',
        output,
    )
    # mkdocstrings' stylesheet is for API pages only; elsewhere it just blocks the first paint.
    if 'class="doc doc-' not in output:
        output = drop_stylesheet(output, "_mkdocstrings.css")
    output = _insert_after(_MATERIAL_HEAD_START, EARLY_CLASSES, output, page)
    output = _insert_after(_MATERIAL_PALETTE_END, PREFERRED_PALETTE, output, page)
    # Material's search dialog has no accessible name (axe: aria-dialog-name).
    return output.replace(
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
    )


def _insert_after(anchor: re.Pattern, script: str, output: str, page) -> str:
    """Put one of the scripts below right after the place in Material's page it belongs."""
    found = list(anchor.finditer(output))
    if len(found) != 1:
        raise PluginError(
            f"hooks/build.py: docs/{page.file.src_uri}: Material's template changed, "
            f"{anchor.pattern!r} is found {len(found)} times (expected once)"
        )
    end = found[0].end()
    return output[:end] + script + output[end:]


# Material applies a palette the reader chose before the first paint, but picks the palette
# that matches their light or dark preference only once its bundle has run: a dark-mode
# reader's first visit painted light, then switched. This script, placed right after
# Material's own, picks it before the first paint; the bundle then finds nothing to change.
_MATERIAL_PALETTE_END = re.compile(
    re.escape('document.body.setAttribute("data-md-color-"+key,value)}</script>')
)
PREFERRED_PALETTE = (
    '<script>if(!(__md_get("__palette")||{}).color)'
    'for(var input of document.querySelectorAll("[data-md-color-media]"))'
    'if(matchMedia(input.getAttribute("data-md-color-media")).matches){'
    'for(var key of ["scheme","primary","accent"])'
    'document.body.setAttribute("data-md-color-"+key,input.getAttribute("data-md-color-"+key));'
    "break}</script>"
)


# Material's bundle swaps <html class="no-js"> for "js", and its focus-visible polyfill adds
# "js-focus-visible". Any change to the class attribute matches the theme's
# `:not([class])` selectors, so each one restyled every element of the page after it was
# painted. Made here, before <body> exists, they cost nothing, and the bundle's later calls
# change nothing.
_MATERIAL_HEAD_START = re.compile(
    r'<html [^>]*class="no-js"[^>]*>\s*<head>\s*<meta charset="utf-8">'
)
EARLY_CLASSES = (
    '<script>document.documentElement.classList.replace("no-js","js");'
    'document.documentElement.classList.add("js-focus-visible")</script>'
)


# On every page load Material's palette code sets `data-md-color-switching` on <body> and
# removes it a frame later. This rule, meant to stop colour transitions while the reader
# switches palettes, makes each of those two changes restyle every element of the page: on
# the math page (6,400 elements, mostly typeset formulas) that was about 0.3 s of main
# thread under Lighthouse's mobile slowdown. Without it, a reader who switches palettes sees
# link and header colours fade for 0.1-0.25 s instead of swapping at once; page loads see
# no fade, because the palette is picked before the first paint (PREFERRED_PALETTE).
SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)
SWITCHING_MARK = "/* gd-tutorial: switching rule removed by docs/hooks/build.py */"


def on_post_build(config):
    sheets = list(Path(config["site_dir"], "assets", "stylesheets").glob("palette.*.min.css"))
    if len(sheets) != 1:
        raise PluginError(f"hooks/build.py: expected one Material palette stylesheet, {sheets}")
    css = sheets[0].read_text(encoding="utf-8")
    if SWITCHING_MARK in css:  # already done (mkdocs serve --dirty keeps copied files)
        return
    if SWITCHING_RULE not in css:
        raise PluginError(
            f"hooks/build.py: {sheets[0].name} no longer has the rule this hook removes; "
            "Material changed, so check whether the fix is still needed (SWITCHING_RULE)."
        )
    sheets[0].write_text(css.replace(SWITCHING_RULE, SWITCHING_MARK), encoding="utf-8")
