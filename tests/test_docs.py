"""The built site: every chapter is there and shows what its code printed in this build.

Expected values come from running the package (or torch itself), never from pasted text.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import material
import pytest
import torch
from bs4 import BeautifulSoup
from conftest import built_page

import gd_tutorial
from gd_tutorial import (
    adam_descent,
    closed_form_weight,
    curvatures,
    gradient_descent,
    hypothesis,
    max_stable_lr,
    momentum_descent,
    mse,
    noisy_data,
    plots,
    toy_data,
    train_with_optimizer,
)

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CHAPTERS = {
    "index.md": "Gradient descent",
    "hypothesis.md": "hypothesis",
    "cost.md": "Cost",
    "intuition.md": "intuition",
    "math.md": "math",
    "convergence.md": "how fast",
    "by-hand.ipynb": "by hand",
    "torch-optim.ipynb": "torch.optim",
    "full-code.md": "Full code",
    "learning-rate.md": "The learning rate",
    "noisy-data.md": "Noisy data",
    "nn-linear.md": "nn.Linear",
    "mini-batches.md": "Mini-batches",
    "momentum-adam.md": "momentum and Adam",
    "reference/api.md": "The package: gd_tutorial",
    "reference/plots.md": "The figures: gd_tutorial.plots",
}
INCLUDE = re.compile(r'^\s*--8<-- "(docs/snippets/[^"]+\.py)"\s*$', re.MULTILINE)


def page_text(site: Path, source: str) -> str:
    soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article").get_text()


def course_log(**kwargs) -> list[str]:
    x_train, y_train = toy_data()
    return gradient_descent(x_train, y_train, **kwargs).format_log().splitlines()


def snippet_pages() -> list[tuple[str, str]]:
    """(page, snippet) for every snippet a Markdown page includes."""
    pairs = []
    for page in sorted(DOCS.rglob("*.md")):
        for snippet in INCLUDE.findall(page.read_text(encoding="utf-8")):
            pairs.append((page.relative_to(DOCS).as_posix(), snippet))
    return pairs


def html_snippets() -> set[str]:
    """Snippets whose block prints HTML into the page (html="1"): the page shows what that
    HTML draws, not the code or its output as text."""
    found = set()
    for page in DOCS.rglob("*.md"):
        for fence in FENCE_OPEN.finditer(page.read_text(encoding="utf-8")):
            if 'exec="1"' in fence["info"] and 'html="1"' in fence["info"]:
                found.update(INCLUDE.findall(fence["body"]))
    return found


def test_every_chapter_is_built_with_its_title(site):
    for source, words in CHAPTERS.items():
        html = built_page(site, source)
        assert html.is_file(), f"{source} was not built"
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        h1 = soup.select_one("article h1")
        assert h1 is not None and words.lower() in h1.get_text().lower(), source
        # The browser tab and search results say what the page's heading says.
        title = soup.title.get_text()
        heading = h1.get_text().rstrip("¶").strip()
        assert title in (heading, f"{heading} - Gradient descent with PyTorch"), source


def test_every_page_states_its_goal_and_ends_with_summary_and_exercises(site):
    for source in CHAPTERS:
        if source.startswith("reference/"):
            continue
        soup = BeautifulSoup(built_page(site, source).read_text(encoding="utf-8"), "html.parser")
        headings = [h.get_text(" ", strip=True) for h in soup.select("article h2")]
        assert any(h.startswith("Summary") for h in headings), f"{source}: no Summary"
        assert any(h.startswith("Exercises") for h in headings), f"{source}: no Exercises"
        assert soup.select("article details"), f"{source}: exercises have no solutions"


def test_full_code_page_shows_both_logs(site):
    text = page_text(site, "full-code.md")
    x_train, y_train = toy_data()
    for line in course_log(lr=0.1, epochs=10, reduction="sum"):
        assert line in text
    for line in (
        train_with_optimizer(x_train, y_train, lr=0.15, epochs=10).format_log().splitlines()
    ):
        assert line in text


def snippet_lines(snippet: str) -> list[str]:
    """What a snippet prints, run in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, str(ROOT / snippet)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_noisy_data_page_uses_the_data_set_of_its_figure():
    settings = ", ".join(f"{name}={value!r}" for name, value in plots.NOISY_DATA.items())
    assert settings == "m=20, true_w=2.0, noise=1.0, seed=0"
    folder = DOCS / "snippets" / "noisy-data"
    for snippet, call in (
        ("data.py", settings),
        ("best_w.py", settings),
        ("more_data.py", settings.replace("m=20", "m=m")),
        ("remaining_cost.py", "m=20, true_w=true_w, noise=noise, seed=0"),
    ):
        assert f"noisy_data({call})" in (folder / snippet).read_text(encoding="utf-8"), snippet
    assert "true_w, noise = 2.0, 1.0" in (folder / "remaining_cost.py").read_text(encoding="utf-8")


