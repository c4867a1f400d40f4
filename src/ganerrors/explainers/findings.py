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
#: "fed": first the labels fed to a placeholder, second the placeholder's shape: the graph was
#: built for the placeholder's shape, so labels of another shape are the labels' fault.
Roles = Literal["labels", "target", "input", "operands", "joined", "fed"]
#: The kind of loss that compared labels and predictions, when the message says it.
#: "binary": one score per example (binary cross-entropy, sigmoid_cross_entropy_with_logits);
#: "categorical": one-hot labels, one column per class (categorical cross-entropy, softmax);
#: "regression": values against values (mean squared or absolute error); "": not known.
Loss = Literal["", "binary", "categorical", "regression"]


def _is_map(labels: Shape, predictions: Shape) -> bool:
    """Predictions with axes the labels lack: a map of scores per image (4-D or more, no
    Flatten), or one score (or one row of class scores) per position of a sequence."""
    if not 1 <= len(labels) <= 2 or len(predictions) < 3:
        return False
    if len(predictions) >= 4:
        return True
    if len(labels) == 2 and labels[1] is not None and labels[1] == predictions[1]:
        # (batch, steps) against (batch, steps, classes): a label per position, which lacks
        # the class axis (class indices for a one-hot loss), unless the widths agree as well
        return labels[1] == predictions[-1]
    # labels of one value or one row per example against predictions of a value or a row per
    # position: a sequence model whose output keeps its steps (not known: labels of unknown
    # width)
    return len(labels) == 1 or labels[1] is not None


def _same_values(a: Shape, b: Shape) -> bool:
    """The same number of values per example in two layouts: (32, 784) and (32, 28, 28, 1).
    Not an axis of 1 more or less ((None, 7) and (None, 1, 7)): that is a missing squeeze."""
    rest_a, rest_b = a[1:], b[1:]
    if not rest_a or not rest_b or None in rest_a or None in rest_b:
        return False
    if [d for d in rest_a if d != 1] == [d for d in rest_b if d != 1]:
        return False
    product_a = product_b = 1
    for dim in rest_a:
        product_a *= dim or 0
    for dim in rest_b:
        product_b *= dim or 0
    return product_a == product_b > 1


#: The smallest factor between the first axes of labels and predictions that is read as rows
#: per position rather than batches of two sizes. A batch size written into one of them meets
#: a last batch of any size, so a whole multiple proves nothing alone (50,000 CIFAR-10 images in
#: batches of 64 leave a last batch of 16, a factor of 4): labels with more rows count as rows
#: per position only when each row holds more than one value (one-hot rows unrolled, labels
#: per position); a GAN's (batch, 1) real/fake labels made for a fixed batch size do not.
ROWS_FACTOR = 4

#: The largest first axis read as one batch of examples. Batches of more are rare where a GAN
#: or a classifier trains; two first axes both larger than this are rows of positions (time
#: steps, pixels) flattened from several examples, a dataset, or a weight matrix's inputs, so
#: their mismatch is not a last batch of another size.
MAX_BATCH = 1024


def many_rows(a: int | None, b: int | None) -> bool:
    """Both counts are larger than any batch (`MAX_BATCH`)."""
    return (a or 0) > MAX_BATCH and (b or 0) > MAX_BATCH


def _rows_verdict(
    labels: int | None, predictions: int | None, width: int | None
) -> tuple[str, str] | None:
    """Labels and predictions that differ in their first axis only, one a whole multiple
    (4 or more) of the other: not two batch sizes but rows per position. Predictions with k
    times the rows are a map or sequence of scores per example flattened into rows (a conv
    output reshaped to (batch * h * w, classes)); labels with k times the rows were built or
    flattened per position, or one-hot rows unrolled into one long vector."""
    if not labels or not predictions or labels == predictions:
        return None
    big, small = max(labels, predictions), min(labels, predictions)
    if big % small or big // small < ROWS_FACTOR:
        return None
    if labels > predictions and (width is None or width <= 1):
        return None  # as likely labels made for a fixed batch size and a smaller last batch
    return ("output-shape", "rows") if predictions > labels else ("target-shape", "rows")


def _widths_verdict(labels: int, predictions: int, rank: int, loss: Loss) -> tuple[str, str]:
    """Labels and predictions that differ in their last axis only: which side is wrong.

    A GAN's discriminator gives one score per example, so with a binary loss (or none named)
    the wider side is at fault. A categorical loss wants one-hot labels, one column per class:
    labels of width 1 are class indices (they need one-hot encoding, or the sparse loss), and
    one-hot labels of another width than the output mean the model's last layer does not have
    one unit per class. Where no loss is named, labels of width 1 against 3 or more columns
    are class indices too: no real/fake score is 3 columns wide. Maps (rank 3 or more) of
    labels with 3 channels against predictions with another number: masks stored as colour
    images, where the model predicts one channel per class (or a one-channel mask).
    """
    if rank >= 3 and labels == 3 != predictions:
        return ("target-shape", "colour-labels")
    if loss == "categorical" and (rank == 2 or labels == 1):
        # per example, or per pixel (segmentation masks of class indices against one score
        # per class and pixel)
        if labels == 1:
            return ("target-shape", "class-indices")
        return ("output-shape", "classes")
    if rank == 2 and loss == "" and labels == 1 and predictions >= 3:
        return ("target-shape", "class-indices")
    if labels < predictions:
        return ("output-shape", "units")
    return ("target-shape", "widths")


