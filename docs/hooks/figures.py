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

Drawing all figures costs several seconds, so the SVG files are cached under
``.cache/figures/<fingerprint of gd_tutorial>/<hash of site_figures.py and the versions>/``:
a build with nothing changed reuses them without importing matplotlib, and any change to the
package, to site_figures.py (or to torch, matplotlib or the font) draws them again. They are
drawn in a fresh Python process, so that ``mkdocs serve`` never draws with a stale import of
the package, and in the background while the pages are rendered; the build waits for it
before copying files (``on_env``) and fails, naming the figure, if drawing failed.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).parent))
from _common import ROOT, fresh_cache_dir, language_of

log = logging.getLogger("mkdocs.hooks.figures")
REGISTRY = Path(__file__).with_name("site_figures.py")
MANIFEST = "figures.json"
_pending: dict = {}  # the drawing process of this build, if one runs
_build: dict = {}  # this build's figure folder and figure names (hashing once per build)


def _literal_keys(name: str) -> list[str] | None:
    """The keys of the dict ``name`` in site_figures.py, read without importing it."""
    tree = ast.parse(REGISTRY.read_text(encoding="utf-8"))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == name:
            if isinstance(node.value, ast.Dict) and all(
                isinstance(key, ast.Constant) and isinstance(key.value, str)
                for key in node.value.keys
            ):
                return [key.value for key in node.value.keys]
            return None
    return None


def _registered_names() -> list[str] | None:
    """The names of ``FIGURES`` in site_figures.py."""
    return _literal_keys("FIGURES")


def _suffixes() -> list[str]:
    suffixes = _literal_keys("VARIANTS")
    if suffixes is None:
        raise PluginError("docs/hooks/figures.py: VARIANTS in site_figures.py must be a plain dict")
    return suffixes


def _cache_dir() -> Path:
    digest = hashlib.sha256(REGISTRY.read_bytes())
    for package in ("matplotlib", "koreanize-matplotlib"):
        digest.update(f"{package} {version(package)}".encode())
    base = fresh_cache_dir("figures")
    current = base / digest.hexdigest()[:16]
    for stale in base.iterdir():  # the files of an older site_figures.py
        if stale != current and stale.is_dir():
            shutil.rmtree(stale)
    current.mkdir(exist_ok=True)
    return current


def _cached_names(folder: Path) -> list[str] | None:
    """The figure names drawn into ``folder``, or None if any file is missing."""
    try:
        names = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = [f"{name}{suffix}.svg" for name in names for suffix in _suffixes()]
    if not all((folder / file).is_file() for file in files):
        return None
    return names


def _start_drawing(folder: Path) -> subprocess.Popen:
    (folder / MANIFEST).unlink(missing_ok=True)
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    env.pop("MPLBACKEND", None)  # plots.py never needs a backend: it draws to SVG directly
    return subprocess.Popen(
        [sys.executable, str(REGISTRY), str(folder), str(folder / MANIFEST)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish_drawing() -> None:
    """Wait for the drawing process; fail the build if it failed."""
    process, folder, expected = (
        _pending.pop("process"),
        _pending.pop("folder"),
        _pending.pop("names"),
    )
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
    names = _cached_names(folder)
    if names is None or (expected is not None and names != expected):
        raise PluginError(
            f"docs/hooks/figures.py: expected the figures {expected}, got {names}; "
            "is FIGURES in docs/hooks/site_figures.py a plain dict with string keys?"
        )
    log.info("Drew %d figures into %s", len(names), folder.relative_to(ROOT))


def on_files(files, config):
    folder = _build["folder"] = _cache_dir()
    names = _cached_names(folder)
    if names is None:
        # Draw in the background while the pages are rendered; the files are
        # needed only when mkdocs copies them, after on_env.
        _pending.update(process=_start_drawing(folder), folder=folder, names=_registered_names())
        names = _pending["names"]
        if names is None:  # the registry is not a literal dict: wait for the manifest
            _finish_drawing()
            names = _cached_names(folder) or []
    _build["names"] = set(names)
    for name in names:
        for suffix in _suffixes():
            path = str(folder / f"{name}{suffix}.svg")
            files.append(File.generated(config, f"figures/{name}{suffix}.svg", abs_src_path=path))
    return files


def on_env(env, config, files):
    if _pending:
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
    folder = _build["folder"]

    def sized(match: re.Match) -> str:
        if "width=" in match["attrs"]:
            return match[0]
        size = _SIZE.search((folder / f"{match['file']}.svg").read_bytes()[:1000])
        if size is None:
            return match[0]
        width, height = (round(float(size[k]) * 4 / 3) for k in ("w", "h"))  # pt to px
        return (
            f'<img {match["attrs"]} width="{width}" height="{height}" '
            'loading="lazy" decoding="async">'
        )

    return _IMG.sub(sized, output)


def on_build_error(error):
    process = _pending.pop("process", None)
    _pending.clear()
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
