"""Part two of the course, as issue 9 asks for it: what the registry, the READMEs and the
variants of katas 05 onwards promise. Reads files only; the author check runs the katas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ganerrors import course
from ganerrors.dev import variants

ROOT = Path(__file__).resolve().parents[2]
COURSE = course.load(ROOT / "katas")
PART_TWO = [kata for kata in COURSE.katas if kata.part == 2]
#: Issue 9: at least five katas, at least four of which make the learner see the error.
MIN_KATAS = 5
MIN_INVALID_ARGUMENT = 4
#: Variants per kata, each labelled by training it (its figures in `evidence`).
MIN_CORRECT, MIN_WRONG = 6, 8


def _readme(kata: course.Kata) -> str:
    return (COURSE.folder(kata) / course.README_FILE).read_text(encoding="utf-8")


def test_part_two_has_five_katas_and_four_of_them_show_an_invalid_argument_error() -> None:
    assert [p.number for p in COURSE.parts if p.number == 2] == [2]
    assert len(PART_TWO) >= MIN_KATAS
    shown = [k.number for k in PART_TWO if k.failure.type == "InvalidArgumentError"]
    assert len(shown) >= MIN_INVALID_ARGUMENT, shown
    for kata in PART_TWO:
        assert kata.failure.silent == (kata.failure.type == "GANCheckFailed"), kata.number


@pytest.mark.parametrize("kata", PART_TWO, ids=[k.number for k in PART_TWO])
def test_the_whole_truth_names_a_case_for_what_it_claims(kata: course.Kata) -> None:
    readme = _readme(kata)
    truth = readme.split("## The whole truth", 1)[-1]
    assert "## The whole truth" in readme and f"ganerrors hint {kata.number}" in readme
    # Every bullet that names an error TensorFlow raises points at the case that raises it.
    for bullet in re.split(r"\n- ", truth)[1:]:
        if re.search(r"`(InvalidArgumentError|ValueError|TypeError)`", bullet):
            assert "<!-- case: " in bullet, f"katas/{kata.number}/README.md: {bullet[:80]}"


@pytest.mark.parametrize("kata", PART_TWO, ids=[k.number for k in PART_TWO])
def test_each_kata_has_correct_and_wrong_variants_labelled_by_training(
    kata: course.Kata,
) -> None:
    declared = variants.load(ROOT / "solutions" / kata.number, kata.number)
    correct = [v for v in declared if v.expect == "pass"]
    wrong = [v for v in declared if v.expect == "fail"]
    assert len(correct) >= MIN_CORRECT and len(wrong) >= MIN_WRONG, kata.number
    unlabelled = [v.name for v in declared if not v.evidence.startswith("trained ")]
    assert not unlabelled, f"kata {kata.number}: no training figures for {unlabelled}"
