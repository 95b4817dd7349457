"""The Korean edition: one project, one build, English pages at the root, Korean under ko/.

- Every page has its pair, docs/<path> and docs/ko/<path>, or the build fails.
- The Korean navigation is mkdocs.yml's `nav`, page for page, titled by each Korean page's
  first heading and docs/hooks/ui.yml's `nav:`.
- Korean pages get `<html lang="ko">`, Material's Korean strings (overrides/partials/
  language.html reads `page_language`), ui.yml's `site:` and our strings through `tr()`.
- Every page links itself in the other language (`alternates`, for the header's switch).
- A Korean page records the `source_hash` of the English page it translates (front matter, or
  a notebook's `metadata.gd_tutorial`); if the English page changed since, the log says so
  and the page shows a notice. Stamp a translation: ``python docs/hooks/i18n.py docs/ko/<page>``.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import logging
import re
import sys
from pathlib import Path

from _common import KO, ROOT, UI, english_of, language_of, tr
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs_autorefs import relative_url

log = logging.getLogger("mkdocs.hooks.i18n")
DOCS = ROOT / "docs"


def source_hash(path: Path, words_only: bool = True) -> str:
    """A short hash of what a translation follows: a page's words, or a notebook's cells (not
    their outputs, ids or metadata). Whitespace is not part of it: a blank line or a re-wrapped
    paragraph in the English page leaves its translation current."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = json.dumps([[c["cell_type"], "".join(c["source"])] for c in cells])
    else:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    if words_only:
        text = " ".join(text.split())
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def is_current(korean: Path, english: Path) -> bool:
    """Whether the Korean page's `source_hash` is that of the English page as it is now.
    (A stamp made before whitespace stopped counting, the hash of the exact text, is as good.)"""
    recorded = recorded_hash(korean)
    return recorded in (source_hash(english), source_hash(english, words_only=False))


def recorded_hash(path: Path) -> str | None:
    """The `source_hash` a Korean page records, or None."""
    if path.suffix == ".ipynb":
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
        return meta.get("gd_tutorial", {}).get("source_hash")
    found = re.match(
        r"---\n.*?^source_hash: *(\w+) *$.*?^---\n", path.read_text("utf-8"), re.M | re.S
    )
    return found and found.group(1)


_state: dict = {"stale": []}


def on_config(config):
    # Both API pages (reference/ and ko/reference/) document the same objects, so each API
    # name has two addresses. With `resolve_closest`, mkdocs-autorefs picks the one under the
    # linking page's own folder, or a parent's: for a Korean page (all under ko/) that is the
    # Korean API page. A top-level English page has no such folder, so its links are resolved
    # as from the home page, where the closest is the English API page. (Only the plugin's
    # public `get_item_url` and `relative_url`.)
    autorefs = config.plugins.get("autorefs")
    if autorefs is None or not autorefs.config.resolve_closest:
        raise PluginError("hooks/i18n.py needs the autorefs plugin with resolve_closest: true")
    resolve = type(autorefs).get_item_url.__get__(autorefs)

    def same_language(identifier: str, from_url: str | None = None, **options):
        if from_url is None or from_url.startswith(KO):
            return resolve(identifier, from_url, **options)
        url, title = resolve(identifier, "", **options)
        return relative_url(from_url, url), title

    autorefs.get_item_url = same_language
    return config


def on_files(files, config):
    pages = {f.src_uri for f in files.documentation_pages()}
    english = {p for p in pages if not p.startswith(KO)}
    korean = {english_of(p) for p in pages if p.startswith(KO)}
    problems = [
        f"docs/{KO}{p} is missing (the Korean page of docs/{p})" for p in sorted(english - korean)
    ]
    problems += [f"docs/{KO}{p} has no English page docs/{p}" for p in sorted(korean - english)]
    if problems:
        raise PluginError("hooks/i18n.py: every page needs its pair:\n  " + "\n  ".join(problems))
    _state["stale"] = []
    _state["urls"] = {f.src_uri: f.url for f in files.documentation_pages()}
    return files


def on_page_markdown(markdown, page, config, files):
    # The title of each heading's ¶ link in the page's language: MkDocs makes each page's
    # Markdown converter from `mdx_configs`, where toc's `permalink_title` is an option.
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = tr("Permanent link", language_of(page.file.src_uri))
    return markdown


def _korean_items(items, files, parent=None):
    titles = UI["nav"]
    out = []
    for item in items:
        if isinstance(item, Page):
            new = files.get_file_from_path(KO + item.file.src_uri).page
            if item.is_homepage:  # "Home" in the navigation; other pages take their h1
                new.title = titles["Home"]
        elif isinstance(item, Section):
            if item.title not in titles:
                raise PluginError(
                    f"hooks/i18n.py: no Korean title for the section {item.title!r} "
                    "in docs/hooks/ui.yml (nav:)"
                )
            new = Section(titles[item.title], [])
            new.children = _korean_items(item.children, files, new)
        else:
            new = Link(item.title, item.url)
        new.parent = parent
        out.append(new)
    return out


