"""The same bugs on Keras 2: every raising case of the catalogue, run with tf_keras.

TensorFlow 2.16+ still runs Keras 2 when TF_USE_LEGACY_KERAS=1 and tf_keras (the release
that matches TensorFlow) is installed; tf.keras 2.x is also what most TF 2 era threads use.
Its errors are worded differently (no backticks, its own losses and input checks), so each
case run there is a real message the explainer was not written from. Each must get the case's
category, pasted alone (like a learner copying it from a thread), and as the exception object.

The cases run in one subprocess (`keras2_run.py`, about 12 s): the Keras version is chosen
when TensorFlow is first imported.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ganerrors.cases import CASES, NOTHING
from ganerrors.explainers import explain

from .test_live import NEEDS_THE_TRACEBACK, RAISING, confidence

pytestmark = [pytest.mark.tensorflow, pytest.mark.slow]

#: A case built with an argument that only Keras 3 knows (LeakyReLU's `negative_slope`, Keras 2
#: says `alpha`): on Keras 2 it fails before it reaches its bug.
KERAS3_ONLY = "Keyword argument not understood"


def run_script(name: str, folder: Path, legacy: bool) -> dict:
    """Run `name` (a script beside this file, given the path of the JSON to write) in a
    subprocess: on Keras 2 with `legacy` (TF_USE_LEGACY_KERAS=1, skipped where tf_keras is
    not installed), else on Keras 3; and return what it wrote."""
    if legacy and importlib.util.find_spec("tf_keras") is None:
        pytest.skip('tf_keras is not installed: pip install -e ".[dev]" installs it')
    out = folder / "raised.json"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    if legacy:
        env["TF_USE_LEGACY_KERAS"] = "1"
    script = Path(__file__).with_name(name)
    done = subprocess.run(
        [sys.executable, str(script), str(out)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def keras2(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_script("keras2_run.py", tmp_path_factory.mktemp("keras2"), legacy=True)


def test_the_cases_ran_on_keras_2(keras2: dict) -> None:
    assert keras2["keras"].startswith("2.")
    raised = [r for r in keras2["records"] if r["raised"]]
    # most bugs raise on Keras 2 too: a run in which few did is not a run of the catalogue
    assert len(raised) >= len(RAISING) * 2 // 3, f"{len(raised)} of {len(RAISING)} raised"


def test_each_bug_raised_on_keras_2_gets_its_category(keras2: dict) -> None:
    records = {(r["case"], r["mode"]): r for r in keras2["records"]}
    wrong = []
    for case, mode in RAISING:
        record = records[(case.id, mode)]
        if not record["raised"] or KERAS3_ONLY in record["message"]:
            continue  # silent on Keras 2, or not buildable there
        # as in test_live: the exception object gets the category; the message pasted alone
        # gets it with the confidence of a reader of its exact family (unless it cannot)
        expected = {"object": (case.category,)}
        answers = {"object": (record["category"],)}
        if case.id not in NEEDS_THE_TRACEBACK:
            pasted = explain(f"{record['raised']}: {record['message']}")
            expected["pasted"] = (case.category, confidence(case.id, mode))
            answers["pasted"] = (
                (pasted.category, pasted.reader_confidence) if pasted else (None, None)
            )
        for how, answer in answers.items():
            if answer != expected[how]:
                wrong.append(
                    f"{case.id} [{mode}], {how}: {answer}, not {expected[how]}, "
                    f"for {record['raised']}: {record['message'][:400]}"
                )
    assert not wrong, "\n".join(wrong)


def test_a_bug_silent_on_keras_3_that_raises_on_keras_2_gets_its_category(keras2: dict) -> None:
    # e.g. a class label beyond CategoryEncoding's num_tokens: a row of zeros on Keras 3, an
    # InvalidArgumentError on Keras 2
    cases = {case.id: case for case in CASES}
    wrong, raised = [], 0
    for record in keras2["records"]:
        case = cases[record["case"]]
        if case.claims[record["mode"]] != NOTHING or not record["raised"]:
            continue
        if KERAS3_ONLY in record["message"]:
            continue
        raised += 1
        pasted = explain(f"{record['raised']}: {record['message']}")
        if pasted is None or pasted.category != case.category:
            got = pasted.category if pasted else None
            wrong.append(f"{case.id} [{record['mode']}]: {got}, not {case.category!r}")
    assert raised, "no bug that is silent on Keras 3 raised on Keras 2"
    assert not wrong, "\n".join(wrong)
