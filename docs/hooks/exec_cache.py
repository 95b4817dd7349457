"""Cache what markdown-exec's Python blocks print, so a rebuild with nothing changed is fast.

The key is the block's code (with its included snippet file), inside a folder named after
the gd_tutorial sources, the torch version and the Python version (docs/hooks/_common.py).
Change any of these and the block runs again (under `mkdocs serve` too). A block that
raises is never cached, so it fails every build until it is fixed. Blocks that share a
`session` always run. The Korean pages include the same snippet files, so a block runs once
per build for both languages: its second page gets the first one's output.

A block that warns fails the build, naming the page, unless the page shows the warning's
message: the divergence demos print the `DivergenceWarning` they raise (its message is the
run's `message`), so the warning is expected there and is not logged again.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import warnings
from pathlib import Path

from markdown_exec._internal.formatters import python as exec_python

sys.path.insert(0, str(Path(__file__).parent))
from _common import fresh_cache_dir

_run = getattr(exec_python._run_python, "__wrapped__", exec_python._run_python)
_cache: dict[str, Path] = {}
log = logging.getLogger("mkdocs.hooks.exec_cache")


def _run_checking_warnings(code: str, **options) -> tuple[str, bool]:
    """Run a block; return its output, and whether it warned unexpectedly (then logged)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        output = _run(code, **options)
    shown = " ".join(output.split())  # a page may wrap a long message across lines
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
    return output, bool(unexpected)


def _cached_run(code: str, returncode=None, session=None, id=None, **extra):
    options = dict(returncode=returncode, session=session, id=id, **extra)
    if session:
        return _run_checking_warnings(code, **options)[0]
    key = hashlib.sha256(code.encode()).hexdigest()
    if key in _cache["build"]:  # the same block on the other language's page
        return _cache["build"][key]
    path = _cache["dir"] / (key + ".txt")
    if path.is_file():
        output = path.read_text(encoding="utf-8")
    else:
        output, warned = _run_checking_warnings(code, **options)
        if not warned:  # a block that warned must warn again on the next build
            path.write_text(output, encoding="utf-8")
    _cache["build"][key] = output
    return output


_cached_run.__wrapped__ = _run


def on_config(config):
    # Under `mkdocs serve` the blocks run in this long-lived process: forget the imported
    # package, so that a block run after a change imports the new code, not the old one.
    for name in [n for n in sys.modules if n == "gd_tutorial" or n.startswith("gd_tutorial.")]:
        del sys.modules[name]
    _cache["dir"] = fresh_cache_dir("markdown-exec")
    _cache["build"] = {}
    exec_python._run_python = _cached_run
    return config