def on_nav(nav, config, files):
    items = _korean_items(nav.items, files)
    pages = []

    def collect(entries):
        for entry in entries:
            if isinstance(entry, Page):
                pages.append(entry)
            elif isinstance(entry, Section):
                collect(entry.children)

    collect(items)
    for before, after in zip([None, *pages], [*pages, None], strict=True):
        if before:
            before.next_page = after
        if after:
            after.previous_page = before
    korean = Navigation(items, pages)
    korean.homepage = files.get_file_from_path(KO + "index.md").page
    _state["nav"] = korean
    return nav


def _check_translation(page) -> None:
    english = DOCS / english_of(page.file.src_uri)
    korean = DOCS / page.file.src_uri
    if recorded_hash(korean) is None:
        raise PluginError(
            f"docs/{page.file.src_uri} records no source_hash of the English page it translates; "
            f"run: python docs/hooks/i18n.py docs/{page.file.src_uri}"
        )
    if not is_current(korean, english):
        _state["stale"].append(page.file.src_uri)


def tr_for(language: str):
    """`tr` of the templates: ``tr(text)`` in the page's language, ``tr(text, "ko")`` in one."""
    return lambda text, lang=None, **fields: tr(text, lang or language, **fields)


def _alternates(english: str, korean: str) -> list[dict]:
    """The header's language switch: the same page in each language."""
    return [
        {"name": "English", "link": english, "lang": "en"},
        {"name": "한국어", "link": korean, "lang": "ko"},
    ]


def on_page_context(context, page, config, nav):
    language = language_of(page.file.src_uri)
    context["page_language"] = language
    context["tr"] = tr_for(language)
    english = english_of(page.file.src_uri)
    context["alternates"] = _alternates(_state["urls"][english], _state["urls"][KO + english])
    if language == "ko":
        local = copy.copy(config)
        local.update(UI["site"])
        context["nav"] = _state["nav"]
        context["config"] = local
    return context


def on_template_context(context, template_name, config):
    # 404.html: English, with a switch to each language's home page.
    context.setdefault("page_language", "en")
    context.setdefault("tr", tr_for("en"))
    context.setdefault("alternates", _alternates("", KO))
    return context


_NOTICE = (
    '<div class="admonition warning gd-stale" lang="ko"><p class="admonition-title">{title}</p>'
    "<p>{text}</p></div>"
)


def on_page_content(content, page, config, files):
    if language_of(page.file.src_uri) != "ko":
        return content
    _check_translation(page)
    if page.file.src_uri not in _state["stale"]:
        return content
    english = _state["urls"][english_of(page.file.src_uri)]
    href = html.escape(get_relative_url(english or ".", page.url))
    notice = _NOTICE.format(
        title=tr("This translation is older than the English page", "ko"),
        text=tr(
            "The English page has changed since this page was translated, and the changes are "
            'not here yet. The <a href="{href}" hreflang="en">English page</a> has the latest '
            "text.",
            "ko",
            href=href,
        ),
    )
    end = content.find("</h1>")
    return content[: end + 5] + notice + content[end + 5 :] if end >= 0 else notice + content


def on_post_build(config):
    stale = sorted(set(_state["stale"]))
    if stale:
        log.info(
            "%d Korean page(s) translate an older English page and show a notice: %s",
            len(stale),
            ", ".join(f"docs/{s}" for s in stale),
        )


def stamp(path: Path) -> None:
    """Record in a Korean page the hash of the English page it now translates."""
    rel = path.resolve().relative_to(DOCS).as_posix()
    if not rel.startswith(KO):
        raise SystemExit(f"{path} is not a Korean page (docs/ko/...)")
    value = source_hash(DOCS / english_of(rel))
    if path.suffix == ".ipynb":
        import nbformat

        notebook = nbformat.read(path, as_version=4)
        notebook.metadata.setdefault("gd_tutorial", {})["source_hash"] = value
        nbformat.write(notebook, path)
        return
    text = path.read_text(encoding="utf-8")
    if re.match(r"---\n.*?^source_hash:", text, re.M | re.S):
        text = re.sub(r"^source_hash: *\w+ *$", f"source_hash: {value}", text, count=1, flags=re.M)
    elif text.startswith("---\n"):
        text = f"---\nsource_hash: {value}\n" + text[4:]
    else:
        text = f"---\nsource_hash: {value}\n---\n\n" + text
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        stamp(Path(argument))
        print(f"{argument}: source_hash {recorded_hash(Path(argument))}")
