"""Shapes: outputs, targets, batch sizes and the models' input/output shapes.

Most shape errors name two shapes that should agree. Which axes differ tells the checklist item
apart: only the batch axis -> batch size; the last axis of (batch, n) -> output shape; the rank
-> target shape; image axes -> model input/output shape (see `common.pair_category`).
"""

from __future__ import annotations

import re
from math import prod

from ganerrors.explainers.common import (
    SHAPE,
    Shape,
    diagnose,
    differing_axes,
    fmt,
    pair_category,
    parse_shape,
)
from ganerrors.explainers.context import Context
from ganerrors.explainers.diagnosis import Diagnosis

# Keras 3 losses: "Arguments `target` and `output` must have the same shape. Received:
# target.shape=(32, 1), output.shape=(32, 2)" (also "... the same rank (ndim)")
KERAS_LOSS = re.compile(
    r"Arguments `target` and `output` must have the same (?P<kind>shape|rank \(ndim\))\.?\s*"
    rf"Received: target\.shape=(?P<target>{SHAPE}), output\.shape=(?P<output>{SHAPE})"
)
# Keras 3 sparse categorical cross-entropy given one-hot labels
KERAS_SPARSE = re.compile(
    r"Argument `output` must have rank \(ndim\) `target\.ndim - 1`\.\s*"
    rf"Received: target\.shape=(?P<target>{SHAPE}), output\.shape=(?P<output>{SHAPE})"
)
# tf.nn.sigmoid_cross_entropy_with_logits: TF 2 "`logits` and `labels` must have the same
# shape, received ((32, 1) vs (32,))."; TF 1 "logits and labels must have the same shape
# ((?, 1) vs (?,))"
LOGITS_LABELS = re.compile(
    r"`?logits`? and `?labels`? must have the same shape,? (?:received )?"
    rf"\((?P<logits>{SHAPE}) vs (?P<labels>{SHAPE})\)"
)
# TF 1 softmax: "logits and labels must be same size: logits_size=[6,20] labels_size=[12,20]"
LOGITS_SIZE = re.compile(
    rf"logits and labels must be same size: logits_size=(?P<logits>{SHAPE}) "
    rf"labels_size=(?P<labels>{SHAPE})"
)
# sparse softmax: "logits and labels must have the same first dimension, got logits shape
# [250,10] and labels shape [2500]"
FIRST_DIMENSION = re.compile(
    r"logits and labels must have the same first dimension, got logits shape "
    rf"(?P<logits>{SHAPE}) and labels shape (?P<labels>{SHAPE})"
)
# eager broadcasting ops: "Incompatible shapes: [16,1] vs. [32,1]"
INCOMPATIBLE = re.compile(rf"Incompatible shapes: (?P<a>{SHAPE}) vs\.? (?P<b>{SHAPE})")
# graph construction: "Dimensions must be equal, but are 16 and 32 for '{{node sub}} =
# Sub[T=DT_FLOAT](x, sub/y)' with input shapes: [16,1], [32,1]."
DIMENSIONS_EQUAL = re.compile(
    r"Dimensions must be equal, but are (?P<x>\d{1,12}) and (?P<y>\d{1,12}) for "
    r"'(?P<node>[^\n]{0,600}?)'(?: \(op: '(?P<op1>\w{1,100})'\))? with input shapes: "
    rf"(?P<a>{SHAPE}), (?P<b>{SHAPE})"
)
_NODE_OP = re.compile(r"= (?P<op>\w{1,100})\[")
MATMUL = re.compile(rf"Matrix size-incompatible: In\[0\]: (?P<a>{SHAPE}), In\[1\]: (?P<b>{SHAPE})")
# "ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [2,4]"
# (TF 2) and "ConcatOp : Dimensions of inputs should match: shape[0] = [..] vs. shape[1] = [..]"
CONCAT = re.compile(
    r"ConcatOp ?: Dimensions? (?:(?P<axis>\d{1,3}) in both shapes must be equal|of inputs should "
    rf"match): shape\[\d{{1,4}}\] = (?P<a>{SHAPE}) vs\. shape\[\d{{1,4}}\] = (?P<b>{SHAPE})"
)
CONCATENATE_LAYER = re.compile(
    r"A `?Concatenate`? layer requires inputs with matching shapes[^\n]{0,100}?"
    r"(?:Received: input_shape=|Got inputs shapes: )(?P<shapes>\[[^\n]{0,600}\])"
)
RESHAPE = re.compile(
    r"Input to reshape is a tensor with (?P<have>\d{1,19}) values, but the requested shape "
    r"(?P<kind>has|requires a multiple of) (?P<want>\d{1,19})"
)
RESHAPE_LAYER = re.compile(
    r"The total size of the tensor must be unchanged\. Received: "
    rf"input_shape=(?P<input>{SHAPE}), target_shape=(?P<target>{SHAPE})"
)
NEGATIVE = re.compile(
    r"Negative dimension size caused by subtracting (?P<window>\d{1,9}) from (?P<size>\d{1,9})"
    rf"(?:[^\n]{{0,600}}?with input shapes: (?P<shapes>{SHAPE}(?:, {SHAPE})*))?"
)
ZERO_OUTPUT = re.compile(
    r"Computed output size would be zero or negative\. Received:? "
    rf"`inputs[ .]shape=(?P<input>{SHAPE})`, `(?P<what>kernel shape|pool_size)=(?P<window>{SHAPE})`"
)
INPUT_AXIS = re.compile(
    r"expected axis (?P<axis>-?\d{1,3}) of input shape to have value (?P<want>\d{1,12}),? "
    rf"but (?:received input with|got) shape (?P<got>{SHAPE})"
)
INPUT_NDIM = re.compile(
    r"expected (?P<kind>min_ndim|max_ndim|ndim)=(?P<want>\d{1,3}), found ndim=(?P<got>\d{1,3})"
    rf"(?:\. Full shape received: (?P<shape>{SHAPE}))?"
)
MODEL_INPUT = re.compile(
    rf"[Ee]xpected shape=? ?(?P<want>{SHAPE}), (?:but input has incompatible shape|found "
    rf"shape=) ?(?P<got>{SHAPE})"
)
_SHAPE_IN_LIST = re.compile(SHAPE)

