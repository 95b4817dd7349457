"""Build glue that is not about one feature: the package the pages run, warnings that name
their page, and what Material's template overrides (overrides/) cannot do.

- Executed code (markdown-exec blocks, notebook kernels, figures) imports this checkout's
  gd_tutorial, whatever version of it is installed: the `mkdocs` command does not put the
  project folder on sys.path, so without this a build documented the installed package.
- markdown-exec reports a failing code block without saying which page holds it. With
  `strict: true` any warning fails the build; a log filter adds the page's source path to
  the message, so the failure says where to look.
- A stylesheet that only the API pages use is dropped elsewhere, and one palette rule that
  made Material's bundle restyle the whole page as it starts is removed.
"""

from __future__ import annotations

import gc
import logging
import re
from pathlib import Path

from _common import ROOT, use_checkout_package
from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

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
    # A build makes millions of short-lived objects (Markdown trees, template output) and few
    # reference cycles, so Python's cycle collector, which by default runs every 700 new
    # objects and walks the modules loaded at start-up again, cost about 0.25 s of the 3.7 s
    # of CPU of a rebuild (benchmarks/README.md). Leave the start-up objects out of its walks,
    # and run it less often.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def on_pre_page(page, config, files):
    _current["page"] = page.file.src_uri
    return page


@event_priority(-50)  # after mkdocstrings has made its handlers
def on_config(config):
    use_checkout_package()
    # mkdocstrings compiles its ~80 Jinja templates again on every build (a second or more of
    # a rebuild); Jinja's documented bytecode cache keeps them compiled (keyed on each
    # template's source, so an upgrade recompiles).
    if "mkdocstrings" in config.plugins:
        handler = config.plugins["mkdocstrings"].handlers.get_handler("python")
        cache = ROOT / ".cache" / "jinja"
        cache.mkdir(parents=True, exist_ok=True)
        handler.env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return config


def on_post_page(output, page, config):
    _current["page"] = None
    return drop_unused_stylesheets(output)


def on_post_template(output, template_name, config):
    # 404.html is rendered from a template, not a page: it gets the same treatment.
    return drop_unused_stylesheets(output) if template_name.endswith(".html") else output


def drop_unused_stylesheets(output: str) -> str:
    """Every stylesheet in <head> blocks the first paint, so a page links KaTeX's only if it has
    math and mkdocstrings' only if it documents API objects. (Both come in through
    `extra_css`, which Material's base template loops over outside any block, so no template
    override can leave them out.)"""
    used_by = {"katex.min.css": 'class="katex"', "_mkdocstrings.css": 'class="doc doc-'}
    for sheet, used in used_by.items():
        if used not in output:
            link = rf'<link rel="stylesheet" href="[^"]*{re.escape(sheet)}">\s*'
            output = re.sub(link, "", output)
    return output


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
