"""Helpers the explainers share: reading shapes out of messages, and building a Diagnosis."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ganerrors.explainers.context import Context
from ganerrors.explainers.diagnosis import Diagnosis

#: An explainer reads one family of errors: (message, context) -> Diagnosis or None.
Explainer = Callable[[str, Context], "Diagnosis | None"]

Shape = tuple  # of int | None (None: unknown, written ?, None or -1)

#: A shape as TensorFlow and Keras print it: [16,1], (32, 1), (32,), (?, 1), [None 2 2 1].
SHAPE = r"[\[(][^\[\]()\n]{0,200}[\])]"

_DIM_SPLIT = re.compile(r"[,\s]+")

#: TensorFlow's kernel names for dtypes, as the eager errors print them.
DTYPE_NAMES = {
    "float": "float32",
    "double": "float64",
    "half": "float16",
    "int": "int32",
    "long": "int64",
}


def dtype_name(name: str) -> str:
    return DTYPE_NAMES.get(name, name)


def parse_shape(text: str | None) -> Shape | None:
    """`"(32, 1)"` -> (32, 1); `"[?,1]"` -> (None, 1); `"()"` -> (); unreadable -> None."""
    if text is None:
        return None
    inner = text.strip()[1:-1].strip()
    if not inner:
        return ()
    dims: list[int | None] = []
    for item in _DIM_SPLIT.split(inner):
        if not item:
            continue  # the trailing comma of (32,)
        if item in ("?", "None", "-1"):
            dims.append(None)
        elif item.isdigit() and len(item) < 19:
            dims.append(int(item))
        else:
            return None
    return tuple(dims)


def fmt(shape: Shape | None) -> str:
    """A shape the way Python prints a tuple: (32, 1), (32,), (None, 100)."""
    if shape is None:
        return "(unknown)"
    return repr(tuple(shape))


def differing_axes(a: Shape, b: Shape, broadcast: bool = False) -> list[int]:
    """Axes where two shapes of the same rank are known to differ (1 broadcasts if asked)."""
    axes = []
    for axis, (x, y) in enumerate(zip(a, b, strict=False)):
        if x is None or y is None or x == y:
            continue
        if broadcast and 1 in (x, y):
            continue
        axes.append(axis)
    return axes


def pair_category(labels: Shape, predictions: Shape, broadcast: bool = False) -> str | None:
    """Which checklist item a mismatch between two shapes that must agree points at.

    Different ranks: the target's shape ((32,) against (32, 1)). Only the first (batch) axis
    differs: the batch size. The last axis of a (batch, n) pair: the model's output shape.
    Image axes: the models' input/output shapes. Nothing known to differ: None.
    """
    if len(labels) != len(predictions):
        return "target-shape"
    axes = differing_axes(labels, predictions, broadcast)
    if not axes:
        return None
    if axes == [0]:
        return "batch-size"
    if 0 not in axes and (len(labels) <= 2 or axes == [len(labels) - 1]):
        return "output-shape"
    return "model-io-shape"


def diagnose(
    context: Context,
    category: str,
    summary: str,
    causes: Sequence[str] = (),
    fix: str = "",
    **details: object,
) -> Diagnosis:
    """A Diagnosis with the learner's own line (when known) and the values read."""
    frame = context.user_frame
    found = {k: str(v) for k, v in details.items() if v not in (None, "")}
    if context.op:
        found.setdefault("op", context.op)
    if context.layer:
        found.setdefault("layer", context.layer)
    return Diagnosis(
        category=category,
        summary=summary,
        causes=tuple(causes),
        fix=fix,
        details=found,
        where=str(frame) if frame else "",
    )