_ELEMENTWISE = {
    "Add",
    "AddV2",
    "Sub",
    "Mul",
    "RealDiv",
    "Div",
    "DivNoNan",
    "SquaredDifference",
    "Maximum",
    "Minimum",
    "Equal",
    "NotEqual",
    "Greater",
    "Less",
    "GreaterEqual",
    "LessEqual",
    "Pow",
    "LogicalAnd",
    "LogicalOr",
    "SelectV2",
    "BiasAdd",
    "",
}


# --- two shapes that must agree ----------------------------------------------------------


def _compare(
    context: Context,
    labels: Shape,
    predictions: Shape,
    first: str,
    second: str,
    broadcast: bool = False,
    what: str = "",
) -> Diagnosis | None:
    """Explain two shapes `first` (the labels, if known) and `second` that had to agree."""
    category = pair_category(labels, predictions, broadcast)
    if category is None:
        return None
    a, b = fmt(labels), fmt(predictions)
    what = what or f"{first} of shape {a} and {second} of shape {b}"
    details = {f"{first}_shape": a, f"{second}_shape": b}
    if category == "batch-size":
        small, big = sorted((labels[0], predictions[0]))
        return diagnose(
            context,
            category,
            f"{what[0].upper()}{what[1:]} differ only in the first axis, the batch size: "
            f"{labels[0]} against {predictions[0]}.",
            causes=(
                f"Labels or noise made for a fixed batch size ({big}) while this batch has "
                f"{small} examples: `Dataset.batch` keeps a smaller last batch unless it is "
                "given `drop_remainder=True`.",
                "Real and fake batches of different sizes: the noise was drawn for BATCH_SIZE "
                "while the real batch is smaller, or the other way round.",
            ),
            fix="Take sizes from the data, not a constant: `batch_size = tf.shape(images)[0]` "
            "for the noise and the labels (`tf.ones((batch_size, 1))`); or batch with "
            "`drop_remainder=True`.",
            **details,
        )
    if category == "output-shape":
        return diagnose(
            context,
            category,
            f"{what[0].upper()}{what[1:]} differ in the last axis: {labels[-1]} value(s) "
            f"per example in the {first}, {predictions[-1]} in the {second}.",
            causes=(
                f"The discriminator's last layer has {predictions[-1]} units; a real/fake "
                "verdict is one score per image, so it needs `Dense(1)`.",
                "A classifier head (conditional or AC-GAN) whose number of units is not the "
                "number of classes of the one-hot labels.",
            ),
            fix="Make the discriminator end in `Dense(1)`: one score per image, shape "
            "(batch, 1), like the labels. Print `discriminator(images).shape` to check.",
            **details,
        )
    if category == "target-shape":
        if len(labels) < len(predictions):
            first_cause = (
                f"The {first} were built without the column the scores have: {a} against "
                f"{b}. `tf.ones(batch_size)` or a NumPy vector gives (batch,); the "
                "discriminator gives (batch, 1)."
            )
        else:
            first_cause = (
                f"The {second} lost an axis the {first} have: {b} against {a}. A Flatten, "
                "`tf.squeeze` or `reshape(-1)` at the end of the discriminator removes it."
            )
        return diagnose(
            context,
            category,
            f"{what[0].upper()}{what[1:]} have different ranks ({len(labels)} axes against "
            f"{len(predictions)}).",
            causes=(
                first_cause,
                "Beware of the quiet version of this bug: where a loss does not check shapes "
                "(a hand-written `labels - scores`), (batch,) against (batch, 1) broadcasts "
                "to (batch, batch) without any error.",
            ),
            fix="Give the labels exactly the shape of the predictions they are compared "
            "with, (batch, 1) for a discriminator: `tf.ones((tf.shape(real_output)[0], 1))`.",
            **details,
        )
    return diagnose(
        context,
        category,
        f"{what[0].upper()}{what[1:]} differ in their image axes: one of the models makes "
        "images of another size than the other expects.",
        causes=(
            "The generator's output size is not the real images' size: check the "
            "Reshape after its first Dense and the number of stride-2 transposed "
            "convolutions.",
            "The real images were resized or cropped differently from what the models "
            "were built for.",
        ),
        fix="Print `generator(noise).shape` and `images.shape` side by side; they must be "
        "equal, and both equal to the discriminator's input shape.",
        **details,
    )


