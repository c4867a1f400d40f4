"""Readers of index errors: class labels and indices outside what an Embedding or a loss was
built for, and CTC's two label errors (a label at the blank, labels longer than the output)."""

from __future__ import annotations

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import CtcTime, Finding, IndexOutOfRange
from ganerrors.explainers.parsing import Lazy, anchored, reads

# GatherV2 / embedding_lookup: "indices[3] = 151 is not in [0, 10)"
GATHER = Lazy(
    r"indices\[(?P<position>[\d, ]{1,60})\] = (?P<value>-?\d{1,18}) "
    r"is not in \[0, ?(?P<size>\d{1,18})\)"
)
# SparseSoftmaxCrossEntropyWithLogits: "Received a label value of 11 which is outside the valid
# range of [0, 10).  Label values: 1 11"
LABEL = Lazy(
    r"Received a label value of (?P<value>-?\d{1,18}) which is outside the valid"
    r"(?: range of \[0, ?(?P<size>\d{1,18})\))?"
)


# gather_nd: "indices[5,0] = [10, 3] does not index into shape [10,10]" ("param shape" in TF 2)
GATHER_ND = Lazy(
    r"indices\[(?P<position>[\d, ]{1,60})\] = \[(?P<value>[-\d, ]{1,100})\] does not index into "
    r"(?:param )?shape (?P<shape>\[[\d, ]{0,100}\])"
)
# PyTorch's embedding (Keras 3 on the torch backend): "IndexError: index out of range in self"
TORCH_INDEX = Lazy(r"index out of range in self|Target (?P<value>-?\d{1,18}) is out of bounds")
# tf.math.confusion_matrix (metrics): "assertion failed: [`labels` out of bound]"
OUT_OF_BOUND = Lazy(r"\b(?P<what>labels|predictions) out of bound")


@reads(
    "does not index into",
    " out of bound",
    "index out of range in self",
    " is out of bounds.",
)
def gather_nd(text: str, context: Context) -> Finding | None:
    for _ in anchored(TORCH_INDEX, text, "index out of range in self", after=40):
        return IndexOutOfRange(None, None, "index", embedding=True)
    for match in anchored(TORCH_INDEX, text, " is out of bounds.", before=40, after=20):
        if match.group("value"):  # PyTorch's cross-entropy: "Target 10 is out of bounds."
            return IndexOutOfRange(int(match.group("value")), None, "label")
    for match in anchored(GATHER_ND, text, "does not index into", before=200, after=140):
        return IndexOutOfRange(None, None, "index", position=match.group("position"))
    for match in anchored(OUT_OF_BOUND, text, " out of bound", before=12, after=20):
        kind = "label" if match.group("what") == "labels" else "index"
        return IndexOutOfRange(None, None, kind)  # type: ignore[arg-type]
    return None


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
        # the range is left out where the message was cut; the family says it is out of it
        size = match.group("size")
        return IndexOutOfRange(
            value=int(match.group("value")), size=int(size) if size else None, kind="label"
        )
    return None


# Keras 2's CategoryEncoding (one-hot or multi-hot class labels in a conditional GAN): "Input
# values must be in the range 0 <= values < num_tokens with num_tokens=10" (Keras 3 raises
# nothing there)
TOKENS = Lazy(
    r"Input values must be in the range 0 <= values < num_tokens with num_tokens=(?P<n>\d{1,12})"
)


@reads("values < num_tokens")
def tokens(text: str, context: Context) -> Finding | None:
    for match in anchored(TOKENS, text, "values < num_tokens", before=60, after=60):
        return IndexOutOfRange(None, int(match.group("n")), "label")
    return None


# CTC's loss, which keeps the last class for the blank: "Saw a non-null label (index >=
# num_classes - 1) following a null label, batch: 0 num_classes: 40 labels: 35,4,...,39,40,0"
CTC_BLANK = Lazy(
    r"Saw a non-null label \(index >= num_classes - 1\) following a null label, "
    r"batch: \d{1,9} num_classes: (?P<classes>\d{1,9})"
)


@reads("Saw a non-null label")
def ctc_blank(text: str, context: Context) -> Finding | None:
    for match in anchored(CTC_BLANK, text, "Saw a non-null label", after=200):
        return IndexOutOfRange(None, int(match.group("classes")) - 1, "blank")
    return None


# CTC's loss op with a negative label (a character missing from the alphabet, looked up with a
# default of -1; padding of -1 left in sparse labels): "All labels must be nonnegative
# integers, batch: 0 labels: 1,-2"
CTC_NEGATIVE = Lazy(
    r"All labels must be nonnegative integers, batch: \d{1,9} labels: "
    r"(?P<labels>-?\d{1,9}(?:,-?\d{1,9}){0,500})"
)


@reads("All labels must be nonnegative integers")
def ctc_negative(text: str, context: Context) -> Finding | None:
    for match in anchored(CTC_NEGATIVE, text, "All labels must be nonnegative integers", after=80):
        values = [int(v) for v in match.group("labels").split(",")]
        return IndexOutOfRange(min(values), None, "negative")
    return None


# CTC's loss op (TF 1, `tf.nn.ctc_loss` with sparse labels, Keras 2's `ctc_batch_cost`) when a
# label sequence is longer than the output steps it may use: "Not enough time for target
# transition sequence (required: 64, available: 39)0You can turn this error into a warning ..."
# (dense labels in `tf.nn.ctc_loss` and Keras 3's CTC loss raise nothing: the loss is huge)
CTC_TIME = Lazy(
    r"Not enough time for target transition sequence \(required: (?P<required>\d{1,9}), "
    r"available: (?P<available>\d{1,9})\)"
)


@reads("Not enough time for target transition")
def ctc_time(text: str, context: Context) -> Finding | None:
    for match in anchored(CTC_TIME, text, "Not enough time for target transition", after=80):
        return CtcTime(int(match.group("required")), int(match.group("available")))
    return None


READERS = (gather, label_value, gather_nd, tokens, ctc_blank, ctc_negative, ctc_time)
