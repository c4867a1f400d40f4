"""Readers of index errors: class labels and indices outside what an Embedding or a loss was
built for."""

from __future__ import annotations

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import Finding, IndexOutOfRange
from ganerrors.explainers.parsing import Lazy, anchored, reads

# GatherV2 / embedding_lookup: "indices[3] = 151 is not in [0, 10)"
GATHER = Lazy(
    r"indices\[(?P<position>[\d, ]{1,60})\] = (?P<value>-?\d{1,18}) "
    r"is not in \[0, ?(?P<size>\d{1,18})\)"
)
# SparseSoftmaxCrossEntropyWithLogits: "Received a label value of 11 which is outside the valid
# range of [0, 10).  Label values: 1 11"
LABEL = Lazy(
    r"Received a label value of (?P<value>-?\d{1,18}) which is outside the valid range of "
    r"\[0, ?(?P<size>\d{1,18})\)"
)


@reads("indices[")
def gather(text: str, context: Context) -> Finding | None:
    for match in anchored(GATHER, text, "indices[", after=200):
        return IndexOutOfRange(
            value=int(match.group("value")),
            size=int(match.group("size")),
            kind="index",
            position=match.group("position").replace(" ", ""),
            embedding="mbedding" in text or "mbedding" in context.layer,
        )
    return None


@reads("Received a label value of")
def label_value(text: str, context: Context) -> Finding | None:
    for match in anchored(LABEL, text, "Received a label value of", after=200):
        return IndexOutOfRange(
            value=int(match.group("value")), size=int(match.group("size")), kind="label"
        )
    return None


READERS = (gather, label_value)
