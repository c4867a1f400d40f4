"""What readers find in a message: typed facts, from which the category follows.

A reader pulls values out of a message and returns one of these (immutable records, cheap
to define at import); it writes no advice. The
category and the situation (which advice applies) are decided here, from the values alone:
for two shapes, from which axes differ and which side is the labels (`pair_verdict`).
`advice.py` then writes the explanation for each (category, situation).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from ganerrors.explainers.parsing import INTEGER, Shape, differing_axes, fmt

#: Which side of a shape pair is which.
#: "labels": first the labels, second the predictions, as a loss compares them.
#: "target": first the labels given to fit(), second the shape of the model's output there.
#: "input": first what was given to a model, layer or placeholder, second what it expects.
#: "operands": two tensors of one op; which is the labels is not known.
#: "joined": two tensors concatenated; every axis but the joined one must agree.
Roles = Literal["labels", "target", "input", "operands", "joined"]


def _is_map(labels: Shape, predictions: Shape) -> bool:
    """Predictions with axes the labels lack: a map of scores per image (4-D or more, no
    Flatten), or one score (or one row of class scores) per position of a sequence."""
    if not 1 <= len(labels) <= 2 or len(predictions) < 3:
        return False
    if len(predictions) >= 4:
        return True
    last = labels[-1] if len(labels) == 2 else 1
    return last is not None and last == predictions[-1]


def _same_values(a: Shape, b: Shape) -> bool:
    """The same number of values per example in two layouts: (32, 784) and (32, 28, 28, 1)."""
    rest_a, rest_b = a[1:], b[1:]
    if not rest_a or not rest_b or None in rest_a or None in rest_b:
        return False
    product_a = product_b = 1
    for dim in rest_a:
        product_a *= dim or 0
    for dim in rest_b:
        product_b *= dim or 0
    return product_a == product_b > 1


def pair_verdict(
    first: Shape,
    second: Shape,
    roles: Roles = "operands",
    broadcast: bool = False,
    axis: int | None = None,
) -> tuple[str, str] | None:
    """(category, situation) for two shapes that had to agree, or None if none is known.

    - Only the first (batch) axis differs: the batch size.
    - Predictions with axes the labels lack (a 4-D map against (batch, 1) labels): the
      model's output (a missing Flatten/Dense); any other difference of rank: the target.
    - Only the last axis differs: the wider side is at fault. (batch, n) predictions against
      (batch, 1) labels: a GAN's discriminator gives one score per image, so the output is
      wrong; (batch, 4) labels against (batch, 1) predictions: the labels are. With unknown
      roles, the first tensor is taken for the labels.
    - Image axes: the models' input/output shapes (the output's, when fit() checks it).
    - A model's input, or the same values per example in two layouts (flattened images
      against images): the models' input/output shapes.

    `axis`, for joined tensors: the axis that the message says must agree.
    """
    if roles == "joined":
        if len(first) != len(second):
            return ("model-io-shape", "joined")
        axes = [axis] if axis is not None else differing_axes(first, second)
        if not axes:
            return None
        return ("batch-size", "joined-batch") if axes == [0] else ("model-io-shape", "joined")
    if len(first) != len(second) and roles != "input" and _same_values(first, second):
        return ("model-io-shape", "layout")
    if roles == "operands" and len(first) != len(second):
        # Unknown roles: the side with fewer axes is taken for the labels.
        if len(first) > len(second):
            first, second = second, first
        roles = "labels"
    if len(first) != len(second):
        if roles == "input":
            return ("model-io-shape", "input")
        if _is_map(first, second):
            return ("output-shape", "map")
        if len(first) < len(second):
            return ("target-shape", "labels-lack-axis")
        return ("target-shape", "predictions-lack-axis")
    axes = differing_axes(first, second, broadcast)
    if not axes:
        return None
    if axes == [0]:
        return ("batch-size", "batch")
    if roles == "input":
        return ("model-io-shape", "input")
    if 0 not in axes and axes == [len(first) - 1]:
        labels_width, predictions_width = first[-1] or 0, second[-1] or 0
        if labels_width < predictions_width:
            return ("output-shape", "units")
        return ("target-shape", "widths")
    if roles == "target" and 0 not in axes:
        return ("output-shape", "image-axes")
    return ("model-io-shape", "image-axes")


class ShapePair(NamedTuple):
    """Two shapes that had to agree, and who compared them."""

    first: Shape
    second: Shape
    roles: Roles = "operands"
    names: tuple[str, str] = ("first tensor", "second tensor")
    by: str = ""  # what compared them, as a phrase: "the loss", "the op Sub", "tf.concat"
    broadcast: bool = False
    axis: int | None = None  # joined tensors: the axis the message says must agree

    @property
    def verdict(self) -> tuple[str, str] | None:
        return pair_verdict(self.first, self.second, self.roles, self.broadcast, self.axis)

    @property
    def category(self) -> str:
        return self.verdict[0] if self.verdict else ""

    @property
    def situation(self) -> str:
        return self.verdict[1] if self.verdict else ""

    def details(self) -> dict[str, object]:
        first, second = (n.split()[-1] for n in self.names)
        if first == second:
            first, second = "first", "second"
        return {f"{first}_shape": fmt(self.first), f"{second}_shape": fmt(self.second)}


class LossShapes(NamedTuple):
    """A loss that requires equal shapes, where no axis is known to differ ((None, 1) vs (32, 1)
    is not a difference): the labels must be given the predictions' shape exactly."""

    labels: Shape
    predictions: Shape

    @property
    def category(self) -> str:
        return "target-shape"

    @property
    def situation(self) -> str:
        return "must-equal"

    def details(self) -> dict[str, object]:
        return {"labels_shape": fmt(self.labels), "predictions_shape": fmt(self.predictions)}


