"""Readers of gradient errors: the optimizer got None for every variable, or for some."""

from __future__ import annotations

import re

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import Finding, MissingGradients
from ganerrors.explainers.parsing import Lazy, anchored, reads

# Keras 3: "No gradients provided for any variable."
# TF 1.x / Keras 2: "No gradients provided for any variable: ['dense/kernel:0', ...]"
NO_GRADIENTS = Lazy(
    r"No gradients provided for any variable(?::\s{0,8}[\[(](?P<variables>[^\]\n]{0,2000}))?"
)
_VARIABLE = Lazy(r"""['"](?:<tf\.Variable ')?(?P<name>[\w/.:-]{1,200})""")
# TF 1.x: "An operation has `None` for gradient. Please make sure that all of your ops have a
# gradient defined (i.e. are differentiable)."
NONE_FOR_GRADIENT = Lazy(r"has None for gradient")
# an op without a gradient function: "LookupError: No gradient defined for operation
# 'generator/Round' (op type: Round)"
NOT_DEFINED = Lazy(
    r"No gradient defined for operation '?(?P<op>[^'\n]{1,300})'?"
    r"(?: \(op type: (?P<type>\w{1,100}))?"
)
# Keras 2 warning: "Gradients do not exist for variables ['dense/kernel:0'] when minimizing
# the loss."
DO_NOT_EXIST = Lazy(r"Gradients do(?:es)? not exist for variables? (?P<variables>.{0,2000})", re.S)
# `grads, variables = zip(*optimizer.compute_gradients(...))` on an empty list
UNPACK = Lazy(r"not enough values to unpack \(expected 2, got 0\)")
_GRADIENT_CODE = ("grads_and_vars", "apply_gradients", "compute_gradients", "gradient")


def _names(text: str) -> tuple[str, ...]:
    return tuple(m.group("name") for m in _VARIABLE.finditer(text[:2000]))


@reads(
    "No gradients provided for any variable",
    "has None for gradient",
    "No gradient defined for operation",
    " not exist for variable",
)
def no_gradients(text: str, context: Context) -> Finding | None:
    for match in anchored(NO_GRADIENTS, text, "No gradients provided for any variable"):
        return MissingGradients(_names(match.group("variables") or ""))
    for _ in anchored(NONE_FOR_GRADIENT, text, "has None for gradient"):
        return MissingGradients(how="none-values")
    for match in anchored(NOT_DEFINED, text, "No gradient defined for operation"):
        return MissingGradients((match.group("type") or match.group("op"),), how="no-gradient-op")
    for match in anchored(DO_NOT_EXIST, text, " not exist for variable", before=20, after=2100):
        variables = match.group("variables").split("when minimizing")[0]
        return MissingGradients(_names(variables), how="none-values")
    return None


@reads("not enough values to unpack (expected 2, got 0)")
def empty_pairs(text: str, context: Context) -> Finding | None:
    """Unpacking an empty list of (gradient, variable) pairs: known by the code around it."""
    for _ in anchored(UNPACK, text, "not enough values to unpack (expected 2, got 0)"):
        code = " ".join(f"{frame.func} {frame.code}" for frame in context.frames[-4:])
        if any(word in code for word in _GRADIENT_CODE):
            return MissingGradients(how="empty-pairs")
    return None


READERS = (no_gradients, empty_pairs)
