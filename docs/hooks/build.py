"""Name the page in every warning raised while it is built.

markdown-exec reports a failing code block without saying which page holds it.
With `strict: true` any warning fails the build; this filter adds the page's
source path to the message, so the failure says where to look.
"""

from __future__ import annotations

import logging
import re

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
    # Material's search dialog has no accessible name (axe: aria-dialog-name).
    return output.replace(
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
    )
