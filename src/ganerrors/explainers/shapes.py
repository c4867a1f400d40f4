"""Readers of shape errors where two shapes had to agree: the labels and the predictions of
a loss, the operands of an op, the targets of fit(), a value fed to a placeholder.

Each reader pulls the shapes out of its family's message and returns a finding; which
checklist item it is follows from the values (`findings.pair_verdict`: which axes differ,
and which side is the labels), and the advice is written in `advice.py`. Patterns are
written for normalised text: no backticks, no log prefixes (see `normalise.py`). A layer or
model given an input of the wrong shape is read in `layers.py`.
"""

from __future__ import annotations

import re

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import (
    AxisOutOfRange,
    BatchMismatch,
    DataPairs,
    DatasetShapes,
    DataUnpacked,
    DtypeClash,
    ElemwiseAxis,
    EmptyInput,
    ExampleList,
    FeatureMismatch,
    Finding,
    InputCount,
    InputKeys,
    JoinedArrays,
    LabelCount,
    LabelForm,
    Loss,
    LossShapes,
    OpInputs,
    RankMismatch,
    ReductionAxis,
    SampleCount,
    ScalarPredictions,
    ShapePair,
    SparseLabels,
    SparseRanks,
    TargetsMissing,
    UndefinedAxis,
    UnknownShape,
    WeightShapes,
    is_empty,
    many_rows,
)
from ganerrors.explainers.parsing import (
    SHAPE,
    Lazy,
    Shape,
    anchored,
    differing_axes,
    fmt,
    parse_shape,
    reads,
    shapes_in,
    shapes_of,
)

KERAS_LOSS = Lazy(
    r"Arguments target and output must have the same (?:shape|rank \(ndim\))\.?\s{0,8}"
    rf"Received: target\.shape=(?P<target>{SHAPE}), output\.shape=(?P<output>{SHAPE})"
)
# Keras 3 cross-entropies given scalars: "Arguments `target` and `output` must be at least rank
# 1. Received: target.shape=(), output.shape=()"
KERAS_RANK_ONE = Lazy(
    r"Arguments target and output must be at least rank 1\.\s{0,8}"
    rf"Received: target\.shape=(?P<target>{SHAPE}), output\.shape=(?P<output>{SHAPE})"
)
# Keras 3 losses that average over the last axis, given a scalar: "Invalid reduction dimension
# (-1 for input with 0 dimension(s) [Op:Mean]"
SCALAR_MEAN = Lazy(r"Invalid reduction dimension \(?-1 for input with 0 dimension\(s\)")
# a sum or mean over an axis the tensor lacks: eager "Invalid reduction dimension (4 for input
# with 4 dimension(s) [Op:Sum]"; traced "Invalid reduction dimension 3 for input with 3
# dimensions. for '{{node Sum}} = Sum[...](a, Sum/reduction_indices)' with input shapes:
# [?,28,28], [3]"
REDUCTION_AXIS = Lazy(
    r"Invalid reduction dimension \(?(?P<axis>-?\d{1,3}) for input with (?P<rank>\d{1,3}) "
    r"dimension(?:\(s\)|s)(?P<rest>[^\n]{0,300})"
)
# an op other than a sum or mean given an axis its tensor lacks: ArgMax "Expected dimension in
# the range [-1, 1), but got 1 [Op:ArgMax]" (TF 1: "[[Node: accuracy/ArgMax_1 = ArgMax[...");
# unstack "Argument `axis` = 1 not in range [-1, 1)"; softmax "`dim` must be in the range
# [-1, 1) where 1 is the number of dimensions in the input. Received: dim=1"
AXIS_RANGE = Lazy(
    r"Expected dimension in the range \[-(?P<rank>\d{1,3}), \d{1,3}\), but got "
    r"(?P<axis>-?\d{1,3})(?P<rest>[^\n]{0,300}(?:\n[^\n]{0,300})?)"
    r"|Argument axis = (?P<axis2>-?\d{1,3}) not in range \[-(?P<rank2>\d{1,3}), \d{1,3}\)"
    r"|dim must be in the range \[-(?P<rank3>\d{1,3}), \d{1,3}\) where \d{1,3} is the number "
    r"of dimensions in the input\. Received: dim=(?P<axis3>-?\d{1,3})"
    # a slice (x[:, 2:, :]) with more axes than its tensor has, traced: "Index out of range
    # using input dim 2; input has only 2 dims for 'ctc/strided_slice' (op: 'StridedSlice')"
    r"|Index out of range using input dim (?P<axis4>\d{1,3}); input has only "
    r"(?P<rank4>\d{1,3}) dims"
)
_REDUCTION_OP = Lazy(r"\[Op:(?P<eager>\w{1,40})\]|= (?P<graph>\w{1,40})\[")
# Keras 3 sparse categorical cross-entropy given one-hot labels
KERAS_SPARSE = Lazy(
    r"Argument output must have rank \(ndim\) target\.ndim - 1\.\s{0,8}"
    rf"Received: target\.shape=(?P<target>{SHAPE}), output\.shape=(?P<output>{SHAPE})"
)
# ... and its labels of another size: "Arguments target and output must have the same shape up
# until the last dimension: target.shape=(16,), output.shape=(32, 10)"
KERAS_SPARSE_SHAPE = Lazy(
    r"Arguments target and output must have the same shape up until the last dimension:\s{0,8}"
    rf"target\.shape=(?P<target>{SHAPE}), output\.shape=(?P<output>{SHAPE})"
)
# tf.nn.sigmoid_cross_entropy_with_logits: TF 2 "logits and labels must have the same
# shape, received ((32, 1) vs (32,))."; TF 1 "logits and labels must have the same shape
# ((?, 1) vs (?,))"
LOGITS_LABELS = Lazy(
    r"logits and labels must have the same shape,? (?:received )?"
    rf"\((?P<logits>{SHAPE}) vs (?P<labels>{SHAPE})\)"
)
# softmax_cross_entropy_with_logits: TF 1 "logits and labels must be same size:
# logits_size=[6,20] labels_size=[12,20]"; TF 1.13+ and 2 "logits and labels must be
# broadcastable: logits_size=[32,10] labels_size=[32,1]"
LOGITS_SIZE = Lazy(
    r"logits and labels must be (?:same size|broadcastable): ?"
    rf"logits_size=(?P<logits>{SHAPE}),? labels_size=(?P<labels>{SHAPE})"
)
# sparse softmax: "logits and labels must have the same first dimension, got logits shape
# [250,10] and labels shape [2500]"
FIRST_DIMENSION = Lazy(
    r"logits and labels must have the same first dimension, got logits shape "
    rf"(?P<logits>{SHAPE}) and labels shape (?P<labels>{SHAPE})"
)
# sparse softmax (TF 2): "Shape mismatch: The shape of labels (received (32,)) should equal the
# shape of logits except for the last dimension (received (32, 4, 4, 10))."
SPARSE_SHAPE = Lazy(
    rf"The shape of labels \(received (?P<labels>{SHAPE})\) should equal the shape of logits "
    rf"except for the last dimension \(received (?P<logits>{SHAPE})\)"
)
# ... and its TF 2 wording: "`labels.shape` must equal `logits.shape` except for the last
# dimension. Received: labels.shape=(320,) and logits.shape=(32, 10)", "`labels.shape.rank`
# must equal `logits.shape.rank - 1`. Received: labels.shape=(32, 10) of rank 2 and
# logits.shape=(32, 10) of rank 2"
SPARSE_RECEIVED = Lazy(
    r"labels\.shape(?:\.rank)?`? must equal `?logits\.shape[^\n]{0,60}?Received: "
    rf"labels\.shape=(?P<labels>{SHAPE})(?: of rank \d{{1,3}})? "
    rf"and logits\.shape=(?P<logits>{SHAPE})"
)
# Keras 2 losses: "Shapes (None, 1) and (None, 10) are incompatible" (target, then output)
SHAPES_INCOMPATIBLE = Lazy(rf"Shapes (?P<target>{SHAPE}) and (?P<output>{SHAPE}) are incompatible")
# sparse softmax (TF 1.x): "Rank mismatch: Rank of labels (received 1) should equal rank of
# logits minus 1 (received 4)."
SPARSE_RANK = Lazy(
    r"Rank of labels \(received (?P<labels>\d{1,3})\) should equal rank of logits minus 1 "
    r"\(received (?P<logits>\d{1,3})\)"
)
# sparse losses squeeze the labels' last axis: "Can not squeeze dim[1], expected a dimension
# of 1, got 10 for 'sparse_softmax_cross_entropy_loss/...'"
SQUEEZE = Lazy(
    r"Can not squeeze dim\[\d{1,3}\], expected a dimension of 1, got (?P<got>\d{1,12})"
    r"(?P<rest>[^\n]{0,300})"
)
# Keras 2 fit()/train_on_batch(): "Error when checking target: expected dense_3 to have shape
# (1,) but got array with shape (10,)", "Error when checking input: expected input_1 to have
# 4 dimensions, but got array with shape (60000, 28, 28)"
FIT_CHECK = Lazy(
    r"(?:Error )?when checking (?:model )?(?P<kind>input|target|): expected (?P<name>[^\s]{1,300}) "
    rf"to have (?:shape (?P<want>{SHAPE})|(?P<ndim>\d{{1,3}}) dimensions),? but got array "
    rf"with shape (?P<got>{SHAPE})"
)
# Keras 2 fit(): "A target array with shape (6682, 2) was passed for an output of shape
# (None, 15, 2) while using as loss categorical_crossentropy."
TARGET_ARRAY = Lazy(
    rf"A target array with shape (?P<got>{SHAPE}) was passed for an output of shape "
    rf"(?P<want>{SHAPE})"
)
SAMPLES = Lazy(
    r"Input arrays should have the same number of samples as target arrays\. Found "
    r"(?P<inputs>\d{1,15}) input samples and (?P<targets>\d{1,15}) target samples"
)
# Keras 2.x data adapter: "Data cardinality is ambiguous:\n  x sizes: 60000\n  y sizes: 10000"
# (y left out for predict(), where the inputs disagree among themselves); Keras 3: "Data
# cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes:
# 100\n'y' sizes: 90"
CARDINALITY = Lazy(
    r"Data cardinality is ambiguous[^\n]{0,200}?\s{0,8}'?x'? sizes: "
    r"(?P<inputs>\d{1,15}(?:, \d{1,15}){0,200})"
    r"(?:\s{0,8}'?y'? sizes: (?P<targets>\d{1,15}(?:, \d{1,15}){0,20}))?"
)
# Keras 2: "All input arrays (x) should have the same number of samples. Got array shapes:
# [(100, 10), (99, 5)]" (also "All target arrays (y)")
ALL_ARRAYS = Lazy(
    r"All (?:input|target) arrays \([xy]\) should have the same number of samples\. Got array "
    r"shapes: (?P<shapes>\[[^\n]{0,600}\])"
)
# scikit-learn (metrics, splits): "Found input variables with inconsistent numbers of samples:
# [100, 99]"
INCONSISTENT = Lazy(
    r"Found input variables with inconsistent numbers of samples: \[(?P<sizes>[\d, ]{1,200})\]"
)
# TF 1.x: "Cannot feed value of shape (64, 784) for Tensor 'Placeholder:0', which has shape
# '(?, 28, 28, 1)'"
# (Python 2 prints the name as u'input_15:0' and NumPy sizes as longs: (75L, 3000L))
FEED = Lazy(
    rf"Cannot feed value of shape (?P<got>{SHAPE}) for Tensor u?'?(?P<name>[^'\n,]{{1,300}}?)'?, "
    rf"which has shape '?(?P<want>{SHAPE})"
)
#: Keras 2's placeholder for an output's targets: "dense_2_target:0", "relu1_target_1:0"
_KERAS_TARGET = Lazy(r"_target(?:_\d{1,3})?:\d{1,3}$")
_LABEL_NAME = Lazy(r"(?i)label|target|(?:^|[/_])y(?:_true|_real|_fake)?(?:[_:]|$)")
#: a placeholder named for a model's input: what is fed there is never the labels; and the
#: first placeholder left unnamed ("Placeholder:0"): TF 1 scripts make the input's placeholder
#: before the labels' (`x = tf.placeholder(...)`, then `y_ = ...`)
_INPUT_NAME = Lazy(
    r"(?i)input|image|img|noise|audio|feature|(?:^|[/_])[xz](?:_\w{1,20})?(?:[_:]|$)"
    r"|(?:^|/)Placeholder:0$"
)
# eager broadcasting ops: "Incompatible shapes: [16,1] vs. [32,1]"
# TF 1 broadcast_shape: "Incompatible shapes for broadcasting: (?, 10) and (?, 3)"
INCOMPATIBLE = Lazy(
    rf"Incompatible shapes(?: for broadcasting)?: (?P<a>{SHAPE}) (?:vs\.?|and) (?P<b>{SHAPE})"
)
# NumPy: "operands could not be broadcast together with shapes (64,1) (32,1) "; Keras 2's merge
# layers (Add, Multiply), without the batch axis: "Operands could not be broadcast together
# with shapes (8, 8, 128) (7, 7, 128)"
BROADCAST = Lazy(
    r"(?P<keras>O)?(?:o)?perands could not be broadcast together with (?:remapped )?shapes "
    rf"(?:\[original->remapped\]: )?(?P<a>{SHAPE})(?:->{SHAPE})? (?P<b>{SHAPE})"
)
# NumPy assignment: "could not broadcast input array from shape (28,28,3) into shape (28,28)"
BROADCAST_INTO = Lazy(
    rf"could not broadcast input array from shape (?P<got>{SHAPE}) into shape (?P<want>{SHAPE})"
)
# TensorShape.merge_with: "Shapes (64, 8, 8, 256) and (64, 7, 7, 256) are not compatible"
NOT_COMPATIBLE = Lazy(rf"Shapes (?P<a>{SHAPE}) and (?P<b>{SHAPE}) are not compatible")
# TensorShape.assert_same_rank: "Shapes (?,) and (?, 1) must have the same rank"
SAME_RANK = Lazy(rf"Shapes (?P<a>{SHAPE}) and (?P<b>{SHAPE}) must have the same rank")
# tf.data: "Cannot batch tensors with different shapes in component 0. First element had shape
# [64,64,3] and element 1 had shape [64,64,1]."
CANNOT_BATCH = Lazy(
    rf"Cannot batch tensors with different shapes in component \d{{1,4}}\. First element had "
    rf"shape (?P<first>{SHAPE}) and element \d{{1,12}} had shape (?P<other>{SHAPE})"
    r"|Cannot add tensor to the batch: number of elements does not match\. Shapes are: "
    rf"\[tensor\]: (?P<other2>{SHAPE}), \[batch\]: (?P<first2>{SHAPE})"
)
# transposed convolutions built for a fixed batch: "Conv2DCustomBackpropInput: input and
# out_backprop must have the same batch size. Input batch: 64, outbackprop batch: 4"
BACKPROP_BATCH = Lazy(
    r"input and out_backprop must have the same batch size(?:[^\n]{0,20}?Input batch: "
    r"(?P<input>\d{1,12}), outbackprop batch: (?P<out>\d{1,12}))?"
)
# a shape made of the static batch size, None until the graph runs: "Cannot convert a partially
# known TensorShape (None, 64) to a Tensor", "Failed to convert object of type <class 'list'>
# to Tensor. Contents: [None, -1, 64]" (TF 1: [Dimension(None), -1, Dimension(64)])
PARTIAL_SHAPE = Lazy(
    rf"Cannot convert a partially known TensorShape (?:to a Tensor: )?(?P<shape>{SHAPE})"
)
LIST_CONTENTS = Lazy(
    r"Failed to convert (?:object|elements) of type <(?:class|type) '(?:list|tuple)'> to Tensor\. "
    r"Contents: (?P<contents>[\[(][^\n]{0,300}?[\])])\."
    r"|Failed to convert elements of (?P<elements>[\[(][^\n]{0,300}?[\])]) to Tensor"
)
# tf.reshape(x, [x.shape[0], -1]) in a TF 1 graph: "Tried to convert 'shape' to a tensor and
# failed. Error: None values not supported."
NONE_SHAPE = Lazy(
    r"Tried to convert '(?:shape|dims|multiples|output_shape)' to a tensor and failed\. Error: "
    r"None values not supported"
)
# graph construction: "Dimensions must be equal, but are 16 and 32 for '{{node sub}} =
# Sub[T=DT_FLOAT](x, sub/y)' with input shapes: [16,1], [32,1]."
DIMENSIONS_EQUAL = Lazy(
    r"Dimensions must be equal, but are (?P<x>\d{1,12}) and (?P<y>\d{1,12}) for "
    r"'(?P<node>[^\n]{0,600}?)'(?: \(op: '(?P<op1>\w{1,100})'\))? with input shapes: "
    rf"(?P<a>{SHAPE}), (?P<b>{SHAPE})"
)
# a transposed convolution's op takes (input_sizes, filter, out_backprop): the first input is
# the output_shape vector, and the clash is between the filter and the tensor it is applied to
_BACKPROP_THIRD = Lazy(rf", (?P<c>{SHAPE})")
DIMENSIONS_CUT = Lazy(
    r"Dimensions must be equal, but are (?P<x>\d{1,12}) and (?P<y>\d{1,12}) for "
    r"(?P<rest>[^\n]{0,300})$",
    re.M,
)
_NODE_OP = Lazy(r"= (?P<op>\w{1,100})\[")
#: a matrix product inside a TF 1 RNN cell: "rnn/while/rnn/multi_rnn_cell/cell_0/cell_0/
#: basic_lstm_cell/MatMul_1", "rnn/gru_cell/gates/MatMul"
_RNN_CELL = Lazy(r"(?:basic_lstm_cell|lstm_cell|gru_cell|multi_rnn_cell|basic_rnn_cell)/")
#: a convolution named as the node of a cut message: "for 'Discriminator.1/Conv2D" (not its
#: gradient, Conv2DBackpropInput, nor a transposed convolution)
_CONV_NODE = Lazy(r"(?:^|[/'\s(])Conv(?P<dims>[123])D(?:_\d{1,4})?(?![\w/])")
_NODE_NAME_OP = Lazy(r"(?:^|/)(?P<op>[A-Za-z]\w{0,100}?)(?:_\d{1,6})?$")
MATMUL = Lazy(rf"Matrix size-incompatible: In\[0\]: (?P<a>{SHAPE}), In\[1\]: (?P<b>{SHAPE})")
# "ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [2,4]"
# (TF 2) and "ConcatOp : Dimensions of inputs should match: shape[0] = [..] vs. shape[1] = [..]"
CONCAT = Lazy(
    r"ConcatOp ?: Dimensions? (?:(?P<axis>\d{1,3}) in both shapes must be equal|of inputs should "
    rf"match): shape\[\d{{1,4}}\] = (?P<a>{SHAPE}) vs\. shape\[\d{{1,4}}\] = (?P<b>{SHAPE})"
)
# Intel's MKL build names the axis and the two sizes: "_MklConcatOp : Dimensions of inputs
# should match: shape[0][1]= 16 vs. shape[1][1] = 32"
MKL_CONCAT = Lazy(
    r"ConcatOp ?: Dimensions of inputs should match: shape\[\d{1,4}\]\[(?P<axis>\d{1,2})\] ?= ?"
    r"(?P<a>\d{1,12}) vs\. shape\[\d{1,4}\]\[(?P=axis)\] ?= ?(?P<b>\d{1,12})"
)
# "Shapes must be equal rank, but are 2 and 1 for '...' with input shapes: [?,1], [?]."
EQUAL_RANK = Lazy(
    r"Shapes must be equal rank, but are \d{1,3} and \d{1,3}(?P<rest>[^\n]{0,700}?)"
    rf"with input shapes: (?P<a>{SHAPE}), (?P<b>{SHAPE})"
)
# TF 1.x merge_with: "Dimension 1 in both shapes must be equal, but are 10 and 1. Shapes are
# [?,10] and [?,1]. for '...'"
BOTH_SHAPES = Lazy(
    r"Dimension (?P<axis>\d{1,3}) in both shapes must be equal, but are \d{1,12} and "
    rf"\d{{1,12}}\.? Shapes are (?P<a>{SHAPE}) and (?P<b>{SHAPE})(?P<rest>[^\n]{{0,300}})"
)

