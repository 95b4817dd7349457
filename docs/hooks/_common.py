"""Shared by the build hooks: what the executed output of a page depends on, and page edits."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
KO = "ko/"  # the Korean pages: docs/ko/<the English page's path>
# The Korean edition's interface text, all of it (docs/hooks/ui.yml).
UI = yaml.safe_load(Path(__file__).with_name("ui.yml").read_text(encoding="utf-8"))


def tr(text: str, language: str, **fields: str) -> str:
    """``text`` in ``language`` ("en" or "ko", from docs/hooks/ui.yml), its {fields} filled in.

    A text with no Korean fails the build rather than showing English on a Korean page."""
    if language == "ko":
        if text not in UI["text"]:
            raise PluginError(f"docs/hooks/ui.yml has no Korean for {text!r} (under text:)")
        text = UI["text"][text]
    return text.format(**fields) if fields else text


def english_of(src_uri: str) -> str:
    """The English page a page translates (an English page: itself)."""
    return src_uri.removeprefix(KO)


def language_of(src_uri: str) -> str:
    return "ko" if src_uri.startswith(KO) else "en"


def page_url(src_uri: str) -> str:
    """A page's address in the site (directory URLs): "cost.md" -> "cost/", "ko/index.md" ->
    "ko/", "index.md" -> "". MkDocs computes the same; this is for code that has no build."""
    stem = src_uri.rsplit(".", 1)[0]
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return f"{stem}/" if stem else ""


def use_checkout_package() -> None:
    """Make code run by the build import this checkout's gd_tutorial as it is now.

    The `mkdocs` command (unlike the module form, `python -m`) does not put the project folder on
    sys.path, so markdown-exec blocks (run in this process) and the processes the build starts
    (notebook kernels, the figures' drawing: they inherit PYTHONPATH) would import whatever
    gd_tutorial is installed: another checkout, or a non-editable copy that no edit here
    reaches. And `mkdocs serve` builds again in the same process: the modules the last build
    imported are forgotten, so that a block imports the package as it is now.
    """
    root = str(ROOT)
    if sys.path[:1] != [root]:
        sys.path.insert(0, root)
    paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if paths[:1] != [root]:
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [root, *paths]))
    for name in [n for n in sys.modules if n == "gd_tutorial" or n.startswith("gd_tutorial.")]:
        del sys.modules[name]


def fresh_cache_dir(name: str, *depends_on: str | bytes) -> Path:
    """Return ``.cache/<name>/<hash>``, removing the folders of other hashes.

    The hash is of the gd_tutorial sources, the Python and torch versions and ``depends_on``:
    caches of executed output live there, so a change to the package (or to torch) runs
    again everything that depends on it.
    """
    # torch's installed version, read without the second it takes to import torch
    digest = hashlib.sha256(f"{sys.version} torch {version('torch')}".encode())
    for path in sorted((ROOT / "gd_tutorial").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    for part in depends_on:
        digest.update(part if isinstance(part, bytes) else part.encode())
    base = ROOT / ".cache" / name
    current = base / digest.hexdigest()[:16]
    if base.is_dir():  # old entries would come back if the package were reverted
        for stale in base.iterdir():
            if stale != current:
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    current.mkdir(parents=True, exist_ok=True)
    return current
