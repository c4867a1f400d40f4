"""`ganerrors dev check [PATH]`: validate a course folder for its authors (see ganerrors.dev)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    dev = subparsers.add_parser("dev", help="tools for course authors")
    commands = dev.add_subparsers(dest="dev_command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check that every kata fails as registered, every solution and variant as declared",
        description="Check a course folder: the registry and the folders agree, each kata "
        "fails as shipped with its registered failure, each solution passes every check, and "
        "each variant in solutions/NN/variants.toml behaves as declared. Exits 1 on any problem.",
    )
    check.add_argument(
        "path",
        nargs="?",
        default=".",
        help="the course: a folder holding katas/katas.toml, or the katas folder (default: .)",
    )
    check.add_argument("--jobs", type=_jobs, default=None, help="pytest runs at once (default 2)")
    check.add_argument(
        "--static", action="store_true", help="only the registry and the files: run no kata"
    )
    check.set_defaults(run=_check)
    dev.set_defaults(run=lambda args: _help(dev))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _jobs(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"--jobs takes a whole number from 1 to 64, not {text!r}")
    return int(text)


def _check(args: argparse.Namespace) -> int:
    from ganerrors.dev.check import check

    report = check(Path(args.path), jobs=args.jobs, run_katas=not args.static)
    print(report.render(), flush=True)
    if not report.ok:
        print("ganerrors dev check: the course has problems (above).", file=sys.stderr)
        return 1
    return 0