# TF 1.x shape functions that merge two inputs: "Dimension 0 in both shapes must be equal, but
# are 5 and 20 for 'SoftmaxCrossEntropyWithLogits' (op: 'SoftmaxCrossEntropyWithLogits') with
# input shapes: [5,6], [20,6]."
BOTH_SHAPES_OP = Lazy(
    r"Dimension \d{1,3} in both shapes must be equal, but are \d{1,12} and \d{1,12} for "
    r"(?P<rest>'[^\n]{0,700})"
)


# --- which side is the labels, and which loss compared them ---------------------------------

_LOSS_NAME = Lazy(
    r"(?i)(?P<sparse>sparse_?categorical|sparse_softmax)"
    r"|(?P<categorical>categorical_?cross_?entropy|softmax_cross_entropy)"
    r"|(?P<binary>binary_?cross_?entropy|sigmoid_cross_entropy|logistic_loss|\blog_loss)"
    r"|(?P<regression>mean_squared_error|mean_absolute_error|squared_?difference"
    r"|absolute_difference|mean_?squared_?error|mean_?absolute_?error)"
)


def loss_kind(text: str) -> Loss:
    """The kind of loss the text names last (a frame of the loss, a node's scope, "while using
    as loss ..."), or "" when it names none; a sparse loss counts as none here."""
    if "ntropy" not in text and "_error" not in text and "loss" not in text.lower():
        if "ifference" not in text and "rror" not in text:
            return ""
    last: Loss = ""
    for match in _LOSS_NAME.finditer(text[-12000:]):
        kind = match.lastgroup
        last = kind if kind in ("binary", "categorical", "regression") else ""  # type: ignore[assignment]
    return last


def _loss_of(text: str, context: Context) -> Loss:
    """The kind of loss the message names, or else the traceback's innermost frames (an eager
    error's message names none; its frames are the loss's: `binary_crossentropy`)."""
    return loss_kind(context.code(8) + "\n" + text)


# a graph node as TensorFlow prints it: TF 1 "[[Node: loss/sub = Sub[T=DT_FLOAT, ...](a, b)]]",
# "[[node loss/sub (defined at x.py:3)  = Sub[...](a, b)]]"; TF 2 "[[{{node loss/sub}}]]",
# "'{{node sub}} = Sub[T=DT_FLOAT](x, sub/y)'"
_NODE = Lazy(r"(?:\[\[Node: |\[\[node |\{\{node )(?P<name>[^\s}\]]{1,300})(?P<rest>[^\n]{0,1000})")
_NODE_INPUTS = Lazy(
    r"^\}?\}?[^=\n]{0,300}= (?P<op>\w{1,100})\[[^\n]{0,600}?\]\((?P<inputs>[^()\n]{0,600})\)"
)
_LABEL_INPUT = Lazy(r"(?i)label|target|y_true|IteratorGetNext:1\b|(?:^|/)y(?::\d)?$")
_PREDICTION_INPUT = Lazy(
    r"(?i)logit|pred|output|sigmoid|softmax|biasadd|matmul|dense|conv|discriminator|model/"
    r"|sequential/|tanh"
)


def node_of(text: str) -> tuple[str, str, list[str]]:
    """(name, op, input names) of the first graph node the text prints, as far as written."""
    if "node " not in text and "Node: " not in text:
        return "", "", []
    match = _NODE.search(text)
    if match is None:
        return "", "", []
    name = match.group("name")
    inputs = _NODE_INPUTS.search(match.group("rest"))
    if inputs is None:
        return name, "", []
    names = [n.strip() for n in inputs.group("inputs").split(",") if n.strip()]
    return name, inputs.group("op"), names