class SparseLabels(NamedTuple):
    """One-hot (or otherwise too wide) labels given to a sparse loss."""

    labels: str
    predictions: str

    @property
    def category(self) -> str:
        return "target-shape"

    @property
    def situation(self) -> str:
        return "one-hot-to-sparse"

    def details(self) -> dict[str, object]:
        return {"labels_shape": self.labels, "predictions_shape": self.predictions}


class SparseRanks(NamedTuple):
    """A sparse loss: the labels must have one axis fewer than the logits."""

    labels: int
    logits: int

    @property
    def category(self) -> str:
        return (
            "output-shape"
            if self.logits >= 3 and self.labels < self.logits - 1
            else ("target-shape")
        )

    @property
    def situation(self) -> str:
        return "sparse-map" if self.category == "output-shape" else "one-hot-to-sparse"

    def details(self) -> dict[str, object]:
        return {"labels_rank": self.labels, "logits_rank": self.logits}


class WeightShapes(NamedTuple):
    """Saved weights (a checkpoint, an assignment) of another shape than the model's."""

    model: Shape | None
    saved: Shape | None

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "restore"

    def details(self) -> dict[str, object]:
        return {"model_shape": fmt(self.model), "saved_shape": fmt(self.saved)}


class LabelCount(NamedTuple):
    """A sparse loss got `labels` labels for `examples` examples."""

    labels: int
    examples: int
    logits: Shape = ()

    @property
    def flattened(self) -> bool:
        """One label per class and example: one-hot labels flattened to one vector."""
        classes = self.logits[-1] if len(self.logits) > 1 else None
        return bool(classes) and self.labels == self.examples * (classes or 0)

    @property
    def category(self) -> str:
        return "target-shape" if self.flattened else "batch-size"

    @property
    def situation(self) -> str:
        return "flattened-labels" if self.flattened else "label-count"

    def details(self) -> dict[str, object]:
        return {"logits_shape": fmt(self.logits), "labels_shape": f"({self.labels},)"}


class SampleCount(NamedTuple):
    """Keras 2's fit(): inputs and targets with different numbers of examples."""

    inputs: int
    targets: int

    @property
    def category(self) -> str:
        return "batch-size"

    @property
    def situation(self) -> str:
        return "sample-count"

    def details(self) -> dict[str, object]:
        return {"input_samples": self.inputs, "target_samples": self.targets}


