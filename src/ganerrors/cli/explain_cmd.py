"""`ganerrors explain [FILE] [--json]`: explain a pasted traceback or error message.

Reads FILE, or standard input when FILE is absent or `-`. Exit codes: 0 when the error is
recognised, 1 when it is not (a short "not recognised" line, or `"category": null` with
--json), 2 when FILE cannot be read. It never imports TensorFlow, so it answers at once.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, BinaryIO

from ganerrors.explainers.context import HEAD, TAIL

EXIT_RECOGNISED, EXIT_NOT_RECOGNISED, EXIT_UNREADABLE = 0, 1, 2
_CHUNK = 1 << 16


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "explain",
        help="explain a TensorFlow/Keras error message or traceback",
        description="Explain a TensorFlow/Keras error met while training a GAN. Paste the "
        "whole traceback or just the error message. Exit code: 0 recognised, 1 not "
        "recognised, 2 FILE unreadable.",
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


def _read(name: str) -> bytes:
    if name == "-":
        return read_bounded(sys.stdin.buffer)
    with open(name, "rb") as stream:
        return read_bounded(stream)


def run(args: argparse.Namespace) -> int:
    try:
        data = _read(args.file)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(f"ganerrors explain: cannot read {args.file}: {reason}", file=sys.stderr)
        return EXIT_UNREADABLE
    from ganerrors.explainers import explain

    diagnosis = explain(data)
    if args.json:
        from ganerrors.explainers import Diagnosis

        out = Diagnosis.unrecognised_json() if diagnosis is None else diagnosis.to_json()
        print(json.dumps(out, ensure_ascii=False))
    elif diagnosis is None:
        print("ganerrors: not recognised: this error is not one ganerrors explains yet.")
    else:
        print(diagnosis.render())
    return EXIT_RECOGNISED if diagnosis is not None else EXIT_NOT_RECOGNISED
