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
    FeatureMismatch,
    Finding,
    LabelCount,
    LossShapes,
    OpInputs,
    RankMismatch,
    SampleCount,
    ShapePair,
    SparseLabels,
    SparseRanks,
    WeightShapes,
)
from ganerrors.explainers.parsing import (
    SHAPE,
    Lazy,
    Shape,
    anchored,
    differing_axes,
    parse_shape,
    reads,
    shapes_in,
    shapes_of,
)

KERAS_LOSS = Lazy(
    r"Arguments target and output must have the same (?:shape|rank \(ndim\))\.?\s{0,8}"
    rf"Received: target\.shape=(?P<target>{SHAPE}), output\.shape=(?P<output>{SHAPE})"
)
# Keras 3 sparse categorical cross-entropy given one-hot labels
KERAS_SPARSE = Lazy(
    r"Argument output must have rank \(ndim\) target\.ndim - 1\.\s{0,8}"
    rf"Received: target\.shape=(?P<target>{SHAPE}), output\.shape=(?P<output>{SHAPE})"
)
# tf.nn.sigmoid_cross_entropy_with_logits: TF 2 "logits and labels must have the same
# shape, received ((32, 1) vs (32,))."; TF 1 "logits and labels must have the same shape
# ((?, 1) vs (?,))"
LOGITS_LABELS = Lazy(
    r"logits and labels must have the same shape,? (?:received )?"
    rf"\((?P<logits>{SHAPE}) vs (?P<labels>{SHAPE})\)"
)
# TF 1 softmax: "logits and labels must be same size: logits_size=[6,20] labels_size=[12,20]"
LOGITS_SIZE = Lazy(
    rf"logits and labels must be same size: logits_size=(?P<logits>{SHAPE}) "
    rf"labels_size=(?P<labels>{SHAPE})"
)
# sparse softmax: "logits and labels must have the same first dimension, got logits shape
# [250,10] and labels shape [2500]"
FIRST_DIMENSION = Lazy(
    r"logits and labels must have the same first dimension, got logits shape "
    rf"(?P<logits>{SHAPE}) and labels shape (?P<labels>{SHAPE})"
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
    r"Error when checking (?:model )?(?P<kind>input|target): expected (?P<name>[^\s]{1,300}) "
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
# Keras 2.x data adapter: "Data cardinality is ambiguous: x sizes: 60000 y sizes: 10000"
CARDINALITY = Lazy(
    r"Data cardinality is ambiguous:\s{0,8}x sizes: (?P<inputs>\d{1,15}(?:, \d{1,15}){0,20})"
    r"\s{0,8}y sizes: (?P<targets>\d{1,15}(?:, \d{1,15}){0,20})"
)
# TF 1.x: "Cannot feed value of shape (64, 784) for Tensor 'Placeholder:0', which has shape
# '(?, 28, 28, 1)'"
FEED = Lazy(
    rf"Cannot feed value of shape (?P<got>{SHAPE}) for Tensor '?(?P<name>[^'\n,]{{1,300}}?)'?, "
    rf"which has shape '?(?P<want>{SHAPE})"
)
_LABEL_NAME = Lazy(r"(?i)label|target|(?:^|[/_])y(?:_true|_real|_fake)?(?:[_:]|$)")
# eager broadcasting ops: "Incompatible shapes: [16,1] vs. [32,1]"
INCOMPATIBLE = Lazy(rf"Incompatible shapes: (?P<a>{SHAPE}) vs\.? (?P<b>{SHAPE})")
# NumPy: "operands could not be broadcast together with shapes (64,1) (32,1) "
BROADCAST = Lazy(
    r"operands could not be broadcast together with (?:remapped )?shapes "
    rf"(?:\[original->remapped\]: )?(?P<a>{SHAPE})(?:->{SHAPE})? (?P<b>{SHAPE})"
)
# graph construction: "Dimensions must be equal, but are 16 and 32 for '{{node sub}} =
# Sub[T=DT_FLOAT](x, sub/y)' with input shapes: [16,1], [32,1]."
DIMENSIONS_EQUAL = Lazy(
    r"Dimensions must be equal, but are (?P<x>\d{1,12}) and (?P<y>\d{1,12}) for "
    r"'(?P<node>[^\n]{0,600}?)'(?: \(op: '(?P<op1>\w{1,100})'\))? with input shapes: "
    rf"(?P<a>{SHAPE}), (?P<b>{SHAPE})"
)
_NODE_OP = Lazy(r"= (?P<op>\w{1,100})\[")
_NODE_NAME_OP = Lazy(r"(?:^|/)(?P<op>[A-Za-z]\w{0,100}?)(?:_\d{1,6})?$")
MATMUL = Lazy(rf"Matrix size-incompatible: In\[0\]: (?P<a>{SHAPE}), In\[1\]: (?P<b>{SHAPE})")
# "ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [2,4]"
# (TF 2) and "ConcatOp : Dimensions of inputs should match: shape[0] = [..] vs. shape[1] = [..]"
CONCAT = Lazy(
    r"ConcatOp ?: Dimensions? (?:(?P<axis>\d{1,3}) in both shapes must be equal|of inputs should "
    rf"match): shape\[\d{{1,4}}\] = (?P<a>{SHAPE}) vs\. shape\[\d{{1,4}}\] = (?P<b>{SHAPE})"
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


@reads("Arguments target and output must have the same")
def keras_loss(text: str, context: Context) -> Finding | None:
    for match in anchored(KERAS_LOSS, text, "Arguments target and output must have the same"):
        pair = shapes_of(match, "target", "output")
        if pair is None:
            continue
        found = ShapePair(*pair, roles="labels", names=("labels", "predictions"), by="The loss")
        return found if found.verdict else LossShapes(*pair)
    return None


@reads("Argument output must have rank")
def keras_sparse(text: str, context: Context) -> Finding | None:
    for match in anchored(KERAS_SPARSE, text, "Argument output must have rank"):
        return SparseLabels(match.group("target"), match.group("output"))
    return None


@reads("logits and labels must have the same shape", "logits and labels must be same size")
def logits_labels(text: str, context: Context) -> Finding | None:
    matches = (
        *anchored(LOGITS_LABELS, text, "logits and labels must have the same shape"),
        *anchored(LOGITS_SIZE, text, "logits and labels must be same size"),
    )
    for match in matches:
        pair = shapes_of(match, "labels", "logits")
        if pair is None:
            continue
        found = ShapePair(*pair, roles="labels", names=("labels", "logits"), by="The loss")
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


@reads("are incompatible")
def shapes_incompatible(text: str, context: Context) -> Finding | None:
    for match in anchored(SHAPES_INCOMPATIBLE, text, "are incompatible", before=500, after=20):
        pair = shapes_of(match, "target", "output")
        if pair is None:
            continue
        found = ShapePair(*pair, roles="labels", names=("labels", "predictions"), by="The loss")
        if found.verdict:
            return found
    return None


@reads("Rank of labels (received")
def sparse_rank(text: str, context: Context) -> Finding | None:
    for match in anchored(SPARSE_RANK, text, "Rank of labels (received"):
        return SparseRanks(int(match.group("labels")), int(match.group("logits")))
    return None


@reads("Can not squeeze dim[")
def squeeze(text: str, context: Context) -> Finding | None:
    for match in anchored(SQUEEZE, text, "Can not squeeze dim["):
        if "sparse" in match.group("rest").lower():
            return SparseLabels(f"(batch, {match.group('got')})", "(batch, classes)")
    return None


@reads("Error when checking")
def fit_check(text: str, context: Context) -> Finding | None:
    for match in anchored(FIT_CHECK, text, "Error when checking"):
        got = parse_shape(match.group("got"))
        if got is None:
            continue
        kind = match.group("kind")
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
            continue
        # Keras 2 leaves the batch axis out of both shapes, unless it names it as None
        labels, expected = (got, want) if want[:1] == (None,) else ((None, *got), (None, *want))
        if kind == "target":
            found = ShapePair(
                labels,
                expected,
                roles="target",
                names=("labels", "predictions"),
                by=f"fit() (the output {match.group('name')})",
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
        found = ShapePair(*pair, roles="target", names=("labels", "predictions"), by="fit()")
        if found.verdict:
            return found
    return None


def _sizes(text: str) -> int:
    return int(text.split(",")[0])


@reads("Input arrays should have the same number of samples", "Data cardinality is ambiguous")
def sample_count(text: str, context: Context) -> Finding | None:
    for match in (
        *anchored(SAMPLES, text, "Input arrays should have the same number of samples"),
        *anchored(CARDINALITY, text, "Data cardinality is ambiguous"),
    ):
        inputs, targets = match.group("inputs"), match.group("targets")
        sizes = {int(n) for n in f"{inputs},{targets}".split(",")}
        mismatch = next((n for n in sizes if n != _sizes(targets)), _sizes(inputs))
        return SampleCount(mismatch, _sizes(targets))
    return None


@reads("Cannot feed value of shape")
def feed(text: str, context: Context) -> Finding | None:
    for match in anchored(FEED, text, "Cannot feed value of shape"):
        pair = shapes_of(match, "got", "want")
        if pair is None:
            continue
        name = match.group("name")
        if _LABEL_NAME.search(name):
            found = ShapePair(
                *pair,
                roles="labels",
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


@reads("Incompatible shapes: ")
def incompatible(text: str, context: Context) -> Finding | None:
    for match in anchored(INCOMPATIBLE, text, "Incompatible shapes: "):
        pair = shapes_of(match, "a", "b")
        if pair is None:
            continue
        by = f"An elementwise op ({context.op})" if context.op else "An elementwise op"
        found = ShapePair(*pair, by=by, broadcast=True)
        if found.verdict:
            return found
    return None


@reads("operands could not be broadcast together")
def numpy_broadcast(text: str, context: Context) -> Finding | None:
    for match in anchored(BROADCAST, text, "operands could not be broadcast together"):
        pair = shapes_of(match, "a", "b")
        if pair is None:
            continue
        found = ShapePair(*pair, by="A NumPy operation", broadcast=True)
        if found.verdict:
            return found
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
        if "MatMul" in op:
            return FeatureMismatch(
                expected=b[0] if b else None, got=a[-1] if a else None, shape=a, weights=b
            )
        if op in _ELEMENTWISE:
            found = ShapePair(a, b, by=f"The op {op or '?'}", broadcast=True)
            if found.verdict:
                return found
            continue
        return OpInputs(op, a, b, (match.group("x"), match.group("y")))
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
        found = ShapePair(*pair, by=_by_node(match.group("rest")))
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
        if op in _ASSIGN_OPS:  # restoring or assigning weights of another shape
            model, saved = inputs[:2] if len(inputs) >= 2 else pair
            return WeightShapes(model, saved)
        if "concat" in rest.lower():
            joined = _joined(inputs, rest) if len(inputs) >= 2 else None
            found = joined or ShapePair(
                *pair, roles="joined", by="tf.concat", axis=int(match.group("axis"))
            )
        else:
            found = ShapePair(*pair, by=_by_node(rest))
        if found.verdict:
            return found
    return None


_ASSIGN_OPS = {"Assign", "AssignVariableOp", "AssignAdd", "AssignSub"}
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
    keras_loss,
    keras_sparse,
    logits_labels,
    first_dimension,
    shapes_incompatible,
    fit_check,
    target_array,
    sparse_rank,
    squeeze,
    sample_count,
    equal_rank,
    both_shapes,
    feed,
    incompatible,
    numpy_broadcast,
    dimensions_equal,
    matmul,
    concat,
)
