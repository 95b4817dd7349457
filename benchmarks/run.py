"""Measure the site against its budget and print a table: build times, page weight, Lighthouse.

Usage (from the repository root; see benchmarks/README.md):

    python benchmarks/run.py                 # everything, medians of 3 runs
    python benchmarks/run.py --runs 5        # more runs
    python benchmarks/run.py --skip-lighthouse --skip-build --site site

The build is timed in a copy of the project in a temporary folder, so the clean build starts
with no .cache and no site folder, and the caches of your checkout are left alone. Pages are
served on 127.0.0.1 by a server that gzips text, as GitHub Pages does.
Exit status: 0 if every budget line passes, 1 if one fails. Not run by pytest or CI.
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PLAYWRIGHT_ARGS = [*CHROME_FLAGS.replace("=new", "").split(), "--log-level=3"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# Both languages together. The clean build is measured against this machine's own speed:
# at most 8 times one `import torch, matplotlib.pyplot` in a fresh Python.
BUDGET_CLEAN_BUILD_IMPORTS = 8
BUDGET_REBUILD_S = 1.5
BUDGET_RELOAD_S = 1.5  # `mkdocs serve`: a saved Markdown page shows, rebuilt
BUDGET_PAGE_BYTES = 200_000  # 200 kB, gzip-compressed bytes transferred on a first visit
BUDGET_LIGHTHOUSE = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}

# Copied into the temporary project: everything a build reads, nothing it writes.
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".cache",
    "site",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".benchmarks",
    "*.egg-info",
    ".ipynb_checkpoints",
)


# --- Building --------------------------------------------------------------------------


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(project: Path, site_dir: Path) -> tuple[float, float, str]:
    """Run a strict build (never -q: it would hide warnings); return its wall and CPU seconds
    (CPU: user + system of mkdocs and of the processes it ran, such as kernels and Pagefind)
    and its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # the `mkdocs` command, as readers run it (the module form, `python -m`, would add the
    # folder to sys.path)
    command = [
        str(Path(sys.executable).with_name("mkdocs")),
        "build",
        "--strict",
        "--site-dir",
        str(site_dir),
    ]
    start, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    output = result.stdout + result.stderr
    if result.returncode != 0:
        sys.exit(f"strict build failed in {project}:\n{output[-4000:]}")
    return seconds, cpu, output


def copy_project(destination: Path) -> Path:
    project = destination / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE, symlinks=True)
    return project


def time_builds(runs: int, workdir: Path, clean_runs: int | None = None) -> dict:
    """Clean build (no .cache, no site) then a rebuild with nothing changed, ``runs`` times
    (the first ``clean_runs`` of them with a clean build: by default all)."""
    project = copy_project(workdir)
    site_dir = workdir / "site"
    clean, warm, reported, imports, clean_cpu, warm_cpu = [], [], [], [], [], []
    for run in range(1, runs + 1):
        if clean_runs is not None and run > clean_runs:
            seconds, cpu, _ = build(project, site_dir)
            warm.append(seconds)
            warm_cpu.append(cpu)
            print(f"  rebuild {run}/{runs}: {warm[-1]:.2f} s (CPU {warm_cpu[-1]:.2f} s)")
            continue
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import torch, matplotlib.pyplot"], check=True)
        imports.append(time.perf_counter() - started)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        shutil.rmtree(site_dir, ignore_errors=True)
        seconds, cpu, output = build(project, site_dir)
        clean.append(seconds)
        clean_cpu.append(cpu)
        found = re.search(r"Documentation built in ([\d.]+) seconds", output)
        reported.append(float(found[1]) if found else float("nan"))
        seconds, cpu, _ = build(project, site_dir)
        warm.append(seconds)
        warm_cpu.append(cpu)
        print(
            f"  build run {run}/{runs}: import {imports[-1]:.2f} s, clean {clean[-1]:.1f} s "
            f"(CPU {clean_cpu[-1]:.1f} s), rebuild {warm[-1]:.2f} s (CPU {warm_cpu[-1]:.2f} s)"
        )
    return {
        "import_s": statistics.median(imports),
        "import_runs": imports,
        "clean_s": statistics.median(clean),
        "rebuild_s": statistics.median(warm),
        "clean_runs": clean,
        "rebuild_runs": warm,
        "clean_cpu_s": statistics.median(clean_cpu),
        "rebuild_cpu_s": statistics.median(warm_cpu),
        "clean_cpu_runs": clean_cpu,
        "rebuild_cpu_runs": warm_cpu,
        "mkdocs_reported_clean_s": statistics.median(reported),
        "site": site_dir,
    }


