"""The checklist's bugs made where most learners meet them, in `model.fit`, on Keras 3 and on
Keras 2: each raises on the installed TensorFlow, and its message, pasted alone, gets the
bug's category, with high confidence unless the message cannot say which side is wrong
(`fit_run.py` makes them, in a subprocess per Keras).

The catalogue's cases run a GAN's own `train_step`; `fit()` checks inputs and targets itself
first and words its errors its own way, and those are the messages of most public threads.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ganerrors.explainers import explain

from .fit_run import FIT_BUGS, GUESSES, SILENT

pytestmark = [pytest.mark.tensorflow, pytest.mark.slow]


def _run(tmp_path: Path, legacy: bool) -> dict:
    out = tmp_path / "raised.json"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    if legacy:
        env["TF_USE_LEGACY_KERAS"] = "1"
    script = Path(__file__).with_name("fit_run.py")
    done = subprocess.run(
        [sys.executable, str(script), str(out)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["keras3", "keras2"])
def raised(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    legacy = request.param == "keras2"
    if legacy and importlib.util.find_spec("tf_keras") is None:
        pytest.skip('tf_keras is not installed: pip install -e ".[dev]" installs it')
    run = _run(tmp_path_factory.mktemp(request.param), legacy)
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
    assert (diagnosis.category, diagnosis.confidence) == (category, confidence), text


@pytest.mark.parametrize("bug", SILENT)
def test_fit_lets_through(raised: dict, bug: str) -> None:
    assert raised[bug] is None, f"{SILENT[bug]} now raises: {raised[bug]}"