def test_noisy_data_page_claims_hold_for_its_data(site):
    x, y = noisy_data(**plots.NOISY_DATA)
    true_w, noise = plots.NOISY_DATA["true_w"], plots.NOISY_DATA["noise"]
    w_star = closed_form_weight(x, y)
    # "for this seed the noise happens to pull the best slope a little below 2"
    assert 1.9 < w_star < true_w
    # "Gradient descent arrives at W*": the last lines print W* to 3 decimals, at one cost.
    run = gradient_descent(x, y, lr=0.05, epochs=10)
    lines = run.format_log().splitlines()
    assert f"W: {w_star:.3f}" in lines[-1]
    assert lines[-1].split("Cost:")[1] == lines[-2].split("Cost:")[1]
    assert abs(run.weights[-1] - w_star) < 5e-4
    # The remaining cost is below the cost at the true W, and both are near the variance.
    best = mse(hypothesis(x, w_star), y).item()
    at_true_w = mse(hypothesis(x, true_w), y).item()
    assert 0.5 * noise**2 < best < at_true_w < noise**2
    # More data: W* closes in on 2 and the remaining cost settles near the variance.
    last = snippet_lines("docs/snippets/noisy-data/more_data.py")[-1].split()
    assert abs(float(last[1]) - true_w) < 0.01 and abs(float(last[2]) - noise**2) < 0.01
    text = page_text(site, "noisy-data.md")
    assert f"closed form: W* = {w_star:.6f}" in text
    assert "noisy-fit.svg" in built_page(site, "noisy-data.md").read_text(encoding="utf-8")


def test_nn_linear_page_prints_the_course_log_and_the_summed_loss_takes_its_steps(site):
    course = course_log(lr=0.1, epochs=10, reduction="sum")
    x_train, y_train = toy_data()
    optimizer_log = (
        train_with_optimizer(x_train, y_train, lr=0.15, epochs=10).format_log().splitlines()
    )
    mean_lines = snippet_lines("docs/snippets/nn-linear/nn_linear.py")
    sum_lines = snippet_lines("docs/snippets/nn-linear/sum_loss.py")
    assert len(mean_lines) == len(sum_lines) == 11

    def w_column(lines):
        return [line.split(",")[0] for line in lines]

    def costs(lines):
        return [float(line.split("Cost:")[1]) for line in lines]

    # nn.Linear with lr 0.15: the torch.optim loop's log exactly, the course's W column.
    assert mean_lines == optimizer_log
    assert w_column(mean_lines) == w_column(course)
    assert costs(mean_lines) == pytest.approx(costs(course), abs=1.5e-6)
    # reduction="sum" with lr 0.05: the course's W column; its cost is 3 times the mean.
    assert w_column(sum_lines) == w_column(course)
    assert costs(sum_lines) == pytest.approx([3 * c for c in costs(course)], abs=4e-6)
    text = page_text(site, "nn-linear.md")
    for line in mean_lines + sum_lines:
        assert line in text
    steps = snippet_lines("docs/snippets/nn-linear/three_gradients.py")
    assert [line.split()[-1] for line in steps] == ["-1.4000"] * 3