def operand_roles(name: str, op: str, inputs: list[str]) -> tuple[bool | None, Loss]:
    """Whether an op's first operand is the labels (None: not known), and the kind of loss
    its node belongs to, from the node's name, op and inputs.

    The inputs' names tell first (`IteratorGetNext:1` is what Keras feeds as y, a `label` or
    `target` placeholder); otherwise what the loss functions compute: Keras 2 and tf.losses
    write `squared_difference(predictions, labels)`, Keras 2's cross-entropies
    `target * log(output)`, `sigmoid_cross_entropy_with_logits` `logits * labels`.
    """
    kind = loss_kind(name)
    if len(inputs) >= 2:
        first, second = inputs[0], inputs[1]
        first_label = bool(_LABEL_INPUT.search(first))
        second_label = bool(_LABEL_INPUT.search(second))
        if not kind and any(re.search(r"(?:^|/)Log(?:_\d{1,3})?$", n) for n in (first, second)):
            kind = "categorical"  # Keras' cross-entropy written as target * log(output)
        first_prediction = bool(_PREDICTION_INPUT.search(first))
        second_prediction = bool(_PREDICTION_INPUT.search(second))
        if first_label != second_label:
            return first_label, kind
        if first_prediction != second_prediction and (kind or _LOSS_SCOPE.search(name)):
            # a model's output against a tensor of no model, in a loss: the labels (outside
            # one, real images against a generator's fakes are no labels and predictions)
            return second_prediction, kind
    # Grappler may swap the operands of a commutative op (Mul, SquaredDifference) when it
    # optimises a graph, so their order says something only in Keras 2's compiled loss (both
    # sides fed, none constant) and in gradient nodes, which keep the order the code wrote.
    if not (_KERAS2_LOSS.search(name) or "_grad/" in name):
        return None, kind
    last = name.rsplit("/", 2)
    if "SquaredDifference" in name or op == "SquaredDifference":
        return False, "regression"
    if "logistic_loss" in name:
        return False, "binary"
    if kind in ("binary", "categorical") and ("mul" in last[-1].lower() or op == "Mul"):
        return True, kind
    return None, kind


# Keras 2's compiled loss names its nodes "loss/dense_1_loss/..." ("loss_8/output_1_loss/...")
_KERAS2_LOSS = Lazy(r"(?:^|/)loss(?:_\d{1,4})?/\w{1,200}_loss/")


def _pair_of(
    first: Shape, second: Shape, labels_first: bool | None, by: str, kind: Loss
) -> ShapePair:
    """Two operands of an elementwise op, with their roles where they are known."""
    if labels_first is None:
        return ShapePair(first, second, by=by, broadcast=True, loss=kind)
    labels, predictions = (first, second) if labels_first else (second, first)
    return ShapePair(
        labels,
        predictions,
        roles="labels",
        names=("labels", "predictions"),
        by=by,
        broadcast=True,
        loss=kind,
    )


# Scopes of a graph node: a loss's or a metric's (its operands are labels and predictions), or
# a layer's or a model's (its operands are the model's own tensors). TF 1 and Keras 2 name a
# node after the scopes it was made in: "loss/dense_2_loss/sub", "discriminator/dense_1/add",
# "training/Adam/gradients/conv2d_3/add_grad/BroadcastGradientArgs" (a gradient keeps the
# scope of the op it differentiates).
_LOSS_SCOPE = Lazy(r"(?i)loss|entropy|metric|accuracy|label|target|(?:^|/)acc(?:_\d{1,4})?/")
_MODEL_SCOPE = Lazy(
    r"(?i)(?:^|/)(?:dense|conv\w{0,20}|batch_?norm\w{0,20}|layer_?norm\w{0,20}|lstm|gru"
    r"|(?:simple_?)?rnn|embedding|generator|discriminator|encoder|decoder|sequential|functional"
    r"|model|flatten|up_?sampling\w{0,10}|\w{0,10}pool\w{0,10}|add|concatenate|multiply"
    r"|average|subtract|dropout|activation|leaky_?re_?lu|fc\d{0,3}|fully_?connected|linear)"
    r"(?:_\d{1,6})?/"
)


def model_op(name: str) -> bool:
    """Whether a graph node belongs to a layer or a model and to no loss or metric: the two
    tensors it met are the model's own (its input, a layer's output, a weight), not labels and
    predictions, whatever their shapes."""
    return bool(name) and not _LOSS_SCOPE.search(name) and bool(_MODEL_SCOPE.search(name))


def _model_pair(first: Shape, second: Shape, name: str) -> ShapePair:
    """Two tensors of a layer's or model's own op (`model_op`): a model given inputs of
    another shape than it was built for, or a batch of another size."""
    return ShapePair(
        first,
        second,
        roles="input",
        names=("first tensor", "second tensor"),
        by=f"The op {name}",
        broadcast=True,
    )


@reads("Arguments target and output must have the same")
def keras_loss(text: str, context: Context) -> Finding | None:
    for match in anchored(KERAS_LOSS, text, "Arguments target and output must have the same"):
        pair = shapes_of(match, "target", "output")
        if pair is None:
            continue
        if pair[1] == () and pair[0]:  # the scores reduced to one number before the loss
            return ScalarPredictions(pair[0])
        found = ShapePair(
            *pair,
            roles="labels",
            names=("labels", "predictions"),
            by="The loss",
            loss=_loss_of(text, context),
        )
        return found if found.verdict else LossShapes(*pair)
    return None


@reads("must be at least rank 1", "Invalid reduction dimension")
def scalar_loss(text: str, context: Context) -> Finding | None:
    """A loss given a single number for the labels or the predictions."""
    for match in anchored(KERAS_RANK_ONE, text, "must be at least rank 1", before=60, after=200):
        target, output = parse_shape(match.group("target")), parse_shape(match.group("output"))
        if target is None or output is None:
            continue
        if output == ():
            return ScalarPredictions(target)
        found = ShapePair(
            target, output, roles="labels", names=("labels", "predictions"), by="The loss"
        )
        if found.verdict:
            return found
    for _ in anchored(SCALAR_MEAN, text, "Invalid reduction dimension", after=80):
        return ScalarPredictions()
    for match in anchored(REDUCTION_AXIS, text, "Invalid reduction dimension", after=400):
        axis, rank, rest = int(match.group("axis")), int(match.group("rank")), match.group("rest")
        if -rank <= axis < rank:
            continue  # an axis it has: not this family
        op = _REDUCTION_OP.search(rest)
        shapes = _input_shapes(rest)
        shape = shapes[0] if shapes and len(shapes[0]) == rank else None
        name = (op.group("eager") or op.group("graph")) if op else ""
        return ReductionAxis(axis, rank, name, shape)
    return None


#: where each wording of AXIS_RANGE starts, in the order they are tried
_AXIS_ANCHORS = (
    "Expected dimension in the range",
    "not in range [-",
    "must be in the range [-",
    "Index out of range using input dim",
)


@reads(*_AXIS_ANCHORS)
def axis_range(text: str, context: Context) -> Finding | None:
    """An op (not a reduction) asked for an axis its tensor lacks."""
    for anchor in _AXIS_ANCHORS:
        for match in anchored(AXIS_RANGE, text, anchor, before=40, after=700):
            axis = int(next(a for a in match.group("axis", "axis2", "axis3", "axis4") if a))
            rank = int(next(r for r in match.group("rank", "rank2", "rank3", "rank4") if r))
            if -rank <= axis < rank:
                continue  # an axis it has: not this family
            op = _REDUCTION_OP.search(match.group("rest") or "")
            name = (op.group("eager") or op.group("graph")) if op else ""
            if match.group("axis2") is not None:
                name = "unstack"
            elif match.group("axis3") is not None:
                name = "softmax"
            elif match.group("axis4") is not None:
                name = "strided_slice"
            name = name or re.sub(r"_\d+$", "", context.op.rsplit("/", 1)[-1])
            return AxisOutOfRange(axis, rank, name)
    return None


# A Keras train_step's `data`, an (images, labels) pair, used as one tensor: TF packs the two
# elements (Keras names them data and data_1): "Shapes must be equal rank, but are 4 and 1 ...
# for '{{node Shape/packed}} = Pack[N=2, T=DT_FLOAT, axis=0](data, data_1)' with input shapes:
# [?,28,28,1], [?]." (for labels of another dtype, "Cannot convert a list containing a tensor
# of dtype <dtype: 'int32'> to <dtype: 'float32'> (Tensor is: <tf.Tensor 'data_1:0'", which
# `dtypes.list_convert` reads)
PACKED_DATA = Lazy(r"= Pack\[[^\]\n]{0,80}\]\(data, data_1\)")


@reads("(data, data_1)")
def data_pairs(text: str, context: Context) -> Finding | None:
    for match in anchored(PACKED_DATA, text, "(data, data_1)", before=120, after=20):
        return DataPairs(tuple(_input_shapes(text[match.end() : match.end() + 400])))
    return None


# Python unpacking of a tensor inside a tf.function: "Iterating over a symbolic `tf.Tensor` is
# not allowed" (TF 2; the backticks may be lost in a paste), with the learner's line in the
# traceback: "images, labels = data"
SYMBOLIC_ITERATION = Lazy(r"Iterating over a symbolic `?tf\.Tensor`? is not allowed")
# eager, Python unpacks a batch tensor's rows: more of them than names, or fewer (a batch of
# one example; "got 0" is an empty list, read by `gradients.empty_pairs`)
TOO_MANY_VALUES = Lazy(
    r"too many values to unpack \(expected \d{1,3}\)"
    r"|not enough values to unpack \(expected \d{1,3}, got [1-9]\d{0,2}\)"
)
_BATCH_NAME = Lazy(
    r"(?i)data|batch|inputs?\b|element|example|sample|item|pair|next\(|iter|loader|\bds\b|_ds\b"
)
# `a, b = value`, or a loop that unpacks each item: `for images, labels in dataset:`
UNPACKING = Lazy(
    r"^\(?\w{1,40}(?:\s?,\s?\w{1,40}){1,8}\)?\s?=\s?(?P<value>[^=\n]{1,120})$"
    r"|^for \(?\w{1,40}(?:\s?,\s?\w{1,40}){1,8}\)? in (?P<items>[^\n]{1,120}):$"
)


@reads("Iterating over a symbolic", "values to unpack")
def symbolic_iteration(text: str, context: Context) -> Finding | None:
    for _ in anchored(TOO_MANY_VALUES, text, "values to unpack", before=20, after=40):
        # eager, Python unpacks the batch's rows: read only when the line unpacks the data
        found = _unpacked(context)
        return found._replace(eager=True) if found is not None and found.batch else None
    for _ in anchored(SYMBOLIC_ITERATION, text, "Iterating over a symbolic", after=60):
        return _unpacked(context, DataUnpacked())
    return None


def _unpacked(context: Context, no_line: DataUnpacked | None = None) -> DataUnpacked | None:
    """What the unpacking line among the traceback's innermost frames unpacks (`no_line`
    when none of them unpacks); None for a shape (`b, h, w, c = tf.shape(x)`): not the data."""
    for frame in reversed(context.frames[-4:]):
        code = frame.code.split("#", 1)[0].strip()  # without a comment
        unpacking = UNPACKING.search(code)
        if unpacking is None:
            continue
        value = unpacking.group("value") or unpacking.group("items")
        if "shape" in value:
            return None
        # a batch of the dataset unpacked (`images, labels = data`, `= next(iterator)`): high;
        # another tensor (`logits, probs = head`): the data is only a guess
        return DataUnpacked(code, batch=_BATCH_NAME.search(value) is not None)
    return no_line


# A tensor of unknown rank where its shape is needed: "Cannot take the length of shape with
# unknown rank." (TF 2; "Shape" in TF 1), "as_list() is not defined on an unknown
# TensorShape."; a model's call shows it: "inputs=tf.Tensor(shape=<unknown>, dtype=float32)"
UNKNOWN_SHAPE = Lazy(
    r"(?i)Cannot take the length of shape with unknown rank"
    r"|as_list\(\) is not defined on an unknown TensorShape"
)
_UNKNOWN_INPUT = Lazy(
    r"inputs?=tf\.Tensor\(shape=<unknown>|shape=<unknown>|py_function|numpy_function"
    r"|from_generator|\bpy_func\b"
)


@reads("Cannot take the length of", "unknown TensorShape")
def unknown_shape(text: str, context: Context) -> Finding | None:
    for _ in anchored(UNKNOWN_SHAPE, text, "nknown", before=60, after=40):
        # the arguments a model was called with are cut from the message: read the raw text
        around = (context.raw or text)[-20000:] + " " + context.code(40)
        return UnknownShape(into_model=_UNKNOWN_INPUT.search(around) is not None)
    return None