def pair_verdict(
    first: Shape,
    second: Shape,
    roles: Roles = "operands",
    broadcast: bool = False,
    axis: int | None = None,
    loss: Loss = "",
) -> tuple[str, str] | None:
    """(category, situation) for two shapes that had to agree, or None if none is known.

    - Only the first (batch) axis differs: the batch size.
    - Predictions with axes the labels lack (a 4-D map against (batch, 1) labels): the
      model's output (a missing Flatten/Dense); any other difference of rank: the target.
    - Only the last axis differs: with a binary loss or none named, the wider side is at
      fault. (batch, n) predictions against (batch, 1) labels: a GAN's discriminator gives one
      score per image, so the output is wrong; (batch, 4) labels against (batch, 1)
      predictions: the labels are. With a categorical loss, width-1 labels are class indices
      (target) and one-hot labels of another width a last layer without one unit per class
      (output); see `_widths_verdict`. With unknown roles, the first tensor is taken for the
      labels.
    - Labels and predictions of two axes that differ in both: the labels' layout (class
      indices read as one row, labels transposed).
    - Image axes: the models' input/output shapes (the output's, when fit() checks it);
      between labels and predictions that are small one-channel maps, a PatchGAN
      discriminator's patch of scores and labels made for another patch size.
    - A model's input, or the same values per example in two layouts (flattened images
      against images): the models' input/output shapes.

    `axis`, for joined tensors: the axis that the message says must agree. `loss`: the kind
    of loss that compared labels and predictions, when known (see `_widths_verdict`).
    """
    if roles == "fed":
        verdict = pair_verdict(first, second, "labels", broadcast, axis, loss)
        if verdict is None or verdict[0] != "output-shape":
            return verdict
        if len(first) == len(second):
            return ("target-shape", "widths")
        return ("target-shape", "labels-lack-axis" if len(first) < len(second) else "widths")
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
    if roles in ("labels", "target") and _channels_first(first, second):
        return ("model-io-shape", "channels-first")
    if axes == [0]:
        if roles in ("labels", "target"):
            width = first[-1] if len(first) > 1 else None
            rows = _rows_verdict(first[0], second[0], width)
            if rows is not None:
                return rows
        if len(first) >= 2 and many_rows(first[0], second[0]):
            if roles in ("labels", "target"):
                return ("target-shape", "position-rows")
            return ("model-io-shape", "many-rows")
        return ("batch-size", "batch")
    if roles == "input":
        return ("model-io-shape", "input")
    if roles in ("labels", "target") and len(first) == 2 and axes == [0, 1]:
        # two axes, both different: no image axes here, and a short batch changes only the
        # first; the labels are laid out another way (a row of class indices, transposed)
        return ("target-shape", "both-axes")
    if 0 not in axes and axes == [len(first) - 1]:
        if roles == "operands" and len(first) >= 3:
            return ("model-io-shape", "image-axes")  # feature maps of another depth
        return _widths_verdict(first[-1] or 0, second[-1] or 0, len(first), loss)
    if roles in ("target", "labels") and 0 not in axes and _score_maps(first, second):
        return ("output-shape", "patch")
    if roles == "target" and 0 not in axes:
        return ("output-shape", "image-axes")
    return ("model-io-shape", "image-axes")


def _channels_first(labels: Shape, predictions: Shape) -> bool:
    """Images stored channels first, (N, 1, 28, 28), as targets of a model that works channels
    last, whose output ends in 1 or 3 channels: an autoencoder or a super-resolution model
    given data of the other image layout (Theano's against TensorFlow's)."""
    if len(labels) != 4 or len(predictions) != 4:
        return False
    channels, width = labels[1], labels[-1] or 0
    return channels in (1, 3) and width > 4 and predictions[-1] in (1, 3)


#: The largest side of a map of scores (a PatchGAN's output) told apart from an image's.
PATCH_SIDE = 16


def _score_maps(first: Shape, second: Shape) -> bool:
    """Two maps of one score per patch (a PatchGAN discriminator's output and its labels):
    4-D, one channel, sides of at most PATCH_SIDE. An image (28x28 and up) is not one."""
    for shape in (first, second):
        if len(shape) != 4 or shape[-1] != 1:
            return False
        if any(side is None or side > PATCH_SIDE for side in shape[1:3]):
            return False
    return True


#: Situations of `pair_verdict` that follow from which side is the labels (see `_widths_verdict`).
_WIDTH_SITUATIONS = frozenset({"widths", "units", "class-indices", "classes", "colour-labels"})
_ROLE_SITUATIONS = _WIDTH_SITUATIONS | {"labels-lack-axis", "predictions-lack-axis", "map"}


class ShapePair(NamedTuple):
    """Two shapes that had to agree, and who compared them."""

    first: Shape
    second: Shape
    roles: Roles = "operands"
    names: tuple[str, str] = ("first tensor", "second tensor")
    by: str = ""  # what compared them, as a phrase: "the loss", "the op Sub", "tf.concat"
    broadcast: bool = False
    axis: int | None = None  # joined tensors: the axis the message says must agree
    loss: Loss = ""  # the kind of loss that compared them, when known

    @property
    def verdict(self) -> tuple[str, str] | None:
        return pair_verdict(
            self.first, self.second, self.roles, self.broadcast, self.axis, self.loss
        )

    @property
    def category(self) -> str:
        return self.verdict[0] if self.verdict else ""

    @property
    def situation(self) -> str:
        return self.verdict[1] if self.verdict else ""

    @property
    def tentative(self) -> bool:
        """The verdict rests on a guess, not on the values: which side is at fault.

        - Two operands of an op whose roles are not known: the side with fewer axes (or the
          first) is taken for the labels; where the other way round gives another category,
          the category is that guess.
        - Labels and predictions that differ in their last axis only, where the labels are not
          one value per example and no categorical loss (one-hot labels, one column per class)
          is named: several values per example in the labels against another number in the
          predictions may be labels of the wrong form or a last layer of the wrong width. A
          regression or binary loss compares whatever widths it is given, so it does not tell.

        A batch axis, image axes, a model's input or joined tensors do not depend on roles;
        nor do labels of one value per example (a real/fake label or a class index).
        """
        situation = self.situation
        if situation == "position-rows":
            return True  # see LabelCount.tentative
        if self.roles == "operands" and situation in _ROLE_SITUATIONS:
            one, other = (
                pair_verdict(a, b, "labels", self.broadcast, self.axis, self.loss)
                for a, b in ((self.first, self.second), (self.second, self.first))
            )
            return one is None or other is None or one[0] != other[0]
        if self.roles in ("labels", "target") and self.loss != "categorical":
            return situation in _WIDTH_SITUATIONS and bool(self.first) and self.first[-1] != 1
        return False

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
    predictions: str  # "" where the message gives only the labels' rank the kernel wants
    rank: int = 1  # the labels' rank the loss wants, where the predictions are not given

    @property
    def category(self) -> str:
        return "target-shape"

    @property
    def situation(self) -> str:
        return "one-hot-to-sparse"

    def details(self) -> dict[str, object]:
        if not self.predictions:
            return {"labels_shape": self.labels, "labels_rank_wanted": self.rank}
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

    @property
    def tentative(self) -> bool:
        """Always a guess. A file of another number of layers is another architecture than
        the saved one, or simply the wrong file (another model's weights, a damaged
        download). Weights of another shape are as often a checkpoint of another model,
        another Keras version or backend (Theano's kernel order) or a file of another
        project as a model built with other sizes by mistake: of the real messages of
        this family in tests/explainers/corpus, about half were about something else."""
        return True

    def details(self) -> dict[str, object]:
        return {"model_shape": fmt(self.model), "saved_shape": fmt(self.saved)}


