"""Readers of shape errors where a layer or a model got an input it was not built for: a
reshape of another size, a window larger than the image, an input of another rank, width or
shape, weights saved for another shape, a size computed as a float.

Each reader returns a finding (`findings.py`); the advice is written in `advice.py`.
Patterns are written for normalised text (see `normalise.py`).
"""

from __future__ import annotations

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import (
    FeatureMismatch,
    Finding,
    FloatDimension,
    JoinedShapes,
    RankMismatch,
    ReshapeMismatch,
    ShapePair,
    SharedVariable,
    WeightShapes,
    WindowTooLarge,
)
from ganerrors.explainers.parsing import (
    SHAPE,
    Lazy,
    Shape,
    anchored,
    parse_shape,
    reads,
    shapes_in,
    shapes_of,
)

CONCATENATE_LAYER = Lazy(
    r"A Concatenate layer requires inputs with matching shapes[^\n]{0,100}?"
    r"(?:Received: input_shape=|Got inputs shapes: )(?P<shapes>\[[^\n]{0,600}\])"
)
RESHAPE = Lazy(
    r"Input to reshape is a tensor with (?P<have>\d{1,19}) values, but the requested shape "
    r"(?P<kind>has|requires a multiple of) (?P<want>\d{1,19})"
)
RESHAPE_LAYER = Lazy(
    r"total size of the (?:new array|tensor) must be unchanged\.?,? ?(?:Received: )?"
    rf"input_shape ?= ?(?P<input>{SHAPE}),? target_shape ?= ?(?P<target>{SHAPE})"
)
# NumPy: "cannot reshape array of size 47040000 into shape (60000,28,28,3)"
NUMPY_RESHAPE = Lazy(
    rf"cannot reshape array of size (?P<have>\d{{1,19}}) into shape (?P<shape>{SHAPE})"
)
# TF graph: "Cannot reshape a tensor with 768 elements to shape [1,28,28,1] (784 elements)"
GRAPH_RESHAPE = Lazy(
    rf"Cannot reshape a tensor with (?P<have>\d{{1,19}}) elements to shape (?P<shape>{SHAPE})"
    r"(?: \((?P<want>\d{1,19}) elements\))?"
)
# Keras 2 Reshape layer without the shapes: "total size of new array must be unchanged"
TOTAL_SIZE = Lazy(r"total size of (?:the )?new array must be unchanged")
NEGATIVE = Lazy(
    r"Negative dimension size caused by subtracting (?P<window>\d{1,9}) from (?P<size>\d{1,9})"
    rf"(?:[^\n]{{0,600}}?with input shapes: (?P<shapes>{SHAPE}(?:, {SHAPE}){{0,7}}))?"
)
ZERO_OUTPUT = Lazy(
    r"Computed output size would be zero or negative\. Received:? "
    rf"inputs[ .]shape=(?P<input>{SHAPE}),? (?P<what>kernel shape|pool_size)=(?P<window>{SHAPE})"
)
INPUT_AXIS = Lazy(
    r"expected axis (?P<axis>-?\d{1,3}) of input shape to have value (?P<want>\d{1,12}),? "
    rf"but (?:received input with|got) shape (?P<got>{SHAPE})"
)
INPUT_NDIM = Lazy(
    r"expected (?P<kind>min_ndim|max_ndim|ndim)=(?P<want>\d{1,3}), found ndim=(?P<got>\d{1,3})"
    rf"(?:\. Full shape received: (?P<shape>{SHAPE}))?"
)
MODEL_INPUT = Lazy(
    rf"[Ee]xpected shape=? ?(?P<want>{SHAPE}), (?:but input has incompatible shape|found "
    rf"shape=) ?(?P<got>{SHAPE})"
)
# graph construction: "Shape must be rank 2 but is rank 4 for '{{node MatMul}} = ...' with
# input shapes: [?,28,28,1], [784,128]."
SHAPE_RANK = Lazy(
    r"Shape must be rank (?P<want>\d{1,3}) but is rank (?P<got>\d{1,3}) for "
    r"'(?P<node>[^\n]{0,600}?)'"
)
_LOSS_WORDS = ("loss", "cross_entropy", "crossentropy", "label", "target", "y_true")
# convolutions: "input and filter must have the same depth: 3 vs 1"
DEPTH = Lazy(r"input and filter must have the same depth: (?P<got>\d{1,9}) vs (?P<want>\d{1,9})")
# TF 1.x variable scopes: "Trying to share variable d/dense/kernel, but specified shape
# (1024, 1) and found shape (512, 1)."
SHARED = Lazy(
    r"Trying to share variable (?P<name>[^\s,]{1,300}), but specified shape "
    rf"(?P<specified>{SHAPE}) and found shape (?P<found>{SHAPE})"
)
# restoring weights: TF 1.x "Assign requires shapes of both tensors to match. lhs shape=
# [7753,256] rhs shape= [9069,256]"; Keras "Layer weight shape (3, 3) not compatible with
# provided weight shape (4, 4)"
ASSIGN = Lazy(
    rf"Assign requires shapes of both tensors to match\. lhs shape= ?(?P<model>{SHAPE}) "
    rf"rhs shape= ?(?P<saved>{SHAPE})"
)
WEIGHT_SHAPE = Lazy(
    rf"[Ll]ayer weight shape (?P<model>{SHAPE}) (?:is )?not compatible with provided weight "
    rf"shape (?P<saved>{SHAPE})"
)
# Shape arithmetic with "/": "Dimension value must be integer or None or have an __index__
# method, got value '7.0' with type '<class 'float'>'"
FLOAT_DIMENSION = Lazy(
    r"Dimension value must be integer or None or have an __index__ method, got value "
    r"'?(?P<value>[\d.]{1,30})"
)


