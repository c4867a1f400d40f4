"""Pasted text as the readers want it: the error's words, without the noise around them.

People paste errors with log prefixes (`2019-03-01 12:00:00.123456: W tensorflow/core/...]`),
ANSI colours, Windows line endings, TensorFlow's `[[node ...]]` blocks and "N root error(s)
found" headers, Keras' "Exception encountered when calling layer ..." wrappers and their
"Call arguments received" lists, and with or without Keras 3's backticks. `normalise` drops
all of that, so that one pattern reads every form. `message_lines` also drops the traceback's
frames and code lines, so that general readers see only what the error says.

Before that, `plain` gives a pasted text back the characters the terminal printed: a web
page, a chat or a word processor turns spaces into no-break spaces, quotes into curly ones,
and "<" into "&lt;"; a GitHub comment quotes with "> ", pytest marks lines with "E". And a
console that copies its lines as shown cuts them at its width: `unwrap` and `rejoin` give a
second reading with the lines joined.

Every step is linear in the text's length.
"""

from __future__ import annotations

import html
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


# Characters that a web page, a word processor or a chat puts in place of the ASCII ones a
# terminal printed: no-break and other wide spaces, zero-width characters, typographic
# quotes and dashes, a minus sign, full-width forms. Not digits of other scripts (a "²" or a
# "١٦" is no size), and not NFKC, which would make "²" a 2.
_PLAIN = {
    **{ord(c): " " for c in "\u00a0\u1680\u202f\u205f\u3000"},
    **{c: " " for c in range(0x2000, 0x200B)},
    **{ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"},
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u2033"},
    **{c: "-" for c in range(0x2010, 0x2016)},
    0x2212: "-",
    0x2026: "...",
    **{c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if not chr(c - 0xFEE0).isdigit()},
}
_NOT_ASCII = Lazy(r"[^\x00-\x7f]")
# a character reference of an HTML page: "&#39;", "&#x27;", "&quot;", "&lt;", "&gt;", "&amp;"
_ENTITY = Lazy(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|quot|apos|lt|gt|amp|nbsp);")


# a Markdown editor's escapes, "conv2d\_1", "\*\*": the backslash is not the message's
_MARKDOWN_ESCAPE = Lazy(r"\\([_*\[\]`])")
# a message printed as a Python string (a repr, a JSON log): "\n" and "\t" written out, where
# they outnumber the real line breaks; a path's backslash is doubled there ("C:\\new"), and
# so are the quotes ("\'")
_ESCAPE = Lazy(r"\\([\\'\"nt])")
_ESCAPED = {"n": "\n", "t": "\t"}

# pytest's mark of an exception's lines in its report: "E       ValueError: ..."
_PYTEST_MARK = Lazy(r"^E {3,12}(?=\S)", re.M)
# a Markdown quote (a GitHub comment quoting an error): "> " before each line, or "> > "
_QUOTE_MARK = Lazy(r"^[ \t]{0,3}(?:>[ \t]?){1,5}", re.M)
_UNQUOTED_LINE = Lazy(r"^[ \t]{0,3}[^>\s]", re.M)


def plain(text: str) -> str:
    """Pasted text as the terminal printed it: HTML character references decoded, typographic
    and invisible characters (see `_PLAIN`) made ASCII again, and a Markdown quote's "> "
    marks taken off when every line has one (so a REPL's ">>> " lines among its output lines,
    and IPython's "---> 12" lines, stay), pytest's "E       " marks taken off, a Markdown
    editor's backslash escapes ("conv2d\\_1") taken off, and line breaks written out as "\\n"
    (a message printed as a Python string) made line breaks again. Linear."""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if _NOT_ASCII.search(text):
        text = text.translate(_PLAIN)
    if text.lstrip().startswith(">") and not _UNQUOTED_LINE.search(text):
        text = _QUOTE_MARK.sub("", text)
    if "E   " in text:
        text = _PYTEST_MARK.sub("", text)
    if "\\" in text:
        text = _MARKDOWN_ESCAPE.sub(r"\1", text)
        if text.count("\\n") > text.count("\n") or _one_quoted_line(text):
            text = _unescape(text)
    return text


def _one_quoted_line(text: str) -> bool:
    """A single line in quotes with a backslash in it: a message printed as a Python string
    whose escapes are not line breaks ('... F .\\\\tensorflow/core/...', a Windows path)."""
    inner = _quoted(text)
    return inner is not None and "\n" not in inner


def _quoted(text: str) -> str | None:
    """What lies between the quotes of a text that starts and ends with the same quote
    (a message printed as a Python string), else None."""
    inner = text.strip()
    if len(inner) > 1 and inner[0] == inner[-1] and inner[0] in "'\"":
        return inner[1:-1]
    return None


def _unescape(text: str) -> str:
    """A message printed as a Python string, its quotes and escapes taken off."""
    inner = _quoted(text)
    return _ESCAPE.sub(
        lambda m: _ESCAPED.get(m.group(1), m.group(1)), text if inner is None else inner
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
    if text.rstrip().rstrip("'\"")[-1:].isdigit():
        text = _CUT_SHAPE.sub(r"\g<shape>)\g<end>", text)
    return text.replace("`", "")


#: a shape left open where the text stops: a message cut off at its end (an issue's title,
#: "could not broadcast input array from shape (32,2048,3,3) into shape (16,2048,3,3"),
#: closed so that the readers of shapes see it
_CUT_SHAPE = Lazy(
    r"(?<=shape )(?P<shape>\((?:\d{1,12}|None|\?)(?:, ?(?:\d{1,12}|None|\?)){1,8})"
    r"(?P<end>['\"]?\s*)\Z"
)


def message_lines(text: str) -> str:
    """The normalised text without traceback frames, code lines and blank runs."""
    if 'File "' in text:
        text = _FRAME_LINES.sub("", text)
    text = _IPYTHON_LINE.sub("", text)
    return _BLANK_RUNS.sub("\n", text).strip()


def rejoin(text: str) -> str:
    """The text with its lines joined by single spaces: a hard-wrapped message made whole.

    Only for a second reading: patterns that read lists line by line may miss in it. Linear
    (a pattern of spaces around each line end was not, on lines of many spaces)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    inner = (line.strip(" \t") for line in lines[1:-1])
    return " ".join((lines[0].rstrip(" \t"), *inner, lines[-1].lstrip(" \t")))


#: Widths a console wraps at when it copies what it shows (Windows' console copies its lines
#: as shown, cut at its width, even in the middle of a word).
_CONSOLE_WIDTHS = frozenset({80, 100, 120, 132})


def unwrap(text: str) -> str:
    """The text with the lines that a console cut at its width joined again, with nothing
    between them (the cut may fall inside a word or a shape), or the text itself when no
    width shows: two or more lines of one length of 60 characters or more (or one line of a
    usual console width), not counting rules of one repeated character. Linear.

    Only for a second reading, like `rejoin`: two lines of one length can be a coincidence."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    counts: dict[int, int] = {}
    for line in lines[:-1]:
        if len(line) >= 60 and line.strip(line[0]):
            counts[len(line)] = counts.get(len(line), 0) + 1
    if not counts:
        return text
    width = max(counts, key=lambda n: (counts[n], n in _CONSOLE_WIDTHS))
    if counts[width] < 2 and width not in _CONSOLE_WIDTHS:
        return text
    parts = []
    for line in lines[:-1]:
        parts.append(line)
        parts.append("" if len(line) == width else "\n")
    parts.append(lines[-1])
    return "".join(parts)
