"""Readers of numerical errors: NaN and Inf found by check_numerics, by a TensorBoard summary,
or by Keras' TerminateOnNaN."""

from __future__ import annotations

import re

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import Finding, NonFinite
from ganerrors.explainers.parsing import anchored

# "discriminator loss : Tensor had NaN values" (also "Inf values", "Inf and NaN values");
# the label before it is read by `_label_before`, not by the pattern.
CHECK_NUMERICS = re.compile(r"Tensor had (?P<what>[-+]?Inf and NaN|NaN|[-+]?Inf) values")
# TF 1.x summaries: "Nan in summary histogram for: discriminator/dense/kernel_0"
SUMMARY = re.compile(r"(?P<what>Nan|Inf) in summary histogram for:? ?(?P<label>[^\s]{0,300})")
# Keras TerminateOnNaN: "Batch 3: Invalid loss, terminating training"
TERMINATE = re.compile(r"Batch \d{1,12}: Invalid loss, terminating training")
_LABEL_STOPS = "\n{}[]<>:"


def _label_before(text: str, at: int) -> str:
    """The name a check_numerics call gave: "discriminator loss : Tensor had NaN values"."""
    before = text[max(0, at - 250) : at].rstrip()
    if not before.endswith(":"):
        return ""
    before = before[:-1]
    cut = max(before.rfind(stop) for stop in _LABEL_STOPS)
    return before[cut + 1 :].strip(" ,")


def check_numerics(text: str, context: Context) -> Finding | None:
    for match in anchored(CHECK_NUMERICS, text, "Tensor had ", after=40):
        return NonFinite(match.group("what"), _label_before(text, match.start()))
    return None


def summary(text: str, context: Context) -> Finding | None:
    for match in anchored(SUMMARY, text, " in summary histogram", before=3, after=340):
        return NonFinite(
            "NaN" if match.group("what") == "Nan" else "Inf", match.group("label"), "summary"
        )
    return None


def terminate_on_nan(text: str, context: Context) -> Finding | None:
    for _ in anchored(TERMINATE, text, "Invalid loss, terminating training", before=30):
        return NonFinite("NaN or Inf", "the loss", "loss")
    return None


READERS = (check_numerics, summary, terminate_on_nan)
