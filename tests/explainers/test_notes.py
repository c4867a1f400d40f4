"""ganerrors.explained(): a note on recognised errors, nothing else changed."""

from __future__ import annotations

import traceback

import pytest

import ganerrors
from ganerrors.notes import explained

MESSAGE = "No gradients provided for any variable."


def fail(message=MESSAGE, kind=ValueError):
    raise kind(message)


def test_a_recognised_error_gets_the_explanation_as_a_note_and_is_reraised_unchanged():
    with pytest.raises(ValueError) as info:
        with explained():
            fail()
    exc = info.value
    assert type(exc) is ValueError and str(exc) == MESSAGE
    assert len(exc.__notes__) == 1
    assert exc.__notes__[0].startswith("ganerrors: No gradients (no-gradients)")
    assert traceback.extract_tb(exc.__traceback__)[-1].name == "fail"  # traceback kept


def test_python_prints_the_note_under_the_traceback():
    with pytest.raises(ValueError) as info:
        with explained():
            fail()
    printed = "".join(traceback.format_exception(info.value))
    assert printed.index("ValueError: No gradients") < printed.index("ganerrors: No gradients")


def test_works_as_a_decorator_with_and_without_parentheses():
    @explained
    def step_a():
        fail()

    @explained()
    def step_b():
        fail()

    for step in (step_a, step_b):
        with pytest.raises(ValueError) as info:
            step()
        assert len(info.value.__notes__) == 1
    assert step_a.__name__ == "step_a"


def test_nothing_raised_means_nothing_done_and_the_result_returned():
    @explained
    def add(a, b):
        return a + b

    assert add(2, 3) == 5
    with explained() as manager:
        value = 7
    assert value == 7 and manager is not None


def test_an_unrecognised_error_passes_without_a_note():
    with pytest.raises(KeyError) as info:
        with explained():
            fail("missing", KeyError)
    assert not hasattr(info.value, "__notes__")


def test_nested_explained_adds_the_note_once():
    @explained
    def step():
        with explained():
            fail()

    with pytest.raises(ValueError) as info:
        with explained():
            step()
    assert len(info.value.__notes__) == 1


def test_other_notes_are_kept():
    with pytest.raises(ValueError) as info:
        with explained():
            exc = ValueError(MESSAGE)
            exc.add_note("epoch 3, batch 17")
            raise exc
    assert info.value.__notes__[0] == "epoch 3, batch 17"
    assert info.value.__notes__[1].startswith("ganerrors:")


def test_keyboard_interrupt_is_left_alone():
    with pytest.raises(KeyboardInterrupt) as info:
        with explained():
            raise KeyboardInterrupt(MESSAGE)
    assert not hasattr(info.value, "__notes__")


def test_a_real_tensorflow_error_gets_the_note():
    from ganerrors._tf import import_tensorflow

    tf = import_tensorflow()
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        with explained():
            tf.ones((16, 1)) - tf.ones((32, 1))
    assert "Incompatible shapes: [16,1] vs. [32,1]" in str(info.value)
    assert info.value.__notes__[-1].startswith("ganerrors: Batch size (batch-size)")


def test_explained_is_exported_lazily_by_the_package():
    assert ganerrors.explained is explained


def test_decorating_something_that_is_not_a_function_is_a_clear_error():
    with pytest.raises(TypeError, match="takes a function"):
        explained(42)