@reads("Assign requires shapes of both tensors to match", "ayer weight shape")
def restore(text: str, context: Context) -> Finding | None:
    for match in (
        *anchored(ASSIGN, text, "Assign requires shapes of both tensors to match"),
        *anchored(WEIGHT_SHAPE, text, "ayer weight shape", before=1),
    ):
        return WeightShapes(parse_shape(match.group("model")), parse_shape(match.group("saved")))
    return None


@reads(
    "cannot reshape array of size", "Cannot reshape a tensor with", " new array must be unchanged"
)
def numpy_reshape(text: str, context: Context) -> Finding | None:
    for match in anchored(NUMPY_RESHAPE, text, "cannot reshape array of size"):
        shape = parse_shape(match.group("shape"))
        return ReshapeMismatch(int(match.group("have")), _product(shape), target_shape=None)
    for match in anchored(GRAPH_RESHAPE, text, "Cannot reshape a tensor with"):
        want = match.group("want")
        requested = int(want) if want else _product(parse_shape(match.group("shape")))
        return ReshapeMismatch(int(match.group("have")), requested)
    for _ in anchored(TOTAL_SIZE, text, " new array must be unchanged", before=20):
        return ReshapeMismatch(None, None)
    return None


@reads("Input to reshape is a tensor with", "must be unchanged")
def reshape(text: str, context: Context) -> Finding | None:
    for match in anchored(RESHAPE, text, "Input to reshape is a tensor with"):
        return ReshapeMismatch(
            values=int(match.group("have")),
            requested=int(match.group("want")),
            multiple=match.group("kind") != "has",
        )
    for match in anchored(RESHAPE_LAYER, text, "must be unchanged", before=40, after=400):
        given, target = parse_shape(match.group("input")), parse_shape(match.group("target"))
        return ReshapeMismatch(
            values=_product(given),
            requested=_product(target),
            input_shape=given,
            target_shape=target,
        )
    return None


def _product(shape: Shape | None) -> int | None:
    if not shape:
        return None
    total = 1
    for dim in shape:
        if dim is not None and dim >= 0:
            total *= dim
    return total