@reads("Argument output must have rank", "same shape up until the last dimension")
def keras_sparse(text: str, context: Context) -> Finding | None:
    for match in anchored(KERAS_SPARSE, text, "Argument output must have rank"):
        target, output = parse_shape(match.group("target")), parse_shape(match.group("output"))
        if target is not None and output is not None and len(target) < len(output) - 1:
            return SparseRanks(len(target), len(output))  # a map of class scores per example
        return SparseLabels(match.group("target"), match.group("output"))
    anchor = "same shape up until the last dimension"
    for match in anchored(KERAS_SPARSE_SHAPE, text, anchor, before=60):
        pair = shapes_of(match, "target", "output")
        if pair is None or not pair[1]:
            continue
        target, output = pair
        found = ShapePair(
            target, output[:-1], roles="labels", names=("labels", "predictions"), by="The loss"
        )
        if found.verdict:
            return found
    return None


@reads(
    "logits and labels must have the same shape",
    "logits and labels must be same size",
    "logits and labels must be broadcastable",
)
def logits_labels(text: str, context: Context) -> Finding | None:
    # sigmoid_cross_entropy_with_logits wants the same shape (a binary loss); softmax_cross_
    # entropy_with_logits the same size (one-hot labels: a categorical loss)
    matches: tuple[tuple[re.Match[str], Loss], ...] = (
        *(
            (match, "binary")
            for match in anchored(LOGITS_LABELS, text, "logits and labels must have the same shape")
        ),
        *(
            (match, "categorical")
            for match in anchored(LOGITS_SIZE, text, "logits and labels must be ")
        ),
    )
    for match, kind in matches:
        pair = shapes_of(match, "labels", "logits")
        if pair is None:
            continue
        if pair[1] == () and pair[0]:  # the scores reduced to one number before the loss
            return ScalarPredictions(pair[0])
        found = ShapePair(
            *pair, roles="labels", names=("labels", "logits"), by="The loss", loss=kind
        )
        return found if found.verdict else LossShapes(*pair)
    return None


@reads("logits and labels must have the same first dimension")
def first_dimension(text: str, context: Context) -> Finding | None:
    for match in anchored(
        FIRST_DIMENSION, text, "logits and labels must have the same first dimension"
    ):
        logits, labels = parse_shape(match.group("logits")), parse_shape(match.group("labels"))
        if not logits or not labels or logits[0] is None or labels[0] is None:
            continue
        return LabelCount(labels=labels[0], examples=logits[0], logits=logits)
    return None


# TensorShape.assert_is_compatible_with(other) says "Shapes self and other are incompatible".
# Keras 2's categorical_crossentropy calls it on the target; tf.losses (TF 1, "?" for unknown
# sizes) and the confusion-matrix metrics (Precision, Recall, AUC) on the predictions.
_PREDICTIONS_FIRST = ("losses_impl", "metrics_utils", "confusion_matrix", "tf.losses", "tf.metrics")


def _one_layout(first: Shape, second: Shape) -> bool:
    """The same sizes with axes of 1 added, where the first axes differ: (32,) against
    (1, 1, 1, 32). No batch of labels meets a batch of predictions that way (a batch of 32
    against one of 1); a weight (a bias, a batch norm's scale) assigned or broadcast in
    another layout does."""
    if not first or not second or len(first) == len(second) or first[0] == second[0]:
        return False
    if None in first or None in second:
        return False
    return [d for d in first if d != 1] == [d for d in second if d != 1]


def _is_map_pair(first: Shape, second: Shape) -> bool:
    """One shape of 1 or 2 axes and the other of 3 or more (a map of scores per example)."""
    low, high = sorted((len(first), len(second)))
    return 1 <= low <= 2 and high >= 3


def _unsqueezed(first: Shape, second: Shape) -> bool:
    """The first shape is the second with spatial axes of 1 between the batch and the last
    axis, (32, 1, 1, 7) against (32, 7): class scores of a convolutional model that were never
    squeezed or flattened. Labels are not built that way, so the first is the predictions
    (tf.losses, TF 1, names the logits first). One axis of 1, (None, 1, 7), is left alone:
    labels with an extra axis look the same."""
    if len(first) <= len(second) or len(second) < 2:
        return False
    inner = first[1:-1]
    return (
        first[0] == second[0]
        and first[-1] == second[-1]
        and len(inner) >= 2
        and len(second) == 2
        and all(dim == 1 for dim in inner)
    )


@reads(
    "should equal the shape of logits except for the last dimension",
    "must equal `logits.shape",
    "must equal logits.shape",
)
def sparse_shape(text: str, context: Context) -> Finding | None:
    anchor = "should equal the shape of logits except for the last dimension"
    for match in (
        *anchored(SPARSE_SHAPE, text, anchor, before=80, after=200),
        *anchored(SPARSE_RECEIVED, text, "must equal", before=40, after=300),
    ):
        labels, logits = parse_shape(match.group("labels")), parse_shape(match.group("logits"))
        if labels is None or not logits:
            continue
        if len(labels) != len(logits) - 1:
            return SparseRanks(len(labels), len(logits))
        if len(labels) == 1 and labels[0] is not None and logits[0] is not None:
            return LabelCount(labels=labels[0], examples=logits[0], logits=logits)
        found = ShapePair(
            labels, logits[:-1], roles="labels", names=("labels", "logits"), by="The sparse loss"
        )
        if found.verdict:
            return found
    return None


@reads("are incompatible")
def shapes_incompatible(text: str, context: Context) -> Finding | None:
    for match in anchored(SHAPES_INCOMPATIBLE, text, "are incompatible", before=500, after=20):
        pair = shapes_of(match, "target", "output")
        if pair is None:
            continue
        if not all(pair):
            # a scalar is no batch of labels or predictions: an argument given in the wrong
            # place (tf.concat's old argument order), a value assigned or set_shape'd
            continue
        kind = _loss_of(text, context)
        if (
            "?" in match.group(0)
            or any(cue in text for cue in _PREDICTIONS_FIRST)
            or _unsqueezed(pair[0], pair[1])
        ):
            pair = (pair[1], pair[0])
        elif not kind:
            kind = "categorical"  # Keras 2: only categorical_crossentropy checks this way
        if _is_map_pair(*pair):
            # Keras puts the labels first, tf.losses and the metrics the predictions: with no
            # cue, a map of 3 or more axes against labels of 1 or 2 is the model's output
            pair = (pair[1], pair[0]) if len(pair[0]) > len(pair[1]) else pair
        if _one_layout(*pair):
            continue  # (32,) against (1, 1, 1, 32): one weight in two layouts, not a batch
        if _square_matrices(*pair):
            # (27, 27) against (8, 8): no batch of labels is as long as it is wide on both
            # sides; a square weight (a CRF's transition matrix, a Dense of n units on n
            # features) of another size, assigned or restored from a checkpoint
            return WeightShapes(pair[0], pair[1])  # the model first, as in a real CRF thread
        if many_rows(pair[0][0], pair[1][0]):  # both have a first axis: no scalar gets here
            # a loss compares one batch: rows by the thousand are weights (an assign) or
            # whole arrays, whose roles the message does not give
            found = ShapePair(*pair)
        else:
            found = ShapePair(
                *pair, roles="labels", names=("labels", "predictions"), by="The loss", loss=kind
            )
        if found.verdict:
            return found
    return None


def _square_matrices(first: Shape, second: Shape) -> bool:
    """Two square matrices of different sizes, (27, 27) and (8, 8)."""
    return (
        len(first) == len(second) == 2
        and first[0] == first[1]
        and second[0] == second[1]
        and first[0] != second[0]
        and None not in (first[0], second[0])
    )


# the cross-entropy kernels (TF 1): "logits must be 2-dimensional", "logits must be 2-D, but got
# shape [32,7,7,10]" (a map of class scores), "labels must be 1-D, but got shape [32,10]"
# (one-hot labels to the sparse loss), "labels must be 2-dimensional"
KERNEL_DIMS = Lazy(
    r"(?P<what>logits|labels) must be (?P<want>\d)-(?:D|dimensional)"
    rf"(?:, but got shape (?P<shape>{SHAPE}))?"
)
# a fixed-size list (TensorList, an unstacked batch) met another batch: "Specified a list with
# shape [32,1] from a tensor with shape [16,1]"
TENSOR_LIST = Lazy(
    rf"Specified a list with shape (?P<want>{SHAPE}) from a tensor with shape (?P<got>{SHAPE})"
)


@reads("logits must be ", "labels must be ", "Specified a list with shape")
def kernel_dims(text: str, context: Context) -> Finding | None:
    for anchor in ("logits must be ", "labels must be "):
        for match in anchored(KERNEL_DIMS, text, anchor, after=120):
            shape = parse_shape(match.group("shape"))
            want = int(match.group("want"))
            if match.group("what") == "logits":
                return SparseRanks(1, len(shape) if shape else want + 2)
            got = f"{fmt(shape)}" if shape else "(another rank)"
            return SparseLabels(got, "", rank=want)
    for match in anchored(TENSOR_LIST, text, "Specified a list with shape"):
        pair = shapes_of(match, "got", "want")
        if pair is not None:
            found = ShapePair(*pair, roles="input", names=("tensor", "list"), by="A TensorList")
            if found.verdict:
                return found
    return None


@reads("Rank of labels (received")
def sparse_rank(text: str, context: Context) -> Finding | None:
    for match in anchored(SPARSE_RANK, text, "Rank of labels (received"):
        return SparseRanks(int(match.group("labels")), int(match.group("logits")))
    return None


_SQUEEZE_AXIS = Lazy(r"dim\[(?P<axis>\d{1,3})\]")
# the Squeeze kernel, when the graph runs: "Tried to explicitly squeeze dimension 1 but dimension
# was not 1: 10" (the node, which names the loss, is in the [[node ...]] block that follows)
EXPLICIT_SQUEEZE = Lazy(
    r"Tried to explicitly squeeze dimension (?P<axis>\d{1,3}) but dimension was not 1: "
    r"(?P<got>\d{1,12})"
)


def _squeezed(axis: int, got: int, inputs: list[Shape]) -> ShapePair:
    """A model's own squeeze of `axis`, which had `got` values: the tensor it met."""
    given: Shape = inputs[0] if inputs else (None,) * axis + (got,)
    if axis >= len(given) or given[axis] != got:
        given = (None,) * axis + (got,)
    expected = (*given[:axis], 1, *given[axis + 1 :])
    return ShapePair(
        given, expected, roles="input", names=("tensor", "squeezed shape"), by="A squeeze"
    )


@reads("Can not squeeze dim[", "Tried to explicitly squeeze dimension")
def squeeze(text: str, context: Context) -> Finding | None:
    """A squeeze of an axis that is not 1. In a sparse loss, it squeezes the labels' last axis:
    one-hot labels. Elsewhere, a model's own squeeze (the spatial axes left at 1 before a
    classifier or a recurrent layer) met a tensor of another size: the model was given inputs
    of another size than it was built for."""
    for match in anchored(SQUEEZE, text, "Can not squeeze dim["):
        rest = match.group("rest").lower()
        if "sparse" in rest:
            return SparseLabels(f"(batch, {match.group('got')})", "(batch, classes)")
        if any(word in rest for word in ("label", "target", "loss")):
            continue  # the labels or a loss's own squeeze: not known which side
        axis_match = _SQUEEZE_AXIS.search(match.group(0))
        axis = int(axis_match.group("axis")) if axis_match else 1
        return _squeezed(axis, int(match.group("got")), _input_shapes(match.group("rest")))
    for match in anchored(EXPLICIT_SQUEEZE, text, "Tried to explicitly squeeze dimension"):
        node = (node_of(context.raw or text)[0] or context.op).lower()
        if "sparse" in node:
            return SparseLabels(f"(batch, {match.group('got')})", "(batch, classes)")
        if not node or any(word in node for word in ("label", "target", "loss")):
            return None  # no node named, or a loss's own squeeze: not known which side
        return _squeezed(int(match.group("axis")), int(match.group("got")), [])
    return None


@reads("when checking ")
def fit_check(text: str, context: Context) -> Finding | None:
    # also the bare "when checking target: ..." (a quoted or shortened message)
    for match in anchored(FIT_CHECK, text, "when checking ", before=20):
        found = _fit_finding(match, match.group("kind"), text)
        if found is not None:
            return found
    return None


