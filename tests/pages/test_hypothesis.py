"""The hypothesis page: what it says about the weight, the bias and PyTorch's words."""

from __future__ import annotations

from urllib.parse import urljoin

import torch
from _site_text import formula_text, particle_gaps, source_text
from bs4 import BeautifulSoup
from conftest import built_page

from gd_tutorial import toy_data


def test_a_weight_of_shape_3_broadcasts_to_a_table_as_the_page_says(site):
    x_train, _ = toy_data()
    W = torch.tensor([1.0, 2.0, 3.0])
    # A missing dimension on the left counts as 1: (3,) acts as (1, 3).
    assert torch.equal(x_train * W, x_train * W.reshape(1, 3))
    assert (x_train * W).shape == (3, 3)
    assert "(so (3,) acts as (1, 3))" in formula_text(site, "hypothesis.md")
    assert "(3,)은 (1, 3)처럼 다뤄집니다" in formula_text(site, "ko/hypothesis.md")


def test_the_page_the_bias_is_said_to_come_back_on_has_a_section_with_the_bias(site):
    for language, bias in (("", "bias"), ("ko/", "편향")):
        page = built_page(site, f"{language}hypothesis.md")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        heading = soup.find(id="what-about-the-bias-b")
        section = []
        for element in heading.find_next_siblings():
            if element.name == "h2":
                break
            section.append(element)
        links = [
            a["href"] for e in section for a in e.find_all("a") if "learning-rate" in a["href"]
        ]
        assert links, f"{language}hypothesis: the bias section names no page"
        target = urljoin(f"/{language}hypothesis/", links[0]).split("#")[0]
        lr_page = site / target.lstrip("/") / "index.html"
        headings = BeautifulSoup(lr_page.read_text("utf-8"), "html.parser").select("article h2")
        assert any(bias in h.get_text() for h in headings), f"{target} has no section with {bias}"
        # The old anchor named a section that did not bring the bias back first.
        assert all("where-the-next-lesson-goes" not in link for link in links)


def test_korean_hypothesis_page_explains_the_word_for_grad_where_the_site_first_uses_it(site):
    order = ["index.md", "hypothesis.md", "cost.md", "intuition.md", "math.md"]
    first = next(p for p in order if "변화도" in formula_text(site, f"ko/{p}"))
    assert first == "hypothesis.md"
    # 변화도, the Korean PyTorch documentation's word for a tensor's .grad
    definition = "변화도(gradient)는 PyTorch가 자동 미분으로 계산해 텐서의 .grad에 담아 두는"
    assert definition in formula_text(site, "ko/hypothesis.md")


def test_korean_hypothesis_page_keeps_the_register_and_its_words():
    text = source_text("ko/hypothesis.md")
    for slip in (
        "없으니까요",
        "없이요",
        "b는요?",
        "`RuntimeError`는요?",
        "(the best model)",
        "오른쪽 끝부터 맞춰",
        "우리 모델",
        "우리 데이터",
    ):
        assert slip not in text, slip
    assert particle_gaps("ko/hypothesis.md") == []