class LabelCount(NamedTuple):
    """A sparse loss got `labels` labels for `examples` examples."""

    labels: int
    examples: int
    logits: Shape = ()

    @property
    def tentative(self) -> bool:
        """Rows by the thousand on both sides that differ by no whole multiple: sequences
        flattened into rows, padded to other lengths on the two sides. The learner's labels
        padded to another length than the model decodes are as likely, in real threads, as a
        sequence library's own decoder or sharding (OpenNMT-tf, google/seq2seq); which one,
        the message does not say. The same holds for two such counts of rows of a ShapePair
        ("position-rows")."""
        return self.situation == "position-count"

    @property
    def flattened(self) -> bool:
        """One label per class and example: one-hot labels flattened to one vector."""
        classes = self.logits[-1] if len(self.logits) > 1 else None
        return bool(classes) and self.labels == self.examples * (classes or 0)

    @property
    def per_position(self) -> bool:
        """One label per example against logits for every position of it (pixels, time steps:
        logits reshaped to (batch * positions, classes)), or the other way round: one count
        a whole multiple, 4 or more, of the other. A batch of another size rarely is."""
        small, large = sorted((self.labels, self.examples))
        return small >= 2 and large % small == 0 and large // small >= 4

    @property
    def category(self) -> str:
        if self.per_position and not self.flattened and self.examples > self.labels:
            return "output-shape"  # rows of logits per position: the model's map, flattened
        if self.flattened or self.per_position or many_rows(self.labels, self.examples):
            return "target-shape"
        return "batch-size"

    @property
    def situation(self) -> str:
        if self.flattened:
            return "flattened-labels"
        if self.per_position:
            return "logits-per-position" if self.examples > self.labels else "labels-per-position"
        if many_rows(self.labels, self.examples):
            return "position-count"
        return "label-count"

    def details(self) -> dict[str, object]:
        return {"logits_shape": fmt(self.logits), "labels_shape": f"({self.labels},)"}


class LabelForm(NamedTuple):
    """Labels in another form than the loss or metric wants: one-hot rows where class indices
    are expected (a tf.estimator classifier, scikit-learn's metrics), or the other way round:
    class indices given to a loss that wants one-hot rows (`loss` names it)."""

    shape: Shape | None = None
    loss: str = ""  # a loss that wants one-hot rows and was given class indices

    @property
    def category(self) -> str:
        return "target-shape"

    @property
    def situation(self) -> str:
        return "indices-for-one-hot" if self.loss else "label-form"

    def details(self) -> dict[str, object]:
        return {"labels_shape": fmt(self.shape) if self.shape else ""}


class SampleCount(NamedTuple):
    """Keras 2's fit(): inputs and targets with different numbers of examples (or, with
    `among_inputs`, two inputs of a model with several: `inputs` and `targets` are then the
    two inputs' numbers)."""

    inputs: int
    targets: int
    among_inputs: bool = False

    @property
    def category(self) -> str:
        return "batch-size"

    @property
    def situation(self) -> str:
        return "sample-count"

    def details(self) -> dict[str, object]:
        return {"input_samples": self.inputs, "target_samples": self.targets}


class BatchMismatch(NamedTuple):
    """A graph built for one batch size met another, or used the unknown batch size as a number.

    "fixed-batch": a transposed convolution (or another op) whose batch size was fixed when the
    graph was built (`output_shape=[64, ...]`) met a batch of another size; "unknown-batch":
    the static batch size, None until the graph runs, was used to build a shape; "split-batch":
    a batch split into equal parts (one per GPU or tower) whose size is no multiple of their
    number; "split-sizes": a batch split into pieces of sizes fixed in the code (sizes: the
    tensor's size along the axis split, or "" where the kernel does not say, the pieces,
    their total); "sample-grid": a batch of samples laid out in a square grid of images (DCGAN's
    `image_manifold_size`), whose size is no square number; "stateful": a stateful recurrent
    layer, which keeps a state per example and so needs one fixed batch size; "initial-state":
    a recurrent layer's initial state made for one batch size (sizes: the state's batch, the
    input's), given a batch of another; "reshape-batch":
    a reshape to a shape with a fixed batch size got a smaller batch (sizes: the values it got,
    the values asked for, and their ratio reduced, b and B)."""

    how: Literal[
        "fixed-batch",
        "reshape-batch",
        "unknown-batch",
        "split-batch",
        "split-sizes",
        "sample-grid",
        "stateful",
        "initial-state",
    ]
    #: the sizes or the shape the message names; "stateful": (built for, got), or (batch size,
    #: number of samples, "samples") where fit() was given samples its batch size does not divide
    sizes: tuple[str, ...] = ()

    @property
    def category(self) -> str:
        return "batch-size"

    @property
    def situation(self) -> str:
        return self.how

    @property
    def tentative(self) -> bool:
        """An unknown size used as a number where the message does not show which axis was
        unknown ("None values not supported"): most often the batch, but a spatial axis of
        an input built as (None, None, channels) gives the same message. Likewise split sizes
        that do not add up, where the message does not say along which axis."""
        if self.how == "split-sizes":  # the kernel's words name no axis: the batch, most often
            return not self.sizes or not self.sizes[0]
        return self.how == "unknown-batch" and not self.sizes

    def details(self) -> dict[str, object]:
        if len(self.sizes) == 3 and self.sizes[2] == "samples":
            return {"batch_size": self.sizes[0], "samples": self.sizes[1]}
        return {"sizes": ", ".join(self.sizes)}


class InputCount(NamedTuple):
    """A model given another number of input (or target) arrays than it has inputs (outputs)."""

    role: Literal["input", "target"]
    expected: int | None
    got: int | None
    #: the tensors received mix a batch axis of unknown size with fixed shapes, such as a
    #: layer's weights: a custom layer given its weights as inputs, the way an older Keras
    #: called it (a version change as often as the learner's data)
    weights_among: bool = False

    @property
    def category(self) -> str:
        return "target-shape" if self.role == "target" else "model-io-shape"

    @property
    def tentative(self) -> bool:
        return self.weights_among

    @property
    def situation(self) -> str:
        return "target-count" if self.role == "target" else "input-count"

    def details(self) -> dict[str, object]:
        return {"expected": self.expected, "got": self.got}


class ExampleList(NamedTuple):
    """fit() or predict() given x (or y) as a Python list of many arrays (one per example):
    Keras reads a list as one array per model input (output), so each array's first axis
    counts as its samples."""

    arrays: int  # how many sizes the message lists (it may list only the first ones)
    sizes: tuple[int, ...]
    #: "target": the labels given as such a list (one array per example), read by Keras as
    #: one target array per model output
    role: Literal["input", "target"] = "input"

    @property
    def category(self) -> str:
        return "target-shape" if self.role == "target" else "model-io-shape"

    @property
    def situation(self) -> str:
        return "list-of-labels" if self.role == "target" else "list-of-examples"

    def details(self) -> dict[str, object]:
        return {"arrays": self.arrays, "sizes": ", ".join(map(str, self.sizes[:5]))}


class UndefinedAxis(NamedTuple):
    """A layer that needs a known size (Flatten's input, Dense's last axis) got an unknown one;
    or (`sizes`) a shape written from a tensor's static sizes, None beyond the batch axis."""

    layer: str
    shape: Shape | None = None
    sizes: str = ""  # the list that could not become a tensor: "[-1, None, None, 2, 16]"

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "undefined-axis"

    def details(self) -> dict[str, object]:
        return {"layer": self.layer, "shape": fmt(self.shape) if self.shape else self.sizes}


