"""Dtype consistency: tensors of different dtypes meeting in one op."""

from __future__ import annotations

import re

from ganerrors.explainers.common import diagnose, dtype_name
from ganerrors.explainers.context import Context
from ganerrors.explainers.diagnosis import Diagnosis

# eager: "cannot compute ConcatV2 as input #1(zero-based) was expected to be a float tensor
# but is a uint8 tensor"
EAGER = re.compile(
    r"cannot compute (?P<op>\w{1,100}) as input #(?P<index>\d{1,4})\(zero-based\) was expected "
    r"to be a (?P<expected>\w{1,30}) tensor but is a (?P<got>\w{1,30}) tensor"
)
# tf.function: "Tensors in list passed to 'values' of 'ConcatV2' Op have types
# [float32, uint8] that don't all match."
LIST = re.compile(
    r"Tensors in list passed to '(?P<argument>\w{1,100})' of '(?P<op>\w{1,100})' Op have types "
    r"\[(?P<types>[^\]\n]{0,300})\] that don't all match"
)
# tf.function: "Input 'y' of 'AddV2' Op has type uint8 that does not match type float32 of
# argument 'x'."
INPUT = re.compile(
    r"Input '(?P<argument>\w{1,100})' of '(?P<op>\w{1,100})' Op has type (?P<got>\w{1,30}) that "
    r"does not match type (?P<expected>\w{1,30}) of argument '(?P<other>\w{1,100})'"
)
# tf.convert_to_tensor: "Tensor conversion requested dtype float32 for Tensor with dtype int32"
CONVERSION = re.compile(
    r"Tensor conversion requested dtype (?P<expected>\w{1,30}) "
    r"for Tensor with dtype (?P<got>\w{1,30})"
)

# an op that has no kernel for the dtype: eager "Value for attr 'T' of uint8 is not in the list
# of allowed values: half, bfloat16, float, double, int32"; tf.function "Value passed to
# parameter 'input' has DataType uint8 not in list of allowed values: float16, bfloat16, ..."
NOT_ALLOWED = re.compile(
    r"(?:Value for attr '\w{1,50}' of|Value passed to parameter '(?P<argument>\w{1,100})' has "
    r"DataType) (?P<got>\w{1,30}) (?:is )?not in (?:the )?list of allowed values"
)
# Keras 3 layer called on a tensor of another dtype than its weights: "Incompatible type
# conversion requested to type uint8 for `tf.Variable of type float32"
VARIABLE = re.compile(
    r"Incompatible type conversion requested to type (?P<got>\w{1,30}) for `?tf\.Variable of "
    r"type (?P<expected>\w{1,30})"
)

_INTEGER = ("uint8", "int8", "int16", "int32", "int64", "uint16", "uint32", "uint64", "bool")


def _causes(got: str) -> tuple[str, ...]:
    if got in _INTEGER:
        return (
            f"Real images loaded as {got} pixels (0 to 255) and never converted: a generator "
            "with a tanh output makes float32 images in [-1, 1], so scale the real ones the "
            "same way: `tf.cast(images, tf.float32) / 127.5 - 1`.",
            "Integer class labels joined to float tensors in a conditional GAN: cast them "
            "with `tf.cast(labels, tf.float32)`, or pass them through an Embedding first.",
            "A generator that casts its output to integers: keep it float32 (an integer "
            "output would also cut the generator's gradients).",
        )
    if got == "float64":
        return (
            "A NumPy array went in as it is: NumPy makes float64 by default "
            "(`np.random.normal(...)` noise, NumPy labels or images). Convert it with "
            "`.astype('float32')`, or make noise with `tf.random.normal`.",
            "A tensor made with `tf.constant` from float64 NumPy data keeps float64.",
        )
    return (
        "Two tensors that meet in this op were made with different dtypes: print the "
        "`.dtype` of each input.",
    )


def _diagnosis(context: Context, op: str, got: str, expected: str, where: str) -> Diagnosis:
    got, expected = dtype_name(got), dtype_name(expected)
    # TensorFlow "expects" the dtype of whichever input came first. In a GAN the tensor to
    # convert is the one that is not float32, first or not (float64 real images joined
    # with float32 fakes give "expected double, got float").
    odd = expected if got == "float32" and expected != "float32" else got
    return diagnose(
        context,
        "dtype",
        f"`{op}` got a {got} tensor {where}where it expected {expected}. TensorFlow does "
        "not convert between dtypes for you: every tensor that meets in one op must have "
        "the same dtype, and in a GAN that means float32 everywhere images, noise and "
        "scores meet.",
        causes=_causes(odd),
        fix=f"Convert the {odd} tensor to float32 once, where it enters (the data pipeline "
        "or the noise), and print `.dtype` of the real images, the noise, the fakes and the "
        "labels to check.",
        op=op,
        got=got,
        expected=expected,
    )


def eager(message: str, context: Context) -> Diagnosis | None:
    match = EAGER.search(message)
    if match is None:
        return None
    where = f"as its input #{match.group('index')} (counting from 0) "
    return _diagnosis(
        context, match.group("op"), match.group("got"), match.group("expected"), where
    )


def in_list(message: str, context: Context) -> Diagnosis | None:
    match = LIST.search(message)
    if match is None:
        return None
    types = [t.strip() for t in match.group("types").split(",") if t.strip()]
    if len(set(types)) < 2:
        return None
    expected = types[0]
    got = next(t for t in types if t != expected)
    where = f"in its list of inputs (dtypes {', '.join(types)}) "
    return _diagnosis(context, match.group("op"), got, expected, where)


def input_mismatch(message: str, context: Context) -> Diagnosis | None:
    match = INPUT.search(message)
    if match is None:
        return None
    where = f"as its input {match.group('argument')!r} "
    return _diagnosis(
        context, match.group("op"), match.group("got"), match.group("expected"), where
    )


def conversion(message: str, context: Context) -> Diagnosis | None:
    match = CONVERSION.search(message)
    if match is None:
        return None
    return _diagnosis(context, "convert_to_tensor", match.group("got"), match.group("expected"), "")


def not_allowed(message: str, context: Context) -> Diagnosis | None:
    match = NOT_ALLOWED.search(message)
    if match is None:
        return None
    op = context.op.split("/")[-1] or "An op"
    return _diagnosis(context, op, match.group("got"), "float32", "it has no kernel for, ")


def variable(message: str, context: Context) -> Diagnosis | None:
    match = VARIABLE.search(message)
    if match is None:
        return None
    layer = context.layer or "a layer"
    where = "as input, and its weights are float32: "
    return _diagnosis(context, layer, match.group("got"), match.group("expected"), where)


EXPLAINERS = (eager, in_list, input_mismatch, conversion, not_allowed, variable)