def test_mini_batch_page_uses_the_data_and_run_of_its_figure(site):
    settings = ", ".join(f"{name}={value!r}" for name, value in plots.NOISY_DATA.items())
    folder = DOCS / "snippets" / "mini-batches"
    for snippet in ("batch_gradients.py", "mini_batch_run.py", "data_loader.py", "at_best.py"):
        assert f"noisy_data({settings})" in (folder / snippet).read_text(encoding="utf-8")
    assert plots.MINI_BATCH_RUN == {"lr": 0.02, "epochs": 10, "batch_size": 5, "seed": 0}
    run = (folder / "mini_batch_run.py").read_text(encoding="utf-8")
    assert "lr, epochs = 0.02, 10" in run and "batch_size=5)" in run
    loader = (folder / "data_loader.py").read_text(encoding="utf-8")
    assert "batch_size=5," in loader and "lr=0.02" in loader and "range(1, 11)" in loader
    assert "mini-batches.svg" in built_page(site, "mini-batches.md").read_text(encoding="utf-8")
    # "With our 20 samples and batches of 5, an epoch is 4 steps."
    x, y = noisy_data(**plots.NOISY_DATA)
    assert gradient_descent(x, y, lr=0.02, epochs=1, batch_size=5).steps_per_epoch == 4
    # The at_best snippet's step is lr times the spread it prints.
    at_best = snippet_lines("docs/snippets/mini-batches/at_best.py")
    std = float(at_best[1].split("std")[1])
    assert float(at_best[2].split()[-1]) == pytest.approx(0.02 * std, abs=1e-4)


def epochs_to_arrive(weights: list[float], biases: list[float]) -> int:
    """The first epoch from which the distance to (1, 0) stays below 1/1000 of the start's."""
    distances = [math.hypot(w - 1.0, b) for w, b in zip(weights, biases, strict=True)]
    return next(k for k in range(len(distances)) if max(distances[k:]) < distances[0] / 1000)


def test_momentum_adam_page_numbers_are_computed_by_the_package(site):
    x, _ = toy_data()
    slow, steep = curvatures(x)
    lr = 0.15
    epochs = math.ceil(math.log(1000) / -math.log(1 - lr * slow))
    assert snippet_lines("docs/snippets/momentum-adam/valley.py") == [
        f"curvature along the valley:  {slow:.4f}",
        f"curvature across the valley: {steep:.4f}",
        f"condition number: {steep / slow:.1f}",
        f"stable bound 2 / {steep:.4f} = {max_stable_lr(x, bias=True):.6f}",
        f"lr = {lr}: factor per step across {1 - lr * steep:.4f}",
        f"            factor per step along  {1 - lr * slow:.4f}",
        f"epochs to shrink the slow error 1000-fold: {epochs}",
    ]
    assert (round(slow, 4), round(steep, 4), round(steep / slow, 1)) == (0.2404, 11.0929, 46.1)
    assert 1 - lr * steep < 0 < 1 - lr * slow < 1  # zig-zag across, creep along
    text = page_text(site, "momentum-adam.md")
    assert f"epochs to shrink the slow error 1000-fold: {epochs}" in text


@pytest.mark.parametrize(
    ("snippet", "descent", "settings"),
    [
        ("momentum_by_hand.py", momentum_descent, {"lr": 0.15, "momentum": 0.7}),
        ("adam_by_hand.py", adam_descent, {"lr": 0.3}),
    ],
)
def test_rules_by_hand_on_the_page_take_the_package_steps(snippet, descent, settings):
    x, y = toy_data()
    run = descent(x, y, epochs=5, w0=-1.0, b0=2.0, **settings)
    lines = snippet_lines(f"docs/snippets/momentum-adam/{snippet}")
    assert len(lines) == 5
    for k, printed in enumerate(lines, start=1):
        W, b = run.weights[k], run.biases[k]
        assert printed.startswith(f"step {k}: W = {W:8.5f}, b = {b:8.5f}, as "), printed
        assert printed.endswith(": True"), printed


