"""What the glossary claims, in both languages: every term with a one-sentence definition."""

from __future__ import annotations

import re

from _site_text import particle_gaps, prose, source_text
from bs4 import BeautifulSoup
from conftest import built_page


def rows(site, page: str) -> list[list[str]]:
    soup = BeautifulSoup(built_page(site, page).read_text("utf-8"), "html.parser")
    header = [th.get_text() for th in soup.select("article table thead th")]
    body = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in soup.select("article table tbody tr")
    ]
    return [header, *body]


def test_every_term_has_a_one_sentence_definition_in_both_languages(site):
    english, korean = rows(site, "glossary.md"), rows(site, "ko/glossary.md")
    assert english[0] == ["English", "Korean", "Definition", "Where it is explained"]
    assert korean[0] == ["한국어", "영어", "뜻", "설명하는 곳"]
    assert len(english) == len(korean) > 70
    for table, ending in ((english, "."), (korean, "다.")):
        for row in table[1:]:
            definition = row[2]
            assert definition.endswith(ending), row
            # One sentence: no full stop before the end, other than inside code or numbers.
            assert not re.search(r"[.!?] [A-Z가-힣]", definition), row
    # The same terms, in both tables.
    assert {row[0] for row in english[1:]} == {row[1] for row in korean[1:]}


def test_the_summary_counts_the_rows_it_has(site):
    count = len(rows(site, "glossary.md")) - 1
    assert f"lists the lesson's {count} technical terms" in prose(site, "glossary.md")
    assert f"기술 용어 {count}개가" in prose(site, "ko/glossary.md")


def test_the_glossary_links_the_sections_where_the_terms_are_now_explained():
    for page in ("glossary.md", "ko/glossary.md"):
        source = source_text(page)
        assert "with-a-bias-where-the-next-lesson-goes" not in source
        assert "three-pieces-one-for-each-part-of-the-loop" not in source
        assert source.count("learning-rate.md#the-hessian-and-its-eigenvalues") == 3  # 3 terms


def test_korean_glossary_asks_in_one_style_and_says_korean_english_correctly():
    source = source_text("ko/glossary.md")
    exercises = source[source.index("## 연습 문제") :]
    questions = [line for line in exercises.splitlines() if line.rstrip().endswith("?")]
    assert questions and all(q.rstrip().endswith("까요?") for q in questions), questions
    assert "한글(English)" not in source and "한국어(영어)" in source
    assert particle_gaps("ko/glossary.md") == []
