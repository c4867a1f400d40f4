"""Numerical stability: NaN and Inf found by tf.debugging.check_numerics."""

from __future__ import annotations

import re

from ganerrors.explainers.common import diagnose
from ganerrors.explainers.context import Context
from ganerrors.explainers.diagnosis import Diagnosis

# "discriminator loss : Tensor had NaN values" (also "Inf values", "Inf and NaN values")
CHECK_NUMERICS = re.compile(
    r"(?:(?:^|[}\]\n>,:]\s?)(?P<label>[^\n{}\[\]<>:]{0,200}?)\s?: )?"
    r"Tensor had (?P<what>[-+]?Inf and NaN|NaN|[-+]?Inf) values"
)


def check_numerics(message: str, context: Context) -> Diagnosis | None:
    match = CHECK_NUMERICS.search(message)
    if match is None:
        return None
    what = match.group("what")
    label = (match.group("label") or "").strip(" ,")
    named = f" in the tensor checked as {label!r}" if label else ""
    return diagnose(
        context,
        "numerics",
        f"`tf.debugging.check_numerics` found {what} values{named}. A NaN spreads to every "
        "value computed from it, so the losses and then the weights of both models go bad.",
        causes=(
            "A hand-written loss takes `tf.math.log` of a score that can be 0 or negative "
            "(log(0) is -Inf, log of a negative number is NaN), or divides by something "
            "that can be 0. Use `keras.losses.BinaryCrossentropy(from_logits=True)` on raw "
            "discriminator scores instead of your own log.",
            "The losses grew until they overflowed (Inf), then became NaN: a learning rate "
            "too high for GAN training, or inputs that were never scaled.",
            "NaN already in the data: check `tf.reduce_any(tf.math.is_nan(images))` on a batch.",
        ),
        fix="Find the first tensor that goes bad: call `tf.debugging.enable_check_numerics()` "
        "before training to stop at the first op that makes a NaN or Inf, then fix that op's "
        "inputs.",
        what=what,
        tensor=label,
    )


EXPLAINERS = (check_numerics,)