# Keras 2's ImageDataGenerator.fit (featurewise statistics, ZCA) checks the images it is
# given: "Input to `.fit()` should have rank 4. Got array with shape: (60000, 28, 28)"
DATAGEN_FIT = Lazy(
    r"Input to `?\.fit\(\)`? should have rank (?P<want>\d{1,2})\. Got array with shape: "
    rf"(?P<got>{SHAPE})"
)


@reads("should have rank")
def datagen_fit(text: str, context: Context) -> Finding | None:
    for match in anchored(DATAGEN_FIT, text, "should have rank", before=40):
        got = parse_shape(match.group("got"))
        if got is None:
            return None
        by = "ImageDataGenerator.fit()"
        if is_empty(got):
            return EmptyInput(got, by=by)
        return RankMismatch(expected=int(match.group("want")), got=len(got), shape=got, op=by)
    return None


# The same check with its first words cut off (an issue title, a quote): "expected
# activation_26 to have 3 dimensions, but got array with shape (8, 336, 336, 8)"
FIT_CHECK_CUT = Lazy(
    r"(?<!checking: )(?<!checking target: )(?<!checking input: )(?<!model target: )"
    r"(?<!model input: )\bexpected (?P<name>[\w./:-]{1,300}) to have (?:shape "
    rf"(?P<want>{SHAPE})|(?P<ndim>\d{{1,3}}) dimensions),? but got array with shape "
    rf"(?P<got>{SHAPE})"
)
#: Keras names a model's inputs "input_1", "conv2d_1_input", "x_input"; anything else that fit()
#: checks an array against is an output layer ("dense_2", "activation_26")
_KERAS_INPUT = Lazy(r"(?:^|_)input(?:_\d{1,4})?$")


def fit_check_without_prefix(text: str, context: Context) -> Finding | None:
    """fit()'s check of an array, with "Error when checking target/input" cut off: which of
    the two it was is read from the layer's name, so the reading is a guess (a general
    reader's, of low confidence)."""
    if "when checking" in text:
        return None
    for match in anchored(FIT_CHECK_CUT, text, " but got array with shape", before=400):
        kind = "input" if _KERAS_INPUT.search(match.group("name")) else "target"
        found = _fit_finding(match, kind, text)
        if found is not None:
            return found
    return None


def _fit_finding(match: re.Match[str], kind: str, text: str) -> Finding | None:
    """What fit()'s check of one array (`kind`: "target", "input", or "" for predict's
    input) found, from a match of FIT_CHECK or FIT_CHECK_CUT."""
    got = parse_shape(match.group("got"))
    if got is None:
        return None
    if kind != "target" and is_empty(got):
        return EmptyInput(got, by=f"fit() (the input {match.group('name')})")
    if match.group("ndim"):
        return RankMismatch(
            expected=int(match.group("ndim")),
            got=len(got),
            shape=got,
            role="target" if kind == "target" else "input",
            layer=match.group("name"),
        )
    want = parse_shape(match.group("want"))
    if want is None:
        return None
    # Keras 2 leaves the batch axis out of both shapes, unless it names it as None
    labels, expected = (got, want) if want[:1] == (None,) else ((None, *got), (None, *want))
    if kind == "target":
        found = ShapePair(
            labels,
            expected,
            roles="target",
            names=("labels", "predictions"),
            by=f"fit() (the output {match.group('name')})",
            loss=loss_kind(text),
        )
    else:
        found = ShapePair(
            labels,
            expected,
            roles="input",
            names=("input", "expected input"),
            by=f"fit() (the input {match.group('name')})",
        )
    if found.verdict:
        return found
    return None


@reads("A target array with shape")
def target_array(text: str, context: Context) -> Finding | None:
    for match in anchored(TARGET_ARRAY, text, "A target array with shape"):
        pair = shapes_of(match, "got", "want")
        if pair is None:
            continue
        found = ShapePair(
            *pair,
            roles="target",
            names=("labels", "predictions"),
            by="fit()",
            loss=loss_kind(match.string[match.end() : match.end() + 200]),
        )
        if found.verdict:
            return found
    return None


def _sizes(text: str) -> int:
    return int(text.split(",")[0])


#: A model with this many inputs is rare; x given as a list of this many arrays, all with the
#: same first axis, is far more often a list of images (each's height counted as its number of
#: samples) that was never stacked into one array.
MANY_INPUTS = 8


@reads(
    "Input arrays should have the same number of samples",
    "Data cardinality is ambiguous",
    "should have the same number of samples. Got array shapes",
    "inconsistent numbers of samples",
)
def sample_count(text: str, context: Context) -> Finding | None:
    for match in (
        *anchored(SAMPLES, text, "Input arrays should have the same number of samples"),
        *anchored(CARDINALITY, text, "Data cardinality is ambiguous", after=3600),
    ):
        inputs, targets = match.group("inputs"), match.group("targets")
        listed = [int(n) for n in inputs.split(",")]
        if len(listed) >= MANY_INPUTS and len(set(listed)) == 1:
            # more inputs than models have, all of one size: a list of examples
            return ExampleList(len(listed), tuple(listed))
        if targets is None:  # inputs of different sizes among themselves
            return SampleCount(max(listed), min(listed), among_inputs=True)
        labels = [int(n) for n in targets.split(",")]
        if len(labels) >= MANY_INPUTS and len(set(labels)) == 1:
            return ExampleList(len(labels), tuple(labels), role="target")
        found = {int(n) for n in f"{inputs},{targets}".split(",")}
        mismatch = next((n for n in found if n != _sizes(targets)), _sizes(inputs))
        return SampleCount(mismatch, _sizes(targets))
    for match in anchored(ALL_ARRAYS, text, "should have the same number of samples", before=40):
        firsts = [shape[0] for _, shape in shapes_in(match.group("shapes")) if shape]
        known = [n for n in firsts if n is not None]
        if len(set(known)) >= 2:
            return SampleCount(max(known), min(known))
    for match in anchored(INCONSISTENT, text, "inconsistent numbers of samples", before=40):
        numbers = [int(n) for n in match.group("sizes").replace(" ", "").split(",") if n]
        if len(set(numbers)) >= 2:
            return SampleCount(numbers[0], next(n for n in numbers if n != numbers[0]))
    return None


# Keras 3's fit()/train_on_batch() with targets of another structure than the outputs:
# "y_true and y_pred have different structures. y_true: ['*', '*', '*'] y_pred: ['*', '*']"
# (one '*' per array); Keras 2, through tf.nest in compile_utils: "The two structures don't
# have the same sequence length. Input structure has length 1, while shallow structure has
# length 2." (the targets, then the outputs)
# (a tuple of targets prints as a tuple: "y_true: ('*',) y_pred: ['*', '*']")
STRUCTURES = Lazy(
    r"y_true and y_pred have different structures\.\s{0,8}"
    r"y_true: (?P<true>\*|\[[^\]\n]{0,2000}\]|\([^)\n]{0,2000}\))"
    r"\s{0,8}y_pred: (?P<pred>\*|\[[^\]\n]{0,2000}\]|\([^)\n]{0,2000}\))"
)
NEST_LENGTHS = Lazy(
    r"The two structures don't have the same sequence length\. Input structure has length "
    r"(?P<got>\d{1,6}), while shallow structure has length (?P<want>\d{1,6})"
)
#: Keras 2's code that matches the targets to the outputs with tf.nest
_KERAS_TARGETS = ("compile_utils", "train_on_batch", "train_function", "train_step")


def _arrays(structure: str) -> int:
    return max(1, structure.count("*"))


@reads("y_true and y_pred have different structures", "have the same sequence length")
def target_structure(text: str, context: Context) -> Finding | None:
    """Targets given as another number of arrays than the model has outputs."""
    for match in anchored(STRUCTURES, text, "y_true and y_pred have different", after=4200):
        given, outputs = _arrays(match.group("true")), _arrays(match.group("pred"))
        if outputs == 1 and given >= MANY_INPUTS:
            return ExampleList(given, (), role="target")  # a list of labels, one per example
        return InputCount("target", outputs, given)
    raw = context.raw or text
    if any(cue in raw for cue in _KERAS_TARGETS):
        for match in anchored(NEST_LENGTHS, text, "have the same sequence length", before=60):
            return InputCount("target", int(match.group("want")), int(match.group("got")))
    return None


# tf.estimator heads: "Mismatched label shape. Classifier configured with n_classes=1. Received
# 2." / "... Expected labels dimension=1.  Received 10."; "labels shape must be [D0, D1, ... DN,
# 1]"; scikit-learn's metrics: "y should be a 1d array, got an array of shape (100, 10)
# instead.", "bad input shape (100, 10)", "Classification metrics can't handle a mix of
# multilabel-indicator and multiclass targets" (one-hot rows against class indices)
LABEL_FORM = Lazy(
    r"Mismatched label shape|labels shape must be \[D0, D1, \.\.\. DN, \w{1,30}\]"
    rf"|y should be a 1d array, got an array of shape (?P<shape>{SHAPE})|bad input shape "
    rf"(?P<bad>{SHAPE})|can't handle a mix of (?:multilabel-indicator and multiclass|"
    r"multiclass and multilabel-indicator) targets"
)


# Keras 2's fit(): "You are passing a target array of shape (3, 1) while using as loss
# `categorical_crossentropy`. `categorical_crossentropy` expects targets to be binary matrices
# (1s and 0s) of shape (samples, classes)."
INDEX_TARGETS = Lazy(
    rf"You are passing a target array of shape (?P<shape>{SHAPE}) while using as loss "
    r"(?P<loss>\w{1,100})"
)


@reads("You are passing a target array of shape")
def index_targets(text: str, context: Context) -> Finding | None:
    """Class indices given to a loss that wants one-hot rows."""
    for match in anchored(INDEX_TARGETS, text, "You are passing a target array of shape"):
        return LabelForm(parse_shape(match.group("shape")), loss=match.group("loss"))
    return None


@reads(
    "Mismatched label shape",
    "labels shape must be [D0",
    "y should be a 1d array",
    "bad input shape",
    "multilabel-indicator",
)
def label_form(text: str, context: Context) -> Finding | None:
    for anchor in ("label shape", "labels shape", "1d array", "bad input shape", "indicator"):
        for match in anchored(LABEL_FORM, text, anchor, before=60, after=200):
            shape = parse_shape(match.group("shape") or match.group("bad"))
            return LabelForm(shape)
    return None


@reads("Cannot feed value of shape")
def feed(text: str, context: Context) -> Finding | None:
    for match in anchored(FEED, text, "Cannot feed value of shape"):
        pair = shapes_of(match, "got", "want")
        if pair is None:
            continue
        name = match.group("name")
        if is_empty(pair[0]) and not is_empty(pair[1]):
            return EmptyInput(pair[0], pair[1], by=f"The placeholder {name}")
        if _KERAS_TARGET.search(name) and len(pair[1]) >= 4 and len(pair[0]) <= 2:
            # Keras 2 made `<output layer>_target` for each output, of the output's rank: a
            # 4-D one is a model that ends in a feature map (no pooling, Flatten or Dense
            # head) given a label or a row of classes per example
            found = ShapePair(*pair, roles="target", names=("labels", "predictions"), by="fit()")
            if found.verdict:
                return found
        if _LABEL_NAME.search(name) or (_fed_labels(*pair) and not _INPUT_NAME.search(name)):
            found = ShapePair(
                *pair,
                roles="fed",
                names=("labels fed", "placeholder"),
                by=f"The placeholder {name}",
            )
        else:
            found = ShapePair(
                *pair,
                roles="input",
                names=("value fed", "placeholder"),
                by=f"The placeholder {name}",
            )
        if found.verdict:
            return found
    return None


def _fed_labels(got: Shape, want: Shape) -> bool:
    """Whether a value fed to a placeholder is labels, whatever the placeholder's name: images
    and noise are never fed as one number per example, nor into a (?, 1) or (?,) placeholder."""
    if len(want) <= 1 or (len(want) == 2 and want[1] == 1):
        return True  # a placeholder of one value per example
    if len(want) == 2 and len(got) == 1:
        return got[0] != want[1]  # class indices for one-hot rows (not one example's features)
    return len(want) == len(got) == 2 and got[1] == 1 and (want[1] or 0) >= 2