def keras_loss(message: str, context: Context) -> Diagnosis | None:
    match = KERAS_LOSS.search(message)
    if match is None:
        return None
    target, output = parse_shape(match.group("target")), parse_shape(match.group("output"))
    if target is None or output is None:
        return None
    return _compare(context, target, output, "labels", "predictions") or diagnose(
        context,
        "target-shape",
        f"The loss got labels of shape {fmt(target)} and predictions of shape {fmt(output)}, "
        "and they must be equal.",
        fix="Give the labels exactly the predictions' shape, (batch, 1) for a discriminator: "
        "`tf.ones((tf.shape(real_output)[0], 1))`.",
    )


def keras_sparse(message: str, context: Context) -> Diagnosis | None:
    match = KERAS_SPARSE.search(message)
    if match is None:
        return None
    target, output = match.group("target"), match.group("output")
    return diagnose(
        context,
        "target-shape",
        f"A sparse categorical cross-entropy got labels of shape {target} and predictions of "
        f"shape {output}: a sparse loss wants one integer class per example, so the labels "
        "must have one axis fewer than the predictions.",
        causes=(
            "The labels are one-hot (or have an extra column) while the loss is the sparse "
            "one: use `CategoricalCrossentropy` for one-hot labels, or pass the class indices.",
        ),
        fix="Either integer labels of shape (batch,) with `SparseCategoricalCrossentropy`, or "
        "one-hot labels shaped like the predictions with `CategoricalCrossentropy`.",
        labels_shape=target,
        predictions_shape=output,
    )


def logits_labels(message: str, context: Context) -> Diagnosis | None:
    match = LOGITS_LABELS.search(message) or LOGITS_SIZE.search(message)
    if match is None:
        return None
    logits, labels = parse_shape(match.group("logits")), parse_shape(match.group("labels"))
    if logits is None or labels is None:
        return None
    return _compare(context, labels, logits, "labels", "logits")


def first_dimension(message: str, context: Context) -> Diagnosis | None:
    match = FIRST_DIMENSION.search(message)
    if match is None:
        return None
    logits, labels = parse_shape(match.group("logits")), parse_shape(match.group("labels"))
    if not logits or not labels or logits[0] is None or labels[0] is None:
        return None
    if logits[0] and labels[0] % logits[0] == 0 and len(logits) > 1:
        summary = (
            f"The loss got {labels[0]} labels for {logits[0]} examples: {labels[0]} is "
            f"{labels[0] // logits[0]} times {logits[0]}, as if the labels were flattened "
            "one-hot vectors or several batches."
        )
        category = "target-shape"
    else:
        summary = f"The loss got {labels[0]} labels for {logits[0]} examples."
        category = "batch-size"
    return diagnose(
        context,
        category,
        summary,
        causes=(
            "One-hot labels reshaped to one long vector, given to a sparse loss that wants "
            "one class index per example.",
            "Labels and images taken from batches of different sizes.",
        ),
        fix="Give a sparse loss labels of shape (batch,), one class index per example, from "
        "the same batch as the images.",
        logits_shape=fmt(logits),
        labels_shape=fmt(labels),
    )


