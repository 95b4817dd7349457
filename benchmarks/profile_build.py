"""Show where the build's time goes: phases, pages and imports of a clean build and a rebuild.

Usage (from the repository root): python benchmarks/profile_build.py

It copies the project to a temporary folder (as benchmarks/run.py does), adds two timing
hooks that run first and last on every MkDocs event, and builds strictly three times:
clean (no .cache) and again with nothing changed, then both once more under
``python -X importtime`` to see which imports each pays for. It also runs each notebook with
nbclient to split its time into kernel start and cells. Nothing in your checkout is changed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from mkdocs.utils import yaml_load
from run import copy_project

# Two copies of this hook run: one first (priority 100), one last (-100) on each event.
HOOK = """
import json, os, time
from mkdocs.plugins import event_priority

MARKS = []
T0 = float(os.environ["BENCH_T0"])
EDGE, PRIORITY = {edge!r}, {priority}


def mark(event, page=None):
    MARKS.append([event, EDGE, page.file.src_uri if page else None, time.time() - T0])


@event_priority(PRIORITY)
def on_startup(command, dirty):
    mark("startup")


@event_priority(PRIORITY)
def on_config(config):
    mark("config")


@event_priority(PRIORITY)
def on_nav(nav, config, files):
    mark("nav")


@event_priority(PRIORITY)
def on_pre_page(page, config, files):
    mark("pre_page", page)


@event_priority(PRIORITY)
def on_page_content(html, page, config, files):
    mark("page_content", page)


@event_priority(PRIORITY)
def on_page_context(context, page, config, nav):
    mark("page_context", page)


@event_priority(PRIORITY)
def on_post_page(output, page, config):
    mark("post_page", page)


@event_priority(PRIORITY)
def on_env(env, config, files):
    mark("env")


@event_priority(PRIORITY)
def on_post_build(config):
    mark("post_build")


@event_priority(PRIORITY)
def on_shutdown():
    mark("shutdown")
    with open(os.environ["BENCH_MARKS"] + "." + EDGE, "w") as f:
        json.dump(MARKS, f)
