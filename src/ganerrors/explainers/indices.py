"""Index range: class labels and indices outside what an Embedding or a loss was built for."""

from __future__ import annotations

import re

from ganerrors.explainers.common import diagnose
from ganerrors.explainers.context import Context
from ganerrors.explainers.diagnosis import Diagnosis

# GatherV2 / embedding_lookup: "indices[3] = 151 is not in [0, 10)"
GATHER = re.compile(
    r"indices\[(?P<position>[\d, ]{1,60})\] = (?P<value>-?\d{1,20}) "
    r"is not in \[0, (?P<size>\d{1,20})\)"
)
# SparseSoftmaxCrossEntropyWithLogits: "Received a label value of 11 which is outside the valid
# range of [0, 10).  Label values: 1 11"
LABEL = re.compile(
    r"Received a label value of (?P<value>-?\d{1,20}) which is outside the valid range of "
    r"\[0, (?P<size>\d{1,20})\)"
)


def _off_by_what(value: int, size: int) -> str:
    if value < 0:
        return f"{value} is negative: -1 often marks a missing or padding label."
    if value == size:
        return (
            f"{value} is exactly {size}: labels numbered from 1 to {size}, or a size one "
            "short of the number of classes."
        )
    return f"{value} is {value - size + 1} beyond the last valid index, {size - 1}."


def gather(message: str, context: Context) -> Diagnosis | None:
    match = GATHER.search(message)
    if match is None:
        return None
    value, size = int(match.group("value")), int(match.group("size"))
    position = match.group("position").replace(" ", "")
    embedding = "mbedding" in message or "mbedding" in context.layer
    table = (
        "the Embedding" if embedding else "the table being indexed (an Embedding or a tf.gather)"
    )
    return diagnose(
        context,
        "index-range",
        f"The index at position [{position}] is {value}, but {table} has only {size} rows: "
        f"valid indices are 0 to {size - 1}. {_off_by_what(value, size)}",
        causes=(
            f"A conditional GAN's label Embedding was built with `input_dim={size}`, but the "
            f"class labels go at least up to {value}: `input_dim` must be the number of "
            "classes, that is the largest label + 1.",
            "The labels are numbered from 1, or were never converted from the dataset's own "
            "codes to 0..n-1.",
            "Something that is not a label (noise, pixel values) is fed to the Embedding.",
        ),
        fix="Look at one batch of labels (`tf.reduce_min(labels)`, `tf.reduce_max(labels)`) "
        "and build the Embedding with `input_dim=num_classes`, where the labels run from 0 "
        "to num_classes - 1.",
        index=value,
        size=size,
        position=position,
    )


def label_value(message: str, context: Context) -> Diagnosis | None:
    match = LABEL.search(message)
    if match is None:
        return None
    value, size = int(match.group("value")), int(match.group("size"))
    return diagnose(
        context,
        "index-range",
        f"A class label is {value}, but the sparse categorical cross-entropy compares it with "
        f"{size} class scores (the last axis of the model's output): valid labels are 0 to "
        f"{size - 1}. {_off_by_what(value, size)}",
        causes=(
            f"The classifier head (an auxiliary classifier in an AC-GAN, say) ends in a Dense "
            f"layer with {size} units, fewer than the number of classes.",
            "The labels are numbered from 1, or a -1 marks unlabelled examples.",
        ),
        fix="Give the model's last layer one unit per class (`Dense(num_classes)`) and check "
        "that the labels run from 0 to num_classes - 1.",
        label=value,
        classes=size,
    )


EXPLAINERS = (gather, label_value)
