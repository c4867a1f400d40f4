"""The readers, in the order they are tried: the first that finds something wins.

Readers of exact message families come first, and their findings are diagnosed with high
confidence; the general readers (`general.py`) run only when none of those matched, and their
findings have low confidence. Among the exact readers, specific messages come before general
ones (a loss message names the labels and the predictions; a bare "Incompatible shapes" does
not).

A reader is a function `(text, context) -> Finding | None`; it writes no advice.
"""

from __future__ import annotations

from collections.abc import Callable

from ganerrors.explainers import dtypes, general, gradients, indices, layers, numerics, shapes
from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import Finding

Reader = Callable[[str, Context], "Finding | None"]

#: Readers of exact message families, each with the substrings of which its messages contain
#: at least one (`parsing.reads`): a match is a high-confidence diagnosis.
EXACT: tuple[tuple[tuple[str, ...], Reader], ...] = tuple(
    (getattr(reader, "anchors", ()), reader)
    for reader in (
        *gradients.READERS,
        *indices.READERS,
        *numerics.READERS,
        *dtypes.READERS,
        # saved weights that do not fit: before the shape readers, since TensorFlow adds the
        # bare "Shapes (3, 4) and (3, 5) are incompatible" under the restore's message
        layers.restore,
        *shapes.READERS,
        *(reader for reader in layers.READERS if reader is not layers.restore),
    )
)
#: Readers of any message, from the values found in it: a match is a low-confidence diagnosis.
GENERAL: tuple[Reader, ...] = general.READERS