class TransposedConv(NamedTuple):
    """A transposed convolution whose output_shape does not fit its input, strides and padding."""

    actual: str
    computed: str

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "transposed-conv"

    def details(self) -> dict[str, object]:
        return {"actual": self.actual, "computed": self.computed}


class CtcTime(NamedTuple):
    """CTC's labels need more time steps than the model's output gives them: "Not enough time
    for target transition sequence (required: 64, available: 39)". The model's output sequence
    (or the `input_length` passed for it) is shorter than a label sequence: which of the two is
    wrong, the message cannot tell, so always a guess."""

    required: int
    available: int

    @property
    def category(self) -> str:
        return "output-shape"

    @property
    def situation(self) -> str:
        return "ctc-time"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        return {"label_steps": self.required, "output_steps": self.available}


class DatasetShapes(NamedTuple):
    """Examples of the data of other shapes than each other or than declared.

    `kind`: "batch", a dataset whose examples have different shapes, batched (images of
    mixed sizes); "list", a Python list of arrays of different shapes made into one tensor
    (the shapes are not in the message: a guess); "signature", a generator that yields
    another shape than its `output_signature` says; "tuple", a generator that yields a tuple
    where the signature declares one tensor; "crop", `tf.image.random_crop` asked for more than
    the image has.
    """

    first: Shape | None = None
    other: Shape | None = None
    kind: Literal["batch", "list", "signature", "tuple", "crop"] = "batch"

    @property
    def short_batch(self) -> bool:
        """A generator of whole batches whose last one is smaller than the batch size that
        its signature fixes: the shapes differ in their first axis only, the yielded one
        smaller."""
        first, other = self.first, self.other
        if self.kind != "signature" or not first or not other or len(first) != len(other):
            return False
        if len(first) < 2 or first[1:] != other[1:]:
            return False
        return first[0] is not None and other[0] is not None and first[0] < other[0]

    @property
    def category(self) -> str:
        return "batch-size" if self.short_batch else "model-io-shape"

    @property
    def situation(self) -> str:
        return "generator-batch" if self.short_batch else _DATA_SITUATIONS[self.kind]

    @property
    def tentative(self) -> bool:
        return self.kind == "list"

    def details(self) -> dict[str, object]:
        return {
            "first_shape": fmt(self.first) if self.first is not None else "",
            "other_shape": fmt(self.other) if self.other is not None else "",
            "kind": self.kind,
        }


_DATA_SITUATIONS = {
    "batch": "dataset-elements",
    "list": "ragged-list",
    "signature": "generator-signature",
    "tuple": "generator-structure",
    "crop": "crop-size",
}


class InputKeys(NamedTuple):
    """Data given as a dictionary whose keys are not the names of the model's inputs: Keras
    matches a dictionary to the inputs by name ("Missing data for input ...")."""

    missing: str
    given: str = ""
    expected: str = ""

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "input-keys"

    def details(self) -> dict[str, object]:
        return {"missing": self.missing, "given": self.given, "expected": self.expected}


class TargetsMissing(NamedTuple):
    """fit() given inputs only (a dataset of images alone) for a model compiled with a loss,
    which needs targets: Keras 2's "Target data is missing". A `guess` where only the code
    says so: a None met inside the learner's fit() (Keras 3 converting the missing targets)."""

    guess: bool = False

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "targets-missing"

    @property
    def tentative(self) -> bool:
        return self.guess

    def details(self) -> dict[str, object]:
        return {}


class RankMismatch(NamedTuple):
    """A layer, model or fit() check expected `expected` axes and got `got`."""

    expected: int | None
    got: int | None
    bound: Literal["exact", "min", "max"] = "exact"
    shape: Shape | None = None
    role: Literal["input", "target"] = "input"
    layer: str = ""
    #: the message names no layer, op or batch axis: the shape may as well be a variable's or
    #: a constant's as a model's input
    unplaced: bool = False
    #: the TensorFlow op that checked the rank, when no layer's scope holds it (DecodePng)
    op: str = ""
    #: an input of two unknown axes before one example, (None, None, 224, 224, 3), one axis
    #: more than the layer's kernel takes: what Keras 3 releases of 2024-2025 gave a model
    #: loaded from a Keras 2 .h5 file (a loading problem more than the learner's data)
    loaded: bool = False

    @property
    def tentative(self) -> bool:
        return self.unplaced or self.labels_per_step or self.steps_per_label or self.loaded

    @property
    def steps_per_label(self) -> bool:
        """fit()'s targets of (batch, steps, n), steps and n of 2 or more, for an output of 2
        axes: a row of labels per time step where the model gives one row per sequence. Either side
        may be wrong: labels made per step for a per-sequence task (the targets), or a model
        that dropped its steps where each step has a label (no `return_sequences=True`: the
        output); real threads go both ways, so the category is a guess."""
        return (
            self.role == "target"
            and self.expected == 2
            and self.got == 3
            and self.shape is not None
            and len(self.shape) == 3
            and (self.shape[1] or 0) >= 2
            and (self.shape[2] or 0) >= 2
        )

    @property
    def labels_per_step(self) -> bool:
        """fit()'s targets of (batch, n), n of 3 or more, for an output of 3 axes (batch,
        steps, classes): n one-hot columns per sequence for a model that keeps its steps (an
        output map), or as likely a class index per step where the loss wants one-hot rows per
        step (the targets), so the category is a guess. A (batch, 1) or (batch, 2) target is
        one score or a pair of classes per example: the output map for sure."""
        return (
            self.role == "target"
            and self.expected == 3
            and self.shape is not None
            and len(self.shape) == 2
            and (self.shape[1] or 0) >= 3
        )

    @property
    def output_map(self) -> bool:
        """fit()'s targets of 1 or 2 axes for an output of 3 or more: a map (or a sequence) of
        values per example where one value or one row of classes is expected."""
        return (
            self.role == "target"
            and self.expected is not None
            and self.got is not None
            and self.expected >= 3 > 2 >= self.got
        )

    @property
    def flat_output(self) -> bool:
        """fit()'s targets of 2 or more axes for an output of 1 axis, the batch: the model's
        last layer left no axis per example (an argmax, squeeze or reduce in a Lambda), where
        a loss compares (batch, units) with (batch, units)."""
        return (
            self.role == "target" and self.expected == 1 and self.got is not None and self.got >= 2
        )

    @property
    def category(self) -> str:
        if self.output_map or self.flat_output:
            return "output-shape"
        return "target-shape" if self.role == "target" else "model-io-shape"

    @property
    def situation(self) -> str:
        if self.loaded:
            return "loaded-h5"
        if self.labels_per_step:
            return "labels-per-step"
        if self.output_map:
            return "target-map"
        if self.flat_output:
            return "flat-output"
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
    words: bool = False  # read from words about channels, not from a layer's check
    rnn_cell: bool = False  # the product inside a TF 1 RNN cell (basic_lstm_cell/MatMul)

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        """ "channels" when the axis is an image's channels, "rnn-cell" for a TF 1 RNN cell's
        own weights, "features" otherwise."""
        if self.rnn_cell:
            return "rnn-cell"
        return "channels" if self.shape is not None and len(self.shape) >= 4 else "features"

    @property
    def tentative(self) -> bool:
        """A TF 1 RNN cell's product: most often one cell object repeated for every layer of a
        MultiRNNCell (`[cell] * n`), or code written for TensorFlow 0.x, where cells did not
        keep their weights: the cell's own code, not the data, is then at fault."""
        return self.rnn_cell

    def details(self) -> dict[str, object]:
        found: dict[str, object] = {"expected": self.expected, "got": self.got}
        if self.shape is not None:
            found["input_shape"] = fmt(self.shape)
        if self.weights is not None:
            found["weights_shape"] = fmt(self.weights)
        return found


