"""The built site: its pages, links, notebooks, search index and build log.

The site is built once (`built`, in conftest.py) with the repository's measurement cache, so
a second run takes seconds; a cold one measures every case and runs every notebook.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from ganerrors import course
from ganerrors.cases import CASES
from ganerrors.categories import CATEGORIES, SITE_URL
from ganerrors.site import measure, notebooks
from ganerrors.site.tidy import Tidy

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SITE_PATH = urlsplit(SITE_URL).path.rstrip("/") + "/"  # where site_url puts the site


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "meta" and values.get("name"):
            self.meta[values["name"]] = values.get("content", "")
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def _pages(site: Path) -> dict[Path, _Page]:
    pages = {}
    for path in site.rglob("*.html"):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.resolve()] = parser
    return pages


def _text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


# -- the build -------------------------------------------------------------------------------


def test_the_build_prints_only_mkdocs_lines(built) -> None:
    strangers = [
        line
        for line in built.log.splitlines()
        if line.strip() and not re.match(r"(INFO|WARNING|DEBUG)\s+-  ", line)
    ]
    assert not strangers, "\n".join(strangers)
    assert "local_rendezvous" not in built.log and "IPKernelApp" not in built.log


def test_every_notebook_cell_tagged_raises_exception_raised_what_the_registry_claims(built) -> None:
    store = measure.Store(measure.cache_folder(ROOT))
    katas = course.load()
    for kata in katas.katas:
        if not notebooks.available(katas, kata):
            continue
        executed = notebooks.Executed.read(store.executed(kata))
        found = executed.errors()
        assert found, f"kata {kata.number}: no raises-exception cell"
        for _, error in found:
            assert error is not None, f"kata {kata.number}: the cell raised nothing"
            assert kata.failure.matches(error.ename, error.evalue), error.evalue


# -- pages -----------------------------------------------------------------------------------


def test_every_kata_has_its_page_and_its_notebook_its_own_page(built) -> None:
    katas = course.load()
    for kata in katas.katas:
        page = (built.folder / "katas" / kata.name / "index.html").read_text(encoding="utf-8")
        assert f"Kata {kata.number}: {html.escape(kata.title)}" in page
        if not notebooks.available(katas, kata):
            continue
        folder = built.folder / notebooks.URL_FOLDER / kata.name
        book = (folder / "index.html").read_text(encoding="utf-8")
        assert "jupyter-wrapper" in book and "Open in Colab" in book and "View source" in book
        assert f'href="{kata.name}.ipynb" download' in book
        assert (folder / f"{kata.name}.ipynb").is_file()
        assert (
            'class="admonition failure"' in page
            and (built.folder / "katas" / f"{kata.name}.png").is_file()
        )


def test_the_downloadable_notebook_shows_the_learners_frames_only(built) -> None:
    kata = course.load().katas[0]
    path = built.folder / notebooks.URL_FOLDER / kata.name / f"{kata.name}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    error = next(
        o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"
    )
    assert any("left out" in entry for entry in error.traceback)
    assert not any("traceback_utils" in entry for entry in error.traceback)


def test_the_sitemap_lists_each_page_once(built) -> None:
    locations = re.findall(r"<loc>([^<]+)</loc>", (built.folder / "sitemap.xml").read_text())
    assert len(locations) == len(set(locations))
    pages = {p for p in built.folder.rglob("index.html")}
    assert len(locations) == len(pages)


def test_no_page_shows_a_build_path(built) -> None:
    tidy = Tidy(ROOT)
    leaks = []
    for path in built.folder.rglob("*"):
        if path.suffix in (".html", ".json", ".ipynb", ".xml", ".txt"):
            found = tidy.leaks(path.read_text(encoding="utf-8"))
            if found:
                leaks.append(f"{path.relative_to(built.folder)}: {found}")
    assert not leaks, "\n".join(leaks)


def test_layer_names_are_normalised_everywhere(built) -> None:
    numbered = re.compile(r"\b(dense|conv2d|embedding|sequential|flatten|reshape)_\d+\b")
    found = [
        f"{p.relative_to(built.folder)}: {numbered.search(p.read_text()).group(0)}"  # type: ignore[union-attr]
        for p in built.folder.rglob("*")
        if p.suffix in (".html", ".ipynb") and numbered.search(p.read_text())
    ]
    assert not found, "\n".join(found)


def test_every_page_has_its_own_title_and_description(built) -> None:
    pages = {path: page for path, page in _pages(built.folder).items() if path.name != "404.html"}
    titles = [page.title for page in pages.values()]
    descriptions = [page.meta.get("description", "") for page in pages.values()]
    assert len(set(titles)) == len(titles), sorted(titles)
    assert all(descriptions) and len(set(descriptions)) == len(descriptions), sorted(descriptions)


def test_the_home_page_says_what_causes_invalid_argument_error_first(built) -> None:
    page = (built.folder / "index.html").read_text(encoding="utf-8")
    first = page[page.index("<h1") : page.index("<h2")]  # the first screen: before any section
    assert "InvalidArgumentError" in re.sub(r"<[^>]+>", "", first)
    for category in CATEGORIES:
        assert f'href="checklist/#{category}"' in first, category
    assert 'href="katas/' in first and "<title>InvalidArgumentError" in page


def test_an_error_message_is_found_as_it_is_written(built) -> None:
    message = "Arguments `target` and `output` must have the same shape"
    for name in ("errors", "which-error-where", f"katas/{course.load().katas[0].name}"):
        assert message in _text(built.folder / name / "index.html"), name
    index = json.loads((built.folder / "search" / "search_index.json").read_text())
    assert any(message in html.unescape(doc["text"]) for doc in index["docs"])
    assert {f"checklist/#{category}" for category in CATEGORIES} <= {
        d["location"] for d in index["docs"]
    }


def test_the_silent_katas_why_tabs_show_measured_values(built) -> None:
    for kata in course.load().katas:
        if kata.failure.silent:
            text = _text(built.folder / "katas" / kata.name / "index.html")
            why = text[text.index("Checklist: ") :]
            assert re.search(r"\d", why[: why.index("The fixed GAN")]), kata.number
    labels = _text(built.folder / "katas" / "03-labels-without-a-column" / "index.html")
    assert "labels - scores has shape (32, 32)" in labels


def test_which_error_where_shows_every_case_and_its_code(built) -> None:
    page = (built.folder / "which-error-where" / "index.html").read_text(encoding="utf-8")
    for case in CASES:
        assert f'id="{case.id}"' in page, case.id
    assert page.count("The code</summary>") == len(CASES)


def test_the_api_reference_documents_diagnosis_once_with_its_fields(built) -> None:
    page = (built.folder / "reference" / "index.html").read_text(encoding="utf-8")
    assert ":func:" not in page and ":class:" not in page
    assert page.count('id="ganerrors.explainers.diagnosis.Diagnosis"') == 1
    for field in ("category", "summary", "causes", "fix", "details", "where"):
        assert f'id="ganerrors.explainers.diagnosis.Diagnosis.{field}"' in page, field


def test_every_internal_link_and_anchor_resolves(built) -> None:
    pages = _pages(built.folder)
    broken = []
    for path, parser in pages.items():
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target_path = unquote(parts.path)
            if target_path.startswith(SITE_PATH):  # absolute, as in 404.html
                target = (built.folder / target_path[len(SITE_PATH) :]).resolve()
            else:
                target = (path.parent / target_path).resolve() if target_path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(built.folder)}: {href}")
            elif parts.fragment and target in pages and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(built.folder)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_a_committed_notebook_runs_under_nbmake_as_a_learner_would(
    tmp_path, short_training
) -> None:
    kata = course.load().katas[0]
    source = ROOT / notebooks.SOURCE_FOLDER / notebooks.filename(kata)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbmake", str(source)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        # every cell as a learner runs it, the training shortened as in the site build:
        # what is tested is that the committed notebook runs
        env={**short_training, **os.environ},
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