def incompatible(message: str, context: Context) -> Diagnosis | None:
    match = INCOMPATIBLE.search(message)
    if match is None:
        return None
    a, b = parse_shape(match.group("a")), parse_shape(match.group("b"))
    if a is None or b is None:
        return None
    op = f" ({context.op})" if context.op else ""
    what = f"an elementwise op{op} got tensors of shapes {fmt(a)} and {fmt(b)}, which"
    return _compare(context, a, b, "first", "second", broadcast=True, what=what)


def dimensions_equal(message: str, context: Context) -> Diagnosis | None:
    match = DIMENSIONS_EQUAL.search(message)
    if match is None:
        return None
    node_op = _NODE_OP.search(match.group("node"))
    op = match.group("op1") or (node_op.group("op") if node_op else "")
    a, b = parse_shape(match.group("a")), parse_shape(match.group("b"))
    if a is None or b is None:
        return None
    if "MatMul" in op:
        return _matmul(context, a, b)
    if op in _ELEMENTWISE:
        what = f"the op {op or '?'} got tensors of shapes {fmt(a)} and {fmt(b)}, which"
        return _compare(context, a, b, "first", "second", broadcast=True, what=what)
    return diagnose(
        context,
        "model-io-shape",
        f"The op {op} got inputs of shapes {fmt(a)} and {fmt(b)} whose sizes do not fit "
        f"({match.group('x')} against {match.group('y')}).",
        causes=(
            "A layer gets inputs of another size than it was built for: the images' size or "
            "number of channels is not what the model expects.",
        ),
        fix="Print the shape of the tensor going into that layer and the layer's expected "
        "input (`model.summary()`).",
        first_shape=fmt(a),
        second_shape=fmt(b),
    )


# --- a model fed the wrong shape ------------------------------------------------------------


def _matmul(context: Context, a: Shape, b: Shape) -> Diagnosis:
    have = a[-1] if a else None
    want = b[0] if b else None
    return diagnose(
        context,
        "model-io-shape",
        f"A matrix product (a Dense layer, or tf.matmul) got inputs of shape {fmt(a)} with "
        f"weights of shape {fmt(b)}: the weights were built for {want} input features, and "
        f"each example has {have}.",
        causes=(
            f"The wrong tensor went into a model: a Dense layer built for {want} features got "
            f"{have}. Flattened images fed to the generator, noise fed to the discriminator, "
            "or noise of another size than the generator's NOISE_DIM.",
            "The images are not the size the discriminator was built for, so its Flatten "
            "gives another number of values.",
        ),
        fix="Print the shape of what goes into each model: the generator takes noise "
        "(batch, NOISE_DIM), the discriminator images shaped like the real ones.",
        input_shape=fmt(a),
        weights_shape=fmt(b),
    )


def matmul(message: str, context: Context) -> Diagnosis | None:
    match = MATMUL.search(message)
    if match is None:
        return None
    a, b = parse_shape(match.group("a")), parse_shape(match.group("b"))
    if a is None or b is None:
        return None
    return _matmul(context, a, b)


def concat(message: str, context: Context) -> Diagnosis | None:
    match = CONCAT.search(message)
    if match is None:
        return None
    a, b = parse_shape(match.group("a")), parse_shape(match.group("b"))
    if a is None or b is None or len(a) != len(b):
        return None
    axes = differing_axes(a, b)
    if match.group("axis") is not None:  # TF 2 names the axis that must agree
        axes = [int(match.group("axis"))]
    if axes == [0]:
        return diagnose(
            context,
            "batch-size",
            f"tf.concat joined tensors of shapes {fmt(a)} and {fmt(b)} along another axis, and "
            f"their batch sizes differ: {a[0]} against {b[0]}.",
            causes=(
                "In a conditional GAN, noise and labels (or images and label maps) from "
                "batches of different sizes: the noise drawn for a fixed BATCH_SIZE while "
                "the last batch of the data is smaller.",
            ),
            fix="Draw the noise for `tf.shape(labels)[0]` examples, or batch the dataset "
            "with `drop_remainder=True`.",
            first_shape=fmt(a),
            second_shape=fmt(b),
        )
    return diagnose(
        context,
        "model-io-shape",
        f"tf.concat joined tensors of shapes {fmt(a)} and {fmt(b)}: every axis except the "
        "one they are joined on must be equal.",
        causes=(
            "Real and generated images concatenated into one batch while the generator "
            "makes images of another size than the real ones.",
            "A U-Net generator (pix2pix) whose skip connection meets a tensor of another "
            "size: image sides not divisible by 2 for every downsampling step.",
        ),
        fix="Print the shapes of both tensors; make the generator's output shape equal the "
        "real images' shape, or resize the images to a size every downsampling step divides.",
        first_shape=fmt(a),
        second_shape=fmt(b),
    )


