"""The author check: `ganerrors dev check` on the shipped course.

Every kata fails as shipped with the error or symptom the registry documents, on the installed
TensorFlow; every solution passes the same checker; every variant in solutions/NN/variants.toml
(another correct fix, or a "fix" that hides the bug) passes or fails as declared; the registry
and the folders agree. The runs happen once per test session, in pytest subprocesses.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ganerrors import course
from ganerrors.dev import variants
from ganerrors.dev.check import CheckReport, check

pytestmark = [pytest.mark.slow, pytest.mark.tensorflow]

ROOT = Path(__file__).resolve().parents[2]
COURSE = course.load(ROOT / "katas")
SUBJECTS = [f"kata {k.number}" for k in COURSE.katas] + [
    f"solution {k.number}" for k in COURSE.katas
]
VARIANTS = [
    f"variant {v.id}"
    for k in COURSE.katas
    for v in variants.load(ROOT / "solutions" / k.number, k.number)
]


@pytest.fixture(scope="session")
def author_check() -> CheckReport:
    return check(ROOT)


def _finding(report: CheckReport, subject: str):
    found = [f for f in report.findings if f.subject == subject]
    assert found, f"dev check said nothing about {subject}:\n{report.render()}"
    return found


@pytest.mark.parametrize("subject", SUBJECTS + VARIANTS)
def test_each_kata_solution_and_variant_behaves_as_registered(author_check, subject) -> None:
    for finding in _finding(author_check, subject):
        assert finding.ok, finding.message


def test_the_course_is_ready_and_nothing_else_was_found_wrong(author_check) -> None:
    assert author_check.ok, author_check.render()


def test_learners_see_no_tensorflow_log_noise(author_check) -> None:
    [finding] = _finding(author_check, "terminal")
    assert finding.ok, finding.message


def test_every_kata_has_at_least_one_variant_of_each_kind() -> None:
    for kata in COURSE.katas:
        declared = variants.load(ROOT / "solutions" / kata.number, kata.number)
        assert {v.expect for v in declared} == {"pass", "fail"}, kata.number


@pytest.mark.parametrize("kata", COURSE.katas, ids=[k.number for k in COURSE.katas])
def test_every_kata_has_six_correct_and_eight_wrong_variants_labelled_by_training(kata) -> None:
    declared = variants.load(ROOT / "solutions" / kata.number, kata.number)
    correct = [v for v in declared if v.expect == "pass"]
    wrong = [v for v in declared if v.expect == "fail"]
    assert len(correct) >= 6 and len(wrong) >= 8, (kata.number, len(correct), len(wrong))
    for variant in declared:
        # benchmarks/label_variants.py --write puts the training figures there
        assert variant.evidence.startswith("trained "), variant.id
        if variant.expect == "pass":
            assert "; correct (" in variant.evidence, (variant.id, variant.evidence)
        else:  # wrong by its figures, or (a few, named in the script) by the kata's contract
            assert re.search(r"; wrong \(|wrong by the contract", variant.evidence), variant.id