def time_serve_reload(runs: int, workdir: Path) -> dict:
    """`mkdocs serve` on the project of time_builds (warm caches): seconds from saving a
    Markdown page until the server returns it rebuilt (when livereload reloads the browser)."""
    import socket
    import urllib.request

    project = workdir / "project"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}{urlsplit(_site_url(project)).path}cost/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    command = [str(Path(sys.executable).with_name("mkdocs")), "serve", "--dev-addr"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [*command, f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    source = project / "docs" / "cost.md"
    original = source.read_text(encoding="utf-8")
    reloads, cpus = [], []
    try:
        deadline = time.monotonic() + 300
        while not page():
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("mkdocs serve never answered")
            time.sleep(0.2)
        time.sleep(2)  # let the first build's watcher settle
        for run in range(1, runs + 1):
            marker = f"A sentence saved while serving, number {run}."
            started, cpu = time.perf_counter(), _process_cpu(server.pid)
            source.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in page():
                if time.perf_counter() - started > 120:
                    sys.exit("the saved page never showed up under mkdocs serve")
                time.sleep(0.02)
            reloads.append(time.perf_counter() - started)
            cpus.append(_process_cpu(server.pid) - cpu)
            print(
                f"  serve run {run}/{runs}: saved -> rebuilt page served {reloads[-1]:.2f} s "
                f"(CPU {cpus[-1]:.2f} s)"
            )
            time.sleep(1)
    finally:
        source.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return {
        "reload_s": statistics.median(reloads),
        "reload_runs": reloads,
        "reload_cpu_s": statistics.median(cpus),
        "reload_cpu_runs": cpus,
    }


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a running process and of its children it waited for
    (Linux: /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _site_url(project: Path) -> str:
    return re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text("utf-8"), re.M)[1]


# --- Serving like GitHub Pages -----------------------------------------------------------

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


class GzipServer(ThreadingHTTPServer):
    """Serves a folder; gzips text when asked (as GitHub Pages does); logs bytes per request."""

    daemon_threads = True

    def __init__(self, directory: Path):
        self.directory = directory
        self.log: list[dict] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _GzipHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def take_log(self) -> list[dict]:
        with self.lock:
            log, self.log = self.log, []
        return log


class _GzipHandler(BaseHTTPRequestHandler):
    server: GzipServer

    def log_message(self, format, *args):
        pass

    def do_HEAD(self):
        self._serve(body=False)

    def do_GET(self):
        self._serve(body=True)

    def _serve(self, body: bool):
        path = unquote(urlsplit(self.path).path)
        target = (self.server.directory / path.lstrip("/")).resolve()
        if self.server.directory.resolve() not in (target, *target.parents):
            target = self.server.directory / "missing"
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, self.server.directory / "404.html"
        raw = target.read_bytes() if target.is_file() else b"not found"
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        sent = raw
        gzipped = kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        if gzipped:
            sent = gzip.compress(raw, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if "text" in kind else ""))
        self.send_header("Content-Length", str(len(sent)))
        self.send_header("Cache-Control", "max-age=600")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            self.wfile.write(sent)
        with self.server.lock:
            self.server.log.append(
                {"path": path, "status": status, "raw": len(raw), "sent": len(sent) if body else 0}
            )


def site_pages(site: Path) -> list[str]:
    """URL paths of every page of the built site (every index.html; not 404.html)."""
    pages = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted(("" if p == "." else p + "/") for p in pages)


# --- Page weight -------------------------------------------------------------------------


def measure_weight(server: GzipServer, pages: list[str], runs: int) -> dict:
    """Bytes and requests of a first visit (empty cache) to each page, in Chromium."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=PLAYWRIGHT_ARGS)
        for page_path in pages:
            samples = []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                server.take_log()
                page.goto(server.url + page_path, wait_until="load")
                page.wait_for_load_state("networkidle")
                log = server.take_log()
                context.close()
                samples.append(log)
            sizes = [
                {
                    "requests": len(log),
                    "raw": sum(e["raw"] for e in log),
                    "gzip": sum(e["sent"] for e in log),
                    "errors": [e["path"] for e in log if e["status"] >= 400],
                    "by_type": _by_type(log),
                }
                for log in samples
            ]
            results[page_path] = {
                "requests": statistics.median(s["requests"] for s in sizes),
                "raw": statistics.median(s["raw"] for s in sizes),
                "gzip": statistics.median(s["gzip"] for s in sizes),
                "errors": sizes[0]["errors"],
                "by_type": sizes[0]["by_type"],
            }
        browser.close()
    return results


def measure_search(server: GzipServer, queries: dict[str, str]) -> dict:
    """Bytes that opening the search and typing a query adds to a page's first visit
    (Pagefind's UI, its WebAssembly and the index chunks the query needs)."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=PLAYWRIGHT_ARGS)
        for page_path, query in queries.items():
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.goto(server.url + page_path, wait_until="load")
            page.wait_for_load_state("networkidle")
            server.take_log()
            page.click("button.gd-search-open")
            page.wait_for_selector(".pagefind-ui__search-input")
            page.keyboard.type(query)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
            page.wait_for_load_state("networkidle")
            log = server.take_log()
            results[f"{page_path} + search {query!r}"] = {
                "requests": len(log),
                "gzip": sum(e["sent"] for e in log),
                "errors": [e["path"] for e in log if e["status"] >= 400],
            }
            page.context.close()
        browser.close()
    return results


def _by_type(log: list[dict]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for entry in log:
        suffix = Path(entry["path"]).suffix.lstrip(".") or "html"
        kinds[suffix] = kinds.get(suffix, 0) + entry["sent"]
    return kinds


# --- Lighthouse --------------------------------------------------------------------------


def run_lighthouse(server: GzipServer, pages: list[str], runs: int, keep: Path | None) -> dict:
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: npm ci --prefix benchmarks")
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        for page_path in pages:
            reports = []
            for run in range(runs):
                name = (page_path.strip("/") or "index").replace("/", "-")
                out = (keep or Path(tmp)) / f"{name}-{run + 1}.json"
                out.parent.mkdir(parents=True, exist_ok=True)
                command = [
                    str(LIGHTHOUSE),
                    server.url + page_path,
                    "--output=json",
                    f"--output-path={out}",
                    "--only-categories=" + ",".join(CATEGORIES),
                    f"--chrome-flags={CHROME_FLAGS}",
                    "--quiet",
                ]
                env = {**os.environ, "CHROME_PATH": CHROMIUM}
                done = subprocess.run(command, env=env, capture_output=True, text=True)
                if done.returncode != 0 or not out.is_file():
                    sys.exit(f"lighthouse failed on {page_path or '/'}:\n{done.stderr[-3000:]}")
                reports.append(json.loads(out.read_text(encoding="utf-8")))
            scores = {
                category: statistics.median(
                    round(100 * (r["categories"][category]["score"] or 0)) for r in reports
                )
                for category in CATEGORIES
            }
            index = statistics.median(r["environment"]["benchmarkIndex"] for r in reports)
            results[page_path] = {
                "scores": scores,
                "tbt": statistics.median(
                    r["audits"]["total-blocking-time"]["numericValue"] for r in reports
                ),
                "dom": reports[-1]["audits"]["dom-size"].get("numericValue", 0),
                "benchmark_index": index,
                "failing": _failing_audits(reports[-1]),
            }
            shown = " ".join(f"{c[:4]} {s:g}" for c, s in scores.items())
            print(f"  lighthouse {page_path or '/'}: {shown}")
    return results


def _failing_audits(report: dict) -> list[dict]:
    """What cost points: weighted audits scoring below 1 (with the elements they name) and,
    for performance, the audits that estimate a saving on a metric (what to fix first)."""
    failing = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            passed = audit["score"] is None or audit["score"] >= 1
            if passed or audit.get("scoreDisplayMode") in ("manual", "notApplicable"):
                continue
            savings = {k: v for k, v in (audit.get("metricSavings") or {}).items() if v}
            weighted = ref.get("weight", 0) > 0
            if not weighted and not (category == "performance" and savings):
                continue
            items = (audit.get("details") or {}).get("items") or []
            nodes = [
                i["node"].get("selector", "") for i in items if isinstance(i.get("node"), dict)
            ]
            failing.append(
                {
                    "id": ref["id"],
                    "category": category,
                    "score": audit["score"],
                    "weight": ref.get("weight", 0),
                    "title": audit["title"],
                    "value": audit.get("displayValue", ""),
                    "savings": savings,
                    "nodes": nodes[:3],
                }
            )
    return failing


# --- Report ------------------------------------------------------------------------------


class Budget:
    def __init__(self):
        self.lines: list[tuple[str, str, str, bool]] = []

    def check(self, what: str, value: str, limit: str, ok: bool):
        self.lines.append((what, value, limit, ok))

    @property
    def passed(self) -> bool:
        return all(ok for *_, ok in self.lines)

    def print(self):
        width, values, limits = (max(len(line[i]) for line in self.lines) for i in range(3))
        print(f"\n{'Budget':{width}}  {'value':>{values}}  {'limit':>{limits}}  result")
        for what, value, limit, ok in self.lines:
            result = "PASS" if ok else "FAIL"
            print(f"{what:{width}}  {value:>{values}}  {limit:>{limits}}  {result}")
        print(f"\n{'ALL BUDGETS PASS' if self.passed else 'BUDGET MISSED'}")


def kb(n: float) -> str:
    return f"{n / 1000:.1f} kB"


def report_build(b: dict, runs: int, budget: Budget):
    print(f"Build (median of {runs}; wall time of `mkdocs build --strict`, in seconds; CPU =")
    print("  user + system of mkdocs and the processes it ran: on a busy machine, wall time grows")
    print("  and CPU time does not)")

    def row(label: str, key: str) -> None:
        print(f"  {label:32} {b[key]:6.2f}   runs: {_runs(b[key.replace('_s', '_runs')])}")

    row("clean (no .cache, no site)", "clean_s")
    row("  CPU", "clean_cpu_s")
    row("rebuild, nothing changed", "rebuild_s")
    row("  CPU", "rebuild_cpu_s")
    row("import torch, matplotlib.pyplot", "import_s")
    print(f"  (mkdocs' own 'built in' time of the clean build: {b['mkdocs_reported_clean_s']:.1f})")
    clean, warm = b["clean_s"], b["rebuild_s"]
    ratio = clean / b["import_s"]
    limit = f"<= {BUDGET_CLEAN_BUILD_IMPORTS} imports"
    value = f"{clean:.1f} s = {ratio:.1f} imports"
    budget.check("clean strict build", value, limit, ratio <= BUDGET_CLEAN_BUILD_IMPORTS)
    limit = f"<= {BUDGET_REBUILD_S:g} s"
    value = f"{warm:.2f} s (CPU {b['rebuild_cpu_s']:.2f})"
    budget.check("rebuild, nothing changed", value, limit, warm <= BUDGET_REBUILD_S)
    if "reload_s" in b:
        row("serve: page saved, served", "reload_s")
        row("  CPU of the server", "reload_cpu_s")
        reload = b["reload_s"]
        limit = f"<= {BUDGET_RELOAD_S:g} s"
        value = f"{reload:.2f} s (CPU {b['reload_cpu_s']:.2f})"
        budget.check("serve: page saved to reloaded", value, limit, reload <= BUDGET_RELOAD_S)


def report_weight(weight: dict, budget: Budget):
    print("\nFirst visit: empty cache, Chromium, until load + network idle.")
    print(
        "  gzip = bytes on the wire from a server that gzips text like GitHub Pages (the budget);"
    )
    print("  raw = the same files uncompressed. Response bodies only. 1 kB = 1000 bytes.")
    print(f"  {'page':22} {'requests':>8} {'raw':>11} {'gzip':>11}   largest by type (gzip)")
    for page_path, w in weight.items():
        top = sorted(w["by_type"].items(), key=lambda kv: -kv[1])[:3]
        top_text = ", ".join(f"{kind} {kb(size)}" for kind, size in top)
        name = page_path or "/"
        print(f"  {name:22} {w['requests']:8g} {kb(w['raw']):>11} {kb(w['gzip']):>11}   {top_text}")
        if w["errors"]:
            print(f"    requests that failed: {w['errors']}")
        ok = w["gzip"] <= BUDGET_PAGE_BYTES and not w["errors"]
        budget.check(f"first visit {name}", kb(w["gzip"]), f"<= {kb(BUDGET_PAGE_BYTES)}", ok)


def report_lighthouse(lighthouse: dict, runs: int, budget: Budget):
    version = _lighthouse_version()
    print(f"\nLighthouse {version}: mobile, simulated throttling, median of {runs} runs")
    print("  cpu = Lighthouse's benchmarkIndex of this machine during the runs (median): a busy")
    print("  machine scores lower on performance; compare runs with similar values.")
    print("  tbt = Total Blocking Time (ms, median), the metric that moves most here; dom = the")
    print("  page's element count: each full restyle costs in proportion to it.")
    print(
        f"  {'page':22} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5} {'cpu':>6}"
        f" {'tbt':>5} {'dom':>6}"
    )
    limit = ">= " + "/".join(str(BUDGET_LIGHTHOUSE[c]) for c in CATEGORIES)
    for page_path, result in lighthouse.items():
        scores = result["scores"]
        name = page_path or "/"
        cpu = f"{result['benchmark_index']:6.0f}"
        extra = f" {result['tbt']:5.0f} {result['dom']:6.0f}"
        print(f"  {name:22} " + " ".join(f"{scores[c]:5g}" for c in CATEGORIES) + f" {cpu}{extra}")
        ok = all(scores[c] >= BUDGET_LIGHTHOUSE[c] for c in CATEGORIES)
        value = "/".join(f"{scores[c]:g}" for c in CATEGORIES)
        budget.check(f"lighthouse {name} (perf/a11y/bp/seo)", value, limit, ok)
    failing: dict[str, dict] = {}
    for page_path, result in lighthouse.items():
        for audit in result["failing"]:
            entry = failing.setdefault(audit["id"], {**audit, "pages": []})
            entry["pages"].append(page_path or "/")
    if failing:
        print("\n  Audits that cost points (last run of each page), by audit;")
        print("  values and elements are those of the first page listed:")
        for audit_id, a in sorted(failing.items(), key=lambda kv: (kv[1]["category"], kv[0])):
            value = f" [{a['value']}]" if a["value"] else ""
            kind = "metric" if a["weight"] else "saving" if a["savings"] else "audit"
            score = f"score {a['score']:.2f}"
            print(f"  - {a['category']} {kind}: {audit_id} ({score}) {a['title']}{value}")
            if a["savings"]:
                print(f"      estimated saving: {a['savings']}")
            if a["nodes"]:
                print(f"      elements: {a['nodes']}")
            print(f"      pages: {', '.join(a['pages'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--lighthouse-runs", type=int, help="Lighthouse runs per page (default: --runs)"
    )
    parser.add_argument(
        "--clean-runs", type=int, help="clean builds, at most --runs (default: --runs)"
    )
    parser.add_argument("--skip-build", action="store_true", help="do not time the build")
    parser.add_argument(
        "--skip-serve", action="store_true", help="do not time mkdocs serve's reload"
    )
    parser.add_argument("--skip-weight", action="store_true", help="do not measure page weight")
    parser.add_argument("--skip-lighthouse", action="store_true", help="do not run Lighthouse")
    parser.add_argument("--site", type=Path, help="measure this built site (default: build one)")
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="PATH",
        help="measure only these pages, as URL paths like math/ (default: every page)",
    )
    parser.add_argument("--keep-reports", type=Path, help="keep Lighthouse JSON reports here")
    parser.add_argument("--json", type=Path, help="also write every number to this JSON file")
    args = parser.parse_args(argv)
    lighthouse_runs = args.lighthouse_runs or args.runs
    budget = Budget()
    record: dict = {}

    with tempfile.TemporaryDirectory(prefix="gd-bench-") as tmp:
        site = args.site.resolve() if args.site else None
        if not args.skip_build:
            print(
                f"Timing the strict build ({args.clean_runs or args.runs} clean builds, "
                f"{args.runs} rebuilds)..."
            )
            builds = time_builds(args.runs, Path(tmp), args.clean_runs)
            if not args.skip_serve:
                print(f"Timing mkdocs serve's reload after a page is saved ({args.runs} saves)...")
                builds.update(time_serve_reload(args.runs, Path(tmp)))
            site = site or builds.pop("site")
            builds.pop("site", None)
            record["build"] = builds
        if site is None:
            print("Building the site once (strict) to measure its pages...")
            site = Path(tmp) / "site"
            build(copy_project(Path(tmp)), site)

        server = GzipServer(site)
        pages = site_pages(site)
        if args.pages:
            wanted = ["" if p in ("", "/") else p.strip("/") + "/" for p in args.pages]
            unknown = sorted(set(wanted) - set(pages))
            if unknown:
                sys.exit(f"--pages: no such page in {site}: {', '.join(unknown)}")
            pages = wanted
        if not args.skip_weight:
            print(f"Measuring first visits of {len(pages)} pages in Chromium...")
            record["weight"] = measure_weight(server, pages, args.runs)
            record["search"] = measure_search(server, {"": "gradient", "ko/": "경사하강법"})
        if not args.skip_lighthouse:
            print(f"Running Lighthouse ({lighthouse_runs} runs per page, mobile)...")
            record["lighthouse"] = run_lighthouse(server, pages, lighthouse_runs, args.keep_reports)
        server.shutdown()

    print()
    if "build" in record:
        report_build(record["build"], args.runs, budget)
    if "weight" in record:
        report_weight(record["weight"], budget)
        print("\nOpening the search and typing a query, after the first visit (not in the budget):")
        for what, w in record["search"].items():
            print(f"  {what:40} {w['requests']:3} requests {kb(w['gzip']):>11} gzip")
            if w["errors"]:
                print(f"    requests that failed: {w['errors']}")
    if "lighthouse" in record:
        report_lighthouse(record["lighthouse"], lighthouse_runs, budget)
    budget.print()
    if args.json:
        args.json.write_text(json.dumps(record, indent=2, default=str), encoding="utf-8")
    return 0 if budget.passed else 1


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _lighthouse_version() -> str:
    package = ROOT / "benchmarks" / "node_modules" / "lighthouse" / "package.json"
    try:
        return json.loads(package.read_text(encoding="utf-8"))["version"]
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