def concatenate_layer(message: str, context: Context) -> Diagnosis | None:
    match = CONCATENATE_LAYER.search(message)
    if match is None:
        return None
    shapes = [fmt(parse_shape(s.group(0))) for s in _SHAPE_IN_LIST.finditer(match.group("shapes"))]
    return diagnose(
        context,
        "model-io-shape",
        f"A Concatenate layer got inputs of shapes {', '.join(shapes)}: all axes except the "
        "one they are joined on must be equal.",
        causes=(
            "A U-Net generator (pix2pix) whose skip connection meets a tensor of another "
            "size: image sides not divisible by 2 for every downsampling step.",
            "In a conditional GAN, the label input was not reshaped to the image's size "
            "before being joined to it.",
        ),
        fix="Resize the images to a side every downsampling step divides, or reshape the "
        "label input to match before joining.",
        shapes="; ".join(shapes),
    )


def reshape(message: str, context: Context) -> Diagnosis | None:
    match = RESHAPE.search(message)
    if match is not None:
        have, want = int(match.group("have")), int(match.group("want"))
        multiple = match.group("kind") != "has"
        ratio = ""
        if want and have % want == 0 and not multiple:
            ratio = f" ({have} is {have // want} times {want})"
        elif have and want % have == 0:
            ratio = f" ({want} is {want // have} times {have})"
        causes = [
            "The generator's Dense layer before its Reshape has another number of units than "
            "the Reshape's target: `Dense(7 * 7 * 256)` must be followed by "
            "`Reshape((7, 7, 256))`.",
            "The images are not the size the model was built for.",
        ]
        if ratio:
            causes.insert(
                1,
                "A batch size written into the target shape (`tf.reshape(x, (BATCH_SIZE, "
                "...))`) while this batch is smaller or larger: use -1 for the batch axis.",
            )
        need = "a multiple of " if multiple else ""
        return diagnose(
            context,
            "model-io-shape",
            f"A reshape got a tensor of {have} values and was asked for a shape that needs "
            f"{need}{want}{ratio}: a reshape never adds or drops values.",
            causes=causes,
            fix="Make the target shape hold exactly the values that arrive: print the input's "
            "shape, and use -1 for the batch axis.",
            values=have,
            requested=want,
        )
    match = RESHAPE_LAYER.search(message)
    if match is None:
        return None
    given, target = parse_shape(match.group("input")), parse_shape(match.group("target"))
    values = prod(d for d in given if d) if given else None
    needed = prod(d for d in target if d) if target else None
    return diagnose(
        context,
        "model-io-shape",
        f"A Reshape layer gets {fmt(given)} per example ({values} values) and was asked for "
        f"{fmt(target)} ({needed} values).",
        causes=(
            f"In a generator, the Dense layer before the Reshape must have {needed} units (the "
            f"product of {fmt(target)}); this one gives {values}.",
        ),
        fix=f"Make the layer before the Reshape output {needed} values per example, or change "
        "the Reshape's target to hold exactly the values that arrive.",
        input_shape=fmt(given),
        target_shape=fmt(target),
    )


def _too_small(context: Context, summary: str, **details: object) -> Diagnosis:
    return diagnose(
        context,
        "model-io-shape",
        summary,
        causes=(
            "The images are smaller than the discriminator was designed for, or its stride-2 "
            "and pooling layers shrink them below the kernel size.",
            "Channels-first data (batch, channels, height, width) read as channels-last: the "
            "'height' is then the number of channels.",
        ),
        fix='Print the shape after each layer (`model.summary()`); use `padding="same"`, '
        "fewer downsampling layers, or larger images.",
        **details,
    )


