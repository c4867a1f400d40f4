"""`ganerrors report PATH...`: the room, for the instructor. The work is in workshop.room."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ganerrors.workshop import WorkshopError, room


def cmd_report(args: argparse.Namespace) -> int:
    learners = room.gather([Path(p) for p in args.paths])
    if not learners:
        print("ganerrors report: no course folder or progress file found there", file=sys.stderr)
        return 1
    if args.html:
        try:
            Path(args.html).write_text(room.html_page(learners), encoding="utf-8")
        except OSError as exc:
            raise WorkshopError(f"cannot write {args.html}: {exc.strerror}") from None
    if args.json:
        print(json.dumps([_as_json(learner) for learner in learners], indent=2, default=str))
    else:
        print(room.text_table(learners), flush=True)
    if args.html:
        print(f"Wrote {args.html}.", file=sys.stderr)
    return 0


def _as_json(learner: room.Learner) -> dict[str, Any]:
    current = learner.current
    return {
        "learner": learner.name,
        "source": learner.source,
        "problem": learner.problem,
        "solved": learner.solved,
        "total": len(learner.katas),
        "current": current.number if current else None,
    }


def register(subparsers: Any) -> None:
    from ganerrors.cli.course_cmds import guarded

    text = (
        "Show the room: who is on which kata, for how long, with how many hints. Reads course "
        "folders (or folders holding them, like /home/*) and files from `ganerrors list --json`."
    )
    parser = subparsers.add_parser("report", help=text, description=text)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="course folders or JSON files")
    parser.add_argument("--html", metavar="FILE", help="also write the table as one HTML page")
    parser.add_argument("--json", action="store_true", help="print a summary per learner as JSON")
    parser.set_defaults(run=guarded("report", cmd_report))
