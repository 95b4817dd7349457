"""Add the figures of gd_tutorial.plots to the site as generated files ``figures/<name>.svg``.

The registry of figures is ``gd_tutorial.plots.FIGURES``. Each figure becomes a
virtual file at ``docs/figures/<name>.svg``, so a page shows it with
``![alt text](figures/<name>.svg)``, the strict build checks the link, and
``mkdocs serve`` serves it.

Drawing all figures costs a few seconds, so the SVG files are cached under
``.cache/figures/<fingerprint of gd_tutorial>/matplotlib-<version>/``: a build
with nothing changed reuses them without importing matplotlib, and any change
to the package (or to torch or matplotlib) draws them again. They are drawn in
a fresh Python process, so that ``mkdocs serve`` never draws with a stale
import of the package, and in the background while the pages are rendered;
the build waits for it before copying files (``on_env``) and fails, naming
the figure, if drawing failed.
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

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).parent))
from _common import ROOT, fresh_cache_dir

log = logging.getLogger("mkdocs.hooks.figures")
MANIFEST = "figures.json"
_pending: dict = {}  # the drawing process of this build, if one runs
_folder: dict = {}  # this build's figure folder (hashing the package once per build)
_DRAW = (
    "import json, sys\n"
    "from gd_tutorial.plots import FIGURES, write_svgs\n"
    "write_svgs(sys.argv[1])\n"
    "with open(sys.argv[2], 'w') as f: json.dump(list(FIGURES), f)\n"
)


def _cache_dir() -> Path:
    return fresh_cache_dir("figures") / f"matplotlib-{version('matplotlib')}"


def _cached_names(folder: Path) -> list[str] | None:
    """The figure names drawn into ``folder``, or None if any file is missing."""
    try:
        names = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not all((folder / f"{name}.svg").is_file() for name in names):
        return None
    return names


def _registered_names() -> list[str] | None:
    """Read the names of ``FIGURES`` from gd_tutorial/plots.py without importing it."""
    tree = ast.parse((ROOT / "gd_tutorial" / "plots.py").read_text(encoding="utf-8"))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "FIGURES":
            if isinstance(node.value, ast.Dict) and all(
                isinstance(key, ast.Constant) and isinstance(key.value, str)
                for key in node.value.keys
            ):
                return [key.value for key in node.value.keys]
            return None
    return None


def _start_drawing(folder: Path) -> subprocess.Popen:
    (folder / MANIFEST).unlink(missing_ok=True)
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    env.pop("MPLBACKEND", None)  # plots.py never needs a backend: it draws to SVG directly
    return subprocess.Popen(
        [sys.executable, "-c", _DRAW, str(folder), str(folder / MANIFEST)],
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
            "docs/hooks/figures.py: drawing the figures of gd_tutorial/plots.py failed:\n"
            + stderr[-3000:]
        )
    names = _cached_names(folder)
    if names is None or (expected is not None and names != expected):
        raise PluginError(
            f"docs/hooks/figures.py: expected the figures {expected}, got {names}; "
            "is FIGURES in gd_tutorial/plots.py a plain dict with string keys?"
        )
    log.info("Drew %d figures into %s", len(names), folder.relative_to(ROOT))


def on_files(files, config):
    folder = _folder["current"] = _cache_dir()
    names = _cached_names(folder)
    if names is None:
        # Draw in the background while the pages are rendered; the files are
        # needed only when mkdocs copies them, after on_env.
        _pending.update(process=_start_drawing(folder), folder=folder, names=_registered_names())
        names = _pending["names"]
        if names is None:  # the registry is not a literal dict: wait for the manifest
            _finish_drawing()
            names = _cached_names(folder) or []
    for name in names:
        path = str(folder / f"{name}.svg")
        files.append(File.generated(config, f"figures/{name}.svg", abs_src_path=path))
    return files


def on_env(env, config, files):
    if _pending:
        _finish_drawing()
    return env


_IMG = re.compile(r'<img (?P<attrs>[^>]*?src="[^"]*figures/(?P<name>[\w-]+)\.svg"[^>]*?)\s*/?>')
_SIZE = re.compile(rb'<svg[^>]*?width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')


def on_post_page(output, page, config):
    """Give each figure its size, so the page does not shift as it loads, and load it lazily:
    a figure further down the page does not compete with the text and fonts on first paint."""
    folder = _folder["current"]

    def sized(match: re.Match) -> str:
        if "width=" in match["attrs"]:
            return match[0]
        size = _SIZE.search((folder / f"{match['name']}.svg").read_bytes()[:1000])
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
