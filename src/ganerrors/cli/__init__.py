"""The `ganerrors` command. Each subcommand lives in its own module of this package and
exposes `register(subparsers)`; this module only wires them together.

Nothing here imports TensorFlow: commands that need it import it themselves.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from ganerrors import __version__

# modules of ganerrors.cli, each with register(subparsers) -> None
COMMAND_MODULES = ("explain_cmd", "course_cmds", "report_cmd", "checklist_cmd", "dev_cmd")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or only the module `only` (a COMMAND_MODULES name)."""
    parser = argparse.ArgumentParser(
        prog="ganerrors",
        description="Katas and explanations for the errors of GAN training with TensorFlow/Keras.",
    )
    parser.add_argument("--version", action="version", version=f"ganerrors {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only else COMMAND_MODULES:
        try:
            module = import_module(f"ganerrors.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"ganerrors.cli.{name}":
                raise
            continue  # a command module not written yet
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _forgiving_streams()
    given = list(sys.argv[1:] if argv is None else argv)
    # `ganerrors explain` is pasted into by people in a hurry: build only its parser, without
    # importing the workshop's modules (about 0.1 s of a 0.14 s run).
    parser = build_parser("explain_cmd" if given[:1] == ["explain"] else None)
    try:
        args = parser.parse_args(given)
        if not getattr(args, "run", None):
            parser.print_help()
            return 2
        code = int(args.run(args) or 0)
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        # Output that cannot be written (a full disk, `>/dev/full`, a closed pipe) or any
        # other OSError no command expected: one line, no traceback.
        _silence_stdout()
        if isinstance(exc, BrokenPipeError):
            return 0
        try:
            print(f"ganerrors: error: {exc.strerror or exc}", file=sys.stderr, flush=True)
        except (OSError, ValueError):
            pass
        return 1


def _forgiving_streams() -> None:
    """Characters a terminal cannot show come out as escapes, never as UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
