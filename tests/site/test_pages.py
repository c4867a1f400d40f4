"""The Markdown the site renders, from results made up here: no TensorFlow, no build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ganerrors import course
from ganerrors.cases import CASES, Outcome, Result, get
from ganerrors.categories import CATEGORIES, SITE_URL
from ganerrors.site import pages, urls, why
from ganerrors.site.config import SiteConfig
from ganerrors.site.tidy import Tidy

ROOT = Path(__file__).resolve().parents[2]


def _result(case_id: str, **outcomes: Outcome) -> Result:
    return Result(get(case_id), dict(outcomes))


def _context(*results: Result) -> pages.Context:
    return pages.Context(course.load(), list(results), {}, Tidy(ROOT), "TensorFlow X, Keras Y")


# -- what the hand-written pages rely on -----------------------------------------------------


def test_checklist_sections_are_anchored_by_the_category_ids_in_order() -> None:
    text = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    anchors = re.findall(r"^## .+ \{ #([\w-]+) \}$", text, flags=re.M)
    assert anchors == list(CATEGORIES)


def test_every_checklist_section_shows_the_messages_of_a_case_of_its_category() -> None:
    text = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    shown = re.findall(r"<!-- ganerrors:messages ([\w-]+) -->", text)
    assert shown == list(CATEGORIES)
    assert {case.category for case in CASES if not case.detail} == set(CATEGORIES)


def test_the_site_is_published_where_the_category_links_point() -> None:
    assert SiteConfig.read(ROOT).site_url == SITE_URL + "/"


def test_colab_opens_the_committed_notebook_from_the_repository_of_mkdocs_yml() -> None:
    config = SiteConfig.read(ROOT)
    kata = course.load().katas[0]
    assert pages.colab(kata, config) == (
        "https://colab.research.google.com/github/ganerrors/ganerrors/blob/main/"
        f"docs/katas/notebooks/{kata.name}.ipynb"
    )


# -- messages keep every character -----------------------------------------------------------


def test_a_message_in_a_table_keeps_its_backticks_brackets_and_underscores() -> None:
    message = "Arguments `target` and `output` | [Op:Sub] __inference_f_N *x*"
    cell = pages.code(message)
    assert "`" not in cell and "|" not in cell and "[" not in cell and "_" not in cell
    import html

    assert html.unescape(cell) == f"<code>{message}</code>"


def test_a_table_cell_is_one_line_however_long_the_message() -> None:
    outcome = Outcome("eager", "ValueError", "\x1b[1mline one\nline two " + "x" * 300 + "\x1b[0m")
    cell = pages._cell(outcome, Tidy(ROOT))
    assert "\n" not in cell and "x" * 300 in cell  # nothing is cut: the page wraps it


def test_which_error_where_shows_each_cases_code_and_leaves_detail_cases_out_of_the_table() -> None:
    eager = Outcome("eager", None, values={"labels - scores": "shape (32, 32)"})
    main = _result("labels-without-a-column-squared-error", eager=eager)
    detail = _result("labels-without-a-column-perfect-verdict", eager=eager)
    markdown = pages.marker_which_error_where(_context(main, detail), "which-error-where.md", None)
    table = markdown.split("</div>")[0]
    assert main.case.title in table and detail.case.title not in table
    assert markdown.count('??? example "The code"') == 2
    assert "def labels_without_a_column_squared_error" in markdown


# -- claims in prose are checked -------------------------------------------------------------


def test_a_claim_in_prose_that_tensorflow_contradicts_fails_the_page() -> None:
    measured = _result("two-scores-per-image", eager=Outcome("eager", None))
    context = _context(measured)
    assert pages.marker_raises(context, "index.md", "two-scores-per-image nothing") == ""
    with pytest.raises(ValueError, match="TensorFlow gives"):
        pages.marker_raises(context, "index.md", "two-scores-per-image ValueError")


def test_every_why_text_fills_in_with_what_its_cases_measured(tmp_path: Path) -> None:
    value = Outcome("eager", None, values={"labels - scores": "shape (32, 32)"})
    results = {
        "labels-without-a-column-squared-error": _result(
            "labels-without-a-column-squared-error", eager=value
        )
    }
    text = why.render(
        "has {{ labels-without-a-column-squared-error / labels - scores }}", results, None, "x"
    )
    assert text == "has shape (32, 32)"
    with pytest.raises(ValueError, match="returned labels - scores"):
        why.render("{{ labels-without-a-column-squared-error / loss }}", results, None, "x")
    with pytest.raises(ValueError, match="no case"):
        why.render("{{ no-such-case / loss }}", results, None, "x")


def test_every_kata_has_a_why_text_whose_placeholders_name_real_cases() -> None:
    ids = {case.id for case in CASES}
    for kata in course.load().katas:
        text = why.path(ROOT, kata.number).read_text(encoding="utf-8")
        named = re.findall(r"\{\{\s*([\w-]+)\s*(?:@[^/}]*)?/", text)
        assert named, f"{kata.number}: the Why text shows no measured value"
        assert set(named) - {"kata"} <= ids, kata.number


def test_a_why_placeholder_can_name_the_mode_its_value_was_measured_in() -> None:
    eager = Outcome("eager", "InvalidArgumentError", "Incompatible shapes: [16,1] vs. [32,1]")
    traced = Outcome("tf.function", "TypeError", "types [uint8, float32] in 'dense_55'")
    results = {"float64-real-images": _result("float64-real-images", eager=eager)}
    results["float64-real-images"].outcomes["tf.function"] = traced
    template = (
        "`{{ float64-real-images / error }}`, `{{ float64-real-images @ tf.function / error }}`"
    )
    text = why.render(template, results, None, "x", Tidy(ROOT))
    assert text == (
        "`InvalidArgumentError: Incompatible shapes: [16,1] vs. [32,1]`, "
        "`TypeError: types [uint8, float32] in 'dense_N'`"
    )
    with pytest.raises(ValueError, match="measured in eager, tf.function"):
        why.render("{{ float64-real-images @ unknown batch / error }}", results, None, "x")


def test_every_kata_page_says_its_part_and_the_index_groups_the_katas_by_part() -> None:
    katas = course.load()
    index = pages.katas_index(katas)
    assert [p.number for p in katas.parts] == [1, 2]
    for part, members in pages.parts(katas):
        heading = f"## {pages.part_title(part)} {{ #{pages.part_anchor(part)} }}"
        assert heading in index
        section = index.split(heading)[1].split("\n## ")[0]
        assert [k.number for k in members] == re.findall(r"^\| \[(\d\d)\]", section, re.M)
    assert sum(len(members) for _, members in pages.parts(katas)) == len(katas.katas)
    times = pages.marker_kata_times(_context(), "instructors.md", None)
    for part, members in pages.parts(katas):
        assert (
            f"| **{pages.part_title(part)}** | | **{sum(k.minutes for k in members)}** |" in times
        )


def test_a_title_in_a_sentence_keeps_its_acronyms() -> None:
    assert pages.in_sentence("The last batch") == "the last batch"
    assert pages.in_sentence("NaN from the gradient penalty") == "NaN from the gradient penalty"


def test_the_katas_raising_a_type_are_the_ones_whose_notebook_raised_it(tmp_path: Path) -> None:
    import nbformat

    from ganerrors.site.notebooks import Executed

    def executed(number: str, ename: str) -> Executed:
        output = nbformat.v4.new_output("error", ename=ename, evalue="x", traceback=[])
        cell = nbformat.v4.new_code_cell(outputs=[output], metadata={"tags": ["raises-exception"]})
        return Executed(tmp_path / f"{number}.ipynb", nbformat.v4.new_notebook(cells=[cell]))

    books = {"01": executed("01", "ValueError"), "05": executed("05", "InvalidArgumentError")}
    context = pages.Context(course.load(), [], books, Tidy(ROOT), "TensorFlow X, Keras Y")
    text = pages.marker_katas_raising(context, "index.md", "InvalidArgumentError")
    assert text == "[the last batch (kata 05)](katas/05-the-last-batch.md)"
    with pytest.raises(ValueError, match="no kata's notebook raised"):
        pages.marker_katas_raising(context, "index.md", "TypeError")


# -- one URL, one source ---------------------------------------------------------------------


class _File:
    def __init__(self, src_uri: str, url: str, page: bool = True) -> None:
        self.src_uri, self.url, self.page = src_uri, url, page
        self.dest_uri = url + "index.html" if page else url

    def is_documentation_page(self) -> bool:
        return self.page


def test_two_source_files_that_build_to_one_url_are_reported() -> None:
    files = [
        _File("katas/01-x.md", "katas/01-x/"),
        _File("katas/01-x.ipynb", "katas/01-x/"),
        _File("katas/notebooks/01-x.ipynb", "katas/notebooks/01-x/"),
        _File("katas/01-x.png", "katas/01-x.png", page=False),
    ]
    found = urls.conflicts(files)
    assert any("katas/01-x.ipynb and katas/01-x.md" in line for line in found)
    assert not any("notebooks" in line or ".png" in line for line in found)


def test_links_are_relative_to_the_page_they_are_written_for() -> None:
    assert pages.link("katas/01-x.md", "checklist.md#dtype") == "../checklist.md#dtype"
    assert pages.link("index.md", "katas/01-x.md") == "katas/01-x.md"
    assert pages.url_link("katas/notebooks/01-x.ipynb", "katas/01-x.md") == "../../01-x/"


def test_a_message_placed_as_inline_code_keeps_its_backticks() -> None:
    message = "Arguments `target` and `output` must have the same rank"
    outcome = Outcome("eager", "ValueError", message)
    results = {
        "labels-without-a-column-function": _result(
            "labels-without-a-column-function", eager=outcome
        )
    }
    text = why.render(
        "raises `{{ labels-without-a-column-function / error }}`.", results, None, "x"
    )
    assert text == f"raises `` ValueError: {message} ``."


# -- the explainer's score, measured from the corpus -----------------------------------------


def test_the_explainer_score_is_the_held_out_halfs_measured_score() -> None:
    from ganerrors.site import explainer_score

    score = explainer_score.measure(ROOT)
    corpus = explainer_score.corpus_module(ROOT)
    held_out = corpus.split(corpus.load())["heldout"]
    expected = corpus.score(held_out)
    assert score.messages == len(held_out) > 0
    assert (score.overall.right, score.overall.total) == (
        expected.overall.right,
        expected.overall.total,
    )
    assert set(score.eras) == set(expected.eras)
    page = "tools.md"
    context = pages.Context(
        course.load(), [], {}, Tidy(ROOT), "TensorFlow X, Keras Y", (score, "https://x/corpus")
    )
    text = pages.render_markers("<!-- ganerrors:explainer-score -->", page, context)
    assert f"{expected.overall.right} of {expected.overall.total}" in text
    assert "[corpus](https://x/corpus)" in text
    for era in expected.eras:
        assert f"{expected.eras[era].right} of {expected.eras[era].total}" in text
    batches = corpus.blind_batches()
    assert score.blind is not None and score.blind.batches == len(batches) > 0
    blind_right = sum(b.right for b in batches)
    blind_total = sum(b.total for b in batches)
    assert f"{blind_right} of {blind_total}" in text


def test_the_explainer_score_marker_needs_a_measured_score() -> None:
    with pytest.raises(ValueError, match="not measured"):
        pages.render_markers("<!-- ganerrors:explainer-score -->", "tools.md", _context())
