"""`ganerrors explain [FILE] [--json]`: explain a pasted traceback or error message.

Reads FILE, or standard input when FILE is absent or `-`; at a terminal it first says how to
end the paste (one Ctrl-D). Exit codes: 0 when the error is recognised, 1 when it is not (a
short "not recognised" line, or `"category": null` with --json), 2 when the input cannot be
read, 3 when the answer cannot be written (a full disk, a closed output). It never imports
TensorFlow, so it answers at once, and it never ends with a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, BinaryIO, TextIO

from ganerrors.explainers.context import HEAD, TAIL

EXIT_RECOGNISED, EXIT_NOT_RECOGNISED, EXIT_UNREADABLE, EXIT_UNWRITABLE = 0, 1, 2, 3
PROMPT = "Paste the error, then press Ctrl-D (Ctrl-Z Enter on Windows)."
_CHUNK = 1 << 16


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "explain",
        help="explain a TensorFlow/Keras error message or traceback",
        description="Explain a TensorFlow/Keras error met while training a GAN. Paste the "
        "whole traceback or just the error message. Exit code: 0 recognised, 1 not "
        "recognised, 2 input unreadable, 3 output unwritable.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="a file holding the traceback or message; standard input when absent or '-'",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.set_defaults(run=run)


def read_bounded(stream: BinaryIO) -> bytes:
    """The head and tail of a stream, never more than HEAD + TAIL bytes in memory (+1 chunk)."""
    head = stream.read(HEAD)
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        tail = (tail + chunk)[-TAIL:]
    return head + tail


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def _read_stdin() -> bytes | str:
    stdin = sys.stdin
    if stdin is None:  # started with standard input closed (`<&-`)
        raise OSError("standard input is closed")
    if _is_terminal(stdin):
        # A person pastes: one read to the end, which a single Ctrl-D ends (a bounded read
        # in two steps would need a second one).
        _say(PROMPT, sys.stderr)
        return stdin.read()
    buffer = getattr(stdin, "buffer", None)
    if buffer is None:  # a text stream without bytes underneath (a test, an IDE)
        return stdin.read()
    return read_bounded(buffer)


def _read(name: str) -> bytes | str:
    if name == "-":
        return _read_stdin()
    with open(name, "rb") as stream:
        return read_bounded(stream)


def _say(text: str, stream: TextIO | None) -> None:
    """Write a line that any terminal can show: characters its encoding lacks are escaped."""
    if stream is None:
        raise OSError("the output is closed")
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        safe = text.encode(encoding, "backslashreplace").decode(encoding, "replace")
    except LookupError:  # an encoding Python does not know
        safe = text.encode("ascii", "backslashreplace").decode("ascii")
    stream.write(safe + "\n")
    stream.flush()


def _silence_stdout() -> None:
    """After a failed write, point standard output at the null device, so that Python's own
    flush at exit does not fail a second time with a traceback."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):
        pass


def run(args: argparse.Namespace) -> int:
    try:
        data = _read(args.file)
    except (OSError, ValueError) as exc:  # ValueError: a closed stream
        where = "standard input" if args.file == "-" else args.file
        reason = getattr(exc, "strerror", None) or str(exc)
        _complain(f"ganerrors explain: cannot read {where}: {reason}")
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130
    from ganerrors.explainers import explain

    diagnosis = explain(data)
    if args.json:
        from ganerrors.explainers import Diagnosis

        out = Diagnosis.unrecognised_json() if diagnosis is None else diagnosis.to_json()
        text = json.dumps(out, ensure_ascii=False)
    elif diagnosis is None:
        text = "ganerrors: not recognised: this error is not one ganerrors explains yet."
    else:
        text = diagnosis.render()
    try:
        _say(text, sys.stdout)
    except BrokenPipeError:  # `| head` stopped reading: nothing to say about it
        _silence_stdout()
        return EXIT_UNWRITABLE
    except (OSError, ValueError) as exc:
        _silence_stdout()
        reason = getattr(exc, "strerror", None) or str(exc)
        _complain(f"ganerrors explain: cannot write the explanation: {reason}")
        return EXIT_UNWRITABLE
    return EXIT_RECOGNISED if diagnosis is not None else EXIT_NOT_RECOGNISED


def _complain(message: str) -> None:
    try:
        _say(message, sys.stderr)
    except (OSError, ValueError):
        pass  # nowhere left to say it; the exit code still does
