"""The catalogue of cases against the installed TensorFlow: every claim and fact holds.

This is where a TensorFlow upgrade that changes an error is noticed: the failure names the
case, the mode, and the kata README (or site page) that teaches the old behaviour.
"""

from __future__ import annotations

import re

import pytest

from ganerrors import categories, course
from ganerrors.cases import CASES, MODES, NOTHING, get
from ganerrors.cases.model import Outcome, key_line

pytestmark = pytest.mark.tensorflow


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_tensorflow_does_what_the_case_claims(catalogue, case) -> None:
    problems = catalogue[case.id].disagreements()
    assert not problems, "\n".join(problems)


def test_case_ids_are_unique_and_name_real_categories_katas_and_modes() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    numbers = {kata.number for kata in course.load().katas}
    for case in CASES:
        assert case.category in categories.CATEGORIES, case.id
        assert case.kata is None or case.kata in numbers, case.id
        assert case.claims and set(case.claims) <= set(MODES), case.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case.id)


def test_every_checklist_item_has_a_case_that_raises_and_every_claim_is_well_formed() -> None:
    raising = {c.category for c in CASES if any(v != NOTHING for v in c.claims.values())}
    assert raising == set(categories.CATEGORIES)
    for case in CASES:
        for claim in case.claims.values():
            if claim != NOTHING:
                kind, _, pattern = claim.partition(": ")
                assert re.fullmatch(r"[A-Z]\w+", kind) and pattern, (case.id, claim)
                re.compile(pattern)
        raised = [v for v in case.claims.values() if v != NOTHING]
        if any(not v.startswith("GANCheckFailed") for v in raised):
            assert case.explained, f"{case.id} raises, so it must say what explains it"
        elif raised:
            assert case.detail, f"{case.id}: a check's own failure is no row of the table"
        else:
            assert case.facts, f"{case.id} is silent, so it must say what it does instead"


def test_a_claim_that_tensorflow_contradicts_is_reported_naming_the_readme() -> None:
    case = get("two-scores-per-image")
    from ganerrors.cases.model import Result

    result = Result(case, {"eager": Outcome("eager", None, values={"loss": "0.7"})})
    [problem] = result.disagreements()
    assert "katas/01/README.md" in problem and "nothing raised" in problem


def test_the_key_line_of_a_graph_error_is_the_statement_not_the_traceback(catalogue) -> None:
    outcome = catalogue["labels-for-a-fixed-batch"].outcomes["unknown batch"]
    assert "File " in outcome.message  # TensorFlow wrapped it in the traced code's traceback
    assert outcome.key_line.startswith("Incompatible shapes")
    assert key_line("ValueError: plain") == "plain"


def test_the_key_line_of_a_check_numerics_error_names_the_op_and_the_values() -> None:
    message = (
        "Graph execution error:\n\nDetected at node gradient_tape/SqrtGrad/CheckNumericsV2 "
        'defined at (most recent call last):\n  File "x.py", line 1, in step\n\n'
        '!!! Detected Infinity or NaN in output 0 of graph op "SqrtGrad" (# of outputs: 1) !!!\n'
        "  dtype: <dtype: 'float32'>\n  shape: (32,)\n\n : Tensor had -Inf values\n"
        "\t [[{{node gradient_tape/SqrtGrad/CheckNumericsV2}}]] [Op:__inference_step_3452]"
    )
    assert key_line(message) == (
        'Detected Infinity or NaN in output 0 of graph op "SqrtGrad" (# of outputs: 1) '
        ": Tensor had -Inf values"
    )


def test_every_kata_readme_names_only_cases_that_exist() -> None:
    for kata in course.load().katas:
        readme = (course.load().folder(kata) / course.README_FILE).read_text(encoding="utf-8")
        for case_id in re.findall(r"<!-- case: ([\w-]+) -->", readme):
            assert get(case_id).kata == kata.number, (kata.number, case_id)


def test_eigens_kernel_gives_the_empty_convolution_that_the_case_names_first() -> None:
    """`image-smaller-than-the-kernel-tf-nn` allows two eager results: Eigen's empty one, and
    oneDNN's, where some CPUs return the input's shape holding leftover memory. This pins the
    first to Eigen's kernel, in a process where oneDNN is off, so that the case's text stays
    true when the suite runs on a CPU that takes the other path."""
    import os
    import subprocess
    import sys

    code = (
        "import tensorflow as tf\n"
        "r = tf.nn.conv2d(tf.ones((1, 2, 2, 1)), tf.ones((3, 3, 1, 4)), 1, 'VALID')\n"
        "print(tuple(r.shape))\n"
    )
    env = {**os.environ, "TF_ENABLE_ONEDNN_OPTS": "0", "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("(1, 0, 0, 4)"), done.stdout