class RankMismatch(NamedTuple):
    """A layer, model or fit() check expected `expected` axes and got `got`."""

    expected: int | None
    got: int | None
    bound: Literal["exact", "min", "max"] = "exact"
    shape: Shape | None = None
    role: Literal["input", "target"] = "input"
    layer: str = ""

    @property
    def output_map(self) -> bool:
        """fit()'s targets of 1 or 2 axes for an output of 4 or more: a map, not a score."""
        return (
            self.role == "target"
            and self.expected is not None
            and self.got is not None
            and self.expected >= 4 > 2 >= self.got
        )

    @property
    def category(self) -> str:
        if self.output_map:
            return "output-shape"
        return "target-shape" if self.role == "target" else "model-io-shape"

    @property
    def situation(self) -> str:
        if self.output_map:
            return "target-map"
        return "target-rank" if self.role == "target" else "input-rank"

    def details(self) -> dict[str, object]:
        return {
            "expected_ndim": self.expected,
            "ndim": self.got,
            "shape": fmt(self.shape) if self.shape is not None else "",
        }


class FeatureMismatch(NamedTuple):
    """A Dense layer (a matrix product) built for `expected` input features got `got`."""

    expected: int | None
    got: int | None
    shape: Shape | None = None  # the input's shape
    weights: Shape | None = None  # the weights' shape (a MatMul)
    layer: str = ""

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        """ "channels" when the axis is an image's channels, "features" otherwise."""
        return "channels" if self.shape is not None and len(self.shape) >= 4 else "features"

    def details(self) -> dict[str, object]:
        found: dict[str, object] = {"expected": self.expected, "got": self.got}
        if self.shape is not None:
            found["input_shape"] = fmt(self.shape)
        if self.weights is not None:
            found["weights_shape"] = fmt(self.weights)
        return found


class ReshapeMismatch(NamedTuple):
    """A reshape asked to turn `values` values into a shape that needs `requested`."""

    values: int | None
    requested: int | None
    multiple: bool = False  # "requires a multiple of": the shape has a -1
    input_shape: Shape | None = None
    target_shape: Shape | None = None

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "reshape"

    def details(self) -> dict[str, object]:
        found: dict[str, object] = {"values": self.values, "requested": self.requested}
        if self.input_shape is not None:
            found["input_shape"] = fmt(self.input_shape)
        if self.target_shape is not None:
            found["target_shape"] = fmt(self.target_shape)
        return found


class WindowTooLarge(NamedTuple):
    """A convolution kernel or pooling window larger than the axis it slides over."""

    window: str
    size: str = ""
    shapes: str = ""
    what: str = "window"  # "kernel shape", "pool_size", "window"

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "too-small"

    def details(self) -> dict[str, object]:
        return {"window": self.window, "size": self.size, "input_shapes": self.shapes}


class OpInputs(NamedTuple):
    """An op (not elementwise) whose inputs' sizes do not fit: "Dimensions must be equal"."""

    op: str
    first: Shape
    second: Shape
    sizes: tuple[str, str] = ("", "")

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "op-inputs"

    def details(self) -> dict[str, object]:
        return {"first_shape": fmt(self.first), "second_shape": fmt(self.second)}


class JoinedShapes(NamedTuple):
    """A Concatenate layer whose inputs differ in an axis other than the joined one."""

    shapes: tuple[Shape, ...]

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "concatenate-layer"

    def details(self) -> dict[str, object]:
        return {"shapes": "; ".join(fmt(s) for s in self.shapes)}


class SharedVariable(NamedTuple):
    """TF 1.x variable sharing: a variable made again with another shape (a model called on
    inputs of another shape than the first time)."""

    name: str
    specified: Shape | None
    found: Shape | None

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "shared-variable"

    def details(self) -> dict[str, object]:
        return {"variable": self.name, "specified": fmt(self.specified), "found": fmt(self.found)}