class PixelShuffle(NamedTuple):
    """`tf.nn.depth_to_space` (a pixel shuffle, as in SRGAN's upsampling) given a number of
    channels that is no multiple of block_size squared."""

    depth: int
    multiple: int  # block_size squared

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "pixel-shuffle"

    def details(self) -> dict[str, object]:
        return {"depth": self.depth, "multiple": self.multiple}


class InterpreterInput(NamedTuple):
    """The TensorFlow Lite interpreter's `set_tensor` given an array that its input was not
    converted for: another number of axes ("Dimension mismatch. Got 3 but expected 4 for
    input 0"), another size of one axis ("Got 640 but expected 320 for dimension 1 of input
    0"), or another dtype ("Got value of type FLOAT32 but expected type UINT8 for input 0")."""

    kind: Literal["rank", "axis", "dtype"]
    got: str
    expected: str
    axis: int | None = None
    input: int = 0

    @property
    def category(self) -> str:
        if self.kind == "dtype":
            return "dtype"
        # the first axis of a converted model's input is its batch, fixed at conversion
        return "batch-size" if self.axis == 0 else "model-io-shape"

    @property
    def situation(self) -> str:
        return "interpreter-input"

    def details(self) -> dict[str, object]:
        return {"got": self.got, "expected": self.expected, "axis": self.axis}


class ChannelGroups(NamedTuple):
    """A convolution given a whole multiple (`groups`) of the channels its filter takes: TF
    reads the input as that many groups of channels, and the layer's `filters` do not split
    into them ("output depth must be evenly divisible by number of groups: 8 vs 3")."""

    filters: int
    groups: int

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "channel-groups"

    def details(self) -> dict[str, object]:
        return {"filters": self.filters, "groups": self.groups}


class ReshapeMismatch(NamedTuple):
    """A reshape asked to turn `values` values into a shape that needs `requested`."""

    values: int | None
    requested: int | None
    multiple: bool = False  # "requires a multiple of": the shape has a -1
    input_shape: Shape | None = None
    target_shape: Shape | None = None
    #: the graph node of a reshape with a -1 in it, where the node is under a loss's scope
    #: (`yolo_loss/Reshape_3`): the loss lays out the model's output its own way
    loss_node: str = ""

    @property
    def category(self) -> str:
        return "output-shape" if self.loss_node else "model-io-shape"

    @property
    def situation(self) -> str:
        return "loss-reshape" if self.loss_node else "reshape"

    @property
    def tentative(self) -> bool:
        """A guess when every size of the requested shape is fixed and the message gives two
        counts, not the shape of the tensor reshaped: a layer's output of another size than
        the code assumes (the model's shapes) is as likely as a batch size written into the
        shape, or a file of another size read the same way. Of the 20 real messages of this
        kind in tests/explainers/corpus, 10 were the model's shapes and 6 a batch size. With
        a -1 ("requires a multiple of") the reshape takes any batch, so what is left over is
        the size of one example: 9 of 12 were the model's shapes."""
        counts_only = self.values is not None and self.input_shape is None
        return counts_only and not self.multiple and not self.loss_node

    def details(self) -> dict[str, object]:
        found: dict[str, object] = {"values": self.values, "requested": self.requested}
        if self.input_shape is not None:
            found["input_shape"] = fmt(self.input_shape)
        if self.target_shape is not None:
            found["target_shape"] = fmt(self.target_shape)
        return found


class LayerInputCheck(NamedTuple):
    """Keras's check of a layer's input (`assert_input_compatibility`) failed, and the message
    that says how was cut off: only the traceback shows it. Always a guess."""

    layer: str = ""

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "input-check"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        return {"layer": self.layer}


class AxisSizes(NamedTuple):
    """Two sizes of one axis that had to agree, and nothing else: TensorShape's "Dimensions 1
    and 9 are not compatible". The first is read as the labels' (Keras checks the labels'
    shape against the predictions'), so the verdict is that of two widths (`_widths_verdict`),
    and always a guess."""

    first: int
    second: int

    @property
    def verdict(self) -> tuple[str, str]:
        return _widths_verdict(self.first, self.second, 2, "")

    @property
    def category(self) -> str:
        return self.verdict[0]

    @property
    def situation(self) -> str:
        return "axis-sizes"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        return {"sizes": f"{self.first}, {self.second}"}


class ElemwiseAxis(NamedTuple):
    """Two inputs of one op whose sizes differ along `axis`, where the message gives that axis
    and the two sizes but not the shapes: Theano's elementwise check (Keras 1 and 2 on
    Theano), "Input dimension mis-match. (input[0].shape[0] = 8, input[1].shape[0] = 64)";
    Theano's matrix products (`op` "gemm"), "Shape mismatch: x has 64 rows but z has 24 rows";
    MKL's concat (`op` "concat"), "Dimensions of inputs should match: shape[0][1]= 16 vs.
    shape[1][1] = 32". The first axis is the batch: a tensor made for a fixed batch size (a
    recurrent layer's state, labels, noise) met a smaller last batch. Another axis: the two
    tensors were built for inputs of other sizes; of an elementwise op or a product, a guess
    at which side."""

    axis: int
    first: int
    second: int
    op: Literal["elemwise", "gemm", "concat"] = "elemwise"

    @property
    def joined(self) -> bool:
        return self.op == "concat"

    @property
    def class_indices(self) -> bool:
        """One value per example against 3 or more along a later axis of an elementwise op (a
        loss's y_true * log(y_pred)): most often class indices where one-hot rows were
        wanted."""
        small, large = sorted((self.first, self.second))
        return self.axis != 0 and self.op == "elemwise" and small == 1 and large >= 3

    @property
    def category(self) -> str:
        if self.class_indices:
            return "target-shape"
        return "batch-size" if self.axis == 0 else "model-io-shape"

    @property
    def situation(self) -> str:
        if self.class_indices:
            return "elemwise-class-indices"
        return "elemwise-batch" if self.axis == 0 else "elemwise-axis"

    @property
    def tentative(self) -> bool:
        return self.axis != 0 and not self.joined

    def details(self) -> dict[str, object]:
        return {"axis": self.axis, "sizes": f"{self.first}, {self.second}"}


