"""The built site in headless Chromium at 1280 px and 390 px: nothing cut off.

The pictures go to $GANERRORS_SCREENSHOTS (CI keeps that folder as an artifact), else to a
temporary folder. Without Debian's chromium and chromium-driver the test skips and says so.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ganerrors import course
from ganerrors.site import screenshots

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shots(built, tmp_path_factory: pytest.TempPathFactory) -> list[screenshots.Shot]:
    if screenshots.find_browser() is None:
        pytest.skip("no headless browser: `apt-get install chromium chromium-driver` (Debian)")
    pytest.importorskip("selenium", reason="selenium is in the dev extras")
    given = os.environ.get("GANERRORS_SCREENSHOTS")
    out = Path(given) if given else tmp_path_factory.mktemp("screenshots")
    return screenshots.take(built.folder, out, screenshots.default_pages(course.load()))


def test_every_page_is_shot_at_both_widths(shots) -> None:
    taken = {(shot.page.name, shot.width) for shot in shots}
    for name in ("home", "kata", "notebook", "which-error-where"):
        assert {(name, width) for width in screenshots.WIDTHS} <= taken
    assert all(path.stat().st_size > 10_000 for shot in shots for path in shot.files)


def test_no_content_box_overflows_and_the_home_page_names_the_error_first(shots) -> None:
    problems = [f"{shot.label}: {problem}" for shot in shots for problem in shot.problems]
    assert not problems, "\n".join(problems)


def test_the_checklist_sheet_prints_on_one_sheet_of_paper(shots, built) -> None:
    assert screenshots.printed_sheets(built.folder, screenshots.SHEET) == 1
