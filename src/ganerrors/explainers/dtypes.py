"""Readers of dtype errors: tensors of different dtypes meeting in one op, or an op that has
no kernel for the dtype it was given."""

from __future__ import annotations

import re

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import DtypeClash, Finding
from ganerrors.explainers.parsing import Lazy, anchored, dtype_name, reads

_DT = r"[\w.]{1,30}"
# eager: "cannot compute ConcatV2 as input #1(zero-based) was expected to be a float tensor
# but is a uint8 tensor"
EAGER = Lazy(
    r"cannot compute (?P<op>\w{1,100}) as input #(?P<index>\d{1,4})\(zero-based\) was expected "
    rf"to be a (?P<expected>{_DT}) tensor but is a (?P<got>{_DT}) tensor"
)
# tf.function: "Tensors in list passed to 'values' of 'ConcatV2' Op have types
# [float32, uint8] that don't all match."
LIST = Lazy(
    r"Tensors in list passed to '(?P<argument>\w{1,100})' of '(?P<op>\w{1,100})' Op have types "
    r"\[(?P<types>[^\]\n]{0,300})\] that don't all match"
)
# tf.function: "Input 'y' of 'AddV2' Op has type uint8 that does not match type float32 of
# argument 'x'."
INPUT = Lazy(
    rf"Input '(?P<argument>\w{{1,100}})' of '(?P<op>\w{{1,100}})' Op has type (?P<got>{_DT}) "
    rf"that does not match (?:type (?P<expected>{_DT}) of argument '(?P<other>\w{{1,100}})'"
    rf"|expected type of (?P<declared>{_DT}))"
)
# Keras 2 fit() on a pandas frame or ragged lists: "Failed to convert a NumPy array to a
# Tensor (Unsupported object type float)."
OBJECT_ARRAY = Lazy(
    r"Failed to convert a NumPy array to a Tensor \(Unsupported object type (?P<type>[\w.]{1,60})"
)
# Keras 3 take/scatter: "indices must have an integer type"
INDICES = Lazy(r"indices must have an integer type")
# tf.convert_to_tensor: "Tensor conversion requested dtype float32 for Tensor with dtype int32"
CONVERSION = Lazy(
    rf"Tensor conversion requested dtype (?P<expected>{_DT}) "
    rf"for Tensor with dtype (?P<got>{_DT})"
)
# an op that has no kernel for the dtype: eager "Value for attr 'T' of uint8 is not in the list
# of allowed values: half, bfloat16, float, double, int32"; tf.function "Value passed to
# parameter 'input' has DataType uint8 not in list of allowed values: float16, bfloat16, ..."
NOT_ALLOWED = Lazy(
    r"(?:Value for attr '\w{1,50}' of|Value passed to parameter '(?P<argument>\w{1,100})' has "
    rf"DataType) (?P<got>{_DT}) (?:is )?not in (?:the )?list of allowed values"
)
# Keras 3 layer called on a tensor of another dtype than its weights: "Incompatible type
# conversion requested to type uint8 for tf.Variable of type float32"
VARIABLE = Lazy(
    rf"Incompatible type conversion requested to type (?P<got>{_DT}) for tf\.Variable of "
    rf"type (?P<expected>{_DT})"
)
# TF 2 math ops: "x and y must have the same dtype, got tf.float32 != tf.int32"
SAME_DTYPE = Lazy(
    rf"(?P<x>\w{{1,30}}) and (?P<y>\w{{1,30}}) must have the same dtype, got "
    rf"(?P<expected>{_DT}) != (?P<got>{_DT})"
)
# "Cannot convert 0.5 to EagerTensor of dtype int32"
EAGER_CONVERT = Lazy(
    rf"Cannot convert (?P<value>[^\n]{{1,100}}?) to EagerTensor of dtype (?P<expected>{_DT})"
)


def _name(dtype: str) -> str:
    return dtype_name(dtype.removeprefix("tf.").removeprefix("np."))


