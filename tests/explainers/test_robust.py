"""The explainer never raises, whatever it is given, and bounds its work on huge input."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from ganerrors.categories import CATEGORIES
from ganerrors.explainers import Diagnosis, explain
from ganerrors.explainers.context import HEAD, TAIL, Context

KNOWN = "Incompatible shapes: [16,1] vs. [32,1]"


def is_answer(result: object) -> bool:
    return result is None or (isinstance(result, Diagnosis) and result.category in CATEGORIES)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gets_a_diagnosis_or_none(text):
    assert is_answer(explain(text))


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_any_bytes_get_a_diagnosis_or_none(data):
    assert is_answer(explain(data))


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text())
def test_a_known_message_inside_any_text_is_still_recognised(before, after):
    diagnosis = explain(before + "\n" + KNOWN + "\n" + after)
    assert diagnosis is not None and diagnosis.category in CATEGORIES


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([ValueError, TypeError, RuntimeError, KeyError, Exception]), st.text())
def test_any_exception_gets_a_diagnosis_or_none(kind, text):
    assert is_answer(explain(kind(text)))


def test_anything_else_is_not_recognised():
    for thing in (None, 42, 3.5, [KNOWN], {"message": KNOWN}, object(), ValueError):
        assert explain(thing) is None


def test_an_exception_whose_str_raises_is_not_a_problem():
    class Broken(ValueError):
        def __str__(self):
            raise RuntimeError("broken __str__")

    assert explain(Broken()) is None


def test_an_exception_whose_causes_form_a_cycle_is_not_a_problem():
    first, second = ValueError("a"), ValueError(KNOWN)
    first.__context__, second.__context__ = second, first
    assert explain(first).category == "batch-size"


def test_notes_that_are_not_text_are_ignored():
    exc = ValueError(KNOWN)
    exc.__notes__ = [None, 3, b"bytes"]
    assert explain(exc).category == "batch-size"


def test_a_message_in_a_note_is_read():
    exc = RuntimeError("step failed")
    exc.add_note(KNOWN)
    assert explain(exc).category == "batch-size"


def test_huge_input_is_cut_to_its_head_and_tail():
    text = "x" * 10_000_000 + "\n" + KNOWN
    context = Context.of(text)
    assert len(context.message) <= HEAD + TAIL
    assert explain(text).category == "batch-size"
    assert explain(text.encode()).category == "batch-size"


def test_a_traceback_from_another_library_is_not_recognised():
    traceback = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 3, in <module>\n'
        "    model(x)\n"
        '  File "/usr/lib/python3/site-packages/torch/nn/modules/module.py", line 1051\n'
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied (32x784 and 100x256)\n"
    )
    assert explain(traceback) is None


def test_importing_the_explainer_does_not_import_tensorflow():
    code = (
        "import sys, ganerrors.explainers, ganerrors.notes;"
        "ganerrors.explainers.explain('Incompatible shapes: [16,1] vs. [32,1]');"
        "print(sorted(m for m in ('tensorflow', 'keras', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
