"""The catalogue: every GAN bug this project reproduces, once.

`CASES` lists them in checklist order. The site's "Which error where" page and checklist
messages, the explainer's live tests and the kata READMEs' "whole truth" claims all read this
list; nothing else reproduces a bug. Importing this package imports TensorFlow only when a
case is built or run.
"""

from __future__ import annotations

from ganerrors.cases import (
    batch_size,
    before_training,
    dtype,
    index_range,
    model_io_shape,
    no_gradients,
    numerics,
    output_shape,
    target_shape,
)
from ganerrors.cases.model import BATCH, IMAGE_SHAPE, MODES, NOTHING, Case, Outcome, Result

CASES: tuple[Case, ...] = (
    *output_shape.CASES,
    *dtype.CASES,
    *numerics.CASES,
    *target_shape.CASES,
    *batch_size.CASES,
    *model_io_shape.CASES,
    *index_range.CASES,
    *no_gradients.CASES,
    *before_training.CASES,  # check_gan meeting each bug of part two
)


def get(case_id: str) -> Case:
    """The case with this id, or KeyError naming the valid ids."""
    for case in CASES:
        if case.id == case_id:
            return case
    raise KeyError(f"no case {case_id!r}; the cases are {', '.join(c.id for c in CASES)}")


__all__ = [
    "BATCH",
    "CASES",
    "IMAGE_SHAPE",
    "MODES",
    "NOTHING",
    "Case",
    "Outcome",
    "Result",
    "get",
]
