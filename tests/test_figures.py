"""The site's figures as a reader sees them: each page shows the version of its language, and in
Chromium each figure is dark in the dark palette and light in the light one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import built_page

ROOT = Path(__file__).resolve().parents[1]

# --- the figures in the browser: Material's palettes, both languages --------------------------

FIGURE_PAGES = {
    "hypothesis.md": ["data-and-lines"],
    "cost.md": ["cost-curve"],
    "intuition.md": ["descent-path"],
    "learning-rate.md": ["learning-rates", "cost-per-epoch", "contours-w-b"],
    "noisy-data.md": ["noisy-fit"],
    "mini-batches.md": ["mini-batches"],
    "momentum-adam.md": ["momentum-adam"],
    "why-momentum.md": ["rate-map"],
    "not-a-bowl.md": ["not-a-bowl-starts", "not-a-bowl-bound", "not-a-bowl-momentum"],
    "adagrad-rmsprop.md": ["adagrad-rmsprop"],
}


def test_every_page_figure_is_in_the_browser_check(site):
    for language in ("", "ko/"):
        for page, names in FIGURE_PAGES.items():
            html = built_page(site, language + page).read_text(encoding="utf-8")
            sources = [
                img["src"] for img in BeautifulSoup(html, "html.parser").select("article img")
            ]
            ko = "-ko" if language else ""
            assert sources == [
                f"{'../' * (1 + bool(language))}figures/{name}{ko}{dark}.svg#only-{scheme}"
                for name in names
                for dark, scheme in (("", "light"), ("-dark", "dark"))
            ], language + page
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("*.md")}
    with_figures = {p for p in pages if "figures/" in (ROOT / "docs" / p).read_text("utf-8")}
    assert with_figures == set(FIGURE_PAGES)


def mean_luminance(png: bytes) -> float:
    from PIL import Image, ImageStat

    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).mean[0] / 255


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["", "ko/"])
def test_each_figure_is_dark_on_the_dark_palette_and_light_on_the_light(
    browser, site_url, scheme, language
):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for source, names in FIGURE_PAGES.items():
            page.goto(site_url + language + source.removesuffix(".md") + "/")
            shown = page.locator("article img:visible")
            assert shown.count() == len(names), source
            for i, name in enumerate(names):
                figure = shown.nth(i)
                figure.scroll_into_view_if_needed()
                figure.evaluate("img => img.decode()")
                src = figure.get_attribute("src")
                ko = "-ko" if language else ""
                assert src.endswith(
                    f"{name}{ko}{'-dark' if scheme == 'dark' else ''}.svg#only-{scheme}"
                )
                box = figure.bounding_box()
                assert box["width"] > 300 and box["height"] > 200, (source, name, box)
                brightness = mean_luminance(figure.screenshot())
                if scheme == "dark":
                    assert brightness < 0.3, (language + source, name, brightness)
                else:
                    assert brightness > 0.8, (language + source, name, brightness)
    finally:
        context.close()