class FloatDimension(NamedTuple):
    """A shape computed with `/` instead of `//`: a float where an integer size must be."""

    value: str = ""

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "float-dimension"

    def details(self) -> dict[str, object]:
        return {"value": self.value}


class DtypeClash(NamedTuple):
    """Tensors of different dtypes meeting in one op, or a dtype the op has no kernel for."""

    got: str
    expected: str
    op: str = ""
    where: str = ""  # "as its input #1", "in its list of inputs (dtypes ...)", ...
    #: "clash": two dtypes met; "no-kernel": the op has none for this dtype; "object": a NumPy
    #: array of Python objects; "indices": indices that must be integers are not
    kind: Literal["clash", "no-kernel", "object", "indices"] = "clash"

    @property
    def category(self) -> str:
        return "dtype"

    @property
    def odd(self) -> str:
        """The tensor to convert. TensorFlow "expects" the dtype of whichever input came
        first; in a GAN the tensor to convert is the one that is not float32."""
        if self.got == "float32" and self.expected != "float32":
            return self.expected
        return self.got

    @property
    def situation(self) -> str:
        if self.kind in ("object", "indices"):
            return self.kind
        if self.odd in INTEGER:
            return "integer"
        if self.odd == "float64":
            return "float64"
        return "other"

    def details(self) -> dict[str, object]:
        return {"op": self.op, "got": self.got, "expected": self.expected}


class IndexOutOfRange(NamedTuple):
    """An index or class label outside [0, size)."""

    value: int | None  # None: not known
    size: int | None  # None: not known
    kind: Literal["index", "label"] = "index"
    position: str = ""
    embedding: bool = False

    @property
    def category(self) -> str:
        return "index-range"

    @property
    def situation(self) -> str:
        return self.kind

    def details(self) -> dict[str, object]:
        if self.kind == "label":
            return {"label": self.value, "classes": self.size}
        return {"index": self.value, "size": self.size, "position": self.position}


class NonFinite(NamedTuple):
    """NaN or Inf values found in a tensor."""

    what: str  # "NaN", "Inf", "-Inf and NaN", "NaN or Inf"
    label: str = ""  # the name the tensor was checked under
    source: Literal["check_numerics", "summary", "loss", "numpy"] = "check_numerics"

    @property
    def category(self) -> str:
        return "numerics"

    @property
    def situation(self) -> str:
        return self.source

    def details(self) -> dict[str, object]:
        return {"what": self.what, "tensor": self.label}


class LogitsMismatch(NamedTuple):
    """A loss told it gets logits (from_logits=True) is given probabilities."""

    loss: str = ""
    activation: str = ""
    #: "from-logits": probabilities given to a loss told to expect logits; "probabilities":
    #: values outside [0, 1] given to a loss or metric that expects probabilities
    expects: Literal["from-logits", "probabilities"] = "from-logits"

    @property
    def category(self) -> str:
        return "numerics"

    @property
    def situation(self) -> str:
        return self.expects

    def details(self) -> dict[str, object]:
        return {"loss": self.loss, "activation": self.activation}


class MissingGradients(NamedTuple):
    """The optimizer got no gradient (None) for the variables it was given."""

    variables: tuple[str, ...] = ()
    how: Literal["none-for-all", "empty-pairs", "none-values", "no-gradient-op"] = "none-for-all"

    @property
    def category(self) -> str:
        return "no-gradients"

    @property
    def situation(self) -> str:
        return self.how

    def details(self) -> dict[str, object]:
        return {"variables": ", ".join(self.variables[:5])}


Finding = (
    ShapePair
    | LossShapes
    | SparseLabels
    | SparseRanks
    | WeightShapes
    | LabelCount
    | SampleCount
    | RankMismatch
    | FeatureMismatch
    | ReshapeMismatch
    | WindowTooLarge
    | OpInputs
    | JoinedShapes
    | SharedVariable
    | FloatDimension
    | DtypeClash
    | IndexOutOfRange
    | NonFinite
    | LogitsMismatch
    | MissingGradients
)