@reads("Incompatible shapes: ", "Incompatible shapes for broadcasting: ")
def incompatible(text: str, context: Context) -> Finding | None:
    for match in anchored(INCOMPATIBLE, text, "Incompatible shapes"):
        pair = shapes_of(match, "a", "b")
        if pair is None:
            continue
        by = f"An elementwise op ({context.op})" if context.op else "An elementwise op"
        name, op, inputs = node_of(context.raw or text)
        labels_first, kind = operand_roles(name or context.op, op, inputs)
        found = _pair_of(*pair, labels_first, by, kind)
        if labels_first is None and model_op(name or context.op):
            found = _model_pair(*pair, name or context.op)
        if found.verdict:
            return found
    return None


# Theano's Elemwise (Keras on Theano): "Input dimension mis-match. (input[0].shape[0] = 8,
# input[1].shape[0] = 64)"
THEANO_ELEMWISE = Lazy(
    r"Input dimension mis-match\. \(input\[\d{1,3}\]\.shape\[(?P<axis>\d{1,2})\] = "
    r"(?P<a>\d{1,12}), input\[\d{1,3}\]\.shape\[(?P=axis)\] = (?P<b>\d{1,12})\)"
)


# and on the GPU: "GpuElemwise. Input dimension mis-match. Input 1 (indices start at 0) has
# shape[1] == 1, but the output's size on that axis is 10."
GPU_ELEMWISE = Lazy(
    r"Input dimension mis-match\. Input \d{1,3} \(indices start at 0\) has shape\[(?P<axis>\d{1,2})"
    r"\] == (?P<a>\d{1,12}), but the output's size on that axis is (?P<b>\d{1,12})"
)


@reads("Input dimension mis-match.")
def theano_elemwise(text: str, context: Context) -> Finding | None:
    for pattern in (THEANO_ELEMWISE, GPU_ELEMWISE):
        for match in anchored(pattern, text, "Input dimension mis-match."):
            a, b = int(match.group("a")), int(match.group("b"))
            if a != b:
                return ElemwiseAxis(int(match.group("axis")), a, b)
    return None


@reads("perands could not be broadcast together")
def numpy_broadcast(text: str, context: Context) -> Finding | None:
    for match in anchored(BROADCAST, text, "perands could not be broadcast together", before=1):
        pair = shapes_of(match, "a", "b")
        if pair is None:
            continue
        if match.group("keras"):  # a Keras merge layer: its shapes lack the batch axis
            return _merged(*pair)
        else:
            found = ShapePair(*pair, by="A NumPy operation", broadcast=True)
        if found.verdict:
            return found
    return None


# NumPy's concatenate (np.concatenate, np.vstack, np.hstack): "all the input array dimensions
# except for the concatenation axis must match exactly" (NumPy < 1.20), and since NumPy 1.20
# "..., but along dimension 1, the array at index 0 has size 28 and the array at index 1 has
# size 400"; of another rank: "all the input arrays must have same number of dimensions, but
# the array at index 0 has 4 dimension(s) and the array at index 1 has 2 dimension(s)"
NUMPY_JOIN = Lazy(
    r"all the input array dimensions (?:except )?for the concatenation axis must match exactly"
    r"(?:, but along dimension (?P<axis>\d{1,3}), the array at index \d{1,6} has size "
    r"(?P<a>\d{1,12}) and the array at index \d{1,6} has size (?P<b>\d{1,12}))?"
    r"|all the input arrays must have same number of dimensions"
    r"(?:, but the array at index \d{1,6} has (?P<ra>\d{1,3}) dimension\(s\) and the array at "
    r"index \d{1,6} has (?P<rb>\d{1,3}) dimension\(s\))?"
)


@reads("for the concatenation axis must match", "input arrays must have same number of dim")
def numpy_join(text: str, context: Context) -> Finding | None:
    for anchor in ("for the concatenation axis must match", "must have same number of dim"):
        for match in anchored(NUMPY_JOIN, text, anchor, before=80, after=300):
            if match.group("axis") is not None:
                sizes = (int(match.group("a")), int(match.group("b")))
                return JoinedArrays(axis=int(match.group("axis")), sizes=sizes)
            if match.group("ra") is not None:
                return JoinedArrays(ranks=(int(match.group("ra")), int(match.group("rb"))))
            return JoinedArrays()
    return None


# Keras 3's merge layers (Add, Multiply, Average), without the batch axis: "Inputs have
# incompatible shapes. Received shapes (16, 16, 64) and (15, 15, 64)"; and with it: "Cannot merge
# tensors with different batch sizes. Received tensors with shapes [(32, 10), (16, 10)]"
MERGE = Lazy(
    rf"Inputs have incompatible shapes\. Received shapes (?P<a>{SHAPE}) and (?P<b>{SHAPE})"
    r"|Cannot merge tensors with different batch sizes\. Received tensors with shapes "
    r"(?P<shapes>\[[^\n]{0,600}\])"
)
# Keras 3 ops on symbolic tensors: "Cannot broadcast shape, the failure dim has value 3, which
# cannot be broadcasted to 5. Input shapes are: (None, 3) and (None, 5)."; keras.ops.concatenate:
# "Every value in xs must have the same shape except on the axis dim. But found element of shape
# (16, 8), which is different from the first element's shape (32, 8)."
KERAS_BROADCAST = Lazy(
    rf"cannot be broadcasted to \d{{1,12}}\. Input shapes are: (?P<a>{SHAPE}) and (?P<b>{SHAPE})"
)
KERAS_CONCAT = Lazy(
    rf"must have the same shape except on the axis dim\. But found element of shape (?P<b>{SHAPE}),"
    rf" which is different from the first element's shape (?P<a>{SHAPE})"
)


def _merged(a: Shape, b: Shape) -> Finding | None:
    """Two inputs of a merge layer (shapes without the batch axis) that do not broadcast."""
    axes = differing_axes(a, b, broadcast=True) if len(a) == len(b) else []
    sizes = (str(a[axes[0]]), str(b[axes[0]])) if axes else ("", "")
    return OpInputs("a merge layer (Add, Multiply)", (None, *a), (None, *b), sizes)


@reads(
    "Inputs have incompatible shapes",
    "Cannot merge tensors",
    "cannot be broadcasted to",
    "axis dim",
)
def keras_merge(text: str, context: Context) -> Finding | None:
    for anchor in ("Inputs have incompatible shapes", "Cannot merge tensors"):
        for match in anchored(MERGE, text, anchor, after=700):
            if match.group("shapes"):
                shapes = [shape for _, shape in shapes_in(match.group("shapes")) if shape]
                for other in shapes[1:]:
                    found = ShapePair(shapes[0], other, by="A merge layer (Add, Concatenate)")
                    if found.verdict:
                        return found
                continue
            pair = shapes_of(match, "a", "b")
            if pair is not None:
                return _merged(*pair)
    for match in anchored(KERAS_BROADCAST, text, "cannot be broadcasted to", after=400):
        pair = shapes_of(match, "a", "b")
        if pair is not None:
            found = ShapePair(*pair, by="A Keras op", broadcast=True)
            if found.verdict and found.category == "batch-size":
                return found
            a, b = pair
            axes = differing_axes(a, b, broadcast=True) if len(a) == len(b) else []
            sizes = (str(a[axes[0]]), str(b[axes[0]])) if axes else ("", "")
            return OpInputs("a Keras op on symbolic tensors", a, b, sizes)
    for match in anchored(KERAS_CONCAT, text, "axis dim", before=60, after=400):
        pair = shapes_of(match, "a", "b")
        if pair is not None and len(pair[0]) == len(pair[1]):
            joined = _joined(list(pair), "")
            if joined is not None and joined.verdict:
                return joined
    return None


@reads("could not broadcast input array from shape")
def numpy_broadcast_into(text: str, context: Context) -> Finding | None:
    for match in anchored(BROADCAST_INTO, text, "could not broadcast input array from shape"):
        pair = shapes_of(match, "got", "want")
        if pair is None:
            continue
        found = ShapePair(
            *pair, roles="input", names=("array", "slot"), by="A NumPy assignment", broadcast=True
        )
        if found.verdict:
            return found
    return None


@reads("are not compatible", "must have the same rank")
def not_compatible(text: str, context: Context) -> Finding | None:
    for match in (
        *anchored(NOT_COMPATIBLE, text, "are not compatible", before=600, after=20),
        *anchored(SAME_RANK, text, "must have the same rank", before=600, after=40),
    ):
        pair = shapes_of(match, "a", "b")
        if pair is None:
            continue
        found = ShapePair(*pair, by="TensorFlow")
        if found.verdict:
            return found
    return None


# A Python list of arrays of different shapes made into one tensor (tf.constant,
# Dataset.from_tensor_slices, fit): "Can't convert non-rectangular Python sequence to Tensor."
NON_RECTANGULAR = Lazy(r"Can't convert non-rectangular Python sequence to Tensor")
# Dataset.from_generator yielding another shape than its output_signature: "`generator` yielded
# an element of shape (8, 8, 3) where an element of shape (16, 16, 3) was expected."
YIELDED_SHAPE = Lazy(
    rf"yielded an element of shape (?P<got>{SHAPE}) where an element of shape (?P<want>{SHAPE}) "
    r"was expected"
)
# tf.image.random_crop asked for more than the image has: in a dataset's map "assertion failed:
# [Need value.shape >= size, got ] [8 8 3] [16 16 3]", eagerly "Summarized data: b'Need
# value.shape >= size, got '\n8, 8, 3\n16, 16, 3"
CROP = Lazy(
    r"Need value\.shape >= size, got (?:\] ?\[(?P<value>[\d ]{1,60})\] \[(?P<size>[\d ]{1,60})\]"
    r"|'?\s{1,4}(?P<value2>\d{1,9}(?:, \d{1,9}){0,7})\s{1,4}(?P<size2>\d{1,9}(?:, \d{1,9}){0,7}))"
)
# Data given as a dictionary whose keys are not the inputs' names (Keras 3 and 2): "Missing
# data for input "image". You passed a data dictionary with keys ['img']. Expected the
# following keys: ['image']"
MISSING_KEY = Lazy(
    r"Missing data for input \"?(?P<missing>[^\"\n]{1,100}?)\"?\. You passed a data dictionary "
    r"with keys (?P<given>\[[^\]\n]{0,300}\])(?:\. Expected the following keys: "
    r"(?P<expected>\[[^\]\n]{0,300}\]))?"
)
# Keras 2's fit() given inputs only for a model compiled with a loss
TARGET_MISSING = Lazy(r"Target data is missing\. Your model was compiled with loss")


@reads(
    "non-rectangular Python sequence",
    "yielded an element of shape",
    "Need value.shape >= size",
    "Missing data for input",
    "Target data is missing",
)
def data_structure(text: str, context: Context) -> Finding | None:
    for match in anchored(MISSING_KEY, text, "Missing data for input", after=800):
        return InputKeys(
            match.group("missing"), match.group("given"), match.group("expected") or ""
        )
    for _ in anchored(TARGET_MISSING, text, "Target data is missing", after=80):
        return TargetsMissing()
    for match in anchored(YIELDED_SHAPE, text, "yielded an element of shape", before=20):
        pair = shapes_of(match, "got", "want")
        if pair is not None:
            return DatasetShapes(*pair, kind="signature")
    for match in anchored(CROP, text, "Need value.shape >= size", after=120):
        value = tuple(int(d) for d in re.findall(r"\d+", match.group("value") or match["value2"]))
        size = tuple(int(d) for d in re.findall(r"\d+", match.group("size") or match["size2"]))
        return DatasetShapes(value, size, kind="crop")
    for _ in anchored(NON_RECTANGULAR, text, "non-rectangular Python sequence", before=40):
        return DatasetShapes(kind="list")
    return None


# tf.stack (Pack) of tensors of two shapes, eagerly: "Shapes of all inputs must match:
# values[0].shape = [16,16,3] != values[1].shape = [18,18,3] [Op:Pack] name: stack"
STACK_SHAPES = Lazy(
    rf"Shapes of all inputs must match: values\[\d{{1,6}}\]\.shape = (?P<a>{SHAPE}) != "
    rf"values\[\d{{1,6}}\]\.shape = (?P<b>{SHAPE})"
)