"""


def prepare(workdir: Path) -> tuple[Path, Path]:
    project = copy_project(workdir)
    for edge, priority in (("first", 100), ("last", -100)):
        hook = HOOK.format(edge=edge, priority=priority)
        (workdir / f"timing_{edge}.py").write_text(hook, encoding="utf-8")
    with open(project / "mkdocs.yml", encoding="utf-8") as f:
        hooks = yaml_load(f).get("hooks", [])
    config = project / "mkdocs.profile.yml"
    config.write_text(
        "INHERIT: mkdocs.yml\nhooks:\n"
        + "".join(f"  - {h}\n" for h in [workdir / "timing_first.py", *hooks])
        + f"  - {workdir / 'timing_last.py'}\n",
        encoding="utf-8",
    )
    return project, config


def build(project: Path, config: Path, site: Path, *python_flags: str) -> tuple[float, str]:
    marks = project / "marks.json"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "BENCH_MARKS": str(marks),
        "BENCH_T0": repr(time.time()),
    }
    # The `mkdocs` command's script, run by this Python so that flags such as -X importtime
    # apply; as a script (not the -m module form) it leaves the project off sys.path.
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [sys.executable, *python_flags, str(mkdocs), "build", "--strict"]
    command += ["-f", str(config), "--site-dir", str(site)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed:\n{(result.stdout + result.stderr)[-4000:]}")
    return wall, result.stderr


def report_marks(title: str, wall: float, marks: list) -> None:
    at = {}
    pages = defaultdict(dict)
    for event, edge, page, seconds in marks:
        if page is None:
            at.setdefault((event, edge), seconds)
        else:
            pages[page].setdefault((event, edge), seconds)
    print(f"\n{title}: {wall:.2f} s wall")
    rows = [
        ("start-up: Python, MkDocs, plugins, hooks, config", 0.0, at[("startup", "first")]),
        ("on_config handlers", at[("config", "first")], at[("config", "last")]),
        ("collect files and nav", at[("config", "last")], at[("nav", "last")]),
        ("read + render every page (see below)", at[("nav", "last")], at[("env", "first")]),
        ("on_env handlers (figures wait here)", at[("env", "first")], at[("env", "last")]),
        ("templates + write pages", at[("env", "last")], at[("post_build", "first")]),
        (
            "on_post_build (search index, ...)",
            at[("post_build", "first")],
            at[("shutdown", "first")],
        ),
        ("exit", at[("shutdown", "last")], wall),
    ]
    for label, start, end in rows:
        print(f"  {label:52} {end - start:6.2f} s")
    print("  per page: read+render (markdown-exec / notebook run) | content hooks | template")
    ordered = sorted(pages.items(), key=lambda kv: kv[1][("pre_page", "first")])
    for page, t in ordered:
        render = t[("page_content", "first")] - t[("pre_page", "first")]
        hooks = t[("page_content", "last")] - t[("page_content", "first")]
        template = t.get(("post_page", "last"), 0) - t.get(("page_context", "first"), 0)
        print(f"    {page:28} {render:6.2f} s | {hooks:5.2f} s | {template:5.2f} s")


def report_imports(title: str, stderr: str, top: int = 12) -> None:
    """Cumulative import time of the top-level imports, grouped by root package."""
    totals: dict[str, float] = defaultdict(float)
    line = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
    entries = [(len(m[3]), m[4], int(m[2])) for m in map(line.match, stderr.splitlines()) if m]
    shallowest = min(depth for depth, *_ in entries)
    for depth, name, cumulative in entries:
        if depth == shallowest:
            totals[name.split(".")[0]] += cumulative / 1e6
    print(f"\n{title}: cumulative import time of top-level imports, top {top} packages")
    print(f"  all imports {sum(totals.values()):.2f} s")
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {name:28} {seconds:6.2f} s")


def profile_notebooks(project: Path) -> None:
    """Time each notebook as mkdocs-jupyter runs it: kernel start, then every cell."""
    import nbformat
    from nbclient import NotebookClient

    print("\nNotebooks executed with nbclient, one after another (as the build does):")
    for path in sorted((project / "docs").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        start = time.perf_counter()
        cells = []
        with client.setup_kernel():
            started = time.perf_counter()
            for index, cell in enumerate(notebook.cells):
                before = time.perf_counter()
                client.execute_cell(cell, index)
                first_line = (cell.source.strip().splitlines() or [""])[0]
                cells.append((time.perf_counter() - before, index + 1, first_line))
        end = time.perf_counter()
        total_cells = sum(c[0] for c in cells)
        print(
            f"  {path.name:22} total {end - start:5.2f} s: kernel start {started - start:4.2f} s, "
            f"{len(cells)} cells {total_cells:4.2f} s, "
            f"shutdown {end - started - total_cells:4.2f} s"
        )
        for seconds, number, line in sorted(cells, reverse=True)[:3]:
            print(f"      cell {number:2}: {seconds:5.2f} s  {line[:60]}")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="gd-profile-") as tmp:
        workdir = Path(tmp)
        project, config = prepare(workdir)
        site = workdir / "site"
        shutil.rmtree(project / ".cache", ignore_errors=True)
        for title in ("Clean build (no .cache)", "Rebuild, nothing changed"):
            wall, _ = build(project, config, site)
            marks = [
                json.loads(Path(f"{project / 'marks.json'}.{edge}").read_text())
                for edge in ("first", "last")
            ]
            report_marks(title, wall, marks[0] + marks[1])
        profile_notebooks(project)
        for title, clean in (("Clean build", True), ("Rebuild", False)):
            if clean:
                shutil.rmtree(project / ".cache", ignore_errors=True)
            wall, stderr = build(project, config, site, "-X", "importtime")
            report_imports(f"{title} under -X importtime ({wall:.2f} s wall)", stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
