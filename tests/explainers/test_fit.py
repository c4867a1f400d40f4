"""The checklist's bugs made where most learners meet them, in `model.fit`, on Keras 3 and on
Keras 2: each raises on the installed TensorFlow, and its message, pasted alone, gets the
bug's category, with high confidence unless the message cannot say which side is wrong
(`fit_run.py` makes them, in a subprocess per Keras).

The catalogue's cases run a GAN's own `train_step`; `fit()` checks inputs and targets itself
first and words its errors its own way, and those are the messages of most public threads.
"""

from __future__ import annotations

import pytest

from ganerrors.explainers import explain

from .fit_run import FIT_BUGS, GUESSES, SILENT
from .test_keras2 import run_script

pytestmark = [pytest.mark.tensorflow, pytest.mark.slow]


@pytest.fixture(scope="module", params=["keras3", "keras2"])
def raised(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    legacy = request.param == "keras2"
    run = run_script("fit_run.py", tmp_path_factory.mktemp(request.param), legacy)
    assert run["keras"].startswith("2." if legacy else "3."), run["keras"]
    return {r["id"]: r["raised"] for r in run["records"]}


@pytest.mark.parametrize(("bug", "category", "what"), FIT_BUGS, ids=[b[0] for b in FIT_BUGS])
def test_a_fit_error_pasted_alone_gets_its_category(
    raised: dict, bug: str, category: str, what: str
) -> None:
    text = raised[bug]
    assert text is not None, f"{what}: fit() raised nothing"
    diagnosis = explain(text)
    assert diagnosis is not None, text
    confidence = "low" if bug in GUESSES else "high"
    assert (diagnosis.category, diagnosis.reader_confidence) == (category, confidence), text


@pytest.mark.parametrize("bug", SILENT)
def test_fit_lets_through(raised: dict, bug: str) -> None:
    assert raised[bug] is None, f"{SILENT[bug]} now raises: {raised[bug]}"