class DataPairs(NamedTuple):
    """A custom `train_step(self, data)` (Keras' fit) treated `data` as the images while the
    dataset yields (images, labels) pairs: TensorFlow packs the pair, which Keras names
    `data` and `data_1`, into one tensor and fails on their different ranks or dtypes."""

    shapes: tuple[Shape, ...] = ()

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "data-pairs"

    def details(self) -> dict[str, object]:
        return {"shapes": "; ".join(fmt(s) for s in self.shapes)}


class DataUnpacked(NamedTuple):
    """Python unpacking of a tensor inside a tf.function (`images, labels = data`), which
    AutoGraph cannot do. In a GAN's train step it is most often a dataset that yields the
    images alone, unpacked as an (images, labels) pair: the opposite of `DataPairs`. Unpacking
    a shape tensor (`b, h, w, c = tf.shape(x)`) is not a data mistake and is not read as one.
    """

    code: str = ""  # the unpacking line, when the traceback shows it
    batch: bool = False  # what it unpacks is named as the data (`data`, `batch`, `next(it)`)
    eager: bool = False  # Python unpacked an eager tensor's rows: "too many values to unpack"

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "data-unpacked"

    @property
    def tentative(self) -> bool:
        """Without a line that unpacks the data, the message does not say what was iterated
        over."""
        return not self.batch

    def details(self) -> dict[str, object]:
        return {"code": self.code, "eager": self.eager}


class UnknownShape(NamedTuple):
    """A tensor whose shape TensorFlow does not know (not even its rank) reached code that
    needs it: a layer, or `len(x.shape)`. Most often data made by `tf.py_function`,
    `tf.numpy_function` or `Dataset.from_generator` without shapes. A guess, unless the message
    shows the unknown shape going into a model (`inputs=tf.Tensor(shape=<unknown>`)."""

    into_model: bool = False

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "unknown-shape"

    @property
    def tentative(self) -> bool:
        return not self.into_model

    def details(self) -> dict[str, object]:
        return {"into_model": self.into_model}


class ReductionAxis(NamedTuple):
    """A sum or mean over an axis the tensor does not have (axis 3 of a tensor of 3 axes):
    an axis list written for another rank, or a tensor with fewer axes than the code expects
    (images without their channel axis). The message does not say which: always a guess."""

    axis: int
    rank: int
    op: str = ""
    shape: Shape | None = None

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "reduction-axis"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        shape = fmt(self.shape) if self.shape is not None else ""
        return {"axis": self.axis, "rank": self.rank, "op": self.op, "shape": shape}


class ImageLayout(NamedTuple):
    """Keras's ImageDataGenerator (or its iterator) got an array whose channel axis, in the
    data format it was set to, holds no image's number of channels (1, 3 or 4)."""

    shape: Shape
    channels: int  # what the array has on the channel axis
    axis: int  # the channel axis of the generator's data format

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "image-layout"

    def details(self) -> dict[str, object]:
        return {"shape": fmt(self.shape), "channels": self.channels, "channel_axis": self.axis}


class AxisOutOfRange(NamedTuple):
    """An op other than a sum or mean asked for an axis its tensor lacks: "Expected dimension in
    the range [-1, 1), but got 1" (ArgMax), "Argument `axis` = 1 not in range [-1, 1)"
    (unstack), softmax's "`dim` must be in the range". An argmax over axis 1 of a tensor of one
    axis is, most often, labels that already are class indices, shape (batch,), taken for
    one-hot rows (an accuracy written for one-hot labels); otherwise a tensor has fewer axes
    than the code expects. The message does not say which tensor: always a guess."""

    axis: int
    rank: int
    op: str = ""

    @property
    def class_indices(self) -> bool:
        return self.rank == 1 and self.op.lower().startswith(("argmax", "argmin", "arg_m"))

    @property
    def category(self) -> str:
        return "target-shape" if self.class_indices else "model-io-shape"

    @property
    def situation(self) -> str:
        return "argmax-of-class-indices" if self.class_indices else "axis-out-of-range"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        return {"axis": self.axis, "rank": self.rank, "op": self.op}


class ShapeArgument(NamedTuple):
    """An op that takes a vector of sizes (Reshape's shape, Tile's multiples) got one number:
    a mistake in the code that calls it, or code written for another version of TensorFlow or
    Keras. Always a guess at the category: the data's shapes are not in the message."""

    op: str

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "shape-argument"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        return {"op": self.op}


class ScalarPredictions(NamedTuple):
    """A loss given predictions of shape (): one number for the whole batch, where it wants a
    score (or a row of class scores) per example. `labels`: the labels' shape, when the
    message gives it; when they are () too, or not given, which side is wrong is a guess."""

    labels: Shape | None = None

    @property
    def category(self) -> str:
        return "output-shape"

    @property
    def situation(self) -> str:
        return "scalar-output"

    @property
    def tentative(self) -> bool:
        return not self.labels

    def details(self) -> dict[str, object]:
        found: dict[str, object] = {"predictions_shape": "()"}
        if self.labels is not None:
            found["labels_shape"] = fmt(self.labels)
        return found


class DecodedWidth(NamedTuple):
    """A reshape in the input pipeline got 2, 4 or 8 times the values it asked for: raw bytes
    decoded (`tf.io.decode_raw`) with a dtype that many times narrower than they were written
    with. Always a guess: the message shows only the two counts."""

    values: int
    requested: int

    @property
    def category(self) -> str:
        return "dtype"

    @property
    def situation(self) -> str:
        return "decode-width"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        return {"values": self.values, "requested": self.requested}


class ImagenetScores(NamedTuple):
    """`decode_predictions` of `keras.applications`, which names ImageNet's classes, given
    predictions that are not (samples, 1000) rows of ImageNet's class scores: the output of a
    model built with `include_top=False` (a feature map) or of a head of one's own classes.
    Always a guess: the function is as often called on a model of one's own classes (using an
    ImageNet-only helper, not a checklist problem) as on a model whose output is not what the
    code meant."""

    shape: Shape
    classes: int = 1000

    @property
    def category(self) -> str:
        return "output-shape"

    @property
    def situation(self) -> str:
        return "imagenet-scores"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        return {"predictions_shape": fmt(self.shape), "classes": self.classes}


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


class CropTooLarge(NamedTuple):
    """`tf.image.crop_to_bounding_box` asked for a box that reaches past the image's `side`
    ("width must be >= target + offset."): images smaller than the crop, in the input
    pipeline. (`random_crop`, which prints both shapes, is a `DatasetShapes` "crop".)"""

    side: str  # "height" or "width"; "" when the message says only that the crop is too large
    by: str = "tf.image.crop_to_bounding_box"  # "" for another library's crop, read from words

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "crop-too-large"

    def details(self) -> dict[str, object]:
        return {"side": self.side, "by": self.by}