def test_momentum_adam_page_side_by_side_counts_and_claims():
    x, y = toy_data()
    start = {"w0": -1.0, "b0": 2.0, "epochs": 400}
    runs = {
        "plain, lr 0.15": gradient_descent(x, y, lr=0.15, **start),
        "momentum 0.7, lr 0.15": momentum_descent(x, y, lr=0.15, momentum=0.7, **start),
        "momentum 0.9, lr 0.15": momentum_descent(x, y, lr=0.15, momentum=0.9, **start),
        "Nesterov 0.7, lr 0.1": momentum_descent(
            x, y, lr=0.1, momentum=0.7, nesterov=True, **start
        ),
        "Adam, lr 0.3": adam_descent(x, y, lr=0.3, **start),
    }
    counts = {name: epochs_to_arrive(r.weights, r.biases) for name, r in runs.items()}
    printed = snippet_lines("docs/snippets/momentum-adam/side_by_side.py")
    assert printed == [f"{name:22s} {count:4d} epochs" for name, count in counts.items()]
    # The figure draws three of these runs, with the same settings and labels.
    for label, (descent, settings) in plots.VALLEY_RUNS.items():
        again = descent(x, y, **start, **settings)
        assert epochs_to_arrive(again.weights, again.biases) == counts[label]
    # "Momentum 0.7 is the fastest here, more than four times faster than plain descent."
    assert min(counts, key=counts.get) == "momentum 0.7, lr 0.15"
    assert counts["plain, lr 0.15"] > 4 * counts["momentum 0.7, lr 0.15"]
    # "More momentum is not better"; "Adam helps less here" (than momentum, but it helps).
    assert counts["momentum 0.9, lr 0.15"] > counts["momentum 0.7, lr 0.15"]
    assert counts["momentum 0.7, lr 0.15"] < counts["Adam, lr 0.3"] < counts["plain, lr 0.15"]
    # Plain descent's count is the slow direction's: close to the formula's 189.
    slow = curvatures(x)[0]
    formula = math.ceil(math.log(1000) / -math.log(1 - 0.15 * slow))
    assert abs(counts["plain, lr 0.15"] - formula) <= 3
    # "3.3 times for mu = 0.7": the velocity's limit along a constant gradient.
    assert f"{1 / (1 - 0.7):.1f}" == "3.3"
    # The start is 2*sqrt(2) from the best line (1, 0).
    assert math.hypot(-1.0 - 1.0, 2.0) == pytest.approx(2 * math.sqrt(2))


def test_momentum_adam_page_exercises_hold():
    x, y = toy_data()
    # Exercise 3: Nesterov at lr 0.15 diverges on the valley; plain momentum does not.
    with pytest.warns(gd_tutorial.DivergenceWarning):
        run = momentum_descent(
            x, y, lr=0.15, epochs=100, momentum=0.7, nesterov=True, w0=-1.0, b0=2.0
        )
    assert run.diverged and run.message.startswith("Diverged: the cost grew")
    assert not momentum_descent(x, y, lr=0.15, epochs=100, momentum=0.7, w0=-1.0, b0=2.0).diverged
    # Exercise 4: centred inputs make the valley round: curvatures 4/3 and 2.
    slow, steep = curvatures(x - x.mean())
    assert (slow, steep) == pytest.approx((4 / 3, 2.0))
    assert steep / slow == pytest.approx(1.5)
    factors = [1 - 0.6 * slow, 1 - 0.6 * steep]
    assert factors == pytest.approx([0.2, -0.2])
    assert f"{0.2**5:.5f}" == "0.00032" and 0.2**5 < 1e-3
    # The Adam paragraph: at the start, W's gradient is larger than b's, yet both move 0.3.
    W, b = torch.tensor(-1.0, requires_grad=True), torch.tensor(2.0, requires_grad=True)
    torch.mean((W * x + b - y) ** 2).backward()
    assert abs(W.grad) > abs(b.grad)
    adam = adam_descent(x, y, lr=0.3, epochs=1, w0=-1.0, b0=2.0)
    assert adam.weights[1] - adam.weights[0] == pytest.approx(0.3)
    assert adam.biases[1] - adam.biases[0] == pytest.approx(0.3)


@pytest.mark.parametrize("notebook", ["by-hand.ipynb", "torch-optim.ipynb"])
def test_every_notebook_cell_is_shown_on_its_page(site, notebook):
    text = " ".join(page_text(site, notebook).split())
    for cell in json.loads((DOCS / notebook).read_text(encoding="utf-8"))["cells"]:
        # The install cells are for Jupyter; the page shows the install note instead.
        if "install" in cell["metadata"].get("tags", []):
            assert "%pip" not in text and "pip install gd-tutorial" in text
        elif cell["cell_type"] == "code":
            source = " ".join("".join(cell["source"]).split())
            assert source in text, f"{notebook}: a code cell is missing from the page"


def test_api_page_documents_every_public_name(site):
    soup = BeautifulSoup(
        built_page(site, "reference/api.md").read_text(encoding="utf-8"), "html.parser"
    )
    for name in gd_tutorial.__all__:
        assert soup.find(id=f"gd_tutorial.{name}") is not None, name
    plots_page = BeautifulSoup(
        built_page(site, "reference/plots.md").read_text(encoding="utf-8"), "html.parser"
    )
    for name in plots.__all__:
        assert plots_page.find(id=f"gd_tutorial.plots.{name}") is not None, name


