"""The floor under the rebuild budget: what a rebuild with nothing changed costs before any page.

Usage (from the repository root): python benchmarks/floor.py [--runs 5]

Builds three cut-down copies of the project, each once to warm its caches and then ``--runs``
times with nothing changed, and prints the median wall and CPU time (user + system of mkdocs
and what it ran) of those rebuilds; compare with the rebuild of the whole site in run.py:

- MkDocs + Material: the site's theme settings, no plugin, no hook, one page;
- the site's mkdocs.yml (theme, Markdown extensions, plugins), no hook, one page;
- the site's mkdocs.yml with its hooks and overrides, a home page in each language.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load
from run import build, copy_project

HOME = "# Home\n\nOne sentence.\n"
HOME_KO = "---\nsource_hash: 0\n---\n\n# 홈\n\n한 문장.\n"


def one_page_project(project: Path, keep: set[str]) -> None:
    """Reduce ``project`` (a copy of the site) to a home page in each language, keeping the
    settings in ``keep`` of its mkdocs.yml."""
    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = project / "docs"
    for path in [*docs.glob("*.md"), *docs.glob("*.ipynb"), docs / "ko", docs / "reference"]:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    if "hooks" in keep:  # docs/hooks/i18n.py needs each page's pair
        (docs / "ko").mkdir()
        (docs / "ko" / "index.md").write_text(HOME_KO, encoding="utf-8")
    theme = config["theme"]
    if "hooks" not in keep:  # the overrides read what the hooks give the templates
        theme.pop("custom_dir")
    kept = {key: value for key, value in config.items() if key in keep}
    kept |= {"site_name": config["site_name"], "theme": theme, "nav": [{"Home": "index.md"}]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(kept, allow_unicode=True), "utf-8")


def time_rebuilds(project: Path, runs: int) -> tuple[float, float]:
    site = project.parent / "site"
    build(project, site)  # warm the caches
    times = [build(project, site)[:2] for _ in range(runs)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rebuilds per project (median)")
    args = parser.parse_args(argv)
    everything = {"markdown_extensions", "plugins", "exclude_docs", "not_in_nav", "strict"}
    projects = {
        "MkDocs + Material, one page": {"strict"},
        "the site's plugins and extensions, one page": everything,
        "... and its hooks and overrides, a page per language": everything | {"hooks", "watch"},
    }
    rows = []
    with tempfile.TemporaryDirectory(prefix="gd-floor-") as tmp:
        for number, (name, keep) in enumerate(projects.items()):
            project = copy_project(Path(tmp) / str(number))
            one_page_project(project, keep)
            print(f"  {name}...", flush=True)
            rows.append((name, *time_rebuilds(project, args.runs)))
    print(f"\nRebuild with nothing changed, median of {args.runs}: wall s, CPU s")
    for name, wall, cpu in rows:
        print(f"  {name:54} {wall:6.2f} {cpu:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