@reads("Shapes of all inputs must match")
def stacked(text: str, context: Context) -> Finding | None:
    for match in anchored(STACK_SHAPES, text, "Shapes of all inputs must match", after=300):
        pair = shapes_of(match, "a", "b")
        if pair is None:
            continue
        found = ShapePair(*pair, roles="joined", by="tf.stack")
        if found.verdict:
            return found
    return None


@reads("Cannot batch tensors with different shapes", "Cannot add tensor to the batch")
def cannot_batch(text: str, context: Context) -> Finding | None:
    for anchor in ("Cannot batch tensors with different shapes", "Cannot add tensor to the batch"):
        for match in anchored(CANNOT_BATCH, text, anchor):
            first = parse_shape(match.group("first") or match.group("first2"))
            other = parse_shape(match.group("other") or match.group("other2"))
            if first is not None and other is not None:
                return DatasetShapes(first, other)
    return None


# tf.split of a size that is no multiple of the number of parts: "Number of ways to split should
# evenly divide the split dimension, but got split_dim 0 (size = 100) and num_split 8" (the
# kernel); "... the split dimension for 'split' (op: 'Split') with input shapes: [], [100,10]
# and with computed input tensors: input[0] = <0>." (TF 1's graph)
SPLIT = Lazy(
    r"Number of ways to split should evenly divide the split dimension"
    r"(?:,? but got split_dim (?P<dim>\d{1,3}) \(size = (?P<size>\d{1,12})\) and num_split "
    r"(?P<parts>\d{1,6})"
    rf"|[^\n]{{0,300}}?with input shapes: \[\], (?P<shape>{SHAPE})[^\n]{{0,100}}?"
    r"input\[0\] = <(?P<axis>\d{1,3})>)"
)


@reads("Number of ways to split should evenly divide")
def split_batch(text: str, context: Context) -> Finding | None:
    """A batch split into equal parts, of a size that is no multiple of their number. Of
    another axis, only images split into their 3 colour channels are read (VGG's
    preprocessing, `tf.split(rgb, 3, axis=3)`): 1, 2 or 4 there are grayscale, grayscale with
    alpha or RGBA images. Of any other, what was split is not known."""
    for match in anchored(SPLIT, text, "Number of ways to split should evenly divide", after=600):
        if match.group("dim") is not None:
            size, parts = match.group("size"), match.group("parts")
            if match.group("dim") == "0":
                return BatchMismatch("split-batch", (size, parts))
            if parts == "3" and size in ("1", "2", "4"):
                channels = int(size)
                return FeatureMismatch(3, channels, shape=(None, None, None, channels))
            return None
        if match.group("axis") == "0":
            shape = parse_shape(match.group("shape"))
            size = str(shape[0]) if shape and shape[0] is not None else ""
            return BatchMismatch("split-batch", (size, "") if size else ())
        return None
    return None


# tf.split(x, [32, 32]) on a batch of another size: traced, "can't split axis of size 48 into
# pieces of size [32,32] for '{{node split}} = SplitV[...]' with input shapes: [48,1], [2], []
# and with computed input tensors: input[1] = <32 32>, input[2] = <0>."; the kernel (eager, or
# a batch known only when the graph runs): "Determined shape must either match input shape
# along split_dim exactly if fully specified, or be less than the size of the input along
# split_dim if not fully specified.  Got: 64"
SPLIT_SIZES = Lazy(
    r"can't split axis of size (?P<size>\d{1,12}) into pieces of size "
    r"\[(?P<pieces>[\d, -]{1,200})\]"
    r"[^\n]{0,600}?input\[2\] = <(?P<axis>-?\d{1,3})>"
)
SPLIT_TOTAL = Lazy(
    r"Determined shape must either match input shape along split_dim exactly[^\n]{0,200}?"
    r"Got: (?P<total>\d{1,12})"
)


@reads("can't split axis of size", "Determined shape must either match input shape")
def split_sizes(text: str, context: Context) -> Finding | None:
    """A batch split into pieces of fixed sizes (real and fake scores of one pass through the
    discriminator, `tf.split(scores, [BATCH_SIZE, BATCH_SIZE])`) that do not add up to it."""
    for match in anchored(SPLIT_SIZES, text, "can't split axis of size", after=800):
        if match.group("axis") != "0":
            return None
        pieces = [p for p in match.group("pieces").replace(",", " ").split() if p]
        total = sum(int(p) for p in pieces if p.isdigit())
        return BatchMismatch("split-sizes", (match.group("size"), ", ".join(pieces), str(total)))
    for match in anchored(SPLIT_TOTAL, text, "Determined shape must either match", after=300):
        return BatchMismatch("split-sizes", ("", "", match.group("total")))
    return None


# a tf.function with an input_signature given another tensor: "Binding inputs to tf.function
# failed due to `Can not cast TensorSpec(shape=(4, 7), dtype=tf.float32, name=None) to
# TensorSpec(shape=(None, 8), dtype=tf.float32, name=None)`"
SIGNATURE = Lazy(
    rf"Can not cast TensorSpec\(shape=(?P<got>{SHAPE}), dtype=tf\.(?P<got_dtype>\w{{1,20}})"
    rf"[^\n)]{{0,100}}\) to TensorSpec\(shape=(?P<want>{SHAPE}), "
    r"dtype=tf\.(?P<want_dtype>\w{1,20})"
)


@reads("Can not cast TensorSpec(")
def input_signature(text: str, context: Context) -> Finding | None:
    """A tf.function's input_signature (a train step's images spec) and what it was given."""
    for match in anchored(SIGNATURE, text, "Can not cast TensorSpec(", after=400):
        got_dtype, want_dtype = match.group("got_dtype"), match.group("want_dtype")
        if got_dtype != want_dtype:
            return DtypeClash(got_dtype, want_dtype, "tf.function", "for its input_signature")
        pair = shapes_of(match, "got", "want")
        if pair is None:
            continue
        found = ShapePair(
            *pair,
            roles="input",
            names=("argument", "input_signature"),
            by="A tf.function's input_signature",
        )
        if found.verdict:
            return found
    return None


# Keras 1/2: "If a RNN is stateful, a complete input_shape must be provided (including batch
# size)." and "If a RNN is stateful, it needs to know its batch size. Specify the batch size of
# your input tensors: ..."; Keras 3: "If an RNN is stateful, the batch size of the input
# sequences must be the same as the batch size of the initial state. \n- Expected batch size:
# 32\n- Received batch size: 8"
STATEFUL = Lazy(
    r"If an? RNN is stateful, (?:a complete input_shape must be provided|it needs to know its "
    r"batch size|the batch size of the input sequences must be the same)"
    r"(?:[^\n]{0,200}\s{0,4}- Expected batch size: (?P<expected>\d{1,9})\s{0,4}"
    r"- Received batch size: (?P<received>\d{1,9}))?"
)


# Keras 1/2 fit()/predict(): "In a stateful network, you should only pass inputs with a number
# of samples that can be divided by the batch size. Found: 167 samples. Batch size: 32."
STATEFUL_SAMPLES = Lazy(
    r"In a stateful network, you should only pass inputs with a number of samples"
    r"(?:[^\n]{0,80}?Found: (?P<found>\d{1,12}) samples?\.?(?: Batch size: (?P<batch>\d{1,9}))?)?"
)


@reads("If a RNN is stateful", "If an RNN is stateful", "In a stateful network")
def stateful_batch(text: str, context: Context) -> Finding | None:
    """A stateful recurrent layer without a fixed batch size, or given a batch of another, or
    a number of samples that its fixed batch size does not divide."""
    for match in anchored(STATEFUL, text, "RNN is stateful", before=10, after=400):
        sizes = tuple(n for n in (match.group("expected"), match.group("received")) if n)
        return BatchMismatch("stateful", sizes)
    for match in anchored(STATEFUL_SAMPLES, text, "In a stateful network", after=300):
        batch, found = match.group("batch"), match.group("found")
        return BatchMismatch("stateful", (batch, found, "samples") if batch and found else ())
    return None


# The cuDNN recurrent kernels (GPU): "Invalid input_h shape: [1,128,384] [1,64,384]", the initial
# state's shape, then the shape the input asks for: (layers x directions, batch, units), or
# batch first. The kernel takes the units and the layers from the state itself, so only the
# batch axis can differ. (Older kernels print the state's shape alone: no reading.)
_CUDNN_STATE = Lazy(
    r"Invalid input_[hc] shape: \[(?P<state>\d{1,9}(?:, ?\d{1,9}){2})\] "
    r"\[(?P<want>\d{1,9}(?:, ?\d{1,9}){2})\]"
)


@reads("Invalid input_h shape", "Invalid input_c shape")
def initial_state(text: str, context: Context) -> Finding | None:
    """A recurrent layer's initial state made for one batch size, given a batch of another."""
    for match in anchored(_CUDNN_STATE, text, "Invalid input_", after=120):
        state = [int(n) for n in match.group("state").split(",")]
        want = [int(n) for n in match.group("want").split(",")]
        differ = [axis for axis in range(3) if state[axis] != want[axis]]
        if len(differ) == 1:
            return BatchMismatch("initial-state", (str(state[differ[0]]), str(want[differ[0]])))
    return None


# tf.while_loop: TF 1 (a decoder of tf.contrib.seq2seq) "The shape for decoder/while/Merge_5:0
# is not an invariant for the loop. It enters the loop with shape (1, 512), but has shape
# (?, 512) after one iteration."; TF 2.21 "Input tensor `zeros:0` enters the loop with shape
# (1, 4), but has shape (None, 4) after one iteration."
_LOOP_STATE = Lazy(
    rf"enters the loop with shape (?P<entry>{SHAPE}), but has shape (?P<after>{SHAPE}) "
    r"after one iteration"
)


@reads("enters the loop with shape")
def loop_state(text: str, context: Context) -> Finding | None:
    """A loop's state made for a fixed batch size (`zero_state(1, ...)`), which the loop's body
    turns into the batch's unknown size: only the first axis differs, fixed on entry."""
    for match in anchored(_LOOP_STATE, text, "enters the loop with shape", after=300):
        entry, after = parse_shape(match.group("entry")), parse_shape(match.group("after"))
        if entry and after and len(entry) >= 2 and entry[1:] == after[1:]:
            if entry[0] is not None and after[0] is None:
                return BatchMismatch("initial-state", (str(entry[0]), "an unknown size"))
    return None


# DCGAN-tensorflow's utils.image_manifold_size: "assert manifold_w * manifold_h == num_images"
_SAMPLE_GRID = Lazy(r"assert manifold_\w{1,10} \* manifold_\w{1,10} == num_images")


@reads("image_manifold_size", "manifold_h")
def sample_grid(text: str, context: Context) -> Finding | None:
    """A failed assertion that a batch of samples fills a square grid of images."""
    if context.exc_type != "AssertionError":
        return None
    if _SAMPLE_GRID.search(text) or any(f.func == "image_manifold_size" for f in context.frames):
        return BatchMismatch("sample-grid")
    return None


@reads("must have the same batch size")
def backprop_batch(text: str, context: Context) -> Finding | None:
    for match in anchored(BACKPROP_BATCH, text, "must have the same batch size", before=40):
        sizes = tuple(n for n in (match.group("input"), match.group("out")) if n)
        return BatchMismatch("fixed-batch", sizes)
    return None


# the static batch size, None under tf.function or in a TF 1 graph, made a Python int: TF 2
# "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"; TF 1
# Dimension(None).__int__: "__int__ returned non-int (type NoneType)"
INT_OF_NONE = Lazy(
    r"int\(\) argument must be a string, a bytes-like object or a(?: real)? number, not "
    r"'NoneType'|__int__ returned non-int \(type NoneType\)"
)
#: the code that read the batch axis of a static shape
_BATCH_AXIS_CODE = Lazy(
    r"[A-Za-z_][\w.]{0,80}?(?:\.shape|\.get_shape\(\)|\.shape\.as_list\(\))\[0\]"
    r"|(?:K\.)?int_shape\([^()\n]{1,60}\)\[0\]"
)


