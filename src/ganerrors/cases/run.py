"""Run cases on the installed TensorFlow, each mode with freshly built models."""

from __future__ import annotations

from typing import Any

import numpy as np

from ganerrors._tf import import_tensorflow
from ganerrors.cases.model import BATCH, IMAGE_SHAPE, Case, Outcome, Result


def describe(value: Any) -> dict[str, str]:
    """What a step returned, as short text: numbers to 4 digits, tensors by their shape."""
    if isinstance(value, dict):
        return {str(name): _describe_one(item) for name, item in value.items()}
    if value is None:
        return {}
    return {"value": _describe_one(value)}


def _describe_one(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, str):
        return value
    array = np.asarray(value)
    if array.ndim == 0:
        item = array.item()
        if array.dtype.kind == "f":
            return f"{item:.4g}"
        return str(item)
    return f"shape {tuple(array.shape)}"


def images(batch: int = BATCH) -> Any:
    """The batch every case is fed: `batch` 8x8 images of one bright bar, float32 in [-1, 1]."""
    from ganerrors.datasets import bars

    return import_tensorflow().constant(bars(batch, size=IMAGE_SHAPE[0]))


def run_case(case: Case, batch: Any | None = None) -> Result:
    """Run `case` in every mode it makes a claim about; record what TensorFlow did."""
    batch = images() if batch is None else batch
    outcomes: dict[str, Outcome] = {}
    exceptions: dict[str, BaseException] = {}
    for mode in case.modes:
        try:
            value = None
            step = _prepare(case, mode)
            for size in case.batches:
                value = step(batch[:size])
        except Exception as exc:  # the point: record whatever TensorFlow raises
            outcomes[mode] = Outcome(mode, type(exc).__name__, _safe_str(exc))
            exceptions[mode] = exc
        else:
            outcomes[mode] = Outcome(mode, None, values=describe(value))
    return Result(case, outcomes, exceptions)


def _prepare(case: Case, mode: str) -> Any:
    """The case's step for `mode`, with freshly built models and every RNG seeded."""
    tf = import_tensorflow()
    tf.keras.utils.set_random_seed(0)
    step = case.make()
    if mode == "tf.function":
        return tf.function(step)
    if mode == "unknown batch":
        return tf.function(step, input_signature=[tf.TensorSpec([None, *IMAGE_SHAPE], tf.float32)])
    return step


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:
        return f"<{type(exc).__name__} whose message could not be read>"
