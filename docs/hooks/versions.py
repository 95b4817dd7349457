"""Give the footer (overrides/partials/copyright.html) the versions that computed the pages.

`config.extra.gd_tutorial_version` is read from this checkout's gd_tutorial/__init__.py
(the one place the version is written), not imported: an installed copy of the package
must neither answer nor be imported early. `config.extra.torch_version` is the installed
torch, the one the build runs.
"""

from __future__ import annotations

import ast
from importlib.metadata import version

from _common import ROOT


def package_version() -> str:
    module = ast.parse((ROOT / "gd_tutorial" / "__init__.py").read_text(encoding="utf-8"))
    for node in module.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["__version__"]:
            return ast.literal_eval(node.value)
    raise LookupError("gd_tutorial/__init__.py has no __version__")


def on_config(config):
    config.extra["gd_tutorial_version"] = package_version()
    config.extra["torch_version"] = version("torch")
    return config