class ShownImage(NamedTuple):
    """Matplotlib's `imshow` (or a helper that calls it) got an array that is not one image:
    "TypeError: Invalid shape (1, 64, 64, 3) for image data". A generated batch shown as it
    comes from the generator, with its batch axis or its one-channel axis still there, or an
    image stored channels first. Raised outside TensorFlow, after the model ran: always a
    guess at which checklist item the layout belongs to."""

    shape: Shape

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "shown-image"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        return {"shape": fmt(self.shape)}


class SliceOutside(NamedTuple):
    """`tf.slice` (or a crop or window written with it) asked for more of an axis than the
    tensor has: "Expected size[2] in [0, 26], but got 1200". The tensor is smaller along that
    axis than the code assumed: images of another size, a sequence shorter than its window,
    data in another layout. Not an index out of a range: no label or class id is involved.
    The message does not say which tensor: always a guess."""

    axis: int
    size: int
    value: int
    part: str  # "begin", "size" or "end": what the message says is out of [0, size]

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "slice-outside"

    @property
    def tentative(self) -> bool:
        return True

    def details(self) -> dict[str, object]:
        return {"axis": self.axis, "size": self.size, "value": self.value, "part": self.part}


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

    @property
    def tentative(self) -> bool:
        """The shapes would join on the last axis, Concatenate's default: every other axis
        agrees, an unknown size (None) agreeing with any. Then the message does not show what
        differs (another `axis` was given, or a size known only when the model runs), or the
        error is not about the shapes at all."""
        ranks = {len(shape) for shape in self.shapes}
        if len(ranks) != 1:
            return False
        for axis in range(ranks.pop() - 1):
            sizes = {shape[axis] for shape in self.shapes} - {None}
            if len(sizes) > 1:
                return False
        return True

    def details(self) -> dict[str, object]:
        return {"shapes": "; ".join(fmt(s) for s in self.shapes)}


class EmptyInput(NamedTuple):
    """A model, layer or placeholder got an array with no examples in it: shape (0,) or
    (0, ...), where `want` was expected."""

    shape: Shape
    want: Shape | None = None
    by: str = ""

    @property
    def category(self) -> str:
        return "model-io-shape"

    @property
    def situation(self) -> str:
        return "empty-input"

    @property
    def tentative(self) -> bool:
        """Always a guess. An empty array says that no data arrived, not which part of the
        training code is at fault: most often the files were never found (a wrong folder, a
        glob that matched nothing), which is no checklist item, and sometimes a last batch
        cut to nothing. Of the real messages of this family in tests/explainers/corpus, 4 in
        14 were about data that failed to load."""
        return True

    def details(self) -> dict[str, object]:
        return {"shape": fmt(self.shape), "expected": fmt(self.want) if self.want else ""}


def is_empty(shape: Shape | None) -> bool:
    """An array with no examples: (0,), or a first axis of 0."""
    return bool(shape) and shape is not None and shape[0] == 0


class JoinedArrays(NamedTuple):
    """NumPy's concatenate (np.concatenate, np.vstack, np.hstack) got arrays that differ in an
    axis other than the joined one: `axis` (when NumPy names it), where the arrays have
    `sizes`; or arrays of different ranks (`ranks`)."""

    axis: int | None = None
    sizes: tuple[int, int] | None = None
    ranks: tuple[int, int] | None = None

    @property
    def category(self) -> str:
        # Arrays joined along another axis with different numbers of rows (noise and labels,
        # real and fake labels) disagree in the batch; otherwise real and generated images
        # joined into one batch for the discriminator differ in size, channels or layout.
        return "batch-size" if self.axis == 0 else "model-io-shape"

    @property
    def situation(self) -> str:
        return "numpy-batch" if self.axis == 0 else "numpy-joined"

    @property
    def tentative(self) -> bool:
        """Without the axis NumPy does not say whether the examples or the images differ."""
        return self.axis is None

    def details(self) -> dict[str, object]:
        found: dict[str, object] = {}
        if self.axis is not None:
            found["axis"] = self.axis
        if self.sizes is not None:
            found["sizes"] = f"{self.sizes[0]} and {self.sizes[1]}"
        if self.ranks is not None:
            found["ranks"] = f"{self.ranks[0]} and {self.ranks[1]}"
        return found


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
    """A shape computed with `/` instead of `//`: a float where an integer size must be.

    A dtype item: the message is about a value's type (float32 where int32 is allowed), and
    people who met it say so; every such message in the corpus is labelled dtype (4 of 4)."""

    value: str = ""

    @property
    def category(self) -> str:
        return "dtype"

    @property
    def situation(self) -> str:
        return "float-dimension"

    def details(self) -> dict[str, object]:
        return {"value": self.value}


class FloatIndex(NamedTuple):
    """A NumPy array or a Python list indexed with something that is not an integer: "only
    integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean
    arrays are valid indices", "arrays used as indices must be of integer (or boolean) type",
    "list indices must be integers or slices, not float". Most often a float: class labels
    loaded as floats used to build one-hot rows, or a position computed with `/`."""

    container: str = "array"  # "array" (NumPy), "list" or "tuple"
    got: str = ""  # the index's type where the message names it ("float")

    @property
    def category(self) -> str:
        return "dtype"

    @property
    def situation(self) -> str:
        return "float-index"

    def details(self) -> dict[str, object]:
        return {"container": self.container, "got": self.got}


#: tf.data's datasets that read files, each given a list of file names
FILE_DATASETS = ("TFRecordDataset", "TextLineDataset", "FixedLengthRecordDataset")
#: one of them, where a message does not say which
FILE_DATASET = "A file dataset of tf.data"
#: TensorFlow ops whose input is a file name.
FILE_OPS = frozenset(
    {"ReadFile", "WriteFile", "MatchingFiles", "TFRecordDataset", "TextLineDataset", FILE_DATASET}
)


