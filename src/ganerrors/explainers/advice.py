"""The explanations: summary, likely causes and fix for each (category, situation).

This is the one place where advice is written. Readers return findings (`findings.py`);
`write` turns a finding into a Diagnosis with the advice for its category and situation.
A cause is a pair: what is wrong, and the code that fixes it (a remedy, or ""), so that
`Diagnosis.render(fix=False)` can show the first without the second. Causes shared by
several situations are written once, below, and reused.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

from ganerrors.explainers.context import Context
from ganerrors.explainers.diagnosis import Confidence, Diagnosis
from ganerrors.explainers.findings import (
    FILE_OPS,
    MAX_BATCH,
    ArrayDtype,
    AxisOutOfRange,
    AxisSizes,
    BatchMismatch,
    ChannelGroups,
    CropTooLarge,
    CtcTime,
    DataPairs,
    DatasetShapes,
    DataUnpacked,
    DecodedWidth,
    DtypeClash,
    ElemwiseAxis,
    EmptyInput,
    ExampleList,
    FeatureMismatch,
    Finding,
    FloatDimension,
    FloatIndex,
    ImageLayout,
    ImagenetScores,
    IndexOutOfRange,
    InputCount,
    InputKeys,
    InterpreterInput,
    JoinedArrays,
    JoinedShapes,
    LabelCount,
    LabelForm,
    LayerInputCheck,
    LogitsMismatch,
    LossShapes,
    MissingGradients,
    NonFinite,
    OpInputs,
    PixelShuffle,
    RankMismatch,
    ReductionAxis,
    ReshapeMismatch,
    SampleCount,
    ScalarPredictions,
    ShapeArgument,
    ShapePair,
    SharedVariable,
    ShownImage,
    SliceOutside,
    SparseLabels,
    SparseRanks,
    TargetsMissing,
    TransposedConv,
    UndefinedAxis,
    UnknownShape,
    WeightShapes,
    WindowTooLarge,
)
from ganerrors.explainers.parsing import Lazy, fmt

Cause = tuple[str, str]  # (what is wrong, the code that fixes it, or "")


class Advice(NamedTuple):
    summary: str
    causes: tuple[Cause, ...] = ()
    fix: str = ""


def _axes(count: int | None) -> str:
    """ "1 axis", "3 axes"."""
    return f"{count} axis" if count == 1 else f"{count} axes"


def _values(count: int | None) -> str:
    """ "1 value", "10 values"."""
    return f"{count} value" if count == 1 else f"{count} values"


def write(
    finding: Finding,
    context: Context,
    confidence: Confidence,
    record: dict[str, int] | None = None,
) -> Diagnosis:
    """The Diagnosis of a finding: its advice, the values read, and the learner's own line;
    `record` is what the corpus's tuning half labelled its family's threads, when known."""
    advice = WRITERS[(finding.category, finding.situation)](finding, context)
    details = {k: str(v) for k, v in finding.details().items() if v not in (None, "")}
    if context.op:
        details.setdefault("op", context.op)
    if context.layer:
        details.setdefault("layer", context.layer)
    frame = context.user_frame
    return Diagnosis(
        category=finding.category,
        summary=advice.summary,
        causes=tuple(problem for problem, _ in advice.causes),
        remedies=tuple(remedy for _, remedy in advice.causes),
        fix=advice.fix,
        details=details,
        where=str(frame) if frame else "",
        confidence=confidence,
        record=dict(record) if record is not None else None,
    )


# --- causes and fixes shared by several situations ------------------------------------------


def _fixed_batch(big: object, small: object) -> Cause:
    return (
        f"Labels or noise made for a fixed batch size ({big}) while this batch has {small} "
        "examples: `Dataset.batch` keeps a smaller last batch.",
        "Batch with `drop_remainder=True`, or take the size from the data.",
    )


REAL_AND_FAKE_BATCHES: Cause = (
    "Real and fake batches of different sizes: the noise was drawn for BATCH_SIZE while the "
    "real batch is smaller, or the other way round.",
    "",
)
BATCH_FIX = (
    "Take sizes from the data, not a constant: `batch_size = tf.shape(images)[0]` for the "
    "noise and the labels (`tf.ones((batch_size, 1))`); or batch with `drop_remainder=True`."
)
QUIET_BROADCAST: Cause = (
    "Beware of the quiet version of this bug: where a loss does not check shapes (a "
    "hand-written `labels - scores`), (batch,) against (batch, 1) broadcasts to (batch, batch) "
    "without any error.",
    "",
)
LABELS_FIX = (
    "Give the labels exactly the shape of the predictions they are compared with, (batch, 1) "
    "for a discriminator: `tf.ones((tf.shape(real_output)[0], 1))`."
)
UNET: Cause = (
    "A U-Net generator (pix2pix) whose skip connection meets a tensor of another size: image "
    "sides not divisible by 2 for every downsampling step.",
    "Resize the images to a side that every downsampling step divides.",
)
WRONG_TENSOR: Cause = (
    "The wrong tensor went into the model: images into the generator, or noise into the "
    "discriminator.",
    "",
)
GENERATOR_SIZE: Cause = (
    "The generator's output size is not the real images' size: check the Reshape after its "
    "first Dense and the number of stride-2 transposed convolutions.",
    "",
)
IMAGES_RESIZED: Cause = (
    "The real images were resized or cropped differently from what the models were built for.",
    "",
)
IMAGE_SIZE_TO_DENSE: Cause = (
    "Images of another size than the discriminator was built for: its Flatten then gives "
    "another number of values to the Dense layer after it.",
    "",
)
FLAT_INTO_CONV: Cause = (
    "Flat vectors (batch, features) fed to a convolutional model that expects images (batch, "
    "height, width, channels): the generator lacks its final Reshape, or the images were "
    "flattened.",
    "",
)
NO_CHANNEL_AXIS: Cause = (
    "Grayscale images without a channel axis: (batch, 28, 28) where (batch, 28, 28, 1) is "
    "expected.",
    "Add it with `images[..., tf.newaxis]`.",
)
ONE_EXAMPLE_OP_GOT_A_BATCH: Cause = (
    "An op that works on one example got a whole batch: in a tf.data pipeline, a `map` that "
    "decodes, resizes or crops one image at a time placed after `batch()`.",
    "Map before batching: `dataset.map(load).batch(32)`.",
)
EXTRA_AXIS: Cause = (
    "An axis too many: a dataset batched twice (`batch()` on a batched dataset), or "
    "`np.expand_dims` applied to data that already had the axis.",
    "Batch once, and print the data's shape just before the model.",
)
NO_BATCH_AXIS: Cause = (
    "A single example without its batch axis.",
    "Add one with `x[tf.newaxis]`.",
)
PRINT_SHAPES_FIX = (
    "Print `generator(noise).shape`, `images.shape` and `discriminator.input_shape`; the "
    "first two must match the third (the batch axis aside)."
)
MODEL_INPUT_FIX = (
    "Print the shape of what goes into each model and compare it with `model.input_shape`; "
    "the generator's output must have the real images' shape."
)


def _noise_size(want: object, have: object) -> Cause:
    return (
        f"Noise of another size than the generator's input: it was built for {want}, the "
        f"noise has {have}.",
        "Use the same NOISE_DIM to build it and to draw noise.",
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _what(pair: ShapePair) -> str:
    """The start of a summary: 'The loss got labels of shape (32,) and ..., which'."""
    a, b = fmt(pair.first), fmt(pair.second)
    first, second = pair.names
    if pair.names == ("first tensor", "second tensor"):
        body = f"tensors of shapes {a} and {b}"
    else:
        body = f"{first} of shape {a} and {second} of shape {b}"
    return f"{pair.by} got {body}, which" if pair.by else _capital(body)


# --- shape pairs ----------------------------------------------------------------------------


def _batch(pair: ShapePair, context: Context) -> Advice:
    x, y = pair.first[0], pair.second[0]
    big, small = (x, y) if (x or 0) >= (y or 0) else (y, x)
    return Advice(
        f"{_what(pair)} differ only in the first axis, the batch size: {x} against {y}.",
        (_fixed_batch(big, small), REAL_AND_FAKE_BATCHES),
        BATCH_FIX,
    )


#: the op that an ElemwiseAxis finding names, as a summary's subject
_AXIS_OP = {
    "elemwise": "An elementwise op (Theano)",
    "gemm": "A matrix product (Theano's Gemm)",
    "concat": "tf.concat",
}

#: noise and labels of a conditional GAN from batches of two sizes, joined into one input
CONDITIONAL_BATCHES: Cause = (
    "In a conditional GAN, noise and labels (or images and label maps) from batches of "
    "different sizes: the noise drawn for a fixed BATCH_SIZE while the last batch of the data "
    "is smaller.",
    "Draw the noise for `tf.shape(labels)[0]` examples.",
)


def _elemwise_batch(found: ElemwiseAxis, context: Context) -> Advice:
    big, small = max(found.first, found.second), min(found.first, found.second)
    if found.joined:
        return Advice(
            f"{_AXIS_OP[found.op]} joined tensors whose first axis, the batch size, differs: "
            f"{found.first} against {found.second}. Every axis except the one they are joined "
            "on must be equal.",
            (CONDITIONAL_BATCHES,),
            BATCH_FIX,
        )
    return Advice(
        f"{_AXIS_OP[found.op]} got two inputs whose first axis, the batch size, differs: "
        f"{found.first} against {found.second}.",
        (_fixed_batch(big, small), REAL_AND_FAKE_BATCHES),
        BATCH_FIX,
    )


def _elemwise_class_indices(found: ElemwiseAxis, context: Context) -> Advice:
    classes = max(found.first, found.second)
    return Advice(
        f"An elementwise op (Theano) met 1 value per example against {classes} along axis "
        f"{found.axis}. Most likely these are labels of class indices, one per example, that "
        f"a loss compares with {classes} class scores, which needs one-hot labels.",
        (
            (
                f"Integer labels given to categorical_crossentropy, which wants one-hot rows of "
                f"{classes} columns.",
                f"One-hot encode them, `to_categorical(y, {classes})`, or use "
                "`sparse_categorical_crossentropy`.",
            ),
            (
                f"A model whose last layer has {classes} units where one score per example is "
                "wanted (a GAN's discriminator).",
                "End the model with `Dense(1)`.",
            ),
        ),
        "Print the labels' shape and `model.output_shape`: they must be equal.",
    )


def _elemwise_axis(found: ElemwiseAxis, context: Context) -> Advice:
    if found.joined:
        return Advice(
            f"{_AXIS_OP[found.op]} joined tensors whose axis {found.axis} differs: {found.first} "
            f"against "
            f"{found.second}. Every axis except the one they are joined on must be equal.",
            (
                (
                    "Tensors built for inputs of other sizes: a generator's map joined with a "
                    "code or label map made for the default image size, or real and generated "
                    "images of two sizes.",
                    "Resize the data to the size the model was built for, or build the model "
                    "from the data's size.",
                ),
                UNET,
            ),
            "Print the shapes of both tensors before the concat.",
        )
    return Advice(
        f"{_AXIS_OP[found.op]} got two inputs whose axis {found.axis} differs: "
        f"{found.first} against {found.second}. Most likely the two were built for inputs of "
        "other sizes.",
        (
            (
                "Images (or sequences) of another size than the model was built for, so a "
                "tensor made from them meets one made for the built size.",
                "Resize the data to the model's input size, or build the model for the data's.",
            ),
            (
                "Labels or masks of another size than the model's output.",
                "Give the labels the output's shape: print `model.output_shape`.",
            ),
        ),
        "Print the shapes of both inputs of the op named in the traceback.",
    )


def _rows_per_example(factor: int) -> tuple[Cause, ...]:
    """Why a model gives `factor` rows of predictions for each row of labels."""
    return (
        (
            "The model's output still has positions (a convolution's map, a sequence) and was "
            f"reshaped to (rows, classes): {factor} positions per example.",
            "End the model with `Flatten()` (or global pooling) and `Dense(units)`, so that it "
            "gives one row per example.",
        ),
        (
            "A feature map flattened with `tf.reshape(x, [-1, n])` where n is smaller than its "
            f"values per example: the rest spill into {factor} times the rows (the images are "
            "larger than the model was written for).",
            "Flatten with the batch size kept, `tf.reshape(x, [tf.shape(x)[0], -1])` or "
            "`Flatten()`, and give the Dense layer after it the size printed.",
        ),
        (
            "The labels are one per example where the task wants one per position "
            "(segmentation, one label per time step).",
            "Give the labels the output's positions, and reshape both the same way.",
        ),
    )


_ROWS_FIX = (
    "Print `model.output_shape` and the labels' shape: one row of predictions for each row of "
    "labels."
)


def _rows(pair: ShapePair, context: Context) -> Advice:
    labels, predictions = pair.first[0] or 0, pair.second[0] or 0
    first, second = pair.names
    if predictions > labels:
        factor = predictions // labels
        return Advice(
            f"{_what(pair)} differ in the first axis: {predictions} rows of {second} for "
            f"{labels} of {first}, {factor} times as many: most likely the model gives "
            f"{factor} rows per example, though a whole multiple can also be two batch sizes.",
            _rows_per_example(factor),
            _ROWS_FIX,
        )
    factor = labels // predictions
    return Advice(
        f"{_what(pair)} differ in the first axis: {labels} rows of {first} for {predictions} "
        f"of {second}, {factor} times as many: most likely the labels have {factor} rows per "
        "example, though a whole multiple can also be two batch sizes.",
        (
            (
                "The labels were flattened: one-hot rows (or a row of labels per example) "
                "reshaped to one long vector, `reshape(-1)`.",
                "Keep one row of labels per example: the shape of the predictions.",
            ),
            (
                "The labels were built per position (per pixel, per time step) while the model "
                "gives one prediction per example.",
                "Make the model's output keep the positions, or give one label per example.",
            ),
            (
                f"Labels made once for a batch of {labels} meeting a smaller last batch of "
                f"{predictions}.",
                "Make them from the batch itself: `tf.ones_like(scores)`, or "
                "`tf.shape(images)[0]` rows.",
            ),
        ),
        "Print the labels' shape and `model.output_shape`: one row of labels for each row of "
        "predictions.",
    )


def _joined_batch(pair: ShapePair, context: Context) -> Advice:
    a, b = pair.first, pair.second
    return Advice(
        f"{pair.by or 'tf.concat'} joined tensors of shapes {fmt(a)} and {fmt(b)} along "
        f"another axis, and their batch sizes differ: {a[0]} against {b[0]}.",
        (CONDITIONAL_BATCHES,),
        "Draw the noise for `tf.shape(labels)[0]` examples, or batch the dataset with "
        "`drop_remainder=True`.",
    )


def _units(pair: ShapePair, context: Context) -> Advice:
    first, second = pair.names
    if pair.names == ("first tensor", "second tensor"):
        first, second = "first", "second"
    widths = [w for w in (pair.first[-1], pair.second[-1]) if w not in (None, 1)]
    units = pair.second[-1] if pair.roles == "labels" else (widths[0] if widths else "n")
    return Advice(
        f"{_what(pair)} differ in the last axis: {_values(pair.first[-1])} per example in the "
        f"{first}, {pair.second[-1]} in the {second}.",
        (
            (
                f"The discriminator's last layer has {units} units, and a real/fake verdict is "
                "one score per image.",
                "It needs `Dense(1)`.",
            ),
            (
                "A classifier head (conditional or AC-GAN) whose number of units is not the "
                "number of classes of the one-hot labels.",
                "Give it one unit per class.",
            ),
        ),
        "Make the discriminator end in `Dense(1)`: one score per image, shape (batch, 1), like "
        "the labels. Print `discriminator(images).shape` to check.",
    )


MAP_CAUSES: tuple[Cause, ...] = (
    (
        "The discriminator (or classifier) ends in a convolution: without Flatten and a Dense "
        "layer it gives a map of scores, not one score per image.",
        "End it with `Flatten()` and `Dense(1)` (or `Dense(num_classes)`).",
    ),
    (
        "Dense layers applied to images keep the image axes: a Dense layer works on the last "
        "axis only.",
        "Put a `Flatten()` before the first Dense layer.",
    ),
    (
        "A recurrent layer with `return_sequences=True` before the last Dense: the model gives "
        "one value per time step.",
        "Set `return_sequences=False` on the last recurrent layer.",
    ),
    (
        "A PatchGAN discriminator, which gives a map on purpose: its labels must then be maps "
        "of the same shape.",
        "Make them with `tf.ones_like(patch_scores)`.",
    ),
)
MAP_FIX = (
    "Make the model's output match the labels: `Flatten()` then `Dense(1)` for one score per "
    "image. Print `discriminator(images).shape` to check."
)


def _map(pair: ShapePair, context: Context) -> Advice:
    labels, scores = (
        (pair.first, pair.second)
        if len(pair.first) < len(pair.second)
        else (pair.second, pair.first)
    )
    if pair.roles == "operands":  # two tensors of an op, not known to be a loss's
        summary = (
            f"{_what(pair)} do not fit: {fmt(scores)} has axes that {fmt(labels)} lacks. If "
            "they are a loss's predictions and labels, the predictions are a map of values per "
            "example where one value per example is expected."
        )
    else:
        summary = (
            f"{_what(pair)} do not fit: the predictions {fmt(scores)} have axes the labels "
            f"{fmt(labels)} lack, a map of values per example where one value per example is "
            "expected."
        )
    return Advice(summary, MAP_CAUSES, MAP_FIX)


def _ranks(pair: ShapePair, context: Context) -> Advice:
    first, second = pair.names
    a, b = fmt(pair.first), fmt(pair.second)
    if pair.situation == "labels-lack-axis" and not pair.first:
        cause: Cause = (
            f"The {first} are a single number (shape ()), not one label per example: a Python "
            "constant, or a tensor reduced by a mean or a sum.",
            "Build one label per example: `tf.ones((batch_size, 1))`.",
        )
    elif pair.situation == "labels-lack-axis":
        cause = (
            f"The {first} were built without the column the scores have: {a} against {b}. "
            "`tf.ones(batch_size)` or a NumPy vector gives (batch,); the discriminator gives "
            "(batch, 1).",
            "Build them as `tf.ones((batch_size, 1))`.",
        )
    elif pair.situation == "predictions-lack-axis":
        cause = (
            f"The {second} lost an axis the {first} have: {b} against {a}. A Flatten, "
            "`tf.squeeze` or `reshape(-1)` at the end of the discriminator removes it.",
            "",
        )
    else:
        cause = (
            f"One of them lacks an axis the other has: {a} against {b}. Labels built as "
            "(batch,) meet scores of shape (batch, 1).",
            "",
        )
    return Advice(
        f"{_what(pair)} have different ranks "
        f"({_axes(len(pair.first))} against {len(pair.second)}).",
        (cause, QUIET_BROADCAST),
        LABELS_FIX,
    )


def _widths(pair: ShapePair, context: Context) -> Advice:
    first, second = pair.names
    if pair.names == ("first tensor", "second tensor"):
        first, second = "first", "second"
    return Advice(
        f"{_what(pair)} differ in the last axis: {_values(pair.first[-1])} per example in the "
        f"{first}, {pair.second[-1]} in the {second}.",
        (
            (
                "The labels were built for another number of classes or columns than the model "
                "gives: one-hot labels of another depth, class indices where one-hot rows are "
                "expected, or extra columns.",
                "One-hot encode them with the model's number of classes "
                "(`tf.one_hot(labels, num_classes)`), or use a sparse loss for class indices.",
            ),
            (
                "The model's last layer has another number of units than the labels have classes.",
                "Give it one unit per class (`Dense(num_classes)`), or `Dense(1)` for a "
                "real/fake score.",
            ),
        ),
        "Make the labels exactly the predictions' shape: print `labels.shape` and "
        "`model.output_shape`; (batch, 1) for a discriminator's real/fake labels, one-hot rows "
        "of the model's width for a classifier.",
    )


def _colour_labels(pair: ShapePair, context: Context) -> Advice:
    first, second = pair.names
    return Advice(
        f"{_what(pair)} differ in the last axis: 3 values per pixel in the {first} (an RGB "
        f"image), {pair.second[-1]} in the {second}: the labels look like masks stored as colour "
        "images.",
        (
            (
                "Segmentation masks (or target maps) loaded as RGB images, where the model "
                "predicts one channel per class, or a single-channel mask.",
                "Load the masks in grayscale (`color_mode='grayscale'`, `mask[..., :1]`), map "
                "each colour to its class index, and one-hot encode to the model's number of "
                "channels (`tf.one_hot(class_map, num_classes)`).",
            ),
            (
                "The model's last layer has another number of channels than the targets.",
                "Give its last convolution as many filters as the targets have channels.",
            ),
        ),
        "Make the targets exactly the predictions' shape: print `labels.shape` and "
        "`model.output_shape`, and build the masks with one channel per class.",
    )


def _class_indices(pair: ShapePair, context: Context) -> Advice:
    first, second = pair.names
    classes = pair.second[-1]
    if pair.loss == "categorical":
        reading = (
            "the labels are class indices where a categorical loss wants one-hot rows, one "
            "column per class"
        )
    else:  # the loss is not named: a guess from the widths, most often right
        reading = (
            "most likely class indices where the loss wants one-hot rows, one column per "
            f"class (no real/fake score is {classes} columns wide)"
        )
    return Advice(
        f"{_what(pair)} differ in the last axis: one value per example in the {first}, "
        f"{classes} in the {second}: {reading}.",
        (
            (
                f"Integer class labels (shape (batch, 1) or (batch,)) given to a loss that "
                f"compares one-hot rows with the model's {classes} class scores "
                "(categorical_crossentropy, softmax_cross_entropy).",
                "One-hot encode them (`tf.one_hot(labels, num_classes)`, "
                "`keras.utils.to_categorical`), or keep them and use the sparse loss "
                "(`SparseCategoricalCrossentropy`).",
            ),
            (
                "A real/fake verdict (one label per example) met a classifier's output: for a "
                "discriminator the model should give one score per example.",
                "End the discriminator in `Dense(1)`.",
            ),
        ),
        "Either one-hot labels of the model's width with `CategoricalCrossentropy`, or integer "
        "labels with `SparseCategoricalCrossentropy`; print `labels.shape` and "
        "`model.output_shape` to check.",
    )


def _classes(pair: ShapePair, context: Context) -> Advice:
    first, second = pair.names
    labels, units = pair.first[-1], pair.second[-1]
    return Advice(
        f"{_what(pair)} differ in the last axis: one-hot {first} of {labels} classes, "
        f"{_values(units)} per example in the {second}.",
        (
            (
                f"The model's last layer has {units} units while the labels have {labels} "
                "classes: a head copied from another data set or tutorial, or classes added or "
                "dropped in the data.",
                f"Give the last layer one unit per class: `Dense({labels})` (or "
                "`Dense(num_classes)`).",
            ),
            (
                "The labels were one-hot encoded with another number of classes than the "
                "model was built for.",
                "One-hot encode with the model's number of classes.",
            ),
        ),
        "Make the model's last layer as wide as the labels have classes: print "
        "`model.output_shape` and `labels.shape`; the last axes must agree.",
    )


def _output_image_axes(pair: ShapePair, context: Context) -> Advice:
    return Advice(
        f"{_what(pair)} differ in their image axes: the model's output is {fmt(pair.second)}, "
        f"the targets {fmt(pair.first)}.",
        (
            (
                "The model's upsampling does not give back the size of its targets: a decoder "
                "or generator whose stride-2 layers do not undo the encoder's, or targets "
                "padded or cropped to another size.",
                "",
            ),
        ),
        "Make the model's output size equal the targets' size: print `model.output_shape` and "
        "the targets' shape, and resize the images to a size each downsampling step divides.",
    )


def _patch(pair: ShapePair, context: Context) -> Advice:
    labels, scores = pair.first, pair.second
    return Advice(
        f"{_what(pair)} differ in their image axes: maps of one score per patch, "
        f"{labels[1]}x{labels[2]} against {scores[1]}x{scores[2]}. A PatchGAN discriminator "
        "gives such a map per image, and its labels must have exactly its size.",
        (
            (
                "The labels' patch size computed by a formula (`disc_patch = (patch, patch, 1)` "
                "with `patch = img_rows // 2**4`) for another image size, or another number of "
                "stride-2 layers, than the discriminator has.",
                "Make the labels from the discriminator itself: "
                "`np.ones((batch_size,) + discriminator.output_shape[1:])`.",
            ),
            (
                "The discriminator has a stride-2 layer more or fewer than intended, so its "
                "patch is half or twice the size the labels were made for.",
                "",
            ),
        ),
        "Print `discriminator.output_shape` and the labels' shape; build the labels from the "
        "first, so that they fit whatever the image size.",
    )


def _both_axes(pair: ShapePair, context: Context) -> Advice:
    labels, predictions = pair.first, pair.second
    causes: list[Cause] = []
    if labels[0] == 1 and labels[1] == predictions[0]:
        causes.append(
            (
                f"Class indices, one per example ({labels[1]} of them), that reached the loss "
                f"as one row of shape {fmt(labels)}: a categorical loss wants one-hot rows, "
                "one per example.",
                "One-hot encode them (`tf.one_hot(labels, num_classes)`), or give the indices "
                "to the sparse loss.",
            )
        )
    if labels[0] == predictions[1] and labels[1] == predictions[0]:
        causes.append(
            (
                "The labels are transposed: one row per class instead of one per example.",
                "Transpose them (`tf.transpose(labels)`), or build them as (batch, classes).",
            )
        )
    causes.append(
        (
            "The labels were built for another batch and another number of classes or columns "
            "than the predictions have.",
            "",
        )
    )
    return Advice(
        f"{_what(pair)} differ in both axes. With two axes there are no image axes, and a "
        "short batch changes only the first: the labels are laid out differently from the "
        "predictions.",
        tuple(causes),
        "Print `labels.shape` and the predictions' shape: both must be (batch, classes), or "
        "(batch, 1) for a discriminator's real/fake labels.",
    )


def _image_axes(pair: ShapePair, context: Context) -> Advice:
    return Advice(
        f"{_what(pair)} differ in their image axes: one of the models makes images of another "
        "size than the other expects.",
        (GENERATOR_SIZE, IMAGES_RESIZED),
        PRINT_SHAPES_FIX,
    )


def _joined(pair: ShapePair, context: Context) -> Advice:
    if pair.by == "tf.stack":
        return Advice(
            f"tf.stack got tensors of shapes {fmt(pair.first)} and {fmt(pair.second)}: the "
            "tensors it stacks must all have one shape.",
            (
                (
                    "Images of different sizes stacked into one batch: images loaded one by "
                    "one, or an input and its target of another size (pix2pix's random jitter "
                    "stacks the pair to crop both alike).",
                    "Resize each to one size first: `tf.image.resize(image, (h, w))`.",
                ),
            ),
            "Print the shape of each tensor before the stack; resize them to one shape.",
        )
    return Advice(
        f"tf.concat joined tensors of shapes {fmt(pair.first)} and {fmt(pair.second)}: every "
        "axis except the one they are joined on must be equal.",
        (
            (
                "Real and generated images concatenated into one batch while the generator "
                "makes images of another size than the real ones.",
                "",
            ),
            UNET,
        ),
        "Print the shapes of both tensors; make the generator's output shape equal the real "
        "images' shape, or resize the images to a size every downsampling step divides.",
    )


def _layout(pair: ShapePair, context: Context) -> Advice:
    flat, image = (
        (pair.first, pair.second)
        if len(pair.first) < len(pair.second)
        else (pair.second, pair.first)
    )
    return Advice(
        f"{_what(pair)} hold the same number of values per example in two layouts: "
        f"{fmt(flat)} is flat, {fmt(image)} is shaped as images.",
        (
            (
                "Flattened images meet images: the real images were flattened (an MLP's "
                "input, `reshape(-1, 784)`) while the generator makes them as images, or the "
                "other way round.",
                "Use one layout for both: reshape the flat ones to the image shape, or flatten "
                "both.",
            ),
            FLAT_INTO_CONV,
        ),
        PRINT_SHAPES_FIX,
    )


def _channels_first_targets(pair: ShapePair, context: Context) -> Advice:
    return Advice(
        f"{_what(pair)} differ in their image axes, and the labels {fmt(pair.first)} are "
        f"images stored channels first ({pair.first[1]} channel"
        f"{'' if pair.first[1] == 1 else 's'}, then height and width), while the model gives "
        "images channels last. The data and the model use two image layouts.",
        (
            (
                "Images reshaped or loaded channels first, (N, 1, 28, 28) as Theano's Keras "
                "wanted, given to a model that reads (N, 28, 28, 1).",
                "Move the channels last: `np.transpose(x, (0, 2, 3, 1))`, or reshape MNIST "
                "to (N, 28, 28, 1); or set the model's `data_format` to match the data.",
            ),
        ),
        "Print `x.shape` and `model.input_shape`: the channels must be on the same axis.",
    )


def _input(pair: ShapePair, context: Context) -> Advice:
    given, expected = pair.first, pair.second
    by = pair.by or "A model"
    causes: list[Cause] = []
    if len(given) < len(expected) and len(expected) >= 4:
        causes += [FLAT_INTO_CONV, NO_CHANNEL_AXIS]
    elif len(given) > len(expected) and len(expected) <= 2:
        causes.append(
            (
                "Images fed to a model that takes flat vectors: noise or flattened images were "
                "expected.",
                "Flatten the images, or feed the noise.",
            )
        )
    causes += [GENERATOR_SIZE, WRONG_TENSOR]
    return Advice(
        f"{by} expects inputs of shape {fmt(expected)} and got {fmt(given)}.",
        tuple(causes),
        PRINT_SHAPES_FIX,
    )


# --- more shape findings ----------------------------------------------------------------------


def _fixed_batch_graph(found: BatchMismatch, context: Context) -> Advice:
    sizes = f" ({', '.join(found.sizes)})" if found.sizes else ""
    return Advice(
        "An op built for one batch size met a batch of another size"
        f"{sizes}: a transposed convolution's `output_shape` (or a reshape) written with a "
        "fixed BATCH_SIZE gets the smaller last batch, or a sample batch of another size.",
        (
            _fixed_batch("BATCH_SIZE", "another number of"),
            (
                "`tf.nn.conv2d_transpose(x, w, output_shape=[batch_size, ...])` with a "
                "constant batch size, while sampling or evaluating with another one.",
                "Take it from the input: `output_shape=[tf.shape(x)[0], h, w, c]`.",
            ),
        ),
        BATCH_FIX,
    )


def _reshape_batch(found: BatchMismatch, context: Context) -> Advice:
    have, want, part, whole = found.sizes
    return Advice(
        f"A reshape got a tensor of {have} values and was asked for a shape that holds {want}: "
        f"{part}/{whole} of it. Values in that ratio are most often a smaller batch of examples "
        "of one size, meeting a target shape written with a fixed batch size.",
        (
            (
                "`tf.reshape(x, (BATCH_SIZE, ...))` (or a Reshape of the labels or the noise to "
                "the batch size) meets the smaller last batch of an epoch.",
                "Use -1 for the batch axis: `tf.reshape(x, (-1, ...))`, or "
                "`(tf.shape(x)[0], ...)`.",
            ),
            (
                "The images are not the size the shape was written for (another side or number "
                "of channels), and the ratio only looks like one of batch sizes.",
                "Print `x.shape` before the reshape.",
            ),
        ),
        BATCH_FIX,
    )


def _split_batch(found: BatchMismatch, context: Context) -> Advice:
    size, parts = (found.sizes + ("", ""))[:2]
    what = f"A batch of {size} example{'' if size == '1' else 's'}" if size else "A batch"
    into = f"{parts} equal parts" if parts else "equal parts"
    return Advice(
        f"{what} was split along its first axis into {into}, and its size is no multiple of "
        "their number.",
        (
            (
                "The batch is split across GPUs or towers (`tf.split(images, num_gpus)`) and "
                "the batch size is not a multiple of their number, or the last batch of an "
                "epoch is smaller than the others.",
                "Use a batch size divisible by the number of parts, and batch with "
                "`drop_remainder=True`.",
            ),
        ),
        "Make every batch a multiple of the number of parts: a divisible batch size, and "
        "`dataset.batch(batch_size, drop_remainder=True)` so that no smaller batch is left.",
    )


def _split_sizes(found: BatchMismatch, context: Context) -> Advice:
    size, pieces, total = (found.sizes + ("", "", ""))[:3]
    if size:
        summary = (
            f"A batch of {size} was split along its first axis into pieces of fixed sizes "
            f"({pieces}), which add up to {total}: the sizes were written for a batch of "
            "another size."
        )
    else:
        summary = (
            f"A tensor was split into pieces of fixed sizes that add up to {total}, and the "
            "axis split has another size. The message does not say which axis: most often the "
            "batch, split with sizes written for a fixed batch size."
        )
    return Advice(
        summary,
        (
            (
                "Real and fake images scored in one pass of the discriminator, then split back "
                "with `tf.split(scores, [BATCH_SIZE, BATCH_SIZE])`: the last batch of an epoch "
                "is smaller.",
                "Split by the batches' own sizes: `tf.split(scores, [tf.shape(real)[0], "
                "tf.shape(fake)[0]])`.",
            ),
        ),
        "Take split sizes from the tensors (`tf.shape(x)[0]`), or batch the dataset with "
        "`drop_remainder=True` so that every batch has the size the code assumes.",
    )


def _stateful(found: BatchMismatch, context: Context) -> Advice:
    sizes = ""
    if len(found.sizes) == 3:  # fit() or predict() given a number of samples
        sizes = (
            f" Its batch size is {found.sizes[0]} and it was given {found.sizes[1]} samples, "
            f"which {found.sizes[0]} does not divide."
        )
    elif len(found.sizes) == 2:
        sizes = f" It was built for batches of {found.sizes[0]} and got {found.sizes[1]}."
    return Advice(
        "A stateful recurrent layer keeps a state for each example of the batch, so it needs "
        f"one fixed batch size, known when the model is built.{sizes}",
        (
            (
                "The batch size was not given to the model (an Input or first layer without it).",
                "Give it: `keras.Input(shape, batch_size=32)` (Keras 2: `batch_input_shape=(32, "
                "...)` on the first layer).",
            ),
            (
                "The last batch of an epoch is smaller than the others.",
                "Batch with `drop_remainder=True`, or use a data size that is a multiple of the "
                "batch size.",
            ),
        ),
        "Fix the batch size in the model and make every batch that size: "
        "`dataset.batch(batch_size, drop_remainder=True)`.",
    )


def _ctc_blank(found: IndexOutOfRange, context: Context) -> Advice:
    blank = found.size
    return Advice(
        f"CTC's loss keeps its last class, {blank}, for the blank, so label ids must lie in "
        f"[0, {blank}); a label of {blank} or more came after a blank.",
        (
            (
                "The model's output has as many units as the vocabulary, with no unit left for "
                "the blank, so the last character's id is the blank's.",
                "Give the last Dense layer one unit more than the vocabulary "
                "(`Dense(len(vocabulary) + 1)`).",
            ),
            (
                "Label ids counted from 1, or labels padded with the vocabulary size, and "
                "`label_length` counts the padding as labels.",
                "Number the characters from 0 and pass each sequence's true length.",
            ),
        ),
        "Print the largest label id and the model's output width: the id must be at most the "
        "width minus 2.",
    )


def _ctc_negative(found: IndexOutOfRange, context: Context) -> Advice:
    return Advice(
        f"CTC's loss got a label id of {found.value}: its label ids must be 0 or more, one per "
        "character of the vocabulary (and the blank).",
        (
            (
                "A character missing from the vocabulary was looked up with a default of -1 (a "
                "hash table's default value, or a dict's `.get(c, -1)`).",
                "Add the character to the vocabulary, or map unknown characters to an id of "
                "their own (an out-of-vocabulary id), never to -1.",
            ),
            (
                "Label sequences padded with -1 and handed to the loss as they are (sparse "
                "labels made from the padded array keep the -1).",
                "Drop the padding before making sparse labels, or pad with the blank and pass "
                "each sequence's true `label_length`.",
            ),
        ),
        "Print `tf.reduce_min(labels)` for a batch: it must be 0 or more.",
    )


def _ctc_time(found: CtcTime, context: Context) -> Advice:
    return Advice(
        f"A label sequence needs {found.required} steps of the model's output under CTC's loss, "
        f"and the output gives it only {found.available}: CTC can only align a label with an "
        "output at least as long (longer still where a label repeats a character).",
        (
            (
                "The model shrinks the time (or width) axis more than the labels allow: each "
                "pooling or strided convolution halves it.",
                "Pool less along that axis (e.g. `MaxPooling2D((2, 1))`) or feed wider inputs, so "
                "the output has more steps than the longest label.",
            ),
            (
                "`input_length` passed to the loss is smaller than the output's real length, or "
                "a label is longer than its example (a transcript longer than its audio, padding "
                "counted as characters).",
                "Pass the output's number of steps as `input_length`, each label's true length "
                "as `label_length`, and drop examples whose labels are longer than their output.",
            ),
        ),
        "Print the model's output shape and the longest label: the output's steps must be at "
        "least the label's length. (Keras 3's CTC loss and `tf.nn.ctc_loss` with dense labels "
        "raise nothing here: the loss is just very large.)",
    )


def _initial_state(found: BatchMismatch, context: Context) -> Advice:
    state, batch = found.sizes
    return Advice(
        f"A recurrent layer's initial state was made for batches of {state}, and the input is a "
        f"batch of {batch}: the state needs one row per example of the batch it starts.",
        (
            (
                "The initial state, or an Input it comes from, was built with a fixed batch size "
                "(`keras.Input(..., batch_size=128)`, `tf.zeros((BATCH_SIZE, units))`, TF 1's "
                "`cell.zero_state(1, tf.float32)`).",
                "Make the state from the batch itself: `tf.zeros((tf.shape(x)[0], units))`, and "
                "leave `batch_size` out of the Input.",
            ),
            (
                "The last batch of an epoch is smaller than the others.",
                "Batch with `drop_remainder=True`, or size the state from each batch.",
            ),
        ),
        "Size the initial state from each batch (`tf.shape(x)[0]`), not from a batch size "
        "fixed in the code.",
    )


def _sample_grid(found: BatchMismatch, context: Context) -> Advice:
    return Advice(
        "The samples are saved as one square grid of images, and the batch size is no square "
        "number, so the batch does not fill the grid.",
        (
            (
                "A batch size such as 100 or 32 where the sample grid (DCGAN's "
                "`image_manifold_size`) wants a square number of images.",
                "Use a square batch size (16, 64, 256), or save a square number of the samples.",
            ),
        ),
        "Make the number of images given to the grid a square: a square batch size, or "
        "`samples[: side * side]` for a grid `side` images wide.",
    )


def _unknown_batch(found: BatchMismatch, context: Context) -> Advice:
    shape = f" ({', '.join(found.sizes)})" if found.sizes else ""
    return Advice(
        "A shape was built from the static batch size, which is None (unknown) until the graph "
        f"runs{shape}: `x.shape[0]` or `x.get_shape()[0]` is not a number under tf.function "
        "or in a TF 1 graph.",
        (
            (
                "Noise, labels or a reshape sized with `images.shape[0]` (or a fixed "
                "placeholder batch of None).",
                "Use the dynamic size: `tf.shape(images)[0]`.",
            ),
        ),
        "Take batch sizes from `tf.shape(x)[0]` (a tensor, known when the step runs), not from "
        "`x.shape[0]`.",
    )


def _input_count(found: InputCount, context: Context) -> Advice:
    return Advice(
        f"A model with {found.expected} input(s) was given "
        f"{found.got if found.got is not None else 'another number of'} input arrays or tensors.",
        (
            (
                "The labels went in as a second input: a dataset of (images, labels) passed "
                "where the model takes images only, `model([x, y])` for `model(x)`, or a list "
                "`[x, y]` where fit() wants a tuple (`validation_data=[x_val, y_val]`, a "
                "Sequence or dataset yielding lists: TF 2.2 to 2.4, as threads report, read such "
                "a list as the inputs; a tuple works in every version).",
                "Pass (inputs, targets) as a tuple, the two elements fit() expects, or build "
                "the model with as many Input layers as it is given arrays.",
            ),
            (
                "A conditional GAN whose generator or discriminator takes (noise, label) or "
                "(image, label), called with one of them only.",
                "Call it with both: `model([noise, labels])`.",
            ),
        ),
        "Print `model.inputs` and compare it with what is passed to the model.",
    )


def _list_of_labels(found: ExampleList, context: Context) -> Advice:
    return Advice(
        f"The labels were given as a Python list of at least {found.arrays} arrays. Keras reads "
        "a list of targets as one array per model output, so a list with one label array per "
        "example does not fit a model with one output.",
        (
            (
                "Labels collected in a Python list (`valid = [np.ones(1)] * batch_size`, or one "
                "array appended per example) and the list passed to fit() or train_on_batch().",
                "Make them one array of shape (batch, 1): `np.ones((batch_size, 1))`, or "
                "`np.array(labels)`.",
            ),
        ),
        "Pass one target array per model output: print `np.shape(y)`; its first axis must be "
        "the number of examples.",
    )


def _list_of_examples(found: ExampleList, context: Context) -> Advice:
    sizes = f" (sizes {', '.join(map(str, found.sizes[:3]))}, ...)" if found.sizes else ""
    return Advice(
        f"The inputs were given as a list of at least {found.arrays} arrays{sizes}. Keras "
        "reads a Python list as one array per model input, so each array's first axis counts "
        "as its number of samples: a list of images that was never stacked into one array.",
        (
            (
                "Images (or sequences) collected in a Python list, one array each, and the list "
                "passed to fit() or predict().",
                "Stack them into one array of shape (samples, height, width, channels): "
                "`x = np.stack(images)` (or `np.array(images)`), and the same for the labels.",
            ),
        ),
        "Pass one array per model input: print `np.shape(x)` and make its first axis the number "
        "of examples.",
    )


def _target_count(found: InputCount, context: Context) -> Advice:
    return Advice(
        f"A model with {found.expected} output(s) was given "
        f"{found.got if found.got is not None else 'another number of'} target "
        f"array{'' if found.got == 1 else 's'}.",
        (
            (
                "Several label arrays passed to a model with one output (real and fake labels "
                "as two targets), or one array for a model with several outputs.",
                "Give one target array per output: `np.concatenate` real and fake labels into "
                "one, or list one per output.",
            ),
            (
                "A GAN model with several outputs given the targets of another: an AC-GAN's "
                "discriminator gives (validity, class), a CycleGAN's or pix2pix's combined "
                "model gives a verdict and the images, one target each.",
                "List a target per output, in the order of `model.outputs`: "
                "`combined.train_on_batch(noise, [valid, labels])`.",
            ),
        ),
        "Print `model.outputs` and compare them with the targets given to fit() or "
        "train_on_batch().",
    )


def _undefined_axis(found: UndefinedAxis, context: Context) -> Advice:
    if not found.sizes:
        shape = f" (shape {fmt(found.shape)})" if found.shape else ""
        summary = (
            f"{found.layer or 'A layer'} needs to know the size of its input's axes and got "
            f"unknown ones{shape}: a Dense layer's weights need the number of input features, "
            "Flatten needs the image size."
        )
    else:
        summary = (
            f"A shape was written from a tensor's static sizes, and some beyond the batch axis "
            f"are unknown: {found.sizes}. None cannot become part of a tensor; the sizes the "
            "code reads (`x.shape[1]`, `K.int_shape(x)`) are None until they are fixed."
        )
    return Advice(
        summary,
        (
            (
                "The model was built without a fixed image size (`Input((None, None, 3))`) and "
                "a Flatten or Dense comes after the convolutions.",
                "Give the Input the real image size, or use `GlobalAveragePooling2D()` instead "
                "of Flatten.",
            ),
            (
                "A reshape computed with an unknown size (`tf.reshape(x, [-1, n])` where n is "
                "None), or a Lambda layer whose output shape is unknown.",
                "Take such sizes from `tf.shape(x)` (a tensor, known when the step runs), not "
                "from `x.shape`.",
            ),
        ),
        "Print `model.summary()`: every axis before the first Dense layer, batch aside, must "
        "have a known size.",
    )


def _image_layout(found: ImageLayout, context: Context) -> Advice:
    first = "channels_first" if found.axis == 1 else "channels_last"
    return Advice(
        f"Keras's image generator reads the channels on axis {found.axis} ({first}) and got "
        f"an array of shape {fmt(found.shape)}: {found.channels} there, where an image has 1, "
        "3 or 4.",
        (
            (
                "Images stored channels first (batch, channels, height, width), as Theano or "
                "PyTorch code keeps them, given to a generator that works channels last.",
                "Transpose them, `np.transpose(x, (0, 2, 3, 1))`, or make the generator and the "
                "model work channels first (`data_format='channels_first'`).",
            ),
            (
                "Grayscale images without their channel axis, (batch, height, width), or an "
                "axis too many.",
                "Add the axis with `x[..., np.newaxis]`, and print `x.shape` before `fit`.",
            ),
        ),
        "Print the array's shape: it must be (batch, height, width, channels) with 1, 3 or 4 "
        "channels for a channels-last generator.",
    )


def _transposed_conv(found: TransposedConv, context: Context) -> Advice:
    return Advice(
        "A transposed convolution was given an `output_shape` that its input, strides and "
        f"padding cannot make (the output size is {found.actual}, the input gives "
        f"{found.computed}).",
        (
            (
                "`tf.nn.conv2d_transpose` with an `output_shape` that is not the input size "
                "times the stride (with 'SAME' padding), e.g. after the image size changed.",
                "Make each generator layer double the size: input 4 -> 8 -> 16 -> ... "
                "with strides 2 and 'SAME' padding.",
            ),
            GENERATOR_SIZE,
        ),
        "Print the shape of the input to each transposed convolution and the output_shape "
        "given to it; with stride 2 and 'SAME' padding the output is twice the input.",
    )


def _shapes_of(found: DatasetShapes) -> tuple[str, str]:
    return (
        fmt(found.first) if found.first is not None else "",
        fmt(found.other) if found.other is not None else "",
    )


def _dataset_elements(found: DatasetShapes, context: Context) -> Advice:
    first, other = _shapes_of(found)
    return Advice(
        f"The dataset has examples of different shapes ({first} and {other}), so they cannot "
        "be stacked into one batch.",
        (
            (
                "Images of different sizes, or grayscale images among colour ones (1 channel "
                "against 3), read from a folder.",
                "Resize and convert every image in the pipeline: `tf.image.resize(image, "
                "(h, w))`, `channels=3` when decoding.",
            ),
            IMAGES_RESIZED,
        ),
        "Give every example the shape the models were built for before batching: resize, and "
        "decode with a fixed number of channels.",
    )


def _pixel_shuffle(found: PixelShuffle, context: Context) -> Advice:
    side = math.isqrt(found.multiple)
    block = f", block size {side}" if side * side == found.multiple else ""
    return Advice(
        f"A pixel shuffle (`tf.nn.depth_to_space`{block}) got {found.depth} channels: it turns "
        f"each {found.multiple} channels into a block of pixels, so it needs a multiple of "
        f"{found.multiple}.",
        (
            (
                "The convolution before the shuffle has filters for the output image's "
                "channels, not for those channels times block_size squared.",
                f"Give it `filters = channels * {found.multiple}` (3 channels: "
                f"{3 * found.multiple}).",
            ),
        ),
        "Print the shape that goes into the shuffle: its last axis must divide by "
        f"{found.multiple}.",
    )


def _crop_too_large(found: CropTooLarge, context: Context) -> Advice:
    crop = f"`{found.by}`" if found.by else "A crop"
    side = found.side or "size"
    return Advice(
        f"{crop} got an image whose {side} is smaller than the box it was asked for (offset "
        "plus target size): a crop cannot make an image larger.",
        (
            (
                "Images smaller than the crop: resized before (a folder of 128 x 128 images "
                "given to code that crops 178 x 178 from CelebA's 178 x 218), or a mix of "
                "sizes.",
                "Resize before cropping (`tf.image.resize`), or crop a box that fits the "
                "images you have; print the shapes of a few decoded images.",
            ),
            (
                "An image decoded with another layout: height and width swapped, or "
                "grayscale without its channel axis.",
                "Decode with a fixed number of channels (`tf.io.decode_image(x, channels=3)`) "
                "and print one image's shape.",
            ),
        ),
        "Check the size of the images before the crop, and crop only boxes inside them.",
    )


#: an array given to another input of a converted model than the one meant
_ANOTHER_INTERPRETER_INPUT: Cause = (
    "An array for another input of the model (its inputs are numbered in the order the "
    "converter chose, not always the order of the Keras model's inputs).",
    "Look the index up by name in `get_input_details()`.",
)
_INTERPRETER_SHAPE_FIX = (
    "Print `interpreter.get_input_details()[0]['shape']` and give it arrays of that shape."
)


def _interpreter_input(found: InterpreterInput, context: Context) -> Advice:
    where = f"The TensorFlow Lite interpreter's input {found.input}"
    if found.kind == "dtype":
        quantized = found.expected in ("uint8", "int8")
        causes: list[Cause] = []
        if quantized:
            causes.append(
                (
                    f"The model was converted with integer quantization, so its input is "
                    f"{found.expected}, and it was given {found.got} data.",
                    "Quantize the input with the input's scale and zero point "
                    "(`get_input_details()[0]['quantization']`), or convert with "
                    "`converter.inference_input_type = tf.float32`.",
                )
            )
        cast = f"Cast it to the input's dtype ({found.expected}) before `set_tensor`"
        if found.got == "uint8" and not quantized:
            causes.append(
                (
                    "Images as they were loaded (PIL, OpenCV and `decode_png` give uint8, "
                    "0..255), not scaled as the model was trained.",
                    f"{cast}, scaled as in training: `(x / 255.0).astype(np.float32)` for "
                    "[0, 1], `(x / 127.5 - 1).astype(np.float32)` for a GAN's [-1, 1].",
                )
            )
        elif not quantized:
            made = (
                f"NumPy made the array {found.got}, its default."
                if found.got in ("float64", "int64")
                else f"The array was made {found.got}."
            )
            causes.append((made, f"{cast}: `x.astype(input_details[0]['dtype'])`."))
        return Advice(
            f"{where} takes {found.expected} and `set_tensor` got {found.got}: the "
            "interpreter converts nothing.",
            tuple(causes),
            "Print `interpreter.get_input_details()` and give each input an array of its "
            "dtype and shape.",
        )
    if found.kind == "rank":
        causes = [
            (
                "A single example without its batch axis: the converted model's input keeps "
                "the batch axis, of size 1.",
                "Add it: `x[np.newaxis]`.",
            )
            if int(found.got) < int(found.expected)
            else (
                "An axis too many: a batch of examples made into one more axis, or an image "
                "given a batch axis twice.",
                "Give `set_tensor` one array of the input's shape.",
            ),
            _ANOTHER_INTERPRETER_INPUT,
        ]
        return Advice(
            f"{where} has {found.expected} axes and `set_tensor` got an array with {found.got}.",
            tuple(causes),
            "Print `interpreter.get_input_details()[0]['shape']` and the array's shape: they "
            "must be the same.",
        )
    if found.axis == 0:
        return Advice(
            f"{where} takes {found.expected} example(s) at a time (its batch axis was fixed "
            f"at conversion) and `set_tensor` got {found.got}.",
            (
                (
                    "A converted model keeps the batch size it was converted with, most often 1.",
                    "Run one example at a time, or resize the input first: "
                    f"`interpreter.resize_tensor_input({found.input}, [n, ...])`, then "
                    "`allocate_tensors()`.",
                ),
            ),
            _INTERPRETER_SHAPE_FIX,
        )
    return Advice(
        f"{where} has size {found.expected} on axis {found.axis} and `set_tensor` got "
        f"{found.got}: the model was converted for inputs of another size.",
        (
            (
                "Images of another size than the model was converted (or exported) for.",
                "Resize them to the model's input size first, or convert the model for the "
                "size you use.",
            ),
            _ANOTHER_INTERPRETER_INPUT,
        ),
        _INTERPRETER_SHAPE_FIX,
    )


def _generator_signature(found: DatasetShapes, context: Context) -> Advice:
    first, other = _shapes_of(found)
    return Advice(
        f"`Dataset.from_generator` got an element of shape {first} where its "
        f"`output_signature` says {other}: the generator yields data of another shape "
        "than the models were built for, or the signature was written for other data.",
        (IMAGES_RESIZED,),
        "Make the generator yield what the signature declares: resize the images in it, "
        "or write the signature from one element it yields (`np.shape(next(gen()))`).",
    )


def _generator_batch(found: DatasetShapes, context: Context) -> Advice:
    first, other = _shapes_of(found)
    declared = fmt((None, *found.other[1:])) if found.other else "(None, ...)"
    return Advice(
        f"`Dataset.from_generator` got a batch of shape {first} where its `output_signature` "
        f"fixes {other}: the generator yields whole batches, and the last one of an epoch holds "
        "the images left over, fewer than the batch size the signature wrote down.",
        (
            (
                "A generator of batches (an ImageDataGenerator, a Keras Sequence) wrapped with "
                "a signature whose first axis is the batch size.",
                f"Leave the batch axis open in the signature: `tf.TensorSpec({declared}, "
                "tf.float32)`; or make every batch whole (`steps_per_epoch = n // batch_size`, "
                "or a generator that stops before the remainder).",
            ),
        ),
        "Print the first axis of every batch the generator yields over one epoch: the last "
        "is the remainder, number of images modulo the batch size.",
    )


def _generator_structure(found: DatasetShapes, context: Context) -> Advice:
    return Advice(
        "`Dataset.from_generator` got a tuple from the generator where its "
        "`output_signature` declares one tensor: the generator yields (image, label) "
        "pairs, and the signature describes the images alone.",
        (
            (
                "A generator of (image, label) pairs, declared with one `tf.TensorSpec`.",
                "Declare the pair: `output_signature=(tf.TensorSpec((64, 64, 3), "
                "tf.float32), tf.TensorSpec((), tf.int32))`, or yield the images alone.",
            ),
        ),
        "Make the signature's structure the generator's: one TensorSpec per item it yields.",
    )


def _crop_size(found: DatasetShapes, context: Context) -> Advice:
    first, other = _shapes_of(found)
    return Advice(
        f"`tf.image.random_crop` was asked for {other} from an image of {first}: a crop "
        "cannot be larger than the image.",
        (
            (
                "Images smaller than the crop (a dataset of another size than the code "
                "was written for), or a crop size written for the models' input before "
                "the images were resized up to it.",
                "Resize first, then crop: `tf.image.resize(image, (72, 72))` before a 64x64 crop.",
            ),
        ),
        "Print the image's shape just before the crop, in the dataset's map.",
    )


def _ragged_list(found: DatasetShapes, context: Context) -> Advice:
    return Advice(  # the shapes are not in the message
        "A Python list of arrays of different shapes was made into one tensor (by "
        "`tf.constant`, `Dataset.from_tensor_slices` or fit()): a tensor must be rectangular, "
        "so every item needs the same shape.",
        (
            (
                "Images of different sizes, loaded one by one into a Python list.",
                "Resize each image as it is loaded (`tf.image.resize(image, (h, w))`), or build "
                "the dataset from the file names and decode and resize in its map.",
            ),
            (
                "Labels or sequences of different lengths in one list.",
                "Pad them to one length, or give one label per example.",
            ),
        ),
        "Print the set of shapes in the list (`{np.shape(x) for x in items}`): there must be one.",
    )


def _input_keys(found: InputKeys, context: Context) -> Advice:
    given = f" (the data's keys: {found.given})" if found.given else ""
    expected = f"; its inputs are named {found.expected}" if found.expected else ""
    return Advice(
        f"The data is a dictionary without the key {found.missing!r}{given}. Keras matches a "
        f"dictionary to the model's inputs by their names{expected}.",
        (
            (
                "The dataset's map names a feature otherwise than the model's Input layer "
                "(`{'img': ...}` for `keras.Input(..., name='image')`).",
                "Use one name in both: rename the key in the map, or name the Input layer "
                "after the key.",
            ),
        ),
        "Print `dataset.element_spec` and `[i.name for i in model.inputs]` and make them agree.",
    )


def _targets_missing(found: TargetsMissing, context: Context) -> Advice:
    summary = (
        "fit() got inputs only, and the model was compiled with a loss, which needs targets: "
        "the dataset yields its examples without labels."
    )
    if found.guess:
        summary = (
            "A None met a TensorFlow op inside fit(). Most likely it is the targets: a model "
            "compiled with a loss needs (inputs, targets), and the data gives inputs only."
        )
    return Advice(
        summary,
        (
            (
                "A dataset of images alone (a GAN's real images) given to the fit() of a model "
                "that does not define its own `train_step`.",
                "Yield (inputs, targets) pairs: `tf.data.Dataset.from_tensor_slices((x, y))`; "
                "for a GAN, train with a custom `train_step` that makes its own labels.",
            ),
            (
                "A map that returns the image only and drops the label.",
                "Return both from the map: `return image, label`.",
            ),
        ),
        "Print `dataset.element_spec`: it must be a pair (inputs, targets).",
    )


# --- other shape findings -------------------------------------------------------------------


def _must_equal(found: LossShapes, context: Context) -> Advice:
    return Advice(
        f"The loss got labels of shape {fmt(found.labels)} and predictions of shape "
        f"{fmt(found.predictions)}, and they must be equal.",
        (),
        LABELS_FIX,
    )


SPARSE_ONE_HOT: Cause = (
    "The labels are one-hot (or have an extra column) while the loss is the sparse one.",
    "Use `CategoricalCrossentropy` for one-hot labels, or pass the class indices.",
)
SPARSE_FIX = (
    "Either integer labels of shape (batch,) with `SparseCategoricalCrossentropy`, or one-hot "
    "labels shaped like the predictions with `CategoricalCrossentropy`."
)


def _sparse(found: SparseLabels, context: Context) -> Advice:
    if not found.predictions:
        return Advice(
            f"A sparse categorical cross-entropy got labels of shape {found.labels}, where it "
            f"wants labels of {_axes(found.rank)}: one integer class per example, one axis "
            "fewer than the predictions.",
            (SPARSE_ONE_HOT,),
            SPARSE_FIX,
        )
    return Advice(
        f"A sparse categorical cross-entropy got labels of shape {found.labels} and predictions "
        f"of shape {found.predictions}: a sparse loss wants one integer class per example, so "
        "the labels must have one axis fewer than the predictions.",
        (SPARSE_ONE_HOT,),
        SPARSE_FIX,
    )


_LABEL_COUNT_CAUSES: tuple[Cause, ...] = (
    (
        "One-hot labels reshaped to one long vector, given to a sparse loss that wants one "
        "class index per example.",
        "",
    ),
    ("Labels and images taken from batches of different sizes.", ""),
)
_LABEL_COUNT_FIX = (
    "Give a sparse loss labels of shape (batch,), one class index per example, from the same "
    "batch as the images."
)


def _flattened_labels(found: LabelCount, context: Context) -> Advice:
    n, m = found.labels, found.examples
    return Advice(
        f"The loss got {n} labels for {m} examples: {n} is {n // m} times {m}, as if the labels "
        "were flattened one-hot vectors or several batches.",
        _LABEL_COUNT_CAUSES,
        _LABEL_COUNT_FIX,
    )


def _labels_per_position(found: LabelCount, context: Context) -> Advice:
    n, m = found.labels, found.examples
    factor = n // m
    return Advice(
        f"The loss got {n} labels for {m} rows of logits, {factor} times as many: as if the "
        "labels had a value per position (pixel, time step) and the logits one row per "
        "example.",
        (
            (
                "Labels built or flattened per position (a mask, a label per time step) while "
                "the model gives one row per example.",
                "Give labels and logits the same positions: reshape both the same way "
                "(`tf.reshape(labels, [-1])` with `tf.reshape(logits, [-1, classes])`).",
            ),
            (
                "Rows of labels (one-hot, or several per example) reshaped to one long vector.",
                "Keep one class index per example: `tf.argmax(labels, axis=-1)` for one-hot rows.",
            ),
        ),
        "Print the labels' and the logits' shapes before reshaping them: a sparse loss wants "
        "one label per row of logits.",
    )


_POSITION_CAUSES: tuple[Cause, ...] = (
    (
        "Target sequences of another length than the model's output: a decoder that runs for "
        "its own number of steps (a maximum decode length, the longest input of the batch) "
        "while the targets are padded or cut to theirs.",
        "Pad or cut the targets to the number of steps the model outputs (or run the decoder "
        "for the targets' length), then flatten both the same way.",
    ),
    (
        "Masks (labels per pixel) of another size than the model's output map.",
        "Resize the masks to the output's height and width, or make the model output the "
        "images' size.",
    ),
)

_POSITION_FIX = (
    "Print the labels' and the predictions' shapes before they are flattened into rows: "
    "(batch, steps) against (batch, steps, classes) must agree in every axis but the last."
)


_NOT_ONE_BATCH = f"Counts above {MAX_BATCH} are rarely one batch"


def _positions(who: str) -> str:
    """Why two counts of rows above MAX_BATCH differ: positions flattened into rows."""
    return (
        f"{_NOT_ONE_BATCH}: most likely each row is a position (a time step, a pixel) of a "
        f"batch flattened into one axis, and {who} were flattened from sequences or maps of "
        "different lengths."
    )


def _position_count(found: LabelCount, context: Context) -> Advice:
    return Advice(
        f"The loss got {found.labels} labels for {found.examples} examples (rows of logits). "
        + _positions("the labels and the logits"),
        _POSITION_CAUSES,
        _POSITION_FIX,
    )


def _position_rows(pair: ShapePair, context: Context) -> Advice:
    return Advice(
        f"{_what(pair)} differ in the first axis only: {pair.first[0]} rows against "
        f"{pair.second[0]}. " + _positions("the two"),
        _POSITION_CAUSES,
        _POSITION_FIX,
    )


def _many_rows(pair: ShapePair, context: Context) -> Advice:
    return Advice(
        f"{_what(pair)} differ in the first axis only: {pair.first[0]} against "
        f"{pair.second[0]}. {_NOT_ONE_BATCH}: most likely the first axis counts something "
        "that depends on the input's size, such as the inputs of a weight matrix or positions "
        "flattened into rows.",
        (
            (
                "Weights made for inputs of another size: the kernel of a Dense layer after "
                "Flatten has one row per input value, so images of another size (or weights "
                "saved from such a model) give it another number of rows.",
                "Give the model the input size its weights were made for, or rebuild the layer "
                "for the new size (loading weights by name, skipping the mismatched layer).",
            ),
            (
                "Positions (pixels, time steps) flattened into rows from inputs of two sizes.",
                "Resize the inputs to one size before they reach the model.",
            ),
        ),
        "Print the shapes of both tensors where they are made; the first axis of each must "
        "come from the same input size.",
    )


def _logits_per_position(found: LabelCount, context: Context) -> Advice:
    factor = found.examples // found.labels
    return Advice(
        f"The loss got {found.labels} labels for {found.examples} rows of logits, {factor} "
        f"times as many: most likely {factor} rows of logits per example, though a whole "
        "multiple can also be two batch sizes.",
        _rows_per_example(factor),
        _ROWS_FIX,
    )


def _label_count(found: LabelCount, context: Context) -> Advice:
    return Advice(
        f"The loss got {found.labels} labels for {found.examples} examples.",
        _LABEL_COUNT_CAUSES[::-1],
        _LABEL_COUNT_FIX,
    )


def _sample_count(found: SampleCount, context: Context) -> Advice:
    if found.among_inputs:
        return Advice(
            f"The model's inputs have different numbers of examples: {found.inputs} and "
            f"{found.targets}. Every input of a model with several needs one row per example.",
            (
                (
                    "A conditional GAN's noise and labels from batches of different sizes: the "
                    "noise drawn for a fixed batch size, the labels sliced from the data (or "
                    "the other way round).",
                    "Draw the noise for `len(labels)` examples.",
                ),
            ),
            "Print the first axis of every input before `predict()` or `train_on_batch()`: "
            "they must be equal.",
        )
    return Advice(
        f"Keras got {found.inputs} input examples and {found.targets} targets: every example "
        "needs exactly one target.",
        (
            (
                "Inputs and labels from different arrays or splits (x_train with y_test), or "
                "one of them filtered, batched or repeated and the other not.",
                "",
            ),
        ),
        "Build the inputs and the labels from the same examples, and check "
        "`len(x) == len(y)` before `fit()`.",
    )


def _label_form(found: LabelForm, context: Context) -> Advice:
    shape = f" (shape {fmt(found.shape)})" if found.shape else ""
    if found.loss:
        return Advice(
            f"The labels{shape} are class indices, one per example, and the loss "
            f"{found.loss} wants one-hot rows, one column per class: (samples, classes).",
            (
                (
                    f"Integer class labels given to {found.loss}.",
                    "One-hot encode them (`keras.utils.to_categorical(labels, num_classes)`, "
                    "`tf.one_hot`), or keep them and use `sparse_categorical_crossentropy`.",
                ),
            ),
            "Either one-hot labels of the model's width with categorical_crossentropy, or "
            "integer labels with sparse_categorical_crossentropy; print `labels.shape` and "
            "`model.output_shape` to check.",
        )
    return Advice(
        f"The labels{shape} are not in the form this loss or metric takes: one-hot rows where "
        "one class index per example is expected, or the other way round.",
        (
            (
                "One-hot labels (or the model's class scores) given where class indices are "
                "expected, e.g. to a scikit-learn metric or a tf.estimator classifier.",
                "Turn them into indices with `np.argmax(y, axis=1)`, or build the classifier "
                "with `n_classes` equal to the number of classes.",
            ),
        ),
        "Print the labels' shape: give class indices (n,) where a metric or estimator wants "
        "them, and one-hot rows (n, classes) only to a categorical loss.",
    )


def _input_rank(found: RankMismatch, context: Context) -> Advice:
    named = f"Layer {found.layer!r}" if found.layer else "A layer"
    if found.op and not found.layer:
        # an op, or a method that checks its input's rank (`ImageDataGenerator.fit()`)
        named = f"`{found.op}`" if found.op.endswith(")") else f"The op `{found.op}`"
    at_least = {"min": "at least ", "max": "at most "}.get(found.bound, "")
    causes: list[Cause] = []
    if found.expected is not None and found.got is not None and found.expected >= 4 > found.got:
        causes += [FLAT_INTO_CONV, NO_CHANNEL_AXIS]
    if found.expected is not None and found.got is not None and found.got > found.expected:
        if found.op and found.got == found.expected + 1:
            causes.append(ONE_EXAMPLE_OP_GOT_A_BATCH)
        causes.append(EXTRA_AXIS)
    else:
        causes.append(NO_BATCH_AXIS)
    shape = f" (shape {fmt(found.shape)})" if found.shape is not None else ""
    return Advice(
        f"{named} expects inputs with {at_least}{_axes(found.expected)} and got "
        f"{found.got if found.got is not None else 'fewer'}{shape}.",
        tuple(causes),
        MODEL_INPUT_FIX,
    )


def _loaded_h5(found: RankMismatch, context: Context) -> Advice:
    named = f"Layer {found.layer!r}" if found.layer else "A convolution"
    return Advice(
        f"{named} has a kernel for inputs with {_axes(found.expected)} and got "
        f"{found.got} (shape {fmt(found.shape)}): two unknown axes before one example. Public "
        "threads of 2024 and 2025 show this shape when Keras 3 (TensorFlow 2.16 to 2.19) loads "
        "a model that Keras 2 saved as .h5: the input gets an axis too many, and the data is "
        "not at fault. Keras 3.15 loads such files with their own input shape.",
        (
            (
                "A .h5 model saved by Keras 2 (TensorFlow 2.15 or older), loaded with an older "
                "Keras 3.",
                "Upgrade Keras (`pip install -U keras`), or load the file with Keras 2 "
                "(`pip install tf_keras`, then `tf_keras.models.load_model(path)`), or build "
                "the model in code and load only its weights (`model.load_weights(path)`).",
            ),
            (
                "A model input declared with its batch axis: `Input(shape=(None, 224, 224, 3))`.",
                "Leave the batch axis out: `Input(shape=(224, 224, 3))`.",
            ),
        ),
        "Print `model.input_shape` right after loading: it must be (None, height, width, "
        "channels).",
    )


def _target_map(found: RankMismatch, context: Context) -> Advice:
    shape = f" (shape {fmt(found.shape)})" if found.shape is not None else ""
    output = f" {found.layer}" if found.layer else ""
    return Advice(
        f"fit() got targets with {_axes(found.got)}{shape} for the model's output{output}, which "
        f"has {found.expected}: the model gives a map of values per example where one value "
        "per example is expected.",
        MAP_CAUSES,
        MAP_FIX,
    )


def _labels_per_step(found: RankMismatch, context: Context) -> Advice:
    output = f" {found.layer}" if found.layer else ""
    width = found.shape[1] if found.shape else None
    return Advice(
        f"fit() got targets of shape {fmt(found.shape)} for the model's output{output}, which "
        "has 3 axes, (batch, steps, classes). Either the targets are one row of "
        f"{width} classes per sequence and the model keeps its steps, or they hold a class "
        "index per step where the loss wants a row of classes per step.",
        (
            (
                "One label row per sequence, while the last recurrent layer keeps its steps "
                "(`return_sequences=True`, a TimeDistributed head).",
                "Give the last recurrent layer `return_sequences=False`, so the model gives one "
                "row per sequence.",
            ),
            (
                "A class index per step (tags, word indices) given to categorical_crossentropy, "
                "which wants one-hot rows: (batch, steps, classes).",
                "Use `sparse_categorical_crossentropy` and give the targets a last axis of 1 "
                "(`y[..., None]`), or one-hot encode them per step.",
            ),
        ),
        "Print `model.output_shape` and the targets' shape: they must have the same number of "
        "axes.",
    )


def _sparse_map(found: SparseRanks, context: Context) -> Advice:
    return Advice(
        f"A sparse loss got labels with {_axes(found.labels)} and logits with {found.logits}: "
        "the logits must have exactly one axis more than the labels, so these logits are a map "
        "of scores per example.",
        MAP_CAUSES,
        MAP_FIX,
    )


def _sparse_ranks(found: SparseRanks, context: Context) -> Advice:
    return Advice(
        f"A sparse loss got labels with {_axes(found.labels)} and logits with {found.logits}: a "
        "sparse loss wants one integer class per example, so the labels must have one axis "
        "fewer than the logits.",
        (SPARSE_ONE_HOT,),
        SPARSE_FIX,
    )


def _restore(found: WeightShapes, context: Context) -> Advice:
    if found.saved is None or found.model is None:
        summary = (
            "The saved weights do not fit the model they are loaded into: it was built with "
            "other layers or sizes than the one that was saved."
        )
    else:
        summary = (
            f"Saved weights of shape {fmt(found.saved)} are loaded into a variable of shape "
            f"{fmt(found.model)}: the model was built with other sizes than the one that was "
            "saved."
        )
    causes: tuple[Cause, ...] = (
        (
            "A size changed since the checkpoint was written (the noise size, the "
            "vocabulary, the image size, the number of classes), and the old checkpoint is "
            "restored.",
            "Delete the old checkpoints, or build the model with the saved sizes.",
        ),
        (
            "The file is not this model's: the other network's weights (the discriminator's "
            "loaded into the generator, or the combined GAN's), a file saved by another "
            "version of the code or of Keras, or a damaged download.",
            "Check which model saved the file, e.g. with `h5py.File(path).keys()`.",
        ),
    )
    return Advice(
        summary,
        causes,
        "Build the model with the same sizes as the saved one, or start from fresh weights "
        "(remove the old checkpoint directory).",
    )


def _flat_output(found: RankMismatch, context: Context) -> Advice:
    shape = f" (shape {fmt(found.shape)})" if found.shape is not None else ""
    output = f" {found.layer}" if found.layer else ""
    return Advice(
        f"The model's output{output} has a single axis, the batch, while the labels given to "
        f"fit() have {found.got}{shape}: the model's last layer leaves no axis per example.",
        (
            (
                "The model ends in an argmax, a squeeze or a reduction (often in a Lambda), "
                "which drops the axis of scores or classes; a loss compares (batch, units) "
                "with (batch, units).",
                "End the model in the Dense layer; take the argmax of `model.predict(...)` "
                "afterwards, outside the model.",
            ),
        ),
        "Make the last layer give (batch, units), e.g. `Dense(1)` for one score per example; "
        "compare `model.output_shape` with `y.shape`.",
    )


def _empty_input(found: EmptyInput, context: Context) -> Advice:
    by = found.by or "A model"
    expected = f", where {fmt(found.want)} is expected" if found.want else ""
    return Advice(
        f"{by} got an empty array (shape {fmt(found.shape)}){expected}: no examples reached it.",
        (
            (
                "No images were loaded: a wrong data directory, glob pattern or file "
                "extension gives an empty list, and `np.array([])` has shape (0,).",
                "Print `len(file_list)` and the shape of the loaded array before training.",
            ),
            (
                "An empty batch: fewer examples than the batch size, or a batch index that "
                "runs past the end of the data.",
                "Use a batch size no larger than the data, and stop at `len(data) // "
                "batch_size` batches.",
            ),
        ),
        "Check that the data loader finds the files and returns arrays of the model's input "
        "shape before the first training step.",
    )


def _numpy_joined(found: JoinedArrays, context: Context) -> Advice:
    if found.sizes is not None:
        summary = (
            f"NumPy joined arrays that differ along axis {found.axis} ({found.sizes[0]} "
            f"against {found.sizes[1]}): every axis except the joined one must be equal."
        )
    elif found.ranks is not None:
        summary = (
            f"NumPy joined arrays of {found.ranks[0]} and {found.ranks[1]} axes: arrays "
            "joined into one batch must have the same number of axes."
        )
    else:
        summary = (
            "NumPy joined arrays that differ in an axis other than the joined one (NumPy "
            "before 1.20 does not say which)."
        )
    return Advice(
        summary,
        (
            (
                "Real and generated images stacked into one batch for the discriminator while "
                "the generator makes images of another size, number of channels or layout "
                "(channels first against channels last) than the real ones.",
                "Print `real.shape` and `generator.predict(noise).shape` and make them equal.",
            ),
            (
                "Images and labels, or labels of two kinds (real and fake), of different "
                "shapes: (batch, 1) against (batch,).",
                "",
            ),
        ),
        "Print the shape of every array you join; make the generator's output shape equal the "
        "real images' shape (size, channels, `image_data_format`).",
    )


def _numpy_batch(found: JoinedArrays, context: Context) -> Advice:
    a, b = found.sizes or ("?", "?")
    return Advice(
        f"NumPy joined arrays along another axis, and their numbers of examples differ: {a} "
        f"against {b}.",
        (
            (
                "Noise and labels (or images and labels) made for batches of different sizes: "
                "the noise drawn for a fixed BATCH_SIZE while the last batch of the data is "
                "smaller.",
                "Draw the noise for `len(labels)` examples.",
            ),
        ),
        "Make every array you join have as many rows as the batch: take the size from the "
        "data (`len(images)`), not a constant.",
    )


def _target_rank(found: RankMismatch, context: Context) -> Advice:
    shape = f" (shape {fmt(found.shape)})" if found.shape is not None else ""
    output = f" {found.layer}" if found.layer else ""
    causes: tuple[Cause, ...] = (
        (
            "Labels of another form than the model's output: images, or one-hot rows, where "
            "the model gives one score per example.",
            "",
        ),
    )
    if found.steps_per_label:
        causes = (
            (
                "A label per time step (one row per step) for a model whose last layers give "
                "one row per sequence.",
                "If each step has its own label, keep the steps in the model: "
                "`return_sequences=True` on the last recurrent layer, then "
                "`TimeDistributed(Dense(classes))`; if each sequence has one label, give one "
                "row per sequence.",
            ),
            *causes,
        )
    return Advice(
        f"The labels given to fit() have {_axes(found.got)}{shape}, where the model's output"
        f"{output} has {found.expected}.",
        causes,
        "Give fit() labels shaped like the model's output: compare `model.output_shape` with "
        "`y.shape`.",
    )


def _features(found: FeatureMismatch, context: Context) -> Advice:
    want, have = found.expected, found.got
    if found.weights is not None:
        summary = (
            f"A matrix product (a Dense layer, or tf.matmul) got inputs of shape "
            f"{fmt(found.shape)} with weights of shape {fmt(found.weights)}: the weights were "
            f"built for {want} input features, and each example has {have}."
        )
    elif found.shape is None:  # a message cut before the shapes: only the two sizes
        summary = (
            f"A matrix product (a Dense layer, or tf.matmul) was built for {want} input "
            f"features, and each example has {have}."
        )
    else:
        named = f"Layer {found.layer!r}" if found.layer else "A layer"
        on_axis = f" ({have} on that axis)" if have is not None else ""
        summary = (
            f"{named} was built for inputs whose last axis is {want}, and got a tensor of shape "
            f"{fmt(found.shape)}{on_axis}."
        )
    return Advice(
        summary,
        (_noise_size(want, have), WRONG_TENSOR, IMAGE_SIZE_TO_DENSE),
        "Print the shape of what goes into each model and compare it with "
        "`model.input_shape`: the generator takes noise (batch, NOISE_DIM), the discriminator "
        "images shaped like the real ones.",
    )


def _rnn_cell(found: FeatureMismatch, context: Context) -> Advice:
    return Advice(
        f"A matrix product inside a TensorFlow 1 RNN cell got inputs of shape "
        f"{fmt(found.shape)} with weights of shape {fmt(found.weights)}: the cell's weights "
        f"were built for {found.expected} input features, and each step has {found.got}. "
        "In a stack of cells this is most often the cell's code, not the data.",
        (
            (
                "One cell object repeated for every layer, `MultiRNNCell([cell] * n)`: its "
                "weights are built for the first layer's input and reused, at another size, by "
                "the layers above it.",
                "Make a new cell for each layer: `MultiRNNCell([make_cell() for _ in range(n)])`.",
            ),
            (
                "Code written for TensorFlow 0.x or 1.0, where cells did not keep their "
                "weights between calls.",
                "Run it with the TensorFlow version it was written for, or build each cell "
                "once and in its own variable scope.",
            ),
            (
                "Inputs of another width than the first cell was built for (features per step).",
                "Print the shape of the sequence fed to the RNN: (batch, steps, features).",
            ),
        ),
        "Print how the cells are built: one new cell per layer, each called once.",
    )


def _channel_groups(found: ChannelGroups, context: Context) -> Advice:
    g = found.groups
    return Advice(
        f"A convolution got an input with {g} times the channels its filter takes: TensorFlow "
        f"reads that as {g} groups of channels, and the layer's {found.filters} filters do not "
        f"split into {g} groups.",
        (
            (
                f"Colour images ({g} channels) fed to a model built for grayscale ones (1), or a "
                "generator whose last layer makes more channels than the discriminator takes.",
                "Give both models the same number of channels: the generator's last layer "
                "makes exactly the real images' channels, and the discriminator's input has "
                "them.",
            ),
        ),
        "Print the real images' shape, `generator.output_shape` and `discriminator.input_shape`: "
        "their last axes (the channels) must agree.",
    )


def _channels(found: FeatureMismatch, context: Context) -> Advice:
    named = f"Layer {found.layer!r}" if found.layer else "A convolution"
    if found.words:
        wanted = f"{found.expected} channels" if found.expected is not None else "its channels"
        got = f" and got {found.got}" if found.got is not None else ""
        return Advice(
            f"Images of another number of channels than the code expects ({wanted}{got}).",
            (
                (
                    "Image files decoded as they are stored: grayscale files (1 channel) or "
                    "PNGs with an alpha channel (4) among colour ones (3).",
                    "Decode every file to the same number of channels: "
                    "`tf.io.decode_image(data, channels=3)`, or PIL's `.convert('RGB')`.",
                ),
                (
                    "A generator whose last layer makes another number of channels than the "
                    "real images have, or data laid out channels first.",
                    "Give the generator's last layer as many filters as the real images have "
                    "channels; transpose channels-first data with "
                    "`tf.transpose(x, (0, 2, 3, 1))`.",
                ),
            ),
            "Print the shape of a few images where they are loaded; the last axis (the "
            "channels) must be the same for all and what the model expects.",
        )
    if found.expected is None or found.got is None:
        summary = (
            f"{named} got images with another number of channels (its 'stack size') than its "
            "kernel was built for. With Keras on Theano, most often the images' layout: "
            "channels first (image_dim_ordering 'th') against channels last ('tf')."
        )
    elif min(found.expected, found.got) > 4:
        # no image has that many channels: the maps of a layer inside the model
        return Advice(
            f"{named} was built for feature maps with {found.expected} channels and got "
            f"maps with {found.got}: the layers around it do not fit together for this input.",
            (
                (
                    "The layer before it makes another number of channels (filters) than this "
                    "one's kernel was built or loaded for: a layer changed on one side only, "
                    "or weights saved from another version of the model.",
                    "Give both layers the same number of channels, or rebuild the model before "
                    "loading weights saved from another one.",
                ),
                (
                    "A count computed from the image size (patches of an attention layer, a "
                    "size that must divide by the model's total stride) with images of another "
                    "size than the model assumes.",
                    "Resize or crop the images to the size the model was built for (often a "
                    "multiple of 8, 16 or 32).",
                ),
            ),
            "Print each layer's output shape for one batch (`model.summary()` or a loop "
            "over the layers) to find where the channels stop agreeing.",
        )
    else:
        summary = (
            f"{named} was built for images with {found.expected} "
            f"channel{'' if found.expected == 1 else 's'} and got images with {found.got}."
        )
    return Advice(
        summary,
        (
            (
                "Grayscale images (1 channel) fed to a model built for colour ones (3), or the "
                "other way round; or a generator whose last layer makes another number of "
                "channels than the real images have.",
                "Give the generator's last layer as many filters as the real images have channels.",
            ),
            (
                "Channels-first data (batch, channels, height, width) read as channels-last.",
                "Transpose it with `tf.transpose(x, (0, 2, 3, 1))`.",
            ),
        ),
        "Print `images.shape`, `generator(noise).shape` and `discriminator.input_shape`; the "
        "last axis (the channels) must agree.",
    )


def _loss_reshape(found: ReshapeMismatch, context: Context) -> Advice:
    return Advice(
        f"A reshape inside the loss ({found.loss_node}) got {found.values} values where it "
        f"wants a multiple of {found.requested}. The loss lays out the model's output its own "
        "way (a detection loss: grid by anchors by boxes and classes), so the model's last "
        "layer gives another number of values than the loss was written for.",
        (
            (
                "The number of classes (or anchors) changed in the loss's settings but not in "
                "the model's last layer, or the other way round: a head built for 80 classes "
                "trained with a loss for 20.",
                "Build the last layer for the loss's numbers: filters = anchors * (5 + "
                "classes) for a YOLO head.",
            ),
            (
                "Images of another size than the loss's grid assumes.",
                "Resize the images to the input size the loss was set up for.",
            ),
        ),
        "Print `model.output_shape` and the shape the loss reshapes it to.",
    )


def _reshape(found: ReshapeMismatch, context: Context) -> Advice:
    have, want = found.values, found.requested
    if have is None or want is None:
        return Advice(
            "A reshape was asked for a shape that does not hold the values it gets: a "
            "reshape never adds or drops values.",
            (
                (
                    "The generator's Dense layer before its Reshape has another number of "
                    "units than the Reshape's target.",
                    "`Dense(7 * 7 * 256)` must be followed by `Reshape((7, 7, 256))`.",
                ),
            ),
            "Print the shape that goes into the reshape and make the target hold exactly its "
            "values per example.",
        )
    if found.target_shape is not None:  # a Reshape layer
        return Advice(
            f"A Reshape layer gets {fmt(found.input_shape)} per example ({have} values) and was "
            f"asked for {fmt(found.target_shape)} ({want} values).",
            (
                (
                    f"In a generator, the Dense layer before the Reshape must have {want} units "
                    f"(the product of {fmt(found.target_shape)}); this one gives {have}.",
                    "",
                ),
            ),
            f"Make the layer before the Reshape output {want} values per example, or change the "
            "Reshape's target to hold exactly the values that arrive.",
        )
    ratio = ""
    if have and want and have % want == 0 and not found.multiple:
        ratio = f" ({have} is {have // want} times {want})"
    elif have and want and want % have == 0:
        ratio = f" ({want} is {want // have} times {have})"
    causes: list[Cause] = [
        (
            "The generator's Dense layer before its Reshape has another number of units than "
            "the Reshape's target.",
            "`Dense(7 * 7 * 256)` must be followed by `Reshape((7, 7, 256))`.",
        ),
        ("The images are not the size the model was built for.", ""),
    ]
    if ratio:
        causes.insert(
            1,
            (
                "A batch size written into the target shape (`tf.reshape(x, (BATCH_SIZE, "
                "...))`) while this batch is smaller or larger.",
                "Use -1 for the batch axis.",
            ),
        )
    need = "a multiple of " if found.multiple else ""
    return Advice(
        f"A reshape got a tensor of {have} values and was asked for a shape that needs "
        f"{need}{want}{ratio}: a reshape never adds or drops values.",
        tuple(causes),
        "Make the target shape hold exactly the values that arrive: print the input's shape, "
        "and use -1 for the batch axis.",
    )


def _too_small(found: WindowTooLarge, context: Context) -> Advice:
    if found.size:
        shapes = f". Input shapes: {found.shapes}." if found.shapes else "."
        summary = (
            f"A window of {found.window} (a convolution kernel or pooling window) slides over an "
            f'axis of only {found.size}: with padding="valid" the output would have a negative '
            f"size{shapes}"
        )
    elif found.window:
        summary = (
            f"A layer with {found.what} {found.window} got inputs of shape {found.shapes}: the "
            "window is larger than the image it slides over, so the output would be empty."
        )
    else:
        summary = (
            "A convolution kernel or pooling window is larger than the image it slides over, "
            "so a layer's output (or the size of the layer built on it) would be zero or "
            "negative."
        )
    return Advice(
        summary,
        (
            (
                "The images are smaller than the discriminator was designed for, or its stride-2 "
                "and pooling layers shrink them below the kernel size.",
                "",
            ),
            (
                "Channels-first data (batch, channels, height, width) read as channels-last: "
                "the 'height' is then the number of channels.",
                "",
            ),
        ),
        'Print the shape after each layer (`model.summary()`); use `padding="same"`, fewer '
        "downsampling layers, or larger images.",
    )


def _op_inputs(found: OpInputs, context: Context) -> Advice:
    x, y = found.sizes
    # an op's name ("Conv2DBackpropInput"), or a phrase ("a merge layer (Add, Multiply)")
    what = _capital(found.op) if found.op.startswith("a ") else f"The op {found.op}"
    return Advice(
        f"{what} got inputs of shapes {fmt(found.first)} and {fmt(found.second)} "
        f"whose sizes do not fit ({x} against {y}).",
        (
            (
                "A layer gets inputs of another size than it was built for: the images' size "
                "or number of channels is not what the model expects.",
                "",
            ),
        ),
        "Print the shape of the tensor going into that layer and the layer's expected input "
        "(`model.summary()`).",
    )


def _concatenate_layer(found: JoinedShapes, context: Context) -> Advice:
    shapes = ", ".join(fmt(s) for s in found.shapes)
    return Advice(
        f"A Concatenate layer got inputs of shapes {shapes}: all axes except the one they are "
        "joined on must be equal.",
        (
            UNET,
            (
                "In a conditional GAN, the label input was not reshaped to the image's size "
                "before being joined to it.",
                "Reshape the label input to match before joining.",
            ),
        ),
        "Resize the images to a side every downsampling step divides, or reshape the label "
        "input to match before joining.",
    )


def _shared_variable(found: SharedVariable, context: Context) -> Advice:
    return Advice(
        f"The variable {found.name} was made with shape {fmt(found.found)} and is asked for "
        f"again with shape {fmt(found.specified)}: a model built in a variable scope was called "
        "a second time on inputs of another shape.",
        (
            (
                "The discriminator is called on real images and on generated ones of another "
                "size: the generator's output is not the real images' shape.",
                "",
            ),
            (
                "Another model or layer built under the same variable scope with `reuse=True`.",
                "Give it a scope of its own.",
            ),
        ),
        "Make the generator's output exactly the real images' shape, so that both calls of the "
        "discriminator build the same weights; print both shapes.",
    )


def _float_dimension(found: FloatDimension, context: Context) -> Advice:
    value = f" ({found.value})" if found.value else ""
    return Advice(
        f"A size computed with `/` is a float{value}: shapes, numbers of units and array sizes "
        "must be integers.",
        (
            (
                "Shape arithmetic with `/`, which always gives a float in Python 3: "
                "`img_size / 4` in a Reshape, a Dense layer's units or `np.zeros`.",
                "Use `//` for sizes.",
            ),
        ),
        "Compute every size with integer division `//`, or wrap it in `int(...)`.",
    )


def _float_index(found: FloatIndex, context: Context) -> Advice:
    container = "A Python list" if found.container in ("list", "tuple") else "A NumPy array"
    got = f" ({found.got})" if found.got else ""
    return Advice(
        f"{container} was indexed with something that is not an integer{got}: an index must be "
        "an int (or an array of ints or booleans). Most often it is a float.",
        (
            (
                "Class labels loaded as floats (NumPy's default, or read from a file) used as "
                "positions: `one_hot[i, labels[i]] = 1` when building one-hot labels for a "
                "conditional GAN.",
                "Make the labels integers once, where they are loaded: "
                "`labels = labels.astype('int64')` (or `int(labels[i])`).",
            ),
            (
                "A position or a size computed with `/`, which always gives a float in "
                "Python 3 (`images[len(images) / 2]`).",
                "Use integer division `//`.",
            ),
        ),
        "Print the index's `type()` (and `.dtype` for an array) on the line that fails.",
    )


# --- dtypes -----------------------------------------------------------------------------------


def _a(word: str) -> str:
    return f"an {word}" if word.startswith(("int", "a", "e", "o")) else f"a {word}"


_DTYPE_CAUSES: dict[str, Callable[[str], tuple[Cause, ...]]] = {
    "integer": lambda odd: (
        (
            f"Real images loaded as {odd} pixels (0 to 255) and never converted: a generator "
            "with a tanh output makes float32 images in [-1, 1].",
            "Scale the real ones the same way: `tf.cast(images, tf.float32) / 127.5 - 1`.",
        ),
        (
            "Integer class labels joined to float tensors in a conditional GAN.",
            "Cast them with `tf.cast(labels, tf.float32)`, or pass them through an Embedding "
            "first.",
        ),
        (
            "A generator that casts its output to integers (an integer output would also cut "
            "the generator's gradients).",
            "Keep it float32.",
        ),
    ),
    "float64": lambda odd: (
        (
            "A NumPy array went in as it is: NumPy makes float64 by default "
            "(`np.random.normal(...)` noise, NumPy labels or images).",
            "Convert it with `.astype('float32')`, or make noise with `tf.random.normal`.",
        ),
        ("A tensor made with `tf.constant` from float64 NumPy data keeps float64.", ""),
    ),
    "half": lambda odd: (
        (
            f"Mixed precision (`keras.mixed_precision.set_global_policy('mixed_float16')`): the "
            f"layers compute in {odd}, so a model's output is {odd} where the real images, "
            "the labels or the other model's tensors are float32.",
            "End each model with a float32 layer, as Keras's mixed-precision guide does "
            "(`layers.Activation('linear', dtype='float32')`), or cast its output with "
            "`tf.cast(x, tf.float32)` before it meets float32 tensors.",
        ),
    ),
    "object": lambda odd: (
        (
            "A NumPy array of Python objects (dtype object): a pandas column of mixed types, or "
            "a list of arrays of different lengths, turned into one array.",
            "Convert it with `np.asarray(x).astype('float32')` after fixing the odd entries.",
        ),
    ),
    "indices": lambda odd: (
        (
            "Float indices: class labels or positions made as floats (a NumPy default, or "
            "arithmetic with `/`) where an Embedding or a gather needs integers.",
            "Cast them with `tf.cast(indices, tf.int32)`.",
        ),
    ),
    "other": lambda odd: (
        (
            "Two tensors that meet in this op were made with different dtypes.",
            "Print the `.dtype` of each input.",
        ),
    ),
}


def _op_named(op: str) -> str:
    """An op's name set as code; not where it is no op's name ("An op", "Keras", "A list of
    tensors made ...", "A file dataset of tf.data")."""
    return op if op == "Keras" or " " in op else f"`{op}`"


def _dtype(found: DtypeClash, context: Context) -> Advice:
    op = found.op or "An op"
    where = f" {found.where}" if found.where else ""
    if found.kind == "no-kernel":
        where = " it has no kernel for,"
    if found.kind == "indices":
        fix = (
            "Make indices integers where they are made (`tf.cast(labels, tf.int32)`), and "
            "print the `.dtype` of the labels that go into an Embedding or a gather."
        )
    elif found.kind == "object":
        fix = (
            "Convert the data to one float32 array before training "
            "(`np.asarray(x).astype('float32')`), and print its `.dtype` and `.shape`."
        )
    elif found.situation == "half":
        fix = (
            f"Give the tensors that leave a {found.odd} model float32 (a last layer with "
            "`dtype='float32'`, or `tf.cast`) before they meet the real images and the labels, "
            "and print `.dtype` of each to check."
        )
    else:
        fix = (
            f"Convert the {found.odd} tensor to float32 once, where it enters (the data "
            "pipeline or the noise), and print `.dtype` of the real images, the noise, the "
            "fakes and the labels to check."
        )
    named = _op_named(op)
    rule = (
        "TensorFlow does not convert between dtypes for you: indices, and the labels of a "
        "sparse loss, must be integers."
        if found.kind == "indices"
        else "TensorFlow does not convert between dtypes for you: every tensor that meets in "
        "one op must have the same dtype, and in a GAN that means float32 everywhere images, "
        "noise and scores meet."
    )
    return Advice(
        f"{named} got {_a(found.got)} tensor{where} where it expected {found.expected}. {rule}",
        _DTYPE_CAUSES[found.situation](found.odd),
        fix,
    )


# --- index range ------------------------------------------------------------------------------


def _off_by_what(found: IndexOutOfRange) -> str:
    value, size = found.value, found.size
    what = "label" if found.kind == "label" else "index"
    last = "class" if found.kind == "label" else "row"
    if value is None or size is None:
        return ""
    if value < 0:
        return f"{value} is negative: -1 often marks a missing or padding label."
    if value == size:
        return (
            f"{_capital(what)} {value} is one past the last {last}, {size - 1}: labels "
            f"numbered from 1 to {size}, or a size one short of the number of classes."
        )
    return f"{value} is {value - size + 1} beyond the last valid {what}, {size - 1}."


def _index(found: IndexOutOfRange, context: Context) -> Advice:
    value, size = found.value, found.size
    if size is None or value is None:
        which = f" ({value})" if value is not None else ""
        return Advice(
            f"An index or class label{which} is outside the range of what it indexes: that "
            "axis, or the number of classes, is smaller than the code assumes.",
            (
                (
                    "A tensor indexed with a position (a class, a task, a time step) that it "
                    "does not have: it was built or loaded with fewer entries.",
                    "",
                ),
            ),
            "Print the shape of the tensor being indexed and the largest index used on it.",
        )
    table = (
        "the Embedding"
        if found.embedding
        else "the table being indexed (an Embedding or a tf.gather)"
    )
    position = f" at position [{found.position}]" if found.position else ""
    return Advice(
        f"The index{position} is {value}, but {table} has only {size} rows: valid indices are 0 "
        f"to {size - 1}. {_off_by_what(found)}",
        (
            (
                f"A conditional GAN's label Embedding was built with `input_dim={size}`, but "
                f"the class labels go at least up to {value}.",
                "`input_dim` must be the number of classes, that is the largest label + 1.",
            ),
            (
                "The labels are numbered from 1, or were never converted from the dataset's own "
                "codes to 0..n-1.",
                "",
            ),
            ("Something that is not a label (noise, pixel values) is fed to the Embedding.", ""),
        ),
        "Look at one batch of labels (`tf.reduce_min(labels)`, `tf.reduce_max(labels)`) and "
        "build the Embedding with `input_dim=num_classes`, where the labels run from 0 to "
        "num_classes - 1.",
    )


def _one_class(found: IndexOutOfRange, context: Context) -> Advice:
    return Advice(
        f"A class label is {found.value}, but the loss compares it with 1 class score: the "
        "model's output has one unit, and a sparse categorical loss reads that as a single "
        "class, so only the label 0 is valid.",
        (
            (
                "A binary task (real/fake, two classes) with a one-unit output and "
                "`sparse_categorical_crossentropy`.",
                "Use `binary_crossentropy` with the one-unit (sigmoid) output, or give the "
                "model `Dense(2)` for the sparse loss.",
            ),
        ),
        "Match the loss to the output: one score per example goes with binary cross-entropy; a "
        "sparse categorical loss needs one unit per class.",
    )


def _label(found: IndexOutOfRange, context: Context) -> Advice:
    value, size = found.value, found.size
    if size is None or value is None:
        return _index(found, context)
    if found.numpy:
        return Advice(
            f"NumPy was given the index {value} for an axis of size {size}: valid indices are "
            f"0 to {size - 1}. {_off_by_what(found)}",
            (
                (
                    "Class labels one-hot encoded (`to_categorical(labels, num_classes)`, or a "
                    "table indexed with them) with a label that reaches num_classes.",
                    "Pass the real number of classes, or shift labels that start at 1.",
                ),
            ),
            "Check `labels.min()` and `labels.max()` before encoding them: they must run from "
            "0 to num_classes - 1.",
        )
    return Advice(
        f"A class label is {value}, but the loss compares it with {size} class scores (the last "
        f"axis of the model's output): valid labels are 0 to {size - 1}. {_off_by_what(found)}",
        (
            (
                f"The classifier head (an auxiliary classifier in an AC-GAN, say) ends in a "
                f"Dense layer with {size} units, fewer than the number of classes.",
                "Give it one unit per class.",
            ),
            ("The labels are numbered from 1, or a -1 marks unlabelled examples.", ""),
        ),
        "Give the model's last layer one unit per class (`Dense(num_classes)`) and check that "
        "the labels run from 0 to num_classes - 1.",
    )


# --- numerics ---------------------------------------------------------------------------------

_NAN_CAUSES: tuple[Cause, ...] = (
    (
        "A hand-written loss takes `tf.math.log` of a score that can be 0 or negative (log(0) is "
        "-Inf, log of a negative number is NaN), or divides by something that can be 0.",
        "Use `keras.losses.BinaryCrossentropy(from_logits=True)` on raw discriminator scores "
        "instead of your own log.",
    ),
    (
        "The losses grew until they overflowed (Inf), then became NaN: a learning rate too high "
        "for GAN training, or inputs that were never scaled.",
        "",
    ),
    ("NaN already in the data.", "Check `tf.reduce_any(tf.math.is_nan(images))` on a batch."),
)
_NAN_FIX = (
    "Find the first tensor that goes bad: call `tf.debugging.enable_check_numerics()` before "
    "training to stop at the first op that makes a NaN or Inf, then fix that op's inputs."
)
_SPREADS = (
    "A NaN or an Inf spreads to every value computed from it, so the losses and then the "
    "weights of both models go bad."
)
#: a tensor's name, as TF 1's add_check_numerics_ops labels each check ('Log:0'), not a message
_TENSOR_NAME = Lazy(r"[\w./-]{1,200}:\d{1,4}")


def _check_numerics(found: NonFinite, context: Context) -> Advice:
    if found.label and _TENSOR_NAME.fullmatch(found.label):
        named = f" in the tensor {found.label!r}"
    else:  # check_numerics(x, message), or assert_all_finite(x, message), which calls it
        named = f" (the check's message: {found.label!r})" if found.label else ""
    return Advice(
        f"`tf.debugging.check_numerics` found {found.what} values{named}. {_SPREADS}",
        _NAN_CAUSES,
        _NAN_FIX,
    )


def _summary_nan(found: NonFinite, context: Context) -> Advice:
    named = f" {found.label!r}" if found.label else ""
    return Advice(
        f"A TensorBoard histogram summary met {found.what} values in{named}: the weights or "
        f"activations it records have gone bad. {_SPREADS}",
        _NAN_CAUSES,
        _NAN_FIX,
    )


def _numpy_nan(found: NonFinite, context: Context) -> Advice:
    return Advice(
        f"NumPy's {found.label} made {found.what} values: its input was outside the range "
        f"where {found.label} is defined (log of 0 or of a negative number, a division by 0, "
        f"an exponent too large). {_SPREADS}",
        _NAN_CAUSES,
        "Print the smallest and largest input to that function, and clip or scale the values "
        "before it (a small epsilon where a log or a division meets 0).",
    )


def _data_nan(found: NonFinite, context: Context) -> Advice:
    return Advice(
        f"An array given to a library function holds {found.what} values: "
        f"{found.label or 'it'} checks its input and refuses them. {_SPREADS}",
        _NAN_CAUSES,
        "Find where the values go bad: check the generator's output (and the data) with "
        "`np.isfinite(x).all()` before this call.",
    )


def _matrix_nan(found: NonFinite, context: Context) -> Advice:
    if found.label == "Cholesky":
        what = (
            "A Cholesky factorisation got a matrix that is not positive definite: its result is "
            'NaN. (TensorFlow 2.21 on CPU no longer raises for it: it logs "Cholesky '
            'decomposition was not successful", fills the factor with NaN, and training goes '
            "on to a NaN loss.)"
        )
    else:
        what = "A matrix inverse got a singular matrix, which has no inverse."
    return Advice(
        what,
        (
            (
                "A covariance or kernel matrix built without jitter: repeated or nearly equal "
                "rows make it singular, and float32 rounding makes it slightly indefinite.",
                "Add a small multiple of the identity before factorising: "
                "`tf.linalg.cholesky(k + 1e-6 * tf.eye(n))`, or compute in float64.",
            ),
            (
                "NaN or Inf already in the matrix (a bad batch, a diverged generator).",
                "Check it first with `tf.debugging.check_numerics(k, 'matrix')`.",
            ),
        ),
        "Make the matrix safely positive definite (jitter on its diagonal, float64), and check "
        "it for NaN before the factorisation.",
    )


def _probabilities(found: LogitsMismatch, context: Context) -> Advice:
    return Advice(
        "A loss or metric that takes probabilities (values in [0, 1]) got values outside that "
        "range: raw scores (logits), or values gone bad.",
        (
            (
                "The discriminator gives raw scores (no sigmoid on its last layer) while the "
                "loss or metric expects probabilities.",
                "Use `from_logits=True` in the loss, or apply `tf.sigmoid` before the metric.",
            ),
            _NAN_CAUSES[1],
        ),
        "Make the model's output and the loss agree: raw scores with `from_logits=True`, or a "
        "sigmoid output with `from_logits=False`.",
    )


def _class_ids(found: LogitsMismatch, context: Context) -> Advice:
    return Advice(
        "A loss or metric that takes probabilities (values in [0, 1]) got whole class numbers: "
        "the output of an argmax, not a score per example.",
        (
            (
                "A binary metric (AUC, precision at a threshold) kept on a model of more than "
                "two classes, and given `tf.argmax` of its output.",
                "Give a binary metric the probability of the positive class (a sigmoid output), "
                "or use a metric made for several classes.",
            ),
        ),
        "Print the tensor the metric is given and its dtype: probabilities are floats between 0 "
        "and 1, one per example.",
    )


def _from_logits(found: LogitsMismatch, context: Context) -> Advice:
    return Advice(
        f"`{found.loss}` was told it gets logits (`from_logits=True`), but the model's output "
        f"comes from a {found.activation} activation: these are probabilities, and the loss "
        "applies its own sigmoid or softmax on top, so it trains on the wrong values.",
        (
            (
                "The model's last layer has an activation and the loss is built with "
                "`from_logits=True`: one of the two must go.",
                "Remove the activation of the last layer (keep `from_logits=True`), or keep it "
                "and use `from_logits=False`.",
            ),
        ),
        "Give the loss raw scores: no activation on the model's last layer, "
        "`from_logits=True` in the loss.",
    )


def _loss_nan(found: NonFinite, context: Context) -> Advice:
    return Advice(
        f"{found.what} values in the training: a loss or the tensors it is computed from. "
        f"{_SPREADS}",
        _NAN_CAUSES,
        _NAN_FIX,
    )


# --- gradients --------------------------------------------------------------------------------

_NO_GRADIENT_CAUSES: tuple[Cause, ...] = (
    (
        "An integer cast on the way to the loss: a generator that ends in `tf.cast(..., "
        "tf.int32)` or uint8 pixels has no gradient, so the generator's tape returns None for "
        "every generator variable.",
        "",
    ),
    (
        "The loss was computed outside the `with tf.GradientTape() as tape:` block, or from "
        "NumPy values (`.numpy()`) on the way: the tape recorded nothing that leads to the "
        "weights.",
        "",
    ),
    (
        "`tape.gradient(loss, model.trainable_variables)` names a model whose output the loss "
        "never used.",
        "",
    ),
)
UNWATCHED_INPUT: Cause = (
    "A gradient taken with respect to a tensor that is not a variable, such as the "
    "interpolated images of a WGAN-GP gradient penalty: the tape only follows variables, so "
    "`tape.gradient(scores, interpolated)` is None unless it was told to watch them.",
    "Call `tape.watch(interpolated)` inside the `with tf.GradientTape() as tape:` block, "
    "before the discriminator sees them.",
)
_NO_GRADIENT_FIX = (
    "Keep every step from the noise to the loss inside the tape, as float32 TensorFlow ops; "
    "check `generator(noise).dtype` is float32 and print `[g is None for g in gradients]` to see "
    "which variables are cut off."
)


#: TF 1 (and graph-mode) `optimizer.minimize(loss, var_list=...)`: no tape in sight
_GRAPH_MINIMIZE = "check your graph for ops that do not support gradients"
_GRAPH_NO_GRADIENT_CAUSES: tuple[Cause, ...] = (
    (
        "An op with no gradient between the variables and the loss: a cast to an integer "
        "type, `tf.argmax`, `tf.round`, a comparison, or images turned into uint8 on the way.",
        "Keep the path from the weights to the loss in float32 ops that have gradients (a "
        "softmax instead of an argmax, no cast).",
    ),
    (
        "The loss does not depend on the variables in `var_list`: the generator's variables "
        "given to the discriminator's optimizer (or the other way round), or a scope name in "
        "the filter that picks the wrong model's variables.",
        "Pair each loss with its own model's variables: `d_optim.minimize(d_loss, "
        "var_list=d_vars)`, `g_optim.minimize(g_loss, var_list=g_vars)`.",
    ),
    (
        "A value computed by `session.run` and fed back through a placeholder: the graph no "
        "longer connects it to the weights.",
        "",
    ),
)


def _none_for_all(found: MissingGradients, context: Context) -> Advice:
    names = found.variables
    which = f" (the first is {names[0]}, of {len(names)})" if names else ""
    if _GRAPH_MINIMIZE in (context.raw or context.message):
        return Advice(
            f"The optimizer's `minimize` found no gradient from the loss to any of the "
            f"variables it was given{which}: nothing in the graph connects the loss to those "
            "weights.",
            _GRAPH_NO_GRADIENT_CAUSES,
            "Print `[g is None for g in tf.gradients(loss, var_list)]` to see which variables "
            "the loss does not reach, and the ops between them.",
        )
    return Advice(
        "The optimizer received no gradient for any of the variables it was given"
        f"{which}: `tape.gradient` returned None for all of them, so nothing connects the loss "
        "to those weights.",
        _NO_GRADIENT_CAUSES,
        _NO_GRADIENT_FIX,
    )


MOVING_STATISTICS: Cause = (
    "Batch normalisation's moving statistics (moving_mean, moving_variance) passed to the "
    "optimizer: they are updated by the layer, never by gradients.",
    "Pass `model.trainable_variables`, not `model.variables` or `model.weights`.",
)


def _none_values(found: MissingGradients, context: Context) -> Advice:
    names = found.variables
    which = f" ({', '.join(names[:3])})" if names else ""
    causes = _NO_GRADIENT_CAUSES
    if any("moving_" in name for name in names):
        causes = (MOVING_STATISTICS, *causes)
    return Advice(
        f"Some gradients are None{which}: nothing connects the loss to those weights, so they "
        "would never be trained.",
        causes,
        _NO_GRADIENT_FIX,
    )


def _none_used(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "A gradient that is None was used in arithmetic (a norm, a product, a sum): "
        "`tape.gradient` returns None for whatever the tape did not connect to its target.",
        (UNWATCHED_INPUT, *_NO_GRADIENT_CAUSES),
        "Print `[g is None for g in gradients]` right after `tape.gradient`; watch any tensor "
        "that is not a variable (`tape.watch(x)`) and keep every step to the target inside "
        "the tape, as float32 TensorFlow ops.",
    )


def _none_into_op(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "A None reached a TensorFlow op where a tensor was expected. In a training step the "
        "most common None is a gradient: `tape.gradient` returns None for whatever the tape "
        "did not connect to its target.",
        (
            UNWATCHED_INPUT,
            *_NO_GRADIENT_CAUSES,
            (
                "A function that returns nothing: a custom layer's `call` or a loss function "
                "without `return`.",
                "",
            ),
        ),
        "Print `[g is None for g in gradients]` right after `tape.gradient`, and the value "
        "given to the op that failed (the last line of your own code in the traceback).",
    )


def _fetched_none(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "`Session.run` was given None to fetch. The most common None in a training graph is a "
        "gradient: `tf.gradients` (or `compute_gradients`) returns None for a variable that the "
        "loss does not depend on.",
        (
            (
                "A gradient fetched for a variable the loss does not reach (the other model's "
                "weights, an integer variable, a path through argmax or a cast).",
                "Print `[g is None for g in grads]`; make the variables float32 and keep the "
                "path from them to the loss differentiable.",
            ),
            (
                "A function that builds an op but returns nothing, or "
                "`tf.summary.merge_all()` in a graph with no summaries: both give None.",
                "Fetch only what exists: `return` the op, and check the fetch list for None.",
            ),
        ),
        "Print every item of the fetch list before `sess.run`; the None is the one to fix.",
    )


def _no_gradient_op(found: MissingGradients, context: Context) -> Advice:
    op = found.variables[0] if found.variables else "an op"
    return Advice(
        f"The loss is computed through {op}, which has no gradient: nothing can flow back "
        "through it to the weights before it.",
        (
            (
                "A rounding, argmax, cast to integers or comparison between the generator's "
                "output and the loss: these steps are flat, so they have no gradient.",
                "Keep the generator's output continuous up to the loss (a softmax or "
                "straight-through estimate instead of argmax or round).",
            ),
        ),
        _NO_GRADIENT_FIX,
    )


def _second_order_loop(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "The loss holds a gradient (a gradient penalty, as in WGAN-GP), so training takes the "
        "gradient of a gradient, and part of the model runs in a while loop (an RNN, "
        "`tf.map_fn`, `tf.scan`). TensorFlow 1's while loops have no second-order gradient.",
        (
            (
                "A recurrent layer (LSTM, GRU) or a `tf.map_fn` in the discriminator of a GAN "
                "trained with a gradient penalty, on TensorFlow 1.",
                "Unroll the recurrent layer (`unroll=True`, for a fixed sequence length), or "
                "replace the loop by a vectorised op; TensorFlow 2's control flow (the "
                "default from 2.0) supports the gradient of a gradient through while loops.",
            ),
            (
                "A penalty that does not need it would do as well: spectral normalisation, or "
                "weight clipping as in the first WGAN.",
                "Drop the gradient penalty for such a discriminator, or move the loop out of it.",
            ),
        ),
        "Find the loop: print the discriminator's layers, and look for a `tf.gradients` or "
        "tape gradient inside the loss.",
    )


def _registry_mismatch(found: MissingGradients, context: Context) -> Advice:
    op = found.variables[0] if found.variables else "an op"
    return Advice(
        f"TensorFlow found no gradient for {op}, an op that has one in every version that "
        "has it. That is rarely the model: most likely the graph or module was made by another "
        "TensorFlow than the one running it, or the TensorFlow running it is a port that lacks "
        "that gradient.",
        (
            (
                "A saved graph, checkpoint or TF-Hub module exported with a newer TensorFlow "
                "(AddV2 came with TF 1.15) and loaded into an older one.",
                "Run the version it was exported with, or use a module exported for yours.",
            ),
            (
                "TensorFlow used through a port or binding (TensorFlow.NET, TensorFlow.js) "
                "whose version has not registered the gradient of that op yet.",
                "Upgrade the port, or look in its issue tracker for that op's gradient.",
            ),
        ),
        "Print `tf.__version__` and the version the model or module was saved with.",
    )


def _empty_pairs(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "The list of (gradient, variable) pairs was empty when it was unpacked: no variable got "
        "a gradient, or the model had no trainable variables yet.",
        (
            *_NO_GRADIENT_CAUSES,
            (
                "The variables were listed before the model was built (called once), so the "
                "list was empty.",
                "Build the model (call it on a batch) before listing its variables.",
            ),
        ),
        _NO_GRADIENT_FIX,
    )


def _no_variables(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "The optimizer was given no variables to train: the list of variables passed to it "
        "is empty.",
        (
            (
                "Variables selected by name or scope (`[v for v in tf.trainable_variables() if "
                "'d_' in v.name]`) with a prefix that no variable has.",
                "Print the variables' names and fix the filter, or use `model.trainable_"
                "variables` / `tf.trainable_variables(scope='discriminator')`.",
            ),
            (
                "The model's variables were listed before it was built, or the model was frozen "
                "(`trainable = False`) when the list was made.",
                "",
            ),
        ),
        "Print the list given to the optimizer (`var_list`): each model's training step must "
        "get that model's variables.",
    )


def _tape_reused(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "One GradientTape was asked for a second set of gradients: a tape that is not "
        "persistent gives gradients once, so the second model (the generator's or the "
        "discriminator's update) gets none.",
        (
            (
                "Both models' gradients taken from one `with tf.GradientTape() as tape:` block.",
                "Record each loss on its own tape: `with tf.GradientTape() as gen_tape, "
                "tf.GradientTape() as disc_tape:`, or make it `persistent=True`.",
            ),
        ),
        "Use one tape per model (gen_tape for the generator's loss, disc_tape for the "
        "discriminator's), as the DCGAN tutorial does.",
    )


def _in_place(found: ArrayDtype, context: Context) -> Advice:
    return Advice(
        f"NumPy's `{found.op}` made {found.got} values in place in an array of {found.into}, "
        f"which cannot hold them: an in-place `/=`, `-=` or `+=` keeps the array's dtype, and "
        f"NumPy will not silently turn {found.got} into {found.into}.",
        (
            (
                f"Images loaded as {found.into} (as image files, PIL and `load_data()` give "
                "them) scaled in place: `x_train /= 127.5` or `x_train -= 127.5`.",
                "Make a float32 array first, then scale it: "
                "`x_train = (x_train.astype('float32') - 127.5) / 127.5`.",
            ),
            (
                "Noise added in place to integer images or labels (`x += np.random.normal(...)`).",
                "Convert to float32 before adding the noise: `x = x.astype('float32') + noise`.",
            ),
        ),
        "Print `.dtype` of the array on the line of the traceback: scale a float32 copy, "
        "never the integer array itself.",
    )


def _image_file(found: ArrayDtype, context: Context) -> Advice:
    values = f"{found.got} values" if found.got else "values of a dtype it has no mode for"
    if found.op == "Image.save":
        summary = (
            "PIL was asked to save a float image (mode F) in a format of 8-bit pixels: PNG and "
            "JPEG files hold uint8 values from 0 to 255."
        )
    else:
        summary = (
            f"PIL's `Image.fromarray` got {values}: it makes RGB and grayscale images from "
            "uint8 arrays (0 to 255), not from the floats a generator outputs."
        )
    return Advice(
        summary,
        (
            (
                "A generator's output (float32, in [-1, 1] after tanh or [0, 1] after a "
                "sigmoid) saved as it is.",
                "Rescale and convert before saving: "
                "`Image.fromarray(((img + 1) * 127.5).clip(0, 255).astype('uint8'))` for "
                "[-1, 1] outputs, or `(img * 255)` for [0, 1].",
            ),
        ),
        "Print `img.dtype`, `img.min()` and `img.max()` just before saving, and give PIL uint8 "
        "in 0..255 (and a 2-D array for a single-channel image: `img[..., 0]`).",
    )


def _word(found: DtypeClash, context: Context) -> Advice:
    return Advice(
        f"`{found.op}` got a Python string, one word, where it wanted a {found.expected} "
        "tensor. One word is rarely the data: most likely a name was passed in a tensor's "
        "place, or a tensor was compared with a string.",
        (
            (
                "A tensor compared with a string (`mask == 'causal'`): TensorFlow turns the "
                "string into a tensor of the other side's dtype, and fails.",
                "Test the Python value before it becomes a tensor: `isinstance(mask, str)`.",
            ),
            (
                "A setting's name (an activation, a padding, a mode) given as a positional "
                "argument where the function takes a tensor.",
                "Pass settings by keyword, and check the function's argument order.",
            ),
            (
                "Labels or features read from a file as text (class names in a CSV column).",
                "Map the names to numbers before training: a dict of class indices, or "
                "`tf.keras.layers.StringLookup`.",
            ),
        ),
        "Print the value at the line of the traceback that made the tensor: it must be a number "
        "or an array of numbers.",
    )


#: the list a tf.train.Feature keeps values of each dtype in, and how parsing names that dtype
_FEATURE_LISTS = {"string": "bytes_list", "float32": "float_list", "int64": "int64_list"}
_PARSED_AS = {"string": "tf.string", "float32": "tf.float32", "int64": "tf.int64"}


def _record(found: DtypeClash, context: Context) -> Advice:
    stored, spec = found.got, found.expected
    kept = _FEATURE_LISTS.get(stored, f"a {stored} list")
    parsed_as = _PARSED_AS.get(stored, f"tf.{stored}")
    decode = (
        " and convert it after parsing (`tf.strings.to_number`, `tf.io.decode_raw`, "
        "`tf.io.parse_tensor`, as it was written)"
        if stored == "string"
        else ""
    )
    return Advice(
        f"The records store the feature {found.where} as "
        f"{stored} ({'an' if kept.startswith('int') else 'a'} `{kept}`), and the parsing spec "
        f"asks for {spec}: "
        "`tf.io.parse_example` reads a feature with the dtype it was written with, and does "
        "not convert it.",
        (
            (
                "The spec given to `tf.io.parse_single_example` (or `parse_example`) names "
                f"another dtype than the script that wrote the records used: "
                f"`tf.io.FixedLenFeature([], tf.{spec})` for a feature written as `{kept}`.",
                f"Parse it as it was written, `FixedLenFeature([], {parsed_as})`{decode}.",
            ),
            (
                "The records come from another writer or another version of the dataset "
                "(labels written as text, images written as raw bytes).",
                "Read one record and print its features: "
                "`tf.train.Example.FromString(next(iter(tf.data.TFRecordDataset(files)))"
                ".numpy())`.",
            ),
        ),
        "Make the parsing spec's dtype for each feature the one its records were written with, "
        "then cast or decode after parsing.",
    )


def _file_names(found: DtypeClash, context: Context) -> Advice:
    number = found.got if found.expected == "string" else found.expected
    named = _op_named(found.op)
    if found.op in FILE_OPS:
        where = f"{named} reads files and got {_a(number)} tensor where it wants file names "
        where += "(strings)."
    else:
        where = f"{named} got {_a(number)} tensor where it wants strings: most often names "
        where += "of files."
    return Advice(
        f"{where} That is rarely two dtypes in the model: the list of file names it was given "
        "is most often empty or not a list of paths.",
        (
            (
                "The glob or folder matched no file, so the list of file names is empty, and "
                "TensorFlow makes an empty list float32 (`tf.constant([])`).",
                "Print the list (`len(files)`, `files[:3]`) and fix the path or pattern; "
                "`tf.io.gfile.glob(pattern)` shows what a pattern matches.",
            ),
            (
                "Numbers (labels, indices) were passed where the file names go.",
                "Pass the paths to the reader and the labels separately.",
            ),
        ),
        "Check that the dataset of file names is not empty and holds strings before it is read.",
    )


def _decode_width(found: DecodedWidth, context: Context) -> Advice:
    factor = found.values // found.requested
    return Advice(
        f"A reshape in the input pipeline got {found.values} values and was asked for "
        f"{found.requested}, exactly {factor} times fewer. Raw bytes decoded with a dtype "
        f"{factor} times narrower than they were written with give exactly that: "
        "`tf.io.decode_raw(x, tf.uint8)` of float32 data gives 4 values for each number.",
        (
            (
                "The records were written from arrays of one dtype (float32, int16) and are "
                "decoded with another (`tf.io.decode_raw(..., tf.uint8)`).",
                "Decode with the dtype the arrays had when they were written: print "
                "`array.dtype` in the script that wrote the records.",
            ),
            (
                "The examples really are larger than the shape: images of another size, or a "
                "batch of several where one was meant.",
                "Print the shape of one decoded example.",
            ),
        ),
        "Decode raw bytes with the dtype they were written with, then cast to float32.",
    )


def _imagenet_scores(found: ImagenetScores, context: Context) -> Advice:
    shape, classes = fmt(found.shape), found.classes
    return Advice(
        f"`decode_predictions` turns rows of ImageNet's {classes} class scores into class "
        f"names, and was given predictions of shape {shape}: they are not {classes} scores per "
        "image.",
        (
            (
                "The model was built with `include_top=False`: it ends in a feature map (or, "
                "with `pooling=`, a feature vector), not in ImageNet's classifier.",
                "Decode the predictions of the full model (`include_top=True`, the default), "
                "or use the feature map as the input of your own head.",
            ),
            (
                f"The model ends in a head of your own classes, not ImageNet's {classes}, and "
                "`decode_predictions` only knows ImageNet's names.",
                "Name your own classes: `class_names[np.argmax(predictions, axis=-1)]`.",
            ),
        ),
        f"Print `model.output_shape`: `decode_predictions` needs (None, {classes}).",
    )


def _scalar_output(found: ScalarPredictions, context: Context) -> Advice:
    labels = f" (the labels have shape {fmt(found.labels)})" if found.labels is not None else ""
    return Advice(
        "A loss got predictions of shape (), one number for the whole batch, where it wants a "
        f"score per example{labels}: a loss averages over examples itself.",
        (
            (
                "The discriminator's scores were averaged or summed before the loss "
                "(`tf.reduce_mean(discriminator(images))`), or the model ends in a layer that "
                "reduces the batch.",
                "Give the loss the scores as they come, one per image: "
                "`loss(tf.ones((batch_size, 1)), discriminator(images))`.",
            ),
            (
                "Python numbers, or a single label and a single score, passed to a loss built "
                "for batches.",
                "Pass tensors with a batch axis: labels `tf.ones((batch_size, 1))`.",
            ),
        ),
        "Print the shapes given to the loss: both (batch, 1) for a GAN's real/fake loss.",
    )


def _shared_optimizer(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "One optimizer was asked to update variables it was not built with: an optimizer keeps "
        "its state (Adam's moments) for the variables it first saw, so one instance cannot "
        "train the discriminator and then the generator.",
        (
            (
                "A single `optimizer = keras.optimizers.Adam(...)` used in both the "
                "discriminator's and the generator's `apply_gradients`.",
                "Make one optimizer per model: `generator_optimizer = Adam(1e-4)` and "
                "`discriminator_optimizer = Adam(1e-4)`.",
            ),
            (
                "A model rebuilt (or its layers unfrozen) after its optimizer first ran.",
                "Create the optimizer after the model, or call `optimizer.build(variables)` "
                "with every variable it will train.",
            ),
        ),
        "Give each model its own optimizer, created after the model is built.",
    )


def _swapped_pairs(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "`apply_gradients` met a gradient of another shape than its variable: the gradients "
        "were zipped with another model's variables.",
        (
            (
                "The discriminator's gradients applied to the generator's variables (or the "
                "other way round), or gradients taken for one list of variables and applied "
                "to another.",
                "Take and apply each model's gradients with that model's variables: "
                "`tape.gradient(g_loss, generator.trainable_variables)` then "
                "`g_opt.apply_gradients(zip(grads, generator.trainable_variables))`.",
            ),
        ),
        "Use the same `model.trainable_variables` in `tape.gradient` and in `apply_gradients`.",
    )


def _not_a_variable(found: MissingGradients, context: Context) -> Advice:
    return Advice(
        "What the optimizer was given as a variable is a tensor that an op computed (a loss, a "
        "mean), not a variable: nothing differentiates with respect to it, so its gradient is "
        "None.",
        (
            (
                "Arguments in another order than the optimizer's method takes them: old Keras "
                "code calling `optimizer.get_updates(params, constraints, loss)` on a Keras "
                "whose signature is `get_updates(loss, params)`, or the loss passed as `var_list`.",
                "Pass the loss as the loss and the model's `trainable_weights` as the "
                "variables, by keyword.",
            ),
        ),
        "Give the optimizer the model's variables (`model.trainable_variables`) and the loss "
        "separately, by keyword.",
    )


def _shape_argument(found: ShapeArgument, context: Context) -> Advice:
    return Advice(
        f"`{found.op}` takes a list of sizes (a vector) and got a single number: the argument "
        "that says the new shape (or how often to repeat) is a scalar, whatever the data's "
        "shape.",
        (
            (
                "A single size where a list is needed: `tf.reshape(x, 64)` for "
                "`tf.reshape(x, [64])` or `(-1, 64)`.",
                "Pass a list or tuple of sizes.",
            ),
            (
                "Code written for another version of TensorFlow or Keras (an old "
                "BatchNormalization or a custom layer) run on this one.",
                "Install the versions the code was written for, or update the code.",
            ),
        ),
        "Print the argument passed as the shape: it must be a list of sizes.",
    )


def _axis_sizes(found: AxisSizes, context: Context) -> Advice:
    a, b = found.first, found.second
    return Advice(
        f"Two tensors had to agree in one axis and have {a} and {b} there. The message does "
        "not name them; where a loss or a metric compared them, the first is the labels and "
        "the second the predictions.",
        (
            (
                "Labels of another width than the model's output: class indices (1 column) "
                "where one-hot rows are wanted, one-hot rows where one score per example is "
                "wanted, or extra columns."
                if 1 in (a, b)
                else "Labels built for another number of classes or columns than the model gives.",
                "Give the labels exactly the predictions' shape: `tf.one_hot(labels, "
                "num_classes)` for a categorical loss, (batch, 1) for a real/fake score.",
            ),
            (
                "The model's last layer has another number of units than the labels have columns.",
                "Give it one unit per class, or `Dense(1)` for a real/fake score.",
            ),
        ),
        "Print the labels' shape and `model.output_shape` where the loss is computed.",
    )


def _input_check(found: LayerInputCheck, context: Context) -> Advice:
    named = f"layer {found.layer!r}" if found.layer else "a layer"
    return Advice(
        f"Keras's check of what {named} is given failed (`assert_input_compatibility`), and "
        "the message that says how was cut off: the input does not have the rank or the last "
        "axis the layer was built for.",
        (
            (
                "Images of another size or number of channels than the model was built for, or "
                "flat rows where images are expected (or the other way round).",
                "Print the input's shape next to `model.input_shape`.",
            ),
            (
                "Validation or test data prepared differently from the training data.",
                "Prepare every split with the same code.",
            ),
        ),
        "Paste the whole message (its last lines say which axis differs), or print the shape "
        "of what goes into each layer.",
    )


def _data_pairs(found: DataPairs, context: Context) -> Advice:
    shapes = f" (shapes {', '.join(fmt(s) for s in found.shapes)})" if found.shapes else ""
    return Advice(
        "A batch of (images, labels) pairs was used as if it were the images: TensorFlow tried "
        f"to make the pair one tensor{shapes}. Each batch of a dataset built from images and "
        "labels is such a pair, whether a loop passes it to a train step or Keras' fit() "
        "gives it to `train_step(self, data)`.",
        (
            (
                "`keras.utils.image_dataset_from_directory` (or a dataset built from images and "
                "labels) yields (images, labels), and the GAN's `train_step` uses `data` as "
                "the real images.",
                "Unpack it: `real_images, _ = data` (or `data[0]`), or build the dataset "
                "without labels: `image_dataset_from_directory(..., label_mode=None)`.",
            ),
        ),
        "Print `data` at the top of `train_step` (its structure, not only its shape) and take "
        "the images out of it.",
    )


def _data_unpacked(found: DataUnpacked, context: Context) -> Advice:
    line = f" (`{found.code}`)" if found.code else ""
    if found.eager:
        what = (
            f"A batch was unpacked into Python variables{line}: Python splits a tensor along "
            "its first axis, one item per example, so a batch of 32 images gives 32 values "
            "(and a batch of 2 would give two images, silently)."
        )
    else:
        what = (
            f"A tensor was unpacked into Python variables inside a tf.function{line}, which "
            "TensorFlow cannot do with a tensor whose values come only when the graph runs."
        )
    return Advice(
        f"{what} In a GAN's train step this is most often a dataset that yields the images "
        "alone, unpacked as if each batch were (images, labels).",
        (
            (
                "The dataset yields batches of images only (`from_tensor_slices(images)`, "
                "`image_dataset_from_directory(..., label_mode=None)`), and the train step "
                "unpacks `real_images, labels = data`.",
                "Take the batch as it is (`real_images = data`), or build the dataset with the "
                "labels: `tf.data.Dataset.from_tensor_slices((images, labels))`.",
            ),
            (
                "A loop or unpacking over a tensor's items in Python (`a, b = scores`).",
                "Index the tensor (`scores[0]`, `scores[1]`) or use `tf.unstack`.",
            ),
        ),
        "Print `data` at the top of the train step (its structure: a tensor or a tuple) and "
        "unpack only what the dataset yields.",
    )


def _reduction_axis(found: ReductionAxis, context: Context) -> Advice:
    op = f"A reduction (`{found.op}`)" if found.op else "A reduction"
    shape = f" of shape {fmt(found.shape)}" if found.shape is not None else ""
    axes = "axis" if found.rank == 1 else "axes"
    return Advice(
        f"{op} was asked for axis {found.axis} of a tensor{shape} with {found.rank} {axes}: "
        f"axes count from 0 (and from -1 backwards), so its axes are 0 to {found.rank - 1}. "
        "Either the axis list was written for another rank, or the tensor has fewer axes than "
        "the code expects.",
        (
            (
                "Images without their channel axis: (batch, 28, 28) where (batch, 28, 28, 1) "
                "was meant, reduced over `axis=[1, 2, 3]` (a gradient penalty's norm, a "
                "per-image loss).",
                "Add the channel axis where the data is loaded: `images[..., None]`.",
            ),
            (
                "An axis list written for images used on flat vectors or scores.",
                "Reduce over every axis but the batch: `axis=list(range(1, len(x.shape)))`.",
            ),
        ),
        "Print the `.shape` of the tensor that is reduced and count its axes from 0.",
    )


def _argmax_of_class_indices(found: AxisOutOfRange, context: Context) -> Advice:
    return Advice(
        f"`{found.op}` was asked for axis {found.axis} of a tensor with one axis. An argmax over "
        "axis 1 turns one-hot rows, shape (batch, classes), into class indices; labels that "
        "already are class indices, shape (batch,), have no axis 1. Probably the labels: the "
        "message does not name the tensor.",
        (
            (
                "An accuracy written for one-hot labels, `tf.argmax(labels, 1)`, given integer "
                "class labels (a conditional GAN's or an auxiliary classifier's labels).",
                "Compare with the labels as they are: "
                "`tf.equal(tf.argmax(logits, 1), tf.cast(labels, tf.int64))`.",
            ),
            (
                "Predictions squeezed to one number per example before the argmax (a model "
                "with one output unit, or `tf.squeeze` of the scores).",
                "Take the argmax of the (batch, classes) predictions, before any squeeze.",
            ),
        ),
        "Print the `.shape` of each tensor given to the argmax.",
    )


def _axis_out_of_range(found: AxisOutOfRange, context: Context) -> Advice:
    op = f"`{found.op}`" if found.op else "An op"
    axes = "axis" if found.rank == 1 else "axes"
    return Advice(
        f"{op} was asked for axis {found.axis} of a tensor with {found.rank} {axes}: axes count "
        f"from 0 (and from -1 backwards), so its axes are 0 to {found.rank - 1}. Either the "
        "axis was written for another rank, or the tensor has fewer axes than the code expects.",
        (
            (
                "Images without their channel axis, or a batch of one squeezed away "
                "(`tf.squeeze` without an axis).",
                "Add the missing axis where the data is loaded (`images[..., None]`), and "
                "squeeze only the axis meant: `tf.squeeze(x, axis=-1)`.",
            ),
            (
                "An axis written for a batch (axis 1: one row per example) used on one "
                "example or on a flat vector.",
                "Use `axis=-1` for the last axis, whatever the rank.",
            ),
        ),
        "Print the `.shape` of the tensor the op is given and count its axes from 0.",
    )


def _shown_image(found: ShownImage, context: Context) -> Advice:
    shape = found.shape
    return Advice(
        f"Matplotlib was asked to show an array of shape {fmt(shape)} as one image; it takes "
        "(height, width) for one channel, or (height, width, 3 or 4) for colour. The error is "
        "raised after the model ran, where its output is shown or saved.",
        (
            (
                "A batch of generated images shown whole, with its batch axis: (1, 64, 64, 3) "
                "or (16, 28, 28, 1).",
                "Show one image at a time, `plt.imshow(images[0])`, or lay the batch out in a "
                "grid first.",
            ),
            (
                "One-channel images with their channel axis, (28, 28, 1), which matplotlib "
                "before 3.3 refuses.",
                "Drop the axis for showing: `plt.imshow(image[..., 0], cmap='gray')`.",
            ),
            (
                "An image stored channels first, (3, 64, 64).",
                "Move the channels last: `np.transpose(image, (1, 2, 0))`.",
            ),
        ),
        "Print the shape of the array just before `imshow`: one image is (height, width) or "
        "(height, width, 3).",
    )


def _slice_outside(found: SliceOutside, context: Context) -> Advice:
    asked = {
        "size": f"a slice {found.value} long",
        "begin": f"a slice that starts at {found.value}",
        "end": f"a slice that ends at {found.value}",
    }.get(found.part, f"{found.part} {found.value}")
    return Advice(
        f"`tf.slice` (or a crop or window cut with it) asked for {asked} along axis "
        f"{found.axis} of a tensor that has {found.size} there. The tensor is smaller along "
        "that axis than the code assumed. This is a shape, not a label out of its range.",
        (
            (
                "Data of another size than the code was written for: images smaller than the "
                "crop, a sequence shorter than its window, frames stored side by side in "
                "another layout.",
                "Print the shape of the tensor just before the slice, and resize or pad the "
                "data (or change the slice) so that it fits.",
            ),
            (
                "Axes in another order: channels first where the code expects them last, or "
                "height and width swapped.",
                "Count the axes of the printed shape from 0: axis "
                f"{found.axis} must be the one the slice was written for.",
            ),
        ),
        f"Print the tensor's `.shape` before the slice: axis {found.axis} must hold at least "
        f"what the slice asks for ({found.value}).",
    )


def _unknown_shape(found: UnknownShape, context: Context) -> Advice:
    into = " went into a model" if found.into_model else " reached code that needs it"
    return Advice(
        f"A tensor whose shape TensorFlow does not know, not even its number of axes,{into}. "
        "A model (and `len(x.shape)`, `x.shape.as_list()`) needs at least the rank. Data made "
        "by Python functions inside a dataset loses its shape: TensorFlow cannot see what "
        "they return.",
        (
            (
                "A `Dataset.map` with `tf.py_function` or `tf.numpy_function` (to load or "
                "augment images): what they return has an unknown shape.",
                "Set it in the map function, after the call: `images.set_shape((64, 64, 3))`.",
            ),
            (
                "`Dataset.from_generator` built without shapes (`output_types` only).",
                "Give it an `output_signature`: "
                "`tf.TensorSpec(shape=(64, 64, 3), dtype=tf.float32)`.",
            ),
        ),
        "Print `dataset.element_spec` before training: every shape must show its axes.",
    )


def _sparse_or_ranks(found: SparseLabels | SparseRanks, context: Context) -> Advice:
    if isinstance(found, SparseRanks):
        return _sparse_ranks(found, context)
    return _sparse(found, context)


WRITERS: dict[tuple[str, str], Callable[[Any, Context], Advice]] = {
    ("batch-size", "batch"): _batch,
    ("batch-size", "elemwise-batch"): _elemwise_batch,
    ("model-io-shape", "elemwise-axis"): _elemwise_axis,
    ("target-shape", "elemwise-class-indices"): _elemwise_class_indices,
    ("batch-size", "joined-batch"): _joined_batch,
    ("output-shape", "rows"): _rows,
    ("target-shape", "rows"): _rows,
    ("batch-size", "label-count"): _label_count,
    ("batch-size", "sample-count"): _sample_count,
    ("target-shape", "label-form"): _label_form,
    ("target-shape", "indices-for-one-hot"): _label_form,
    ("batch-size", "fixed-batch"): _fixed_batch_graph,
    ("batch-size", "reshape-batch"): _reshape_batch,
    ("batch-size", "unknown-batch"): _unknown_batch,
    ("batch-size", "split-batch"): _split_batch,
    ("batch-size", "split-sizes"): _split_sizes,
    ("batch-size", "sample-grid"): _sample_grid,
    ("batch-size", "stateful"): _stateful,
    ("batch-size", "initial-state"): _initial_state,
    ("output-shape", "one-class"): _one_class,
    ("target-shape", "target-count"): _target_count,
    ("model-io-shape", "input-count"): _input_count,
    ("model-io-shape", "list-of-examples"): _list_of_examples,
    ("target-shape", "list-of-labels"): _list_of_labels,
    ("model-io-shape", "undefined-axis"): _undefined_axis,
    ("model-io-shape", "transposed-conv"): _transposed_conv,
    ("model-io-shape", "dataset-elements"): _dataset_elements,
    ("model-io-shape", "generator-signature"): _generator_signature,
    ("batch-size", "generator-batch"): _generator_batch,
    ("model-io-shape", "generator-structure"): _generator_structure,
    ("model-io-shape", "crop-size"): _crop_size,
    ("model-io-shape", "ragged-list"): _ragged_list,
    ("model-io-shape", "input-keys"): _input_keys,
    ("model-io-shape", "pixel-shuffle"): _pixel_shuffle,
    ("model-io-shape", "targets-missing"): _targets_missing,
    ("output-shape", "units"): _units,
    ("output-shape", "classes"): _classes,
    ("output-shape", "map"): _map,
    ("output-shape", "image-axes"): _output_image_axes,
    ("output-shape", "patch"): _patch,
    ("output-shape", "target-map"): _target_map,
    ("output-shape", "labels-per-step"): _labels_per_step,
    ("output-shape", "flat-output"): _flat_output,
    ("model-io-shape", "numpy-joined"): _numpy_joined,
    ("model-io-shape", "empty-input"): _empty_input,
    ("batch-size", "numpy-batch"): _numpy_batch,
    ("output-shape", "sparse-map"): _sparse_map,
    ("target-shape", "labels-lack-axis"): _ranks,
    ("target-shape", "predictions-lack-axis"): _ranks,
    ("target-shape", "ranks"): _ranks,
    ("target-shape", "widths"): _widths,
    ("target-shape", "colour-labels"): _colour_labels,
    ("target-shape", "class-indices"): _class_indices,
    ("target-shape", "must-equal"): _must_equal,
    ("target-shape", "both-axes"): _both_axes,
    ("target-shape", "one-hot-to-sparse"): _sparse_or_ranks,
    ("target-shape", "flattened-labels"): _flattened_labels,
    ("target-shape", "labels-per-position"): _labels_per_position,
    ("output-shape", "logits-per-position"): _logits_per_position,
    ("target-shape", "position-count"): _position_count,
    ("target-shape", "position-rows"): _position_rows,
    ("model-io-shape", "many-rows"): _many_rows,
    ("target-shape", "target-rank"): _target_rank,
    ("model-io-shape", "image-axes"): _image_axes,
    ("model-io-shape", "joined"): _joined,
    ("model-io-shape", "input"): _input,
    ("model-io-shape", "layout"): _layout,
    ("model-io-shape", "channels-first"): _channels_first_targets,
    ("output-shape", "loss-reshape"): _loss_reshape,
    ("model-io-shape", "channels"): _channels,
    ("model-io-shape", "channel-groups"): _channel_groups,
    ("model-io-shape", "input-rank"): _input_rank,
    ("model-io-shape", "loaded-h5"): _loaded_h5,
    ("model-io-shape", "image-layout"): _image_layout,
    ("model-io-shape", "features"): _features,
    ("model-io-shape", "rnn-cell"): _rnn_cell,
    ("model-io-shape", "reshape"): _reshape,
    ("model-io-shape", "too-small"): _too_small,
    ("model-io-shape", "op-inputs"): _op_inputs,
    ("model-io-shape", "concatenate-layer"): _concatenate_layer,
    ("model-io-shape", "shared-variable"): _shared_variable,
    ("dtype", "float-dimension"): _float_dimension,
    ("dtype", "float-index"): _float_index,
    ("model-io-shape", "restore"): _restore,
    ("dtype", "integer"): _dtype,
    ("dtype", "float64"): _dtype,
    ("dtype", "half"): _dtype,
    ("dtype", "other"): _dtype,
    ("dtype", "file-names"): _file_names,
    ("dtype", "word"): _word,
    ("dtype", "record"): _record,
    ("model-io-shape", "crop-too-large"): _crop_too_large,
    ("dtype", "interpreter-input"): _interpreter_input,
    ("batch-size", "interpreter-input"): _interpreter_input,
    ("model-io-shape", "interpreter-input"): _interpreter_input,
    ("dtype", "decode-width"): _decode_width,
    ("dtype", "in-place"): _in_place,
    ("dtype", "image-file"): _image_file,
    ("output-shape", "scalar-output"): _scalar_output,
    ("output-shape", "imagenet-scores"): _imagenet_scores,
    ("model-io-shape", "shape-argument"): _shape_argument,
    ("target-shape", "axis-sizes"): _axis_sizes,
    ("model-io-shape", "input-check"): _input_check,
    ("model-io-shape", "data-pairs"): _data_pairs,
    ("model-io-shape", "data-unpacked"): _data_unpacked,
    ("model-io-shape", "reduction-axis"): _reduction_axis,
    ("target-shape", "argmax-of-class-indices"): _argmax_of_class_indices,
    ("model-io-shape", "axis-out-of-range"): _axis_out_of_range,
    ("model-io-shape", "unknown-shape"): _unknown_shape,
    ("model-io-shape", "slice-outside"): _slice_outside,
    ("model-io-shape", "shown-image"): _shown_image,
    ("output-shape", "axis-sizes"): _axis_sizes,
    ("dtype", "object"): _dtype,
    ("dtype", "indices"): _dtype,
    ("index-range", "index"): _index,
    ("index-range", "label"): _label,
    ("index-range", "blank"): _ctc_blank,
    ("index-range", "negative"): _ctc_negative,
    ("output-shape", "ctc-time"): _ctc_time,
    ("numerics", "check_numerics"): _check_numerics,
    ("numerics", "summary"): _summary_nan,
    ("numerics", "loss"): _loss_nan,
    ("numerics", "numpy"): _numpy_nan,
    ("numerics", "data"): _data_nan,
    ("numerics", "matrix"): _matrix_nan,
    ("numerics", "from-logits"): _from_logits,
    ("numerics", "probabilities"): _probabilities,
    ("numerics", "class-ids"): _class_ids,
    ("no-gradients", "none-for-all"): _none_for_all,
    ("no-gradients", "none-values"): _none_values,
    ("no-gradients", "fetched-none"): _fetched_none,
    ("no-gradients", "none-used"): _none_used,
    ("no-gradients", "none-into-op"): _none_into_op,
    ("no-gradients", "empty-pairs"): _empty_pairs,
    ("no-gradients", "no-gradient-op"): _no_gradient_op,
    ("no-gradients", "registry-mismatch"): _registry_mismatch,
    ("no-gradients", "no-variables"): _no_variables,
    ("no-gradients", "tape-reused"): _tape_reused,
    ("no-gradients", "shared-optimizer"): _shared_optimizer,
    ("no-gradients", "swapped-pairs"): _swapped_pairs,
    ("no-gradients", "not-a-variable"): _not_a_variable,
    ("no-gradients", "second-order-loop"): _second_order_loop,
}
