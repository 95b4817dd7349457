"""Cache the HTML of markdown-exec's Python blocks, so a rebuild with nothing changed is fast.

Wraps `markdown_exec.formatter`, the documented pymdownx.superfences custom fence that its
plugin registers for `python` and `py`. Key: the block's code (its snippet included) and
options, in a folder named after the gd_tutorial sources and the torch and Python versions
(_common.py), so a change to any of them runs the block again. A block that fails or warns is
never kept; blocks that share a `session` always run; the Korean page of a block gets the
English page's output from this build. A block that warns fails the build, naming the page,
unless the page shows the warning's message (the divergence demos print theirs).
"""

from __future__ import annotations

import hashlib
import json
import logging
import warnings

from _common import fresh_cache_dir
from markdown_exec import formatter
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_cache: dict = {}
log = logging.getLogger("mkdocs.hooks.exec_cache")


class _Failures(logging.Handler):
    """Counts the warnings markdown-exec logs (a block that raised) while a block runs."""

    count = 0

    def emit(self, record):
        self.count += record.levelno >= logging.WARNING


def _run(source: str, **arguments) -> tuple[str, bool]:
    """Run a block through markdown-exec; return its HTML and whether it may be cached."""
    failures = _Failures()
    plugins = logging.getLogger("mkdocs.plugins")
    plugins.addHandler(failures)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            html = formatter(source, **arguments)
    finally:
        plugins.removeHandler(failures)
    shown = " ".join(Markup(html).striptags().split())  # a page may wrap a long message
    unexpected = [w for w in caught if " ".join(str(w.message).split()) not in shown]
    for warning in unexpected:
        log.warning(
            "a code block warned (%s: %s, %s line %d); fix the code, or print the "
            "warning's message on the page if the warning is the point of the block",
            warning.category.__name__,
            warning.message,
            warning.filename,
            warning.lineno,
        )
    return html, not unexpected and not failures.count


def cached_formatter(source, language, css_class, options, md, **rest):
    """markdown_exec.formatter, with its output kept while the code and the package stay."""
    arguments = dict(language=language, css_class=css_class, options=options, md=md, **rest)
    if options.get("session"):
        return _run(source, **arguments)[0]
    key = hashlib.sha256(json.dumps([source, language, options], default=str).encode()).hexdigest()
    if key not in _cache["build"]:  # else: the same block on the other language's page
        path = _cache["dir"] / (key + ".html")
        if path.is_file():
            html = path.read_text(encoding="utf-8")
        else:
            html, keep = _run(source, **arguments)
            if keep:  # a block that failed or warned must do so again on the next build
                path.write_text(html, encoding="utf-8")
        _cache["build"][key] = html
    return Markup(_cache["build"][key])


@event_priority(-50)  # after markdown-exec's plugin has registered its fences
def on_config(config):
    _cache["dir"] = fresh_cache_dir("markdown-exec")
    _cache["build"] = {}
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    ours = (formatter, cached_formatter)
    python = [f for f in fences if f["name"] in ("python", "py") and f["format"] in ours]
    if not python:
        raise PluginError("docs/hooks/exec_cache.py found no markdown-exec fence for python")
    for fence in python:
        fence["format"] = cached_formatter
    return config