class DtypeClash(NamedTuple):
    """Tensors of different dtypes meeting in one op, or a dtype the op has no kernel for."""

    got: str
    expected: str
    op: str = ""
    where: str = ""  # "as its input #1", "in its list of inputs (dtypes ...)", ...
    #: "clash": two dtypes met; "no-kernel": the op has none for this dtype; "object": a NumPy
    #: array of Python objects; "indices": indices that must be integers are not; "word": one
    #: Python string, a word, where a tensor was wanted; "record": a feature of a record
    #: (tf.train.Example) written with one dtype (`got`) and parsed as another (`expected`);
    #: its `where` is the feature's name, quoted
    kind: Literal["clash", "no-kernel", "object", "indices", "word", "record"] = "clash"
    #: the category is a guess: which of the op's dtypes has no kernel (the list of kernels
    #: was not pasted), or a ragged list of examples (lengths, or images of different sizes)
    guess: bool = False

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
        if self.file_names:
            return "file-names"
        if self.kind in ("object", "indices", "word", "record"):
            return self.kind
        if self.odd in INTEGER:
            return "integer"
        if self.odd == "float64":
            return "float64"
        if self.odd in ("float16", "bfloat16"):
            return "half"
        return "other"

    @property
    def file_names(self) -> bool:
        """An op that reads files got numbers where it wants file names (strings): most often
        a list of files that came out empty (`tf.constant([])` is float32), a wrong path or
        glob, not tensors of two dtypes in the model."""
        if self.expected == "string" and self.got.startswith("float"):
            return True  # a float tensor converted to strings: an empty file list is float32
        return "string" in (self.got, self.expected) and self.op in FILE_OPS

    @property
    def tentative(self) -> bool:
        return self.file_names or self.kind == "word" or self.guess

    def details(self) -> dict[str, object]:
        return {"op": self.op, "got": self.got, "expected": self.expected}


class ArrayDtype(NamedTuple):
    """A NumPy array of a dtype that cannot take what is done with it: images loaded as
    integers (uint8) divided or shifted in place ("Cannot cast ufunc 'divide' output from
    dtype('float64') to dtype('uint8')"), or float images handed to PIL, which makes image
    files of uint8 ("Cannot handle this data type: (1, 1, 3), <f4", "cannot write mode F as
    PNG")."""

    got: str  # the values' dtype: the ufunc's result, or the array given to PIL
    into: str  # the array's dtype that cannot hold them (in place); "" for PIL
    op: str  # the ufunc ("divide"), or "Image.fromarray" / "Image.save"
    kind: Literal["in-place", "image-file"]

    @property
    def category(self) -> str:
        return "dtype"

    @property
    def situation(self) -> str:
        return self.kind

    def details(self) -> dict[str, object]:
        return {"op": self.op, "got": self.got, "array": self.into}


class IndexOutOfRange(NamedTuple):
    """An index or class label outside [0, size)."""

    value: int | None  # None: not known
    size: int | None  # None: not known
    #: "blank": a CTC label at or past the blank, the last of the loss's classes (`size` is
    #: the number of label ids below it); "negative": a CTC label below 0 (`value`)
    kind: Literal["index", "label", "blank", "negative"] = "index"
    position: str = ""
    embedding: bool = False
    numpy: bool = False  # NumPy indexed an array (to_categorical, a table), not a loss

    @property
    def one_class(self) -> bool:
        """The label 1 checked against [0, 1): the model gives one score where a sparse loss
        wants one per class (a binary task with a sparse categorical loss). A larger label
        against [0, 1) is a class count that does not match the data (index range). Not NumPy's
        index into an array of one row: no loss is involved there."""
        return self.kind == "label" and self.size == 1 and self.value == 1 and not self.numpy

    @property
    def category(self) -> str:
        return "output-shape" if self.one_class else "index-range"

    @property
    def situation(self) -> str:
        return "one-class" if self.one_class else self.kind

    def details(self) -> dict[str, object]:
        if self.kind == "blank":
            return {"blank": self.size}
        if self.kind == "negative":
            return {"label": self.value}
        if self.kind == "label":
            return {"label": self.value, "classes": self.size}
        return {"index": self.value, "size": self.size, "position": self.position}


class NonFinite(NamedTuple):
    """NaN or Inf values found in a tensor."""

    what: str  # "NaN", "Inf", "-Inf and NaN", "NaN or Inf"
    label: str = ""  # the name the tensor was checked under
    #: "matrix": a factorisation or an inverse (`label`: Cholesky, MatrixInverse) given a
    #: matrix that is not positive definite or is singular, whose output is NaN
    source: Literal["check_numerics", "summary", "loss", "numpy", "data", "matrix"] = (
        "check_numerics"
    )

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
    #: values outside [0, 1] given to a loss or metric that expects probabilities;
    #: "class-ids": those values are whole class numbers (an argmax), not scores
    expects: Literal["from-logits", "probabilities", "class-ids"] = "from-logits"

    @property
    def category(self) -> str:
        return "numerics"

    @property
    def tentative(self) -> bool:
        """Class numbers given to a metric of probabilities are as much the metric's misuse
        (a binary AUC on a multi-class model) as values of the wrong kind."""
        return self.expects == "class-ids"

    @property
    def situation(self) -> str:
        return self.expects

    def details(self) -> dict[str, object]:
        return {"loss": self.loss, "activation": self.activation}


#: How gradients went missing: None for every variable, an empty list of pairs, None for some,
#: an op without a gradient, no variables given, or a tape asked twice.
GradientProblem = Literal[
    "none-for-all",
    "empty-pairs",
    "none-values",
    "none-used",
    "none-into-op",
    "fetched-none",
    "no-gradient-op",
    "registry-mismatch",
    "no-variables",
    "tape-reused",
    "shared-optimizer",
    "swapped-pairs",
    "not-a-variable",
    "second-order-loop",
]


class MissingGradients(NamedTuple):
    """The optimizer got no gradient (None) for the variables it was given."""

    variables: tuple[str, ...] = ()
    how: GradientProblem = "none-for-all"

    @property
    def category(self) -> str:
        return "no-gradients"

    @property
    def tentative(self) -> bool:
        """One optimizer for two models stops the second from being trained, but it is as
        much a misuse of the optimizer's API as a missing gradient; one tape asked twice is as
        much a misuse of GradientTape's (two readers apart from this project called it
        unrelated)."""
        return self.how in (
            "shared-optimizer",
            "none-into-op",
            "tape-reused",
            "registry-mismatch",
            "not-a-variable",
        )

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
    | LabelForm
    | RankMismatch
    | BatchMismatch
    | InputCount
    | UndefinedAxis
    | TransposedConv
    | CtcTime
    | DatasetShapes
    | FeatureMismatch
    | ReshapeMismatch
    | WindowTooLarge
    | OpInputs
    | JoinedShapes
    | JoinedArrays
    | EmptyInput
    | SharedVariable
    | FloatDimension
    | FloatIndex
    | DtypeClash
    | ArrayDtype
    | IndexOutOfRange
    | NonFinite
    | LogitsMismatch
    | MissingGradients
    | ExampleList
    | DecodedWidth
    | ScalarPredictions
    | ImagenetScores
    | ChannelGroups
    | ShapeArgument
    | AxisSizes
    | LayerInputCheck
    | DataPairs
    | DataUnpacked
    | ReductionAxis
    | AxisOutOfRange
    | ImageLayout
    | UnknownShape
    | InputKeys
    | TargetsMissing
    | PixelShuffle
    | InterpreterInput
    | CropTooLarge
    | SliceOutside
    | ShownImage
    | ElemwiseAxis
)
