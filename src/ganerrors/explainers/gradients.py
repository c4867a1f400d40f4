"""No gradients: the optimizer got None for every variable."""

from __future__ import annotations

import re

from ganerrors.explainers.common import diagnose
from ganerrors.explainers.context import Context
from ganerrors.explainers.diagnosis import Diagnosis

# Keras 3: "No gradients provided for any variable."
# TF 1.x / Keras 2: "No gradients provided for any variable: ['dense/kernel:0', ...]"
NO_GRADIENTS = re.compile(
    r"No gradients provided for any variable(?::\s*\[(?P<variables>[^\]\n]{0,2000})\]?)?"
)
_VARIABLE = re.compile(r"""['"](?:<tf\.Variable ')?(?P<name>[\w/.:-]{1,200})""")


def no_gradients(message: str, context: Context) -> Diagnosis | None:
    match = NO_GRADIENTS.search(message)
    if match is None:
        return None
    names = [m.group("name") for m in _VARIABLE.finditer(match.group("variables") or "")]
    which = f" (the first is {names[0]}, of {len(names)})" if names else ""
    return diagnose(
        context,
        "no-gradients",
        "The optimizer received no gradient for any of the variables it was given"
        f"{which}: `tape.gradient` returned None for all of them, so nothing connects "
        "the loss to those weights.",
        causes=(
            "An integer cast on the way to the loss: a generator that ends in "
            "`tf.cast(..., tf.int32)` or uint8 pixels has no gradient, so the generator's "
            "tape returns None for every generator variable.",
            "The loss was computed outside the `with tf.GradientTape() as tape:` block, or "
            "from NumPy values (`.numpy()`) on the way: the tape recorded nothing that leads "
            "to the weights.",
            "`tape.gradient(loss, model.trainable_variables)` names a model whose output "
            "the loss never used.",
        ),
        fix="Keep every step from the noise to the loss inside the tape, as float32 "
        "TensorFlow ops; check `generator(noise).dtype` is float32 and print "
        "`[g is None for g in gradients]` to see which variables are cut off.",
        variables=", ".join(names[:5]),
    )


EXPLAINERS = (no_gradients,)