def _clash(got: str, expected: str, op: str, where: str = "", kind: str = "clash") -> Finding:
    return DtypeClash(_name(got), _name(expected), op, where, kind)  # type: ignore[arg-type]


def _ref(*dtypes: str) -> bool:
    """TF 1.x reference dtypes (float32_ref): a Variable where a value was expected, or the
    other way round; not a clash of data types."""
    return any(d.endswith("_ref") for d in dtypes)


@reads("cannot compute ")
def eager(text: str, context: Context) -> Finding | None:
    for match in anchored(EAGER, text, "cannot compute "):
        where = f"as its input #{match.group('index')} (counting from 0)"
        return _clash(match.group("got"), match.group("expected"), match.group("op"), where)
    return None


@reads("Tensors in list passed to ")
def in_list(text: str, context: Context) -> Finding | None:
    for match in anchored(LIST, text, "Tensors in list passed to "):
        types = [t.strip() for t in match.group("types").split(",") if t.strip()]
        if len(set(types)) < 2:
            continue
        expected = types[0]
        got = next(t for t in types if t != expected)
        where = f"in its list of inputs (dtypes {', '.join(types)})"
        return _clash(got, expected, match.group("op"), where)
    return None


@reads("Input '")
def input_mismatch(text: str, context: Context) -> Finding | None:
    for match in anchored(INPUT, text, "Input '"):
        where = f"as its input {match.group('argument')!r}"
        expected = match.group("expected") or match.group("declared")
        if _ref(match.group("got"), expected):
            continue
        return _clash(match.group("got"), expected, match.group("op"), where)
    return None


@reads("Tensor conversion requested dtype")
def conversion(text: str, context: Context) -> Finding | None:
    for match in anchored(CONVERSION, text, "Tensor conversion requested dtype"):
        if _ref(match.group("got"), match.group("expected")):
            continue
        return _clash(match.group("got"), match.group("expected"), "convert_to_tensor")
    return None


@reads("Value ")
def not_allowed(text: str, context: Context) -> Finding | None:
    for match in anchored(NOT_ALLOWED, text, "Value ", after=400):
        op = context.op.split("/")[-1] or "An op"
        return _clash(match.group("got"), "float32", op, "", kind="no-kernel")
    return None


@reads("Incompatible type conversion requested")
def variable(text: str, context: Context) -> Finding | None:
    for match in anchored(VARIABLE, text, "Incompatible type conversion requested"):
        layer = context.layer or "a layer"
        where = "as input, and its weights are float32:"
        return _clash(match.group("got"), match.group("expected"), layer, where)
    return None


@reads("must have the same dtype")
def same_dtype(text: str, context: Context) -> Finding | None:
    for match in anchored(SAME_DTYPE, text, "must have the same dtype", before=70):
        where = f"({match.group('x')} and {match.group('y')})"
        return _clash(match.group("got"), match.group("expected"), context.op or "An op", where)
    return None


@reads("Cannot convert ")
def eager_convert(text: str, context: Context) -> Finding | None:
    for match in anchored(EAGER_CONVERT, text, "Cannot convert "):
        value = match.group("value").strip()
        got = "float32" if re.fullmatch(r"-?\d{0,20}\.\d{0,20}(?:e-?\d{1,3})?", value) else ""
        if not got:
            continue
        return _clash(got, match.group("expected"), context.op or "convert_to_tensor")
    return None


@reads("Failed to convert a NumPy array to a Tensor")
def object_array(text: str, context: Context) -> Finding | None:
    for _ in anchored(OBJECT_ARRAY, text, "Failed to convert a NumPy array to a Tensor"):
        return _clash("object", "float32", "convert_to_tensor", "", kind="object")
    return None


@reads("indices must have an integer type")
def indices(text: str, context: Context) -> Finding | None:
    for _ in anchored(INDICES, text, "indices must have an integer type"):
        return _clash("float32", "int32", context.op or "take", "as indices", kind="indices")
    return None


READERS = (
    eager,
    in_list,
    input_mismatch,
    conversion,
    not_allowed,
    variable,
    same_dtype,
    eager_convert,
    object_array,
    indices,
)