def test_every_figure_is_built_and_described(site):
    images = []
    for source in CHAPTERS:
        html = built_page(site, source)
        for img in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select(
            "article img"
        ):
            images.append((source, img))
            target = (html.parent / img["src"]).resolve()
            assert target.is_file(), f"{source}: {img['src']} missing"
            assert target.read_bytes().lstrip().startswith((b"<?xml", b"<svg")), img["src"]
            alt = img.get("alt", "").strip()
            assert len(alt.split()) >= 5 and not alt.lower().startswith("figure"), (source, alt)
            # Sized from the SVG (points to CSS pixels), so nothing shifts when it arrives.
            svg = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', target.read_text("utf-8"))
            size = [str(round(float(points) * 4 / 3)) for points in svg.groups()]
            assert [img.get("width"), img.get("height")] == size, (source, img["src"])
            assert img.get("loading") == "lazy", (source, img["src"])
    shown = {Path(img["src"]).name for _, img in images}
    expected = {
        f"{name}.svg"
        for name in (
            "data-and-lines",
            "cost-curve",
            "descent-path",
            "cost-per-epoch",
            "learning-rates",
            "contours-w-b",
            "noisy-fit",
            "mini-batches",
            "momentum-adam",
        )
    }
    assert expected <= shown


@pytest.mark.parametrize(("page", "snippet"), snippet_pages())
def test_snippet_output_on_the_page_is_what_the_file_prints(site, tmp_path, page, snippet):
    result = subprocess.run(
        [sys.executable, str(ROOT / snippet)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{snippet} failed in a fresh interpreter:\n{result.stderr}"
    if snippet in html_snippets():
        # Its source is not shown, and what it prints is in the page as elements.
        html = built_page(site, page).read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article")
        printed = BeautifulSoup(result.stdout, "html.parser").find_all(True)
        assert printed, f"{snippet} prints no HTML"
        for element in printed:
            assert element in article.find_all(element.name), f"{page} lacks {str(element)[:80]}"
        return
    text = " ".join(page_text(site, page).split())
    printed = " ".join(result.stdout.split())
    assert printed in text, f"{page} does not show what {snippet} prints"
    source = " ".join((ROOT / snippet).read_text(encoding="utf-8").split())
    assert source in text, f"{page} does not show the code of {snippet}"


FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)```", re.M | re.S
)
# In each language: 2 on home, 1 in the install note; 2 one-line formulas.
NOT_PROGRAMS = {"bash": 3 * 2, "text": 2 * 2}


def test_every_code_block_is_an_executed_file_a_command_or_a_formula():
    # What the home page promises: a program shown on a page is a real file, run by the build.
    others: dict[str, int] = {}
    for page in sorted(DOCS.rglob("*.md")):
        for fence in FENCE_OPEN.finditer(page.read_text(encoding="utf-8")):
            info, body = fence["info"].strip(), fence["body"].strip()
            if 'exec="1"' in info:
                shown = 'source="above"' in info
                assert not shown or INCLUDE.fullmatch(body), f"{page.name}: shown code not a file"
            else:
                others[info] = others.get(info, 0) + 1
                assert info in NOT_PROGRAMS and "\n" not in body, f"{page.name}: {body[:60]!r}"
    assert others == NOT_PROGRAMS


def test_every_snippet_file_is_shown_on_a_page():
    used = {snippet for _, snippet in snippet_pages()}
    files = {p.relative_to(ROOT).as_posix() for p in (DOCS / "snippets").rglob("*.py")}
    assert files - used == set(), "snippet files that no page includes"


def test_snippets_import_only_torch_and_gd_tutorial():
    for path in (DOCS / "snippets").rglob("*.py"):
        modules = re.findall(r"^\s*(?:from|import)\s+([\w.]+)", path.read_text(), re.MULTILINE)
        roots = {m.split(".")[0] for m in modules}
        # The standard modules: html and json for the explorer's data (learning-rate).
        standard = {"functools", "html", "json", "math", "textwrap", "warnings"}
        assert roots <= {"torch", "gd_tutorial"} | standard, (path, roots)


def test_notebooks_are_downloadable_and_stored_without_outputs(site):
    for notebook in sorted(DOCS.rglob("*.ipynb")):
        data = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in data["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, notebook
        source = notebook.relative_to(DOCS).as_posix()
        served = built_page(site, source).parent / notebook.name
        assert served.read_bytes() == notebook.read_bytes()
        html = built_page(site, source).read_text(encoding="utf-8")
        assert f'href="{notebook.name}" download' in html
        # Offered once the page has said what it is for: after the title and goal.
        link = html.index(f'href="{notebook.name}" download')
        assert html.index("<h1") < link < html.index("<h2"), notebook.name


def test_every_page_names_the_versions_that_computed_its_outputs(site):
    expected = {
        "en": f"Every output on this site was computed with gd-tutorial {gd_tutorial.__version__} "
        f"and torch {torch.__version__}.",
        "ko": "이 사이트의 모든 출력은 다음 버전으로 계산했습니다: "
        f"gd-tutorial {gd_tutorial.__version__}, torch {torch.__version__}.",
    }
    for html in sorted(site.rglob("*.html")):  # 404.html included
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        footer = soup.select_one(".md-copyright .gd-versions")
        assert footer is not None, html
        assert " ".join(footer.get_text().split()) == expected[soup.html["lang"]], html


def test_pages_load_nothing_from_outside_the_site(site):
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                url = element.get(attribute, "")
                if tag == "link" and element.get("rel") not in (["stylesheet"], ["icon"]):
                    continue
                assert not re.match(r"^(https?:)?//", url), f"{html}: {url}"
        assert "fonts.googleapis" not in html.read_text(encoding="utf-8")


def test_math_is_typeset_at_build_time(site):
    for source in CHAPTERS:
        text = page_text(site, source)
        assert "\\(" not in text and "\\[" not in text and "$$" not in text, source
    for source in ("cost.md", "math.md", "learning-rate.md"):
        html = built_page(site, source).read_text(encoding="utf-8")
        assert 'class="katex"' in html, source


def stylesheets(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [Path(link["href"]).name for link in soup.select('link[rel="stylesheet"]')]


def test_each_page_links_only_the_stylesheets_it_uses(site):
    # Every stylesheet in <head> blocks the first paint, so pages skip the ones they do not need.
    pages = {source: built_page(site, source).read_text(encoding="utf-8") for source in CHAPTERS}
    for source, html in pages.items():
        sheets = stylesheets(html)
        assert ("katex.min.css" in sheets) == ('class="katex"' in html), source
        assert ("_mkdocstrings.css" in sheets) == ('class="doc doc-' in html), source
        assert "extra.css" in sheets and any(s.startswith("palette.") for s in sheets), source
    assert "_mkdocstrings.css" in stylesheets(pages["reference/api.md"])
    assert "_mkdocstrings.css" not in stylesheets(pages["math.md"])


def build_hook():
    """docs/hooks/build.py, imported from its file (the hooks folder is not a package)."""
    spec = importlib.util.spec_from_file_location("build_hook", DOCS / "hooks" / "build.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


def test_material_palette_rule_that_restyles_every_element_is_removed(site):
    hook = build_hook()
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    (original,) = theme.glob("palette.*.min.css")
    assert hook.SWITCHING_RULE in original.read_text(encoding="utf-8")

    (palette,) = (site / "assets" / "stylesheets").glob("palette.*.min.css")
    css = palette.read_text(encoding="utf-8")
    assert hook.SWITCHING_RULE not in css and hook.SWITCHING_MARK in css
    # The rest of the palette is untouched: the dark scheme is still defined.
    assert "[data-md-color-scheme=slate]{" in css


OVERRIDES = ROOT / "overrides"


def every_html_file(site: Path) -> dict[str, str]:
    """Every HTML file the site ships, 404.html included, by its path in the site."""
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_material_class_changes_happen_before_the_page_is_painted(site):
    # Made by Material's bundle after the first paint, each restyled the whole page.
    override = (OVERRIDES / "main.html").read_text("utf-8")
    early = re.search(r"<script>document\.documentElement\.classList[^\n]*</script>", override)[0]
    palette = (OVERRIDES / "partials/javascripts/palette.html").read_text("utf-8")
    preferred = re.findall(r"<script>.*?</script>", palette)[-1]
    assert "matchMedia" in preferred
    pages = every_html_file(site)
    assert "404.html" in pages
    for name, html in pages.items():
        head = html[html.index("<head>") : html.index("<body")]
        assert head.index(early) < head.index('<link rel="stylesheet"'), name
        assert html.count(preferred) == 1, name


def test_every_html_file_gets_materials_fixes_404_included(site):
    for name, html in every_html_file(site).items():
        soup = BeautifulSoup(html, "html.parser")
        # No request to the GitHub API for stars: the repository link has no component.
        source = soup.select_one("a.md-source")
        assert source is not None and not source.has_attr("data-md-component"), name
        # Search (Pagefind's, in both languages): a button, and a dialog with a name.
        search = "검색" if soup.html["lang"] == "ko" else "Search"
        dialog = soup.select_one("dialog.gd-search")
        assert dialog is not None and dialog.get("aria-label") == search, name
        assert soup.select_one("button.gd-search-open")["aria-label"] == search, name
        assert soup.select_one(".md-search") is None, name  # Material's, which finds no Korean
        # Material's bundle does not block the first paint.
        bundles = soup.select('script[src*="assets/javascripts/bundle."]')
        assert len(bundles) == 1 and bundles[0].has_attr("defer"), name
        sheets = stylesheets(html)
        assert ("katex.min.css" in sheets) == ('class="katex"' in html), name
        assert ("_mkdocstrings.css" in sheets) == ('class="doc doc-' in html), name


# TeX that a reader must never see as text: delimiters, commands such as \frac, and sub- or
# superscripts in braces (what is left when Markdown eats a delimiter's backslash).
RAW_TEX = re.compile(r"\\[()\[\]]|\\[A-Za-z]+|[_^]\{|\$\$")


def test_no_page_shows_raw_tex_even_in_collapsed_solutions(site):
    # Collapsed <details> are in the HTML; the browser tests open them too.
    for name, html in every_html_file(site).items():
        soup = BeautifulSoup(html, "html.parser")
        for element in soup.select(".katex, pre, code, script, style"):
            element.decompose()
        text = soup.body.get_text(" ")
        raw = [text[max(m.start() - 40, 0) : m.end() + 20] for m in RAW_TEX.finditer(text)]
        assert not raw, f"{name}: raw TeX shown as text: {raw[:3]}"


def test_the_404_page_tells_the_reader_where_to_go(site):
    soup = BeautifulSoup((site / "404.html").read_text("utf-8"), "html.parser")
    assert soup.title.get_text() == "Page not found - Gradient descent with PyTorch"
    article = soup.select_one("article")
    assert article.h1.get_text() == "Page not found"
    home = article.find("a", string="home page")
    assert home["href"] == "/gd-tutorial/"  # the published site's root (site_url)


def test_the_bias_valleys_curvatures_and_factors_are_computed_on_the_pages(site):
    x_train, _ = toy_data()
    gentle, steep = gd_tutorial.curvatures(x_train)
    bound = gd_tutorial.max_stable_lr(x_train, bias=True)
    assert bound > 0.15  # the pages' learning rate is below the bound they quote
    text = page_text(site, "learning-rate.md")
    assert f"curvature across the valley: {steep:.4f}" in text
    assert f"curvature along the floor:   {gentle:.4f}" in text
    assert f"stable bound 2/{steep:.4f} = {bound:.6f}" in text
    assert f"along the floor:   1 - lr * {gentle:.4f} = {1 - 0.15 * gentle:+.4f}" in text
    # The full-code page quotes the slow factor in its prose.
    assert f"keeps {1 - 0.15 * gentle:.3f} of the distance" in page_text(site, "full-code.md")


def test_api_pages_show_each_docstring_item_as_whole_sentences(site):
    # A Returns section once rendered as two bullets, each half a sentence.
    for page in ("reference/api.md", "reference/plots.md"):
        soup = BeautifulSoup(built_page(site, page).read_text("utf-8"), "html.parser")
        items = soup.select("li.doc-section-item .doc-md-description")
        assert items, page
        for item in items:
            text = item.get_text(" ", strip=True)
            first = item.find(string=lambda s: s.strip())  # it may start with code, like ``b``
            starts_sentence = text[:1].isupper() or first.parent.name == "code"
            assert starts_sentence and text.endswith((".", ")")), f"{page}: {text!r}"


def test_convergence_gives_the_honest_reasons_for_descent_on_a_linear_model(site):
    # Linear least squares always has a closed form: the reasons are its cost at scale and
    # models that are not linear, not "no such formula exists".
    text = " ".join(page_text(site, "convergence.md").split())
    assert "no such formula exists" not in text
    assert "one unknown per weight" in text and "not linear in their weights" in text