@reads("Shape must be rank ")
def shape_rank(text: str, context: Context) -> Finding | None:
    for match in anchored(SHAPE_RANK, text, "Shape must be rank "):
        node = match.group("node").lower()
        role = "target" if any(word in node for word in _LOSS_WORDS) else "input"
        return RankMismatch(
            int(match.group("want")),
            int(match.group("got")),
            role=role,  # type: ignore[arg-type]
        )
    return None


@reads("input and filter must have the same depth")
def depth(text: str, context: Context) -> Finding | None:
    for match in anchored(DEPTH, text, "input and filter must have the same depth"):
        got, want = int(match.group("got")), int(match.group("want"))
        return FeatureMismatch(expected=want, got=got, shape=(None, None, None, got))
    return None


@reads("Trying to share variable")
def shared_variable(text: str, context: Context) -> Finding | None:
    for match in anchored(SHARED, text, "Trying to share variable"):
        return SharedVariable(
            match.group("name"),
            parse_shape(match.group("specified")),
            parse_shape(match.group("found")),
        )
    return None


@reads("A Concatenate layer requires")
def concatenate_layer(text: str, context: Context) -> Finding | None:
    for match in anchored(CONCATENATE_LAYER, text, "A Concatenate layer requires"):
        shapes = tuple(shape for _, shape in shapes_in(match.group("shapes")))
        if len(shapes) >= 2:
            return JoinedShapes(shapes)
    return None


@reads("Negative dimension size caused by")
def negative_dimension(text: str, context: Context) -> Finding | None:
    for match in anchored(NEGATIVE, text, "Negative dimension size caused by"):
        return WindowTooLarge(
            window=match.group("window"),
            size=match.group("size"),
            shapes=match.group("shapes") or "",
        )
    return None


@reads("Computed output size would be zero or negative")
def zero_output(text: str, context: Context) -> Finding | None:
    for match in anchored(ZERO_OUTPUT, text, "Computed output size would be zero or negative"):
        return WindowTooLarge(
            window=match.group("window"), shapes=match.group("input"), what=match.group("what")
        )
    return None


@reads("of input shape to have value")
def input_axis(text: str, context: Context) -> Finding | None:
    for match in anchored(INPUT_AXIS, text, "of input shape to have value", before=40):
        want, got = int(match.group("want")), parse_shape(match.group("got"))
        axis = int(match.group("axis"))
        have = got[axis] if got and -len(got) <= axis < len(got) else None
        return FeatureMismatch(expected=want, got=have, shape=got, layer=context.layer)
    return None


@reads("ndim=")
def input_ndim(text: str, context: Context) -> Finding | None:
    for match in anchored(INPUT_NDIM, text, "ndim=", before=40):
        kind = match.group("kind")
        bound = {"min_ndim": "min", "max_ndim": "max"}.get(kind, "exact")
        return RankMismatch(
            expected=int(match.group("want")),
            got=int(match.group("got")),
            bound=bound,  # type: ignore[arg-type]
            shape=parse_shape(match.group("shape")),
            layer=context.layer,
        )
    return None


@reads("xpected shape")
def model_input(text: str, context: Context) -> Finding | None:
    for match in anchored(MODEL_INPUT, text, "xpected shape", before=1):
        pair = shapes_of(match, "got", "want")
        if pair is None:
            continue
        found = ShapePair(*pair, roles="input", names=("input", "expected input"), by="A model")
        if found.verdict:
            return found
    return None


@reads("Dimension value must be integer")
def float_dimension(text: str, context: Context) -> Finding | None:
    for match in anchored(FLOAT_DIMENSION, text, "Dimension value must be integer"):
        return FloatDimension(match.group("value"))
    return None


READERS = (
    restore,
    numpy_reshape,
    shape_rank,
    depth,
    shared_variable,
    concatenate_layer,
    reshape,
    negative_dimension,
    zero_output,
    input_axis,
    input_ndim,
    model_input,
    float_dimension,
)
