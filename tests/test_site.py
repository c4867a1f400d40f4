"""The built site: its notebooks run with nbmake, its links, its kata pages, its search index.

The notebooks are executed once, by nbmake; the build then takes them as they are
(GANERRORS_DOCS_EXECUTED), and the raises-exception check reads the same executed outputs.
"""

from __future__ import annotations

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
from ganerrors.categories import SITE_URL

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "docs" / "hooks"))

import docs_notebooks  # noqa: E402

pytestmark = pytest.mark.slow
SITE_PATH = urlsplit(SITE_URL).path.rstrip("/") + "/"  # where site_url puts the site


def _run(command: list[str], **env: str) -> None:
    done = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        timeout=600,
    )
    assert done.returncode == 0, (
        f"{' '.join(command)}\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}"
    )


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("notebooks")
    paths = docs_notebooks.write(course.load(), folder)
    _run([str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", "--nbmake", "--overwrite",
          *map(str, paths.values())])  # fmt: skip
    return paths


@pytest.fixture(scope="module")
def site(notebooks: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    folder_of_notebooks = next(iter(notebooks.values())).parent
    _run(
        [str(BIN / "mkdocs"), "build", "--strict", "-d", str(folder)],
        GANERRORS_DOCS_EXECUTED=str(folder_of_notebooks),
    )
    return folder


def test_each_failing_notebook_cell_raises_what_the_registry_claims(notebooks) -> None:
    for number, path in notebooks.items():
        found = docs_notebooks.errors(nbformat.read(path, as_version=4))
        assert found, f"kata {number}: no raises-exception cell"
        for claim, error in found:
            assert error is not None, (
                f"kata {number}: the cell tagged raises-exception raised nothing"
            )
            assert error.ename == claim["ename"], f"kata {number}"
            assert re.search(claim["evalue"], error.evalue), f"kata {number}: {error.evalue}"


def test_every_kata_in_the_registry_has_its_page_and_notebook(site, notebooks) -> None:
    for kata in course.load().katas:
        page = (site / "katas" / kata.name / "index.html").read_text(encoding="utf-8")
        assert kata.title in page
        if kata.number in notebooks:
            assert (site / "katas" / kata.name / f"{kata.name}.ipynb").is_file()
            assert "!!! failure" not in page and 'class="admonition failure"' in page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def test_every_internal_link_and_anchor_resolves(site) -> None:
    pages = {}
    for html_file in site.rglob("*.html"):
        parser = _Links()
        parser.feed(html_file.read_text(encoding="utf-8"))
        pages[html_file.resolve()] = parser
    broken = []
    for html_file, parser in pages.items():
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            path = unquote(parts.path)
            if path.startswith(SITE_PATH):  # absolute, as in 404.html
                target = (site / path[len(SITE_PATH) :]).resolve()
            else:
                target = (html_file.parent / path).resolve() if path else html_file
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{html_file.relative_to(site)}: {href}")
            elif parts.fragment and target in pages and parts.fragment not in pages[target].ids:
                broken.append(f"{html_file.relative_to(site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_the_search_index_holds_every_checklist_section(site) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    from ganerrors.categories import CATEGORIES

    assert {f"checklist/#{category}" for category in CATEGORIES} <= locations
