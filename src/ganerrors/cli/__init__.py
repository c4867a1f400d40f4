"""The `ganerrors` command. Each subcommand lives in its own module of this package and
exposes `register(subparsers)`; this module only wires them together.

Nothing here imports TensorFlow: commands that need it import it themselves.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from ganerrors import __version__

# modules of ganerrors.cli, each with register(subparsers) -> None
COMMAND_MODULES = ("explain_cmd", "workshop", "dev_cmd")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ganerrors",
        description="Katas and explanations for the errors of GAN training with TensorFlow/Keras.",
    )
    parser.add_argument("--version", action="version", version=f"ganerrors {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = import_module(f"ganerrors.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"ganerrors.cli.{name}":
                raise
            continue  # a command module not written yet
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
