"""Pasted text as the readers want it: the error's words, without the noise around them.

People paste errors with log prefixes (`2019-03-01 12:00:00.123456: W tensorflow/core/...]`),
ANSI colours, Windows line endings, TensorFlow's `[[node ...]]` blocks and "N root error(s)
found" headers, Keras' "Exception encountered when calling layer ..." wrappers and their
"Call arguments received" lists, and with or without Keras 3's backticks. `normalise` drops
all of that, so that one pattern reads every form. `message_lines` also drops the traceback's
frames and code lines, so that general readers see only what the error says.

Every step is linear in the text's length.
"""

from __future__ import annotations

import re

from ganerrors.explainers.parsing import Lazy

_ANSI = Lazy(r"\x1b\[[0-9;?]{0,20}[A-Za-z]")
# TF 1.x prints TensorShape([Dimension(None), Dimension(1)])
_DIMENSION = Lazy(r"Dimension\((\d{1,19}|None|\?)\)")
# "2019-03-01 12:00:00.123456: W tensorflow/core/framework/op_kernel.cc:1273] "
_TIMESTAMP = Lazy(
    r"^[ \t]{0,8}\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?\]?:?[ \t]{0,4}", re.M
)
# "W tensorflow/core/kernels/...cc:123] ", glog's "W0301 12:00:00.123456 12345 file.cc:12] "
_LOG_SOURCE = Lazy(
    r"^[ \t]{0,8}[IWEF](?:\d{4} \d\d:\d\d:\d\d\.\d{1,9}[ \t]{1,10}\d{1,10})? "
    r"[\w/.\\-]{1,300}:\d{1,7}\] ",
    re.M,
)
# Python logging: "WARNING:tensorflow:", "INFO:tensorflow:"
_LOGGING = Lazy(r"^(?:INFO|WARNING|ERROR|DEBUG|CRITICAL):[\w.]{1,100}:", re.M)
_OP_REQUIRES = Lazy(r"OP_REQUIRES failed at [\w.]{1,200}:\d{1,7} ?: ?")
# "(0) Invalid argument: ", "Invalid argument: ", "INVALID_ARGUMENT: "
_STATUS = Lazy(r"(?:\(\d{1,3}\) )?(?:Invalid argument|INVALID_ARGUMENT): {1,3}")
_STATUS_NUMBER = Lazy(r"^[ \t]{0,8}\(\d{1,3}\) (?=[A-Z])", re.M)
_ROOT_ERRORS = Lazy(
    r"^[ \t]{0,8}(?:\d{1,4} root error\(s\) found\.?|\d{1,9} successful operations?\.?"
    r"|\d{1,9} derived errors? ignored\.?)[ \t]{0,8}$",
    re.M,
)
_WRAPPER = Lazy(
    r"^[ \t]{0,8}Exception encountered when calling [^\n]{0,300}$", re.M
)  # the layer it names is read before this is dropped (Context.layer)
_ARGUMENTS = Lazy(
    r"^[ \t]{0,8}(?:Call arguments received(?: by layer [^\n]{0,300})?|Arguments received by "
    r"[^\n]{0,300}):[ \t]{0,8}\n(?:[ \t]{0,16}[•*-][^\n]{0,2000}\n?){0,50}",
    re.M,
)
_NODE_START = Lazy(r"\[\[(?:\{\{node |node |Node: |\{\{function_node )")
_BLANK_RUNS = Lazy(r"\n[ \t]{0,20}\n(?:[ \t]{0,20}\n){0,1000}")

# Traceback lines: a frame, the code line under it (indented deeper) and Python 3.11's ^^^^
# markers; IPython's "---> 12 code" lines (indented, or behind the arrow: a line of a message
# wrapped before a number, "30523 is not in [0, 30522)", is not one) and "path.py in f(x)"
# frames.
_FRAME_LINES = Lazy(
    r'^([ \t]{0,40})File "[^\n]{0,1000}(?:\n\1[ \t]{1,40}[^\n]{0,2000})?(?:\n[ \t~^]{0,2000}$)?',
    re.M,
)
_IPYTHON_LINE = Lazy(
    r"^(?:(?:[ \t]{0,40}-{0,10}> ?|[ \t]{1,40})\d{1,7}[ \t][^\n]{0,2000}"
    r"|[^\s][^\n]{0,500}(?:\.py|>) in [<\w][\w<>]{0,200}\([^\n]{0,1000}"
    r"|[ \t]{0,8}Traceback \(most recent call last\):?[^\n]{0,200})$",
    re.M,
)


def _strip_nodes(text: str) -> str:
    """Drop `[[node ...]]`, `[[{{node ...}}]]` and `[[Node: ...]]` blocks (one line each).

    Linear: the blocks' starts are found by one pattern, and the last "]]" of a line is looked
    up once per line, however many blocks start on it.
    """
    if "[[" not in text:
        return text
    parts = []
    at = 0
    line_end = close = -1
    for match in _NODE_START.finditer(text):
        start = match.start()
        if start < at:
            continue  # inside a block already dropped
        if start >= line_end:  # a new line: find its end and its last "]]" once
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
            close = text.rfind("]]", start, line_end)
        if close <= start:
            continue
        parts.append(text[at:start])
        at = close + 2
    parts.append(text[at:])
    return "".join(parts)


def normalise(text: str) -> str:
    """The text with line endings, colours, log prefixes and TensorFlow's wrappers removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "Dimension(" in text:
        text = _DIMENSION.sub(r"\1", text)
    if "-" in text and ":" in text:
        text = _TIMESTAMP.sub("", text)
    if "] " in text:
        text = _LOG_SOURCE.sub("", text)
    if ":" in text:
        text = _LOGGING.sub("", text)
    if "OP_REQUIRES" in text:
        text = _OP_REQUIRES.sub("", text)
    if "nvalid argument" in text or "INVALID_ARGUMENT" in text:
        text = _STATUS.sub("", text)
    if "(" in text:
        text = _STATUS_NUMBER.sub("", text)
    if "root error" in text or "successful operation" in text or "derived error" in text:
        text = _ROOT_ERRORS.sub("", text)
    if "Exception encountered" in text:
        text = _WRAPPER.sub("", text)
    if "rguments received" in text:
        text = _ARGUMENTS.sub("", text)
    text = _strip_nodes(text)
    return text.replace("`", "")


def message_lines(text: str) -> str:
    """The normalised text without traceback frames, code lines and blank runs."""
    if 'File "' in text:
        text = _FRAME_LINES.sub("", text)
    text = _IPYTHON_LINE.sub("", text)
    return _BLANK_RUNS.sub("\n", text).strip()


_SPACES = Lazy(r"[ \t]{0,100}\n[ \t]{0,100}")


def rejoin(text: str) -> str:
    """The text with its lines joined by single spaces: a hard-wrapped message made whole.

    Only for a second reading: patterns that read lists line by line may miss in it."""
    return _SPACES.sub(" ", text) if "\n" in text else text
