"""Readers of dtype errors: tensors of different dtypes meeting in one op, or an op that has
no kernel for the dtype it was given."""

from __future__ import annotations

import re
from itertools import chain

from ganerrors.explainers.context import Context
from ganerrors.explainers.findings import (
    FILE_DATASET,
    FILE_DATASETS,
    ArrayDtype,
    DataPairs,
    DatasetShapes,
    DtypeClash,
    Finding,
    FloatDimension,
    FloatIndex,
)
from ganerrors.explainers.parsing import INTEGER, Lazy, anchored, dtype_name, reads

_DT = r"\w{1,30}(?:\.\w{1,30})?"  # float32, tf.float32; not the full stop after it
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
MIXED_SEQUENCE = Lazy(r"Can't convert Python sequence with mixed types to Tensor")
OBJECT_ARRAY = Lazy(
    r"Failed to convert a NumPy array to a Tensor \(Unsupported object type (?P<type>[\w.]{1,60})"
)
# NumPy and Python indexing with a non-integer: "only integers, slices (`:`), ellipsis (`...`),
# numpy.newaxis (`None`) and integer or boolean arrays are valid indices"; "arrays used as
# indices must be of integer (or boolean) type"; "list indices must be integers or slices, not
# float"
NUMPY_INDEX = Lazy(
    r"(?P<numpy>and integer or boolean arrays are valid indices"
    r"|arrays used as indices must be of integer \(or boolean\) type)"
    r"|(?P<list>list|tuple) indices must be integers or slices, not (?P<got>float|numpy\.float\w*)"
)
# Keras 3 take/scatter: "indices must have an integer type"
INDICES = Lazy(r"indices must have an integer type")
# tf.convert_to_tensor: "Tensor conversion requested dtype float32 for Tensor with dtype int32"
CONVERSION = Lazy(
    rf"Tensor conversion requested dtype (?P<expected>{_DT}) "
    rf"for Tensor with dtype (?P<got>{_DT})"
)
# tf.py_function / tf.numpy_function (a Dataset.map loader) returning another dtype than its
# Tout: "0-th value returned by pyfunc_0 is uint8, but expects float"
PYFUNC = Lazy(
    rf"value returned by (?P<function>[\w.]{{1,100}}) is (?P<got>{_DT}), but expects "
    rf"(?P<expected>{_DT})"
)
# an op that has no kernel for the dtype: eager "Value for attr 'T' of uint8 is not in the list
# of allowed values: half, bfloat16, float, double, int32"; tf.function "Value passed to
# parameter 'input' has DataType uint8 not in list of allowed values: float16, bfloat16, ..."
NOT_ALLOWED = Lazy(
    r"(?:Value for attr '(?P<attr>\w{1,50})' of"
    r"|Value passed to parameter '(?P<argument>\w{1,100})' has DataType) "
    rf"(?P<got>{_DT}) (?:is )?not in (?:the )?list of allowed values"
    r"(?:: (?P<allowed>[\w, ]{1,300}))?"
)
# TF 1: "DataType float32 for attr 'Tindices' not in list of allowed values: int32, int64"; an
# issue's title may keep only "'Tshape' not in list of allowed values: int32, int64"
DATATYPE_ATTR = Lazy(
    rf"(?:DataType (?P<got>{_DT}) for attr )?'(?P<attr>\w{{1,50}})' not in list of allowed values"
)
#: the attributes that give the dtype of a size argument: Reshape's shape, Tile's multiples,
#: Pad's paddings, Fill's dims
SIZE_ATTRS = frozenset({"Tshape", "Tmultiples", "Tpaddings", "index_type"})
# Keras 3's standardize_dtype: "Invalid dtype: object", "Invalid dtype: str768"; its image
# layers: "Invalid images dtype: expected float dtype. Received: images.dtype=uint8"
INVALID = Lazy(
    r"Invalid dtype: (?P<got>[\w.<>']{1,40})"
    r"|Invalid images dtype: expected float dtype\. Received: images\.dtype=(?P<images>\w{1,20})"
)
# strings read from a file and cast: "Cast string to float is not supported"
CAST = Lazy(rf"Cast (?P<got>{_DT}) to (?P<expected>{_DT}) is not supported")
# "Expected float32 passed to parameter 'y' of op 'Maximum', got 'abc' of type 'str' instead."
PASSED = Lazy(
    rf"Expected (?P<expected>{_DT}) passed to parameter '(?P<argument>\w{{1,100}})' of op "
    r"'(?P<op>\w{1,100})', got (?P<value>[^\n]{1,200}?) of type '(?P<type>\w{1,60})' instead"
)
# an op with no kernel for a dtype: "No registered 'MatMul' OpKernel for 'GPU' devices compatible
# with node ... (OpKernel was found, but attributes didn't match) Requested Attributes: T=DT_INT32"
NO_KERNEL = Lazy(
    r"No registered '(?P<op>\w{1,100})' OpKernel[^\n]{0,400}(?:\n[^\n]{0,400}){0,3}?"
    r"attributes didn't match\)[^\n]{0,40}Requested Attributes: [^\n]{0,200}?"
    r"\b(?:T|dtype|SrcT|DstT)=(?P<got>DT_[A-Z0-9]{2,10})"
)
# an op placed where no kernel takes its dtypes: "Could not find device for node: {{node
# HashTableV2}} = HashTableV2[container="", key_dtype=DT_FLOAT, ...]", then (when it is all
# there) "All kernels registered for op HashTableV2:\n  device='CPU'; key_dtype in [DT_STRING];
# value_dtype in [DT_INT64]" and more such lines
NO_DEVICE = Lazy(
    r"Could not find device for node: \{\{node [^}\n]{1,200}\}\} = (?P<op>\w{1,100})\["
)
_NODE_DTYPE = Lazy(r"\b(?P<attr>\w{1,40})=(?P<dtype>DT_[A-Z0-9]{2,12})\b")
_KERNEL_LINE = Lazy(r"device='\w{1,20}'(?P<attrs>[^\n]{0,600})")
_KERNEL_ATTR = Lazy(r"(?P<attr>\w{1,40}) in \[(?P<dtypes>[A-Z0-9_, ]{1,300})\]")
# tf.data's file readers given an empty list (float32) or numbers: "The `filenames` argument
# must contain `tf.string` elements. Got `tf.float32` elements." (backticks may be lost)
FILENAMES = Lazy(
    r"The `?filenames`? argument must contain `?tf\.string`? elements\. "
    rf"Got `?(?:tf\.)?(?P<got>{_DT})`? elements"
)
# tf.io.parse_example / parse_single_example: a feature stored with one dtype in the records
# (bytes_list, float_list, int64_list) parsed with another: "Key: label.  Data types don't
# match. Data type: string but expected type: float" (batched: "Name: <unknown>, Key: label,
# Index: 0.  Data types don't match. ...")
PARSED = Lazy(
    r"Key: (?P<key>[^\s,.]{1,100})(?:, Index: \d{1,9})?\.\s{1,3}Data types don't match\. "
    r"Data type: (?P<stored>\w{1,20}) but expected type: (?P<spec>\w{1,20})"
)
# NumPy or pandas data with strings in it: "could not convert string to float: 'abc'" (Python
# 2: "invalid literal for float(): 2 14 68"); ragged lists: "setting an array element with a
# sequence"
STRING_TO_FLOAT = Lazy(
    r"could not convert string to float|invalid literal for float\(\)"
    r"|setting an array element with a sequence"
)
# convert_to_tensor: "Expected float32, got 'abc' of type 'str' instead." (TF 1 to 2.x), or
# "Expected float32, but got Tensor("Cast:0", shape=(), dtype=float64) of type
# 'SymbolicTensor'." (TF 2.21)
EXPECTED_GOT = Lazy(
    rf"Expected (?P<expected>{_DT}), (?:but )?got (?P<value>[^\n]{{1,120}}?) of type "
    r"'(?P<type>\w{1,40})'(?: instead|\.)"
)
#: the dtype in a tensor's repr: "<tf.Tensor 'add:0' shape=() dtype=float64>",
#: 'Tensor("Cast:0", shape=(), dtype=float64)'
TENSOR_DTYPE = Lazy(rf"\bdtype=(?P<got>{_DT})[>)]")
# tf.data.Dataset.from_generator: "`generator` yielded an element that could not be converted
# to the expected type. The expected type was float32, but the yielded element was ..."
YIELDED_TYPE = Lazy(
    r"generator yielded an element that could not be converted to the expected type\. The "
    rf"expected type was (?P<expected>{_DT})"
)
#: what follows YIELDED_TYPE when the generator yielded a tuple
YIELDED_TUPLE = ", but the yielded element was ("
#: parameters that take a shape or a size: a float there is shape arithmetic done with "/"
SIZE_PARAMETERS = frozenset(
    {"shape", "dims", "multiples", "size", "num_or_size_splits", "output_shape", "num", "depth"}
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
# A list or tuple of tensors made one tensor (tf.stack, tf.shape of a tuple, a shape vector)
# while one item has another dtype: "Cannot convert a list containing a tensor of dtype
# <dtype: 'int64'> to <dtype: 'float32'> (Tensor is: <tf.Tensor 'x_1:0' shape=(2,) ...>)"
LIST_CONVERT = Lazy(
    rf"Cannot convert a list containing a tensor of dtype <?(?:dtype: )?'?(?P<got>{_DT})'?>? "
    rf"to <?(?:dtype: )?'?(?P<expected>{_DT})'?>? "
    r"\(Tensor is: <tf\.Tensor '(?P<name>[^'\n]{1,200})'"
)
# Dataset.padded_batch given padding values of another dtype than the data: "Invalid
# `padding_values`. `padding_values` values type <dtype: 'float32'> does not match type
# <dtype: 'int32'> of the corresponding input component."
PADDING_VALUES = Lazy(
    rf"padding_values`? values type <?(?:dtype: )?'?(?P<got>{_DT})'?>? does not match type "
    rf"<?(?:dtype: )?'?(?P<expected>{_DT})'?>? of the corresponding input component"
)
#: What meets there (no op: the conversion fails before one is made)
LIST_OF_TENSORS = "A list of tensors made into one tensor"
#: That item named as the second element of a dataset's batch (Keras' `train_step(self, data)`
#: names a pair's items data and data_1, a tf.function its argument `batch`'s batch and
#: batch_1; a dataset iterator's are IteratorGetNext:0, :1): the (images, labels) pair used as
#: one tensor, not a clash of dtypes.
DATA_ITEM = Lazy(
    r"^(?:(?:data|batch|inputs?|element|example|sample|pair|item)\w{0,20}_[1-9]\d{0,2}:0"
    r"|IteratorGetNext:[1-9]\d{0,2})$"
)


_QUOTED_NUMBER = Lazy(r"""['"]-?\d{0,20}\.?\d{1,20}(?:e-?\d{1,3})?['"]""")
_FLOAT_ITEM = Lazy(r"(?:^|[\[(,]\s?)-?\d{1,12}\.\d{0,12}(?=\s?[,\])])")


def _size_like(value: str) -> bool:
    """A float that a size divided with "/" gives: 7.0, 3.5, 112.0 (not 0.001 or 1e-05)."""
    try:
        number = float(value.strip("'\" "))
    except ValueError:
        return False
    return number >= 1 and (number * 2).is_integer()


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


@reads("value returned by ")
def returned(text: str, context: Context) -> Finding | None:
    for match in anchored(PYFUNC, text, "value returned by ", before=30, after=300):
        return _clash(match.group("got"), match.group("expected"), match.group("function"))
    return None


@reads("Value ", "' not in list of allowed values")
def not_allowed(text: str, context: Context) -> Finding | None:
    op = context.op.split("/")[-1]
    for match in anchored(NOT_ALLOWED, text, "Value ", after=400):
        got = _name(match.group("got"))
        if match.group("argument") in SIZE_PARAMETERS and got.startswith(("float", "half")):
            return FloatDimension(got)
        indices = match.group("argument") in ("indices", "ids")
        if indices or (match.group("attr") or "").startswith(("Tindices", "Tidx")):
            return _clash(got, "int32", op, "as indices", kind="indices")
        if got.startswith(("float", "half", "bfloat")) and _integers_only(match.group("allowed")):
            # a sparse loss's labels, a count: the op takes only integers here
            argument = match.group("argument")
            return _clash(got, "int32", op, f"as {argument}" if argument else "", kind="indices")
        return _clash(got, "float32", op, "", kind="no-kernel")
    for match in anchored(DATATYPE_ATTR, text, "' not in list of allowed values", before=120):
        got = match.group("got")
        if match.group("attr") in SIZE_ATTRS and (got is None or got.startswith(_FLOAT_NAMES)):
            return FloatDimension(_name(got) if got else "")
        if got is None:
            continue
        if match.group("attr").startswith(("Tindices", "Tidx")):
            return _clash(got, "int32", op, "as indices", kind="indices")
        return _clash(got, "float32", op, "", kind="no-kernel")
    return None


_FLOAT_NAMES = ("float", "half", "double", "bfloat")


def _integers_only(allowed: str | None) -> bool:
    """Whether a list of allowed dtypes ("int32, int64") holds no floating-point dtype."""
    names = [name.strip() for name in (allowed or "").split(",") if name.strip()]
    return bool(names) and not any(name.startswith(_FLOAT_NAMES) for name in names)


@reads("Invalid dtype: ", "Invalid images dtype")
def invalid(text: str, context: Context) -> Finding | None:
    for match in anchored(INVALID, text, "Invalid dtype: "):
        return _clash(match.group("got"), "float32", "Keras", "", kind="object")
    for match in anchored(INVALID, text, "Invalid images dtype"):
        return _clash(match.group("images"), "float32", context.layer or "An image layer")
    return None


@reads(" is not supported")
def cast(text: str, context: Context) -> Finding | None:
    for match in anchored(CAST, text, " is not supported", before=80, after=20):
        return _clash(match.group("got"), match.group("expected"), "Cast")
    return None


@reads(" passed to parameter '")
def passed(text: str, context: Context) -> Finding | None:
    for match in anchored(PASSED, text, " passed to parameter '", before=40, after=400):
        argument, value = match.group("argument"), match.group("value")
        if argument in SIZE_PARAMETERS and re.search(r"\d\.\d|\d\.(?:[,\])\s]|$)", value):
            return FloatDimension(value.strip("'"))
        where = f"as its argument {argument!r}"
        if match.group("type") == "str":
            found = _text(value, match.group("expected"), match.group("op"), where)
            if found is None:
                continue
            return found
        return _clash(match.group("type"), match.group("expected"), match.group("op"), where)
    return None


#: one quoted word: a name (an option, a mode, a layer's name), not a value read from data
_QUOTED_WORD = Lazy(r"""['"][A-Za-z_][A-Za-z0-9_.-]{0,60}['"]""")


def _text(value: str, expected: str, op: str, where: str = "") -> Finding | None:
    """A Python string where a tensor of `expected` was wanted. One number as text is a
    setting (a learning rate) and gets no reading; one word is most often a name passed in a
    tensor's place or a tensor compared with a string, so the clash is only a guess; anything
    else is text read from a file or a CSV."""
    value = value.strip()
    if _QUOTED_NUMBER.fullmatch(value):
        return None
    kind = "word" if _QUOTED_WORD.fullmatch(value) else "clash"
    return _clash("string", expected, op, where, kind=kind)


@reads(
    "could not convert string to float",
    "invalid literal for float()",
    "yielded an element that could not be converted",
    "setting an array element with a sequence",
    "' instead",
    ", but got ",
)
def strings(text: str, context: Context) -> Finding | None:
    for anchor in ("could not convert string to float", "invalid literal for float()"):
        for _ in anchored(STRING_TO_FLOAT, text, anchor):
            return _clash("object", "float32", "np.asarray", "", kind="object")
    for _ in anchored(STRING_TO_FLOAT, text, "setting an array element with a"):
        # a ragged list: examples of different lengths kept as objects (dtype) as often as
        # images of different sizes that cannot form one batch (the model's input)
        return DtypeClash("object", "float32", "np.asarray", "", "object", guess=True)
    converted = chain(
        anchored(EXPECTED_GOT, text, "' instead", before=220, after=20),
        anchored(EXPECTED_GOT, text, ", but got ", before=30, after=220),
    )
    for match in converted:
        kind, expected = match.group("type"), _name(match.group("expected"))
        if kind == "float" and expected in INTEGER:
            if expected in ("int32", "int64") and _size_like(match.group("value")):
                return FloatDimension(match.group("value"))  # a size computed with "/"
            # a Python float meets an integer tensor: uint8 images (decode_image, decode_png)
            # in arithmetic with 0.5 or 255.0 before their cast to float32
            return _clash("float32", expected, context.op or "convert_to_tensor")
        if kind == "str":
            found = _text(match.group("value"), expected, context.op or "convert_to_tensor")
            if found is None:
                continue
            return found
        # a tensor: "got <tf.Tensor 'add:0' shape=() dtype=float64>"
        if kind in ("Tensor", "EagerTensor", "SymbolicTensor"):
            tensor = TENSOR_DTYPE.search(match.group("value"))
            if tensor and _name(tensor.group("got")) != expected:
                return _clash(tensor.group("got"), expected, context.op or "convert_to_tensor")
    for match in anchored(YIELDED_TYPE, text, "yielded an element that could not be", before=20):
        if text.startswith(YIELDED_TUPLE, match.end()):
            return DatasetShapes(kind="tuple")  # a tuple where the signature has one tensor
        return _clash("object", match.group("expected"), "Dataset.from_generator", "")
    return None


@reads("attributes didn't match")
def no_kernel(text: str, context: Context) -> Finding | None:
    for match in anchored(NO_KERNEL, text, "No registered '", after=1500):
        return _clash(match.group("got"), "float32", match.group("op"), "", kind="no-kernel")
    return None


@reads("Could not find device for node")
def no_device(text: str, context: Context) -> Finding | None:
    """An op given a dtype that none of its kernels takes: the attribute whose dtype no
    registered kernel lists (a lookup table's float keys); where the list of kernels was not
    pasted, a guess at the node's first dtype."""
    for match in anchored(NO_DEVICE, text, "Could not find device for node", after=300):
        op = match.group("op")
        node = text[match.end() : match.end() + 600].split("]", 1)[0]
        given = {m.group("attr"): m.group("dtype") for m in _NODE_DTYPE.finditer(node)}
        if not given:
            return None
        registered = text.find("All kernels registered for op", match.end())
        if registered < 0:
            first, dtype = next(iter(given.items()))
            return DtypeClash(_name(dtype), "another dtype", op, f"as {first}", "no-kernel", True)
        listed: dict[str, set[str]] = {}
        for kernel in _KERNEL_LINE.finditer(text[registered : registered + 20_000]):
            for constraint in _KERNEL_ATTR.finditer(kernel.group("attrs")):
                dtypes = {name.strip() for name in constraint.group("dtypes").split(",")}
                listed.setdefault(constraint.group("attr"), set()).update(dtypes)
        for attr, dtype in given.items():
            allowed = listed.get(attr)
            if allowed and dtype not in allowed:
                names = ", ".join(sorted(_name(name) for name in allowed))
                if _name(dtype).startswith(_FLOAT_NAMES) and _integers_only(names):
                    return _clash(dtype, _integer(names), op, f"as {attr}", kind="indices")
                return DtypeClash(_name(dtype), names, op, f"as {attr}", "no-kernel")
    return None


def _integer(names: str) -> str:
    """The integer dtype to cast to, of a list of allowed ones ("int32, int64, string")."""
    for name in ("int64", "int32"):
        if name in names:
            return name
    return names.split(",")[0].strip()


@reads("argument must contain")
def filenames(text: str, context: Context) -> Finding | None:
    for match in anchored(FILENAMES, text, "argument must contain", before=40, after=80):
        reader = next((op for op in FILE_DATASETS if op in text), FILE_DATASET)
        return _clash(match.group("got"), "string", reader, "as its filenames")
    return None


@reads("Data types don't match")
def parsed(text: str, context: Context) -> Finding | None:
    for match in anchored(PARSED, text, "Data types don't match", before=140, after=80):
        stored, spec = match.group("stored"), match.group("spec")
        feature = f"'{match.group('key')}'"  # the record kind's `where`: the feature's name
        return DtypeClash(_name(stored), _name(spec), "tf.io.parse_example", feature, "record")
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
        return _clash(match.group("got"), match.group("expected"), context.op, where)
    return None


@reads("Cannot convert ")
def eager_convert(text: str, context: Context) -> Finding | None:
    for match in anchored(EAGER_CONVERT, text, "Cannot convert "):
        value = match.group("value").strip()
        expected = _name(match.group("expected"))
        if value[:1] in "[(" and expected in ("int32", "int64") and _FLOAT_ITEM.search(value):
            return FloatDimension(value)  # a shape with a float in it: sizes computed with "/"
        got = "float32" if re.fullmatch(r"-?\d{0,20}\.\d{0,20}(?:e-?\d{1,3})?", value) else ""
        if value[:1] in "'\"" and expected != "string":
            return _text(value, match.group("expected"), context.op or "convert_to_tensor")
        if not got:
            continue
        return _clash(got, match.group("expected"), context.op or "convert_to_tensor")
    return None


@reads("Cannot convert a list containing a tensor")
def list_convert(text: str, context: Context) -> Finding | None:
    for match in anchored(LIST_CONVERT, text, "Cannot convert a list containing a tensor"):
        if DATA_ITEM.search(match.group("name")):
            return DataPairs()  # a batch's (images, labels) pair taken for the images
        where = f"({match.group('name')})"
        return _clash(match.group("got"), match.group("expected"), LIST_OF_TENSORS, where)
    return None


@reads("padding_values")
def padding_values(text: str, context: Context) -> Finding | None:
    for match in anchored(PADDING_VALUES, text, "padding_values", after=300):
        got, expected = match.group("got"), match.group("expected")
        return _clash(got, expected, "Dataset.padded_batch", "as padding_values")
    return None


@reads("Failed to convert a NumPy array to a Tensor", "Python sequence with mixed types")
def object_array(text: str, context: Context) -> Finding | None:
    for _ in anchored(OBJECT_ARRAY, text, "Failed to convert a NumPy array to a Tensor"):
        return _clash("object", "float32", "convert_to_tensor", "", kind="object")
    # a Python list (a record, a DataFrame's rows) holding numbers and strings, or numbers and
    # lists, turned into a tensor: "Can't convert Python sequence with mixed types to Tensor."
    for _ in anchored(MIXED_SEQUENCE, text, "Python sequence with mixed types", before=20):
        return _clash("object", "float32", "convert_to_tensor", "", kind="object")
    return None


@reads(
    "arrays are valid indices",
    "arrays used as indices must be of integer",
    "indices must be integers or slices, not",
)
def numpy_index(text: str, context: Context) -> Finding | None:
    for anchor in ("valid indices", "used as indices must", "indices must be integers or"):
        for match in anchored(NUMPY_INDEX, text, anchor, before=120, after=80):
            if match.group("numpy"):
                return FloatIndex("array")
            return FloatIndex(match.group("list"), match.group("got"))
    return None


@reads("indices must have an integer type")
def indices(text: str, context: Context) -> Finding | None:
    for _ in anchored(INDICES, text, "indices must have an integer type"):
        return _clash("float32", "int32", context.op or "take", "as indices", kind="indices")
    return None


# NumPy's in-place arithmetic on an integer array (`images /= 255` on uint8 images): "Cannot
# cast ufunc 'divide' output from dtype('float64') to dtype('uint8') with casting rule
# 'same_kind'"; NumPy 1.9 and older: "ufunc 'true_divide' output (typecode 'd') could not be
# coerced to provided output parameter (typecode 'B') according to the casting rule
# ''same_kind''"
UFUNC = Lazy(
    r"Cannot cast ufunc '(?P<op>\w{1,40})' output from dtype\('(?P<got>\w{1,20})'\) to "
    r"dtype\('(?P<into>\w{1,20})'\) with casting rule 'same_kind'"
    r"|ufunc '(?P<old>\w{1,40})' output \(typecode '(?P<gotc>\w)'\) could not be coerced to "
    r"provided output parameter \(typecode '(?P<intoc>\w)'\)"
)
#: NumPy's one-letter type codes, as its old casting message prints them
TYPECODES = {
    "d": "float64", "f": "float32", "e": "float16", "g": "longdouble", "B": "uint8",
    "b": "int8", "H": "uint16", "h": "int16", "I": "uint32", "i": "int32", "L": "uint64",
    "l": "int64", "Q": "uint64", "q": "int64", "?": "bool",
}  # fmt: skip
# PIL's Image.fromarray on an array it has no image mode for: "Cannot handle this data type:
# (1, 1, 3), <f4" (the last axes, then NumPy's type string; Pillow before 8 printed only the
# first words); Image.save of a float image ("F" mode) in a format of 8-bit pixels: "cannot
# write mode F as PNG"
PIL_TYPE = Lazy(
    r"Cannot handle this data type"
    r"(?:: \((?P<axes>[\d, ]{1,30})\), (?P<typestr>[<>|=]?[a-z]\d{1,2}))?"
)
PIL_MODE = Lazy(r"cannot write mode (?P<mode>F|I|I;16|RGBA|LA|P|CMYK) as \w{1,10}")
#: NumPy's type strings ("<f4") as dtype names
TYPESTRINGS = {
    "f2": "float16", "f4": "float32", "f8": "float64", "i8": "int64", "i4": "int32",
    "b1": "bool", "u2": "uint16", "i2": "int16", "u4": "uint32", "u8": "uint64",
}  # fmt: skip


@reads("Cannot cast ufunc '", "could not be coerced to provided output parameter")
def in_place(text: str, context: Context) -> Finding | None:
    for anchor in ("Cannot cast ufunc '", "could not be coerced to provided output"):
        for match in anchored(UFUNC, text, anchor, before=60, after=160):
            if match.group("op"):
                got, into, op = match.group("got"), match.group("into"), match.group("op")
            else:
                got = TYPECODES.get(match.group("gotc"), match.group("gotc"))
                into = TYPECODES.get(match.group("intoc"), match.group("intoc"))
                op = match.group("old")
            return ArrayDtype(got, into, op, "in-place")
    return None


@reads("Cannot handle this data type", "cannot write mode ")
def image_file(text: str, context: Context) -> Finding | None:
    for match in anchored(PIL_TYPE, text, "Cannot handle this data type", after=60):
        typestr = match.group("typestr")
        if typestr is None:
            return ArrayDtype("", "", "Image.fromarray", "image-file")
        if typestr.endswith("u1"):
            return None  # uint8 with an axis PIL cannot take (a batch, one channel): not dtype
        return ArrayDtype(
            TYPESTRINGS.get(typestr[-2:], typestr), "", "Image.fromarray", "image-file"
        )
    for match in anchored(PIL_MODE, text, "cannot write mode ", after=40):
        if match.group("mode") == "F":  # only float images: the other modes are not dtypes
            return ArrayDtype("float32", "", "Image.save", "image-file")
    return None


READERS = (
    in_place,
    image_file,
    eager,
    in_list,
    input_mismatch,
    conversion,
    returned,
    not_allowed,
    variable,
    same_dtype,
    eager_convert,
    list_convert,
    padding_values,
    object_array,
    indices,
    numpy_index,
    invalid,
    cast,
    passed,
    no_kernel,
    no_device,
    filenames,
    parsed,
    strings,
)
