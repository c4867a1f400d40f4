"""The one list of explainers, in the order they are tried: the first that answers wins.

Each family of errors lives in its own module and exports EXPLAINERS, a tuple of functions
`(message, context) -> Diagnosis | None`. Specific messages come before general ones (a Keras
loss message names the labels and the predictions; a bare "Incompatible shapes" does not).
"""

from __future__ import annotations

from ganerrors.explainers import dtypes, gradients, indices, numerics, shapes
from ganerrors.explainers.common import Explainer

EXPLAINERS: tuple[Explainer, ...] = (
    *gradients.EXPLAINERS,
    *indices.EXPLAINERS,
    *numerics.EXPLAINERS,
    *dtypes.EXPLAINERS,
    *shapes.EXPLAINERS,
)