@reads(
    "partially known TensorShape",
    "to Tensor. Contents: ",
    "Failed to convert elements of ",
    "to a tensor and failed. Error: None values",
    "not 'NoneType'",
    "__int__ returned non-int",
)
def unknown_batch(text: str, context: Context) -> Finding | None:
    for match in anchored(PARTIAL_SHAPE, text, "Cannot convert a partially known TensorShape"):
        shape = parse_shape(match.group("shape"))
        if shape and shape[0] is None:
            return BatchMismatch("unknown-batch", (fmt(shape),))
    for anchor in ("to Tensor. Contents: ", "Failed to convert elements of "):
        for match in anchored(LIST_CONTENTS, text, anchor, before=80, after=320):
            contents = match.group("contents") or match.group("elements")
            items = [item.strip() for item in contents.strip("[]()").split(",")]
            if items and items[0] in ("None", "?"):
                return BatchMismatch("unknown-batch", (contents,))
            unknown = sum(item in ("None", "?") for item in items[1:])
            if (items[0] == "-1" and unknown) or (items[0].isdigit() and unknown >= 2):
                # [-1, None, None, 2, 16] or [1, None, None, 5, 5, 2]: image axes unknown
                # (Input((None, None, 3))) read as numbers, as in a channel shuffle's reshape
                return UndefinedAxis("", sizes=contents)
    for _ in anchored(NONE_SHAPE, text, "to a tensor and failed. Error: None values", before=60):
        return BatchMismatch("unknown-batch", ())
    for match in anchored(INT_OF_NONE, text, "NoneType", before=120, after=20):
        # which axis was None: the learner's code says, where the traceback shows it
        code = context.code(40) + " " + text[-3000:]
        axis = _BATCH_AXIS_CODE.search(code)
        if axis is not None:
            return BatchMismatch("unknown-batch", (axis.group(0),))
        if "__int__" in match.group(0):  # a TF 1 Dimension of None: some axis was unknown
            return BatchMismatch("unknown-batch", ())
    return None


@reads("Dimensions must be equal, but are")
def dimensions_equal(text: str, context: Context) -> Finding | None:
    for match in anchored(DIMENSIONS_EQUAL, text, "Dimensions must be equal, but are"):
        pair = shapes_of(match, "a", "b")
        if pair is None:
            continue
        node = match.group("node")
        node_op = _NODE_OP.search(node)
        op = match.group("op1") or (node_op.group("op") if node_op else "")
        if not op:  # "'loss/sub' (op: ...)" lost, or a bare node name: read its last part
            name_op = _NODE_NAME_OP.search(node.strip("{} ").replace("{{node ", ""))
            op = name_op.group("op").capitalize() if name_op else ""
        a, b = pair
        third = _BACKPROP_THIRD.compiled.match(text, match.end(), match.end() + 120)
        if "BackpropInput" in op and len(a) == 1 and third is not None:
            c = parse_shape(third.group("c"))
            if c is not None:
                a, b = b, c  # the filter, and the tensor it is applied to
        if "MatMul" in op:
            return FeatureMismatch(
                expected=b[0] if b else None,
                got=a[-1] if a else None,
                shape=a,
                weights=b,
                rnn_cell=_RNN_CELL.search(node) is not None,
            )
        loss_pair = _loss_op(op, a, b)
        if loss_pair is not None:
            return loss_pair
        if op in _ELEMENTWISE:
            name, inputs_op, inputs = node_of(node)
            labels_first, kind = operand_roles(name or node, inputs_op or op, inputs)
            found = _pair_of(a, b, labels_first, f"The op {op or '?'}", kind)
            scope = name or node.strip("{} ").replace("{{node ", "")
            if labels_first is None and model_op(scope):
                found = _model_pair(a, b, scope)
            if found.verdict:
                return found
            continue
        return OpInputs(op, a, b, (match.group("x"), match.group("y")))
    # cut before its input shapes (an issue's title): a matrix product still says which
    # size the layer was built for (its weights' first axis, the second size)
    for match in anchored(DIMENSIONS_CUT, text, "Dimensions must be equal, but are"):
        if "MatMul" in match.group("rest"):
            return FeatureMismatch(expected=int(match.group("y")), got=int(match.group("x")))
        conv = _CONV_NODE.search(match.group("rest"))
        if conv is not None:
            # TF 1.x's convolution compares the input's channels (first) with the depth its
            # kernel was built for (second); without the shapes, the rank is the op's
            rank = int(conv.group("dims")) + 2
            got = int(match.group("x"))
            return FeatureMismatch(
                expected=int(match.group("y")), got=got, shape=(None,) * (rank - 1) + (got,)
            )
    return None


@reads("Matrix size-incompatible")
def matmul(text: str, context: Context) -> Finding | None:
    for match in anchored(MATMUL, text, "Matrix size-incompatible"):
        pair = shapes_of(match, "a", "b")
        if pair is None:
            continue
        a, b = pair
        return FeatureMismatch(
            expected=b[0] if b else None, got=a[-1] if a else None, shape=a, weights=b
        )
    return None


@reads("ConcatOp")
def concat(text: str, context: Context) -> Finding | None:
    for match in anchored(MKL_CONCAT, text, "ConcatOp"):
        a, b = int(match.group("a")), int(match.group("b"))
        if a != b:
            return ElemwiseAxis(int(match.group("axis")), a, b, op="concat")
    for match in anchored(CONCAT, text, "ConcatOp"):
        pair = shapes_of(match, "a", "b")
        if pair is None or len(pair[0]) != len(pair[1]):
            continue
        axis = match.group("axis")  # TF 2 names the axis that must agree
        if axis is None:  # TF 1 does not: judge every axis but the one they are joined on
            joined = _joined(list(pair), "")
            if joined is not None and joined.verdict:
                return joined
            continue
        found = ShapePair(*pair, roles="joined", by="tf.concat", axis=int(axis))
        if found.verdict:
            return found
    return None


@reads("Shapes must be equal rank, but are")
def equal_rank(text: str, context: Context) -> Finding | None:
    for match in anchored(EQUAL_RANK, text, "Shapes must be equal rank, but are"):
        pair = shapes_of(match, "a", "b")
        if pair is None:
            continue
        rest = match.group("rest")
        name = _node_name(rest)
        if "concat" in rest.lower():  # tensors of different ranks joined: never the labels
            found = ShapePair(*pair, roles="joined", by="tf.concat")
        elif model_op(name):
            found = _model_pair(*pair, name)
        else:
            found = ShapePair(*pair, by=_by_node(rest))
        if found.verdict:
            return found
    return None


@reads(" in both shapes must be equal, but are")
def both_shapes(text: str, context: Context) -> Finding | None:
    for match in anchored(BOTH_SHAPES, text, " in both shapes must be equal, but are", before=20):
        pair = shapes_of(match, "a", "b")
        if pair is None or len(pair[0]) != len(pair[1]):
            continue
        rest = match.group("rest")
        op = _node_op_of(rest)
        inputs = _input_shapes(rest)
        if len(inputs) >= 2:
            loss_pair = _loss_op(op, inputs[0], inputs[1])
            if loss_pair is not None:
                return loss_pair
        if op in _ASSIGN_OPS:  # restoring or assigning weights of another shape
            model, saved = inputs[:2] if len(inputs) >= 2 else pair
            return WeightShapes(model, saved)
        if "concat" in rest.lower():
            joined = _joined(inputs, rest) if len(inputs) >= 2 else None
            found = joined or ShapePair(
                *pair, roles="joined", by="tf.concat", axis=int(match.group("axis"))
            )
        elif model_op(_node_name(rest)):
            found = _model_pair(*pair, _node_name(rest))
        else:
            found = ShapePair(*pair, by=_by_node(rest))
        if found.verdict:
            return found
    anchor = " in both shapes must be equal, but are"
    for match in anchored(BOTH_SHAPES_OP, text, anchor, before=20):
        rest = match.group("rest")
        inputs = _input_shapes(rest)
        if len(inputs) >= 2:  # a loss kernel's inputs are (logits, labels)
            loss_pair = _loss_op(_node_op_of(rest), inputs[0], inputs[1])
            if loss_pair is not None:
                return loss_pair
    return None


_ASSIGN_OPS = {"Assign", "AssignVariableOp", "AssignAdd", "AssignSub"}


def _loss_op(op: str, logits: Shape, labels: Shape) -> Finding | None:
    """The cross-entropy kernels' own shape checks: their inputs are (logits, labels)."""
    if op == "SoftmaxCrossEntropyWithLogits":
        found = ShapePair(
            labels,
            logits,
            roles="labels",
            names=("labels", "logits"),
            by="The loss",
            loss="categorical",
        )
        return found if found.verdict else None
    if op == "SparseSoftmaxCrossEntropyWithLogits" and logits and len(labels) == 1:
        if logits[0] is not None and labels[0] is not None:
            return LabelCount(labels=labels[0], examples=logits[0], logits=logits)
    return None


_INPUT_SHAPES = Lazy(rf"with input shapes: (?P<shapes>{SHAPE}(?:, {SHAPE}){{0,20}})")
_CONCAT_AXIS = Lazy(r"input\[(?P<index>\d{1,3})\] = <(?P<axis>-?\d{1,3})>")
_NODE_OP_OF = Lazy(r"\(op: '(?P<op>\w{1,100})'\)|= (?P<graph>\w{1,100})\[")


def _node_op_of(text: str) -> str:
    """The op of a graph node as TensorFlow names it: "(op: 'Sub')" (TF 1) or "= Sub[" (TF 2)."""
    match = _NODE_OP_OF.search(text)
    return (match.group("op") or match.group("graph")) if match else ""


def _input_shapes(text: str) -> list[Shape]:
    """The shapes of "with input shapes: [2,8,8,1], [2,4,4,1], []" (the empty ones dropped)."""
    match = _INPUT_SHAPES.search(text)
    if match is None:
        return []
    return [shape for _, shape in shapes_in(match.group("shapes"))]


def _joined(inputs: list[Shape], rest: str) -> ShapePair | None:
    """tf.concat in a graph: its "Shapes are" pair lacks the joined axis (TensorFlow compares the
    axes before it and those after it apart), so judge the whole input shapes, every axis but
    the joined one. The joined axis is the computed "input[N] = <axis>", when it is given."""
    same_rank = [s for s in inputs if len(s) == len(inputs[0])]
    if len(same_rank) < 2:
        return None
    first, second = same_rank[:2]
    axis_match = _CONCAT_AXIS.search(rest)
    axis = int(axis_match.group("axis")) if axis_match else None
    if axis is not None and axis < 0:
        axis += len(first)
    differing = [a for a in differing_axes(first, second) if a != axis]
    if axis is None and len(first) == 2 and differing == [0, 1]:
        # vectors joined side by side (noise and one-hot labels): axis 1 is the joined one
        differing = [0]
    if not differing:
        return None
    must_agree = 0 if differing == [0] else next(a for a in differing if a != 0)
    return ShapePair(first, second, roles="joined", by="tf.concat", axis=must_agree)


def _node_name(text: str) -> str:
    """The node's name in "... for 'loss/sub' (op: 'Sub') ..." or "'{{node loss/sub}} = ..."."""
    node = re.search(r"'(?:\{\{node )?([^'}\s]{1,300})", text)
    return node.group(1) if node else ""


def _by_node(text: str) -> str:
    node = re.search(r"'(?:\{\{node )?([^'}\s]{1,300})", text)
    return f"The op {node.group(1)}" if node else ""


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

READERS = (
    data_pairs,
    symbolic_iteration,
    unknown_shape,
    keras_loss,
    keras_sparse,
    scalar_loss,
    axis_range,
    logits_labels,
    first_dimension,
    sparse_shape,
    index_targets,
    label_form,
    shapes_incompatible,
    fit_check,
    datagen_fit,
    target_array,
    sparse_rank,
    kernel_dims,
    squeeze,
    sample_count,
    equal_rank,
    both_shapes,
    feed,
    backprop_batch,
    split_batch,
    split_sizes,
    target_structure,
    input_signature,
    sample_grid,
    stateful_batch,
    initial_state,
    loop_state,
    unknown_batch,
    cannot_batch,
    data_structure,
    stacked,
    not_compatible,
    incompatible,
    numpy_broadcast,
    theano_elemwise,
    numpy_broadcast_into,
    numpy_join,
    keras_merge,
    dimensions_equal,
    matmul,
    concat,
)