def negative_dimension(message: str, context: Context) -> Diagnosis | None:
    match = NEGATIVE.search(message)
    if match is None:
        return None
    window, size = match.group("window"), match.group("size")
    shapes = match.group("shapes") or ""
    return _too_small(
        context,
        f"A window of {window} (a convolution kernel or pooling window) slides over an axis "
        f'of only {size}: with `padding="valid"` the output would have a negative size'
        + (f". Input shapes: {shapes}." if shapes else "."),
        window=window,
        size=size,
        input_shapes=shapes,
    )


def zero_output(message: str, context: Context) -> Diagnosis | None:
    match = ZERO_OUTPUT.search(message)
    if match is None:
        return None
    given, window = match.group("input"), match.group("window")
    return _too_small(
        context,
        f"A layer with {match.group('what')} {window} got inputs of shape {given}: the "
        "window is larger than the image it slides over, so the output would be empty.",
        input_shape=given,
        window=window,
    )


def input_axis(message: str, context: Context) -> Diagnosis | None:
    match = INPUT_AXIS.search(message)
    if match is None:
        return None
    want, got = int(match.group("want")), parse_shape(match.group("got"))
    axis = int(match.group("axis"))
    have = got[axis] if got and -len(got) <= axis < len(got) else None
    layer = context.layer
    named = f"Layer {layer!r}" if layer else "A layer"
    return diagnose(
        context,
        "model-io-shape",
        f"{named} was built for inputs whose last axis is {want}, and got a tensor of shape "
        f"{fmt(got)}" + (f" ({have} on that axis)." if have is not None else "."),
        causes=(
            f"Noise of another size than the generator's input: it was built for {want}, "
            f"the noise has {have}. Use the same NOISE_DIM to build it and to draw noise.",
            "The wrong tensor went into the model: images into the generator, or noise into "
            "the discriminator.",
            "Images of another size than the discriminator was built for: its Flatten then "
            "gives another number of values to the Dense layer after it.",
        ),
        fix="Print the shape of what goes into each model and compare it with `model.input_shape`.",
        expected=want,
        shape=fmt(got),
    )


def input_ndim(message: str, context: Context) -> Diagnosis | None:
    match = INPUT_NDIM.search(message)
    if match is None:
        return None
    kind, want, got = match.group("kind"), int(match.group("want")), int(match.group("got"))
    shape = match.group("shape") or ""
    layer = context.layer
    named = f"Layer {layer!r}" if layer else "A layer"
    at_least = {"min_ndim": "at least ", "max_ndim": "at most "}.get(kind, "")
    causes = []
    if want >= 4 and got < want:
        causes += [
            "Flat vectors (batch, features) fed to a convolutional discriminator that expects "
            "images (batch, height, width, channels): the generator lacks its final Reshape, "
            "or the images were flattened.",
            "Grayscale images without a channel axis: (batch, 28, 28) becomes (batch, 28, 28, "
            "1) with `images[..., tf.newaxis]`.",
        ]
    causes.append("A single example without its batch axis: add one with `x[tf.newaxis]`.")
    return diagnose(
        context,
        "model-io-shape",
        f"{named} expects inputs with {at_least}{want} axes and got {got}"
        + (f" (shape {shape})." if shape else "."),
        causes=causes,
        fix="Print the shape of what goes into the model and compare it with "
        "`model.input_shape`; the generator's output must have the real images' shape.",
        expected_ndim=want,
        ndim=got,
        shape=shape,
    )


def model_input(message: str, context: Context) -> Diagnosis | None:
    match = MODEL_INPUT.search(message)
    if match is None:
        return None
    want, got = parse_shape(match.group("want")), parse_shape(match.group("got"))
    return diagnose(
        context,
        "model-io-shape",
        f"A model built for inputs of shape {fmt(want)} got {fmt(got)}.",
        causes=(
            "The generator's output is not shaped like the real images the discriminator "
            "was built for (a missing Reshape, or another image size).",
            "The wrong tensor went into the model: images into the generator, or noise into "
            "the discriminator.",
        ),
        fix="Print `generator(noise).shape`, `images.shape` and `discriminator.input_shape`; "
        "the first two must match the third (the batch axis aside).",
        expected=fmt(want),
        shape=fmt(got),
    )


EXPLAINERS = (
    keras_loss,
    keras_sparse,
    logits_labels,
    first_dimension,
    incompatible,
    dimensions_equal,
    matmul,
    concat,
    concatenate_layer,
    reshape,
    negative_dimension,
    zero_output,
    input_axis,
    input_ndim,
    model_input,
)
