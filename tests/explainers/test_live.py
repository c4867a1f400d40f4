"""What the catalogue's own live tests (tests/cases/test_explained.py) do not check, on errors
the catalogue (ganerrors.cases) raises on the installed TensorFlow: the learner's own line in
`where`, a message pasted without Keras 3's backticks, plain Python errors left alone, the TF
functions the advice names, and explanations that keep the fix back until it is asked for.

No error is reproduced here: each test raises a catalogue case (`ganerrors.cases.get`,
the session's `catalogue` fixture, tests/conftest.py); a new error belongs in the catalogue.
"""

from __future__ import annotations

import pytest

from ganerrors.cases import CASES, NOTHING, get
from ganerrors.explainers import explain

pytestmark = pytest.mark.tensorflow

#: Cases whose message alone does not tell their cause: the traceback does (the exception
#: object, or a pasted traceback, is explained in tests/cases/test_explained.py).
NEEDS_THE_TRACEBACK = {
    "discriminator-gradients-for-the-generator": "the message is an op's shape clash; only "
    "the traceback shows it is inside apply_gradients",
    "images-only-batch-unpacked-as-pairs": "eager, the message is Python's own unpacking "
    "error; only the traceback's line shows that it unpacked the batch",
}
#: Cases whose reading is a guess by design (`tentative`), in the modes where it is: one
#: optimizer for two models is as much a misuse of the optimizer's API as a missing gradient;
#: the split kernel's message says that split sizes do not add up, not along which axis (the
#: traced ValueError says); a None that met an op is most often a gradient, but only the code
#: around it (the traceback) says so; a reshape into a shape of fixed sizes that the values do
#: not fill may be the model's sizes or a batch size written into the shape.
GUESSES = {
    "reshape-of-the-wrong-size": {"eager", "tf.function"},
    "gradient-penalty-without-watch": {"eager", "tf.function"},
    "one-optimizer-for-both-models": {"eager", "tf.function", "unknown batch"},
    "real-and-fake-scores-split-with-fixed-sizes": {"eager", "unknown batch"},
}


def confidence(case_id: str, mode: str) -> str:
    """The confidence a case's message gets, pasted alone, in `mode`."""
    return "low" if mode in GUESSES.get(case_id, ()) else "high"


RAISING = [
    (case, mode)
    for case in CASES
    for mode, claim in case.claims.items()
    if claim != NOTHING and not claim.startswith("GANCheckFailed")  # the checks' own words
]
RAISING_IDS = [(case.id, mode) for case, mode in RAISING]
#: what a learner who pastes only the message gets the same category for
PASTED_ALONE = [(case, mode) for case, mode in RAISING if case.id not in NEEDS_THE_TRACEBACK]


@pytest.fixture
def raised(catalogue):
    """raised(case_id, mode="eager"): the exception that mode of the case raised."""

    def raised(case_id: str, mode: str = "eager") -> BaseException:
        return catalogue[get(case_id).id].raised(mode)

    return raised


def test_explanation_points_at_the_learners_own_line(raised) -> None:
    # under an input signature the error is raised when the graph runs: the line is the one
    # TensorFlow names in the traced code, read from the learner's file
    diagnosis = explain(raised("squared-error-with-fixed-labels", "unknown batch"))
    assert diagnosis is not None
    assert "batch_size.py" in diagnosis.where
    assert "real_labels - model(images)" in diagnosis.where


@pytest.mark.parametrize(
    ("case", "mode"), PASTED_ALONE, ids=[f"{case.id}[{mode}]" for case, mode in PASTED_ALONE]
)
def test_a_real_error_pasted_without_backticks_gets_the_same_category(
    catalogue, case, mode
) -> None:
    exc = catalogue[case.id].raised(mode)
    diagnosis = explain(f"{type(exc).__name__}: {exc}".replace("`", ""))
    assert diagnosis is not None and diagnosis.category == case.category, str(exc)
    assert diagnosis.reader_confidence == confidence(case.id, mode)


def test_the_advice_to_enable_check_numerics_names_a_real_function(raised) -> None:
    from ganerrors._tf import import_tensorflow

    diagnosis = explain(raised("nan-in-the-loss"))
    assert diagnosis is not None
    assert "tf.debugging.enable_check_numerics()" in diagnosis.fix
    assert callable(import_tensorflow().debugging.enable_check_numerics)


def test_an_error_from_plain_python_is_not_recognised() -> None:
    for make_error in (lambda: {}["missing"], lambda: int("seven")):
        with pytest.raises(Exception) as info:
            make_error()
        assert explain(info.value) is None


def test_without_the_fix_the_first_katas_failures_name_the_problem_but_not_the_fix(raised) -> None:
    kata_01 = explain(raised("two-scores-per-image")).render(fix=False)  # a Dense(2) discriminator
    assert "(32, 2)" in kata_01 and "output-shape" in kata_01
    assert "Dense(1)" not in kata_01 and "Fix:" not in kata_01
    kata_02 = explain(raised("integer-pixels")).render(fix=False)  # an int cast
    assert "no-gradients" in kata_02 and "Fix:" not in kata_02
    assert "Keep it float32" not in kata_02 and "float32 TensorFlow ops" not in kata_02


def test_every_exception_to_pasting_alone_names_a_raising_case() -> None:
    raising = {case.id for case, _ in RAISING}
    assert set(NEEDS_THE_TRACEBACK) <= raising and set(GUESSES) <= raising
    raising_modes = set(RAISING_IDS)
    assert {(case, mode) for case, modes in GUESSES.items() for mode in modes} <= raising_modes
