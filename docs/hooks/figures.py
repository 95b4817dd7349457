"""Add the site's figures as generated files ``figures/<file>.svg``, in each page's palette and
language.

The figures are listed in ``docs/hooks/site_figures.py`` (``FIGURES``) and drawn with
``gd_tutorial.plots``, each in four versions (``VARIANTS``): ``<name>.svg`` (light),
``<name>-dark.svg``, ``<name>-ko.svg`` and ``<name>-ko-dark.svg`` (Korean text). Each is a
virtual file under ``docs/figures/``, so the strict build checks the links and ``mkdocs serve``
serves it. A page shows a figure with ``![alt text](figures/<name>.svg)``; before the page is
rendered (``on_page_markdown``), that image becomes the pair that Material shows by palette,
``![alt text](figures/<name>.svg#only-light)![alt text](figures/<name>-dark.svg#only-dark)``,
and on a Korean page (docs/ko/) the pair of Korean files.

The SVG files are cached in ``.cache/figures/<hash>/``, the hash of gd_tutorial, of
site_figures.py and of the versions of torch, matplotlib and the font: a build with nothing
changed reuses them without importing matplotlib. Drawing them all costs about 12 s of CPU, so
they are drawn by a second Python process (``python docs/hooks/site_figures.py``) while this
one renders the pages; the build waits for it before copying files (``on_env``) and fails,
naming the figure, if drawing failed. Like every process the build runs, it imports this
checkout's gd_tutorial (``_common.use_checkout_package``).
"""

from __future__ import annotations

import ast
import json
import logging
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from _common import ROOT, fresh_cache_dir, language_of
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.figures")
REGISTRY = Path(__file__).with_name("site_figures.py")
MANIFEST = "figures.json"  # the names drawn, written last by site_figures.py
_build: dict = {}  # this build's folder, figure names, file suffixes and drawing process


def _literal_keys(name: str) -> list[str]:
    """The keys of the dict ``name`` in site_figures.py, read without importing it (which
    would import torch and matplotlib)."""
    for node in ast.parse(REGISTRY.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == name:
            keys = getattr(node.value, "keys", None)
            if keys and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in keys):
                return [key.value for key in keys]
    raise PluginError(f"docs/hooks/figures.py: {name} in site_figures.py must be a plain dict")


def _cached_names(folder, suffixes: list[str]) -> list[str] | None:
    """The figure names drawn into ``folder``, or None if any file is missing."""
    try:
        names = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = [folder / f"{name}{suffix}.svg" for name in names for suffix in suffixes]
    return names if all(file.is_file() for file in files) else None


def _finish_drawing() -> None:
    """Wait for the drawing process; fail the build if it failed."""
    process = _build.pop("process")
    try:
        _, stderr = process.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        process.kill()
        raise PluginError("docs/hooks/figures.py: drawing the figures took over 300 s") from None
    if process.returncode != 0:
        raise PluginError(
            "docs/hooks/figures.py: drawing the figures of docs/hooks/site_figures.py failed:\n"
            + stderr[-3000:]
        )
    folder, names = _build["folder"], _cached_names(_build["folder"], _build["suffixes"])
    if names != _build["names"]:
        expected = _build["names"]
        raise PluginError(f"docs/hooks/figures.py: expected the figures {expected}, got {names}")
    log.info("Drew %d figures into %s", len(names), folder.relative_to(ROOT))


def on_files(files, config):
    versions = [f"{p} {version(p)}" for p in ("matplotlib", "koreanize-matplotlib")]
    folder = fresh_cache_dir("figures", REGISTRY.read_bytes(), *versions)
    suffixes = _literal_keys("VARIANTS")
    names = _cached_names(folder, suffixes)
    if names is None:
        names = _literal_keys("FIGURES")
        (folder / MANIFEST).unlink(missing_ok=True)
        env = dict(os.environ)
        env.pop("MPLBACKEND", None)  # plots.py never needs a backend: it draws to SVG directly
        _build["process"] = subprocess.Popen(
            [sys.executable, str(REGISTRY), str(folder), str(folder / MANIFEST)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    _build.update(folder=folder, names=names, suffixes=suffixes)
    for name in names:
        for suffix in suffixes:
            path = str(folder / f"{name}{suffix}.svg")
            files.append(File.generated(config, f"figures/{name}{suffix}.svg", abs_src_path=path))
    return files


def on_env(env, config, files):
    if "process" in _build:
        _finish_drawing()
    return env


# ![alt](<path>figures/<name>.svg): an image of one of the figures, as the pages write it.
_FIGURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<path>[^)\s]*?figures/)(?P<name>[\w-]+)\.svg\)")


def on_page_markdown(markdown, page, config, files):
    """Show each figure as Material's light/dark pair, in the language of the page."""
    language = "-ko" if language_of(page.file.src_uri) == "ko" else ""

    def pair(match: re.Match) -> str:
        if match["name"] not in _build["names"]:
            return match[0]
        alt, path, name = match["alt"], match["path"], match["name"] + language
        return f"![{alt}]({path}{name}.svg#only-light)![{alt}]({path}{name}-dark.svg#only-dark)"

    return _FIGURE.sub(pair, markdown)


_IMG = re.compile(
    r'<img (?P<attrs>[^>]*?src="[^"]*figures/(?P<file>[\w-]+)\.svg(?:#only-(?:light|dark))?"'
    r"[^>]*?)\s*/?>"
)
_SIZE = re.compile(rb'<svg[^>]*?width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')


def on_post_page(output, page, config):
    """Give each figure its size, so the page does not shift as it loads, and load it lazily:
    a figure further down the page does not compete with the text and fonts on first paint,
    and the palette's hidden twin is never fetched."""

    def sized(match: re.Match) -> str:
        if "width=" in match["attrs"]:
            return match[0]
        size = _SIZE.search((_build["folder"] / f"{match['file']}.svg").read_bytes()[:1000])
        if size is None:
            return match[0]
        width, height = (round(float(size[k]) * 4 / 3) for k in ("w", "h"))  # pt to px
        return (
            f'<img {match["attrs"]} width="{width}" height="{height}" '
            'loading="lazy" decoding="async">'
        )

    return _IMG.sub(sized, output)


def on_build_error(error):
    process = _build.pop("process", None)
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
