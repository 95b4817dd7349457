"""What the home page claims, in both languages: "What you will learn" is the chapters."""

from __future__ import annotations

import re

from _site_text import ROOT, particle_gaps, prose
from bs4 import BeautifulSoup
from conftest import built_page

# The bold name of each chapter's item in "What you will learn", in both languages.
ITEMS = {
    "hypothesis.md": ("The hypothesis", "가설 함수(hypothesis)"),
    "cost.md": ("The cost", "비용 함수"),
    "intuition.md": ("Gradient descent, the intuition", "경사하강법의 직관"),
    "math.md": ("Gradient descent, the math", "경사하강법의 수학"),
    "convergence.md": (
        "Gradient descent, where it goes and how fast",
        "경사하강법이 어디로, 얼마나 빨리 가는지",
    ),
    "by-hand.ipynb": ("A descent loop by hand", "손으로 짠 경사하강법 루프"),
    "full-code.md": ("The full code", "전체 코드"),
    "learning-rate.md": ("The learning rate", "학습률"),
    "noisy-data.md": ("Noisy data", "노이즈가 있는 데이터(noisy data)"),
    "nn-linear.md": ("From W to nn.Linear", "W에서 nn.Linear로"),
    "mini-batches.md": ("Mini-batches", "미니배치(mini-batch)"),
    "momentum-adam.md": ("Momentum and Adam", "모멘텀(momentum)과 Adam"),
    "why-momentum.md": ("Why momentum works", "모멘텀이 통하는 이유"),
    "adagrad-rmsprop.md": ("Adagrad and RMSProp", "Adagrad와 RMSProp"),
    "several-inputs.md": ("Several inputs", "입력이 여러 개일 때"),
    "lr-schedules.md": ("Learning-rate schedules", "학습률 스케줄"),
    "validation.md": ("Training and validation", "학습과 검증"),
    "not-a-bowl.md": ("A cost that is not a bowl", "그릇 모양이 아닌 비용"),
}
# torch-optim shares its item with by-hand ("..., then the same loop with torch.optim").
SHARED = {"torch-optim.ipynb"}
NOT_CHAPTERS = {"index.md", "glossary.md"}


def chapters() -> list[str]:
    """The nav's pages in order, without home, the glossary and the API reference."""
    nav = (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:\n", 1)[1].split("\n\n")[0]
    pages = re.findall(r"^  - [^\n]*?:\s*([\w./-]+\.(?:md|ipynb))\s*$", nav, re.MULTILINE)
    return [p for p in pages if p not in NOT_CHAPTERS and not p.startswith("reference/")]


def learn_items(site, page: str) -> list[str]:
    soup = BeautifulSoup(built_page(site, page).read_text("utf-8"), "html.parser")
    heading = soup.find(id="what-you-will-learn")
    return [li.find("strong").get_text() for li in heading.find_next("ul").find_all("li")]


def test_what_you_will_learn_has_one_item_per_chapter_in_the_chapters_order(site):
    expected = [p for p in chapters() if p not in SHARED]
    assert "convergence.md" in expected
    for page, language in (("index.md", 0), ("ko/index.md", 1)):
        assert learn_items(site, page) == [ITEMS[p][language] for p in expected], page


def test_the_errors_learners_hit_are_not_listed_as_a_chapter(site):
    assert "The errors learners hit" not in learn_items(site, "index.md")
    assert "학습자가 흔히 만나는 오류" not in learn_items(site, "ko/index.md")
    assert "On the way you meet the errors learners hit" in prose(site, "index.md")


def test_korean_home_has_no_gap_before_a_particle():
    assert particle_gaps("ko/index.md") == []
