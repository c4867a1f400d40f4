"""The site's error cases and checklist, without building the site."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from ganerrors.categories import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "hooks"))

import docs_cases  # noqa: E402


@pytest.fixture(scope="module")
def results() -> list:
    return docs_cases.run_all()


def test_every_case_raises_what_the_site_says_on_the_installed_tensorflow(results) -> None:
    problems = [problem for result in results for problem in result.disagreements()]
    assert not problems, "\n".join(problems)


def test_each_case_is_measured_in_eager_graph_and_unknown_batch_mode(results) -> None:
    for result in results:
        assert list(result.outcomes) == list(docs_cases.MODES), result.case.id


def test_the_key_line_of_a_graph_error_is_the_statement_not_the_traceback(results) -> None:
    by_id = {result.case.id: result for result in results}
    outcome = by_id["labels-for-a-fixed-batch"].outcomes["unknown batch"]
    assert "File " in outcome.message  # TensorFlow wrapped it in the traced code's traceback
    assert outcome.key_line.startswith("Incompatible shapes")


def test_checklist_sections_are_anchored_by_the_category_ids_in_order() -> None:
    text = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    anchors = re.findall(r"^## .+ \{ #([\w-]+) \}$", text, flags=re.M)
    assert anchors == list(CATEGORIES)


def test_every_checklist_section_shows_the_messages_of_a_case_of_its_category() -> None:
    text = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    shown = re.findall(r"<!-- ganerrors:messages ([\w-]+) -->", text)
    assert shown == list(CATEGORIES)
    assert {case.category for case in docs_cases.CASES} == set(CATEGORIES)


def test_the_site_is_published_where_the_category_links_point() -> None:
    from ganerrors.categories import SITE_URL

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: (\S+)$", config, flags=re.M).group(1) == SITE_URL + "/"
