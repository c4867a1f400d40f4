"""The course commands: init, list, check, hint, watch, reset, solution, doctor.

Argument parsing and printing only; the work is done in `ganerrors.workshop`. Only `check`
(in its checker process), `watch` (in its fork server) and `doctor` import TensorFlow.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ganerrors import course
from ganerrors.categories import get as get_category
from ganerrors.workshop import WorkshopError, files, place, progress, room, runner, shipped

COLOURS = {"green": "32", "red": "31", "yellow": "33", "dim": "2", "bold": "1", "cyan": "36"}
STATE_COLOURS = {
    progress.SOLVED: "green",
    progress.FAILING: "red",
    progress.NOT_STARTED: "dim",
}


def paint(text: str, colour: str, stream: TextIO | None = None) -> str:
    """`text` in colour on a terminal, unless NO_COLOR is set or TERM is dumb."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return text
    try:
        if not (hasattr(stream, "isatty") and stream.isatty()):
            return text
    except ValueError:  # a closed stream
        return text
    return f"\033[{COLOURS[colour]}m{text}\033[0m"


def say(text: str = "") -> None:
    print(text, flush=True)


def warn(text: str) -> None:
    print(paint(f"warning: {text}", "yellow", sys.stderr), file=sys.stderr, flush=True)


def guarded(name: str, function: Callable[[argparse.Namespace], int]) -> Callable[..., int]:
    """Run a command; a WorkshopError becomes one line on stderr and its exit code."""

    def run(args: argparse.Namespace) -> int:
        try:
            return function(args)
        except WorkshopError as exc:
            text = " ".join(str(exc).split()) if "\n" not in str(exc) else str(exc)
            print(f"ganerrors {name}: error: {text}", file=sys.stderr, flush=True)
            return exc.code

    return run


def seconds(minimum: float, allow_zero: bool = True) -> Callable[[str], float]:
    """An argparse type: a finite number of seconds, at least `minimum` (above 0 if not
    `allow_zero`), at most a day."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number of seconds: {text[:20]!r}") from None
        if (
            not math.isfinite(value)
            or value < minimum
            or (value == 0 and not allow_zero)
            or value > 24 * 3600
        ):
            low = "at least 0" if allow_zero else "above 0"
            raise argparse.ArgumentTypeError(
                f"{text[:20]!r} is not a number of seconds {low} and at most a day"
            )
        return value

    return parse


def _place(args: argparse.Namespace) -> place.Place:
    return place.find(course_dir=args.course)


def _progress(where: place.Place) -> progress.Progress:
    kept = progress.load(where.state)
    if kept.problem:
        warn(f"{kept.problem}; starting afresh (the file is set aside at the next save)")
    found = where.settings().problem
    if found:
        warn(found)
    return kept


def _kata_or_next(
    where: place.Place, kept: progress.Progress, number: str | None
) -> course.Kata | None:
    if number is not None:
        return where.kata(number)
    return runner.first_unsolved(where, kept)


def _saving_or_stop(where: place.Place) -> None:
    """Refuse up front when a check's result could not be recorded."""
    problem = progress.problem_saving(where.state)
    if problem:
        raise WorkshopError(
            f"{problem}. Your progress could not be recorded, so nothing was run. "
            "Work in a course folder of your own: `ganerrors init DIR`.",
            code=2,
        )


# -- commands ---------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    target, source = files.init(Path(args.dir), spoilers=args.spoilers)
    shown = os.path.relpath(target) if not Path(args.dir).is_absolute() else str(target)
    registry = course.load(target / place.KATAS)
    say(f"Copied {len(registry.katas)} katas to {shown}, from {source.origin}.")
    if not source.verified:
        warn("there is no record of the course as built to check these files against")
    say("Next:")
    say(f"  cd {shown}")
    say("  ganerrors list      # the katas and your progress")
    say("  ganerrors check     # check the first kata (the same as `pytest katas/01`)")
    say(f"{files.README} in the course says what else there is, and how to get help.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    where = _place(args)
    if args.json:
        data = room.export(where)
        if data["problem"]:
            warn(str(data["problem"]))
        say(json.dumps(data, indent=2))
        return 0
    kept = _progress(where)
    katas = where.course.katas
    solved = sum(kept.solved(k.number) for k in katas)
    say(paint(f"ganerrors course in {where.folder}", "bold"))
    width = max(len(k.title) for k in katas)
    checklist_width = max(len(get_category(k.checklist).title) for k in katas)
    for part in _parts(where.course):
        members = [k for k in katas if k.part == part.number]
        if not members:
            continue
        say(paint(f"Part {part.number}: {part.title}", "bold"))
        for kata in members:
            entry = kept.kata(kata.number)
            if not where.course.folder(kata).is_dir():
                state_text = paint("missing", "yellow")
            else:
                state_text = paint(entry.state, STATE_COLOURS[entry.state])
                if entry.state == progress.FAILING and entry.solved:
                    state_text += paint(" (solved before)", "dim")
            detail = _detail(entry)
            checklist = get_category(kata.checklist).title
            say(
                f"  {kata.number}  {kata.title:<{width}}  {checklist:<{checklist_width}}  "
                f"{state_text}{paint(detail, 'dim') if detail else ''}"
            )
    filled = round(20 * solved / len(katas)) if katas else 0
    say(f"Progress: [{'#' * filled}{'.' * (20 - filled)}] {solved}/{len(katas)} solved")
    following = runner.first_unsolved(where, kept)
    if following is None:
        say("Every kata is solved. Well done!")
    else:
        say(
            f"Next: kata {following.number}, {following.title}: "
            f"`ganerrors check {following.number}`"
        )
    return 0


def _parts(registry: course.Course) -> list[course.Part]:
    if registry.parts:
        return list(registry.parts)
    return list(dict.fromkeys(registry.part(kata) for kata in registry.katas))


def _detail(entry: progress.KataProgress) -> str:
    bits = []
    if entry.attempts:
        bits.append(f"{entry.attempts} run{'s' * (entry.attempts != 1)}")
    if entry.hints_shown:
        bits.append(f"{entry.hints_shown} hint{'s' * (entry.hints_shown != 1)}")
    return f" ({', '.join(bits)})" if bits else ""


def cmd_check(args: argparse.Namespace) -> int:
    where = _place(args)
    kata = _kata_or_next(where, _progress(where), args.kata)
    if kata is None:
        say(paint(f"All {len(where.course.katas)} katas are solved. Well done!", "green"))
        return 0
    runner.ready(where, kata)
    _saving_or_stop(where)
    folder = where.relative(where.course.folder(kata))
    say(paint(f"Checking kata {kata.number}: {kata.title} (pytest {folder})", "bold"))
    result = runner.run_subprocess(where, kata, timeout=args.timeout, spoilers=args.spoilers)
    kept = progress.load(where.state)
    say()
    say(paint(runner.next_steps(where, result, kept, "check"), "green" if result.solved else "red"))
    if not result.recorded:
        warn("this run could not be recorded in your progress")
    return 0 if result.solved else 1


def cmd_hint(args: argparse.Namespace) -> int:
    where = _place(args)
    kata = _kata_or_next(where, _progress(where), args.kata)
    if kata is None:
        say("Every kata is solved: no hints needed.")
        return 0
    total = len(kata.hints)
    with progress.update(where.state) as kept:
        shown = kept.hints_shown(kata.number)
        if shown < total:
            kept.count_hint(kata.number)
    if shown >= total:
        say(
            f"There are no more hints for kata {kata.number}: you have seen all {total}. "
            "The checker's explanation now shows the concrete fix: "
            f"`ganerrors check {kata.number}`."
        )
        return 0
    say(paint(f"Hint {shown + 1} of {total} for kata {kata.number}:", "cyan"))
    say(kata.hints[shown])
    if shown + 1 < total:
        say(paint(f"(`ganerrors hint {kata.number}` again for the next one)", "dim"))
    else:
        last = "That was the last hint: from now on the checker's explanation shows the fix."
        say(paint(last, "dim"))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from ganerrors.workshop.watch import watch

    where = _place(args)
    kata = _kata_or_next(where, _progress(where), args.kata)
    if kata is None:
        say(paint(f"All {len(where.course.katas)} katas are solved. Well done!", "green"))
        return 0
    _saving_or_stop(where)
    return watch(
        where,
        kata,
        poll=args.poll,
        interval=args.interval,
        debounce=args.debounce,
        timeout=args.timeout,
        spoilers=args.spoilers,
        say=say,
    )


def cmd_reset(args: argparse.Namespace) -> int:
    where = _place(args)
    kata = where.kata(args.kata)
    originals = files.pristine_files(kata)
    folder = where.relative(where.course.folder(kata))
    if not args.yes:
        if not (sys.stdin and not sys.stdin.closed and sys.stdin.isatty()):
            raise WorkshopError(
                f"reset replaces the files of {folder} and asks first, but there is no "
                f"terminal to ask on: run `ganerrors reset {kata.number} --yes` to go ahead "
                "(your files are backed up first)."
            )
        try:
            answer = input(f"Put {folder} back as shipped? Your files are backed up first. [y/N] ")
        except (EOFError, RuntimeError):
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            say("Nothing changed.")
            return 1
    saved = files.backup(where, kata)
    restored = files.restore(where, kata, originals)
    say(f"Your version of {folder} is saved in {where.relative(saved)}")
    say(f"Restored {', '.join(restored)} in {folder} as shipped.")
    try:
        with progress.update(where.state) as kept:
            kept.restart(kata.number)
    except WorkshopError as exc:
        warn(f"{exc}; kata {kata.number} still shows its old state")
    return 0


def cmd_solution(args: argparse.Namespace) -> int:
    where = _place(args)
    kata = where.kata(args.kata)
    kept = _progress(where)
    source = shipped.load()
    try:
        fixed = source.solution(source.course.kata(kata.number))
    except KeyError:
        fixed = None
    if fixed is None:
        raise WorkshopError(
            f"this ganerrors has no solution of kata {kata.number} ({source.origin})", code=1
        )
    if not kept.solved(kata.number) and not args.force:
        raise WorkshopError(
            f"kata {kata.number} is not solved yet: solve it first (`ganerrors check "
            f"{kata.number}`); the solution is shown once it is. (Instructors: --force.)",
            code=1,
        )
    diff = files.solution_diff(where, kata, fixed)
    if not diff:
        say(f"Your {course.KATA_FILE} of kata {kata.number} is the same as the solution.")
        return 0
    say(f"From your file to the solution of kata {kata.number}:")
    for line in diff.splitlines():
        colour = {"+": "green", "-": "red", "@": "cyan"}.get(line[:1])
        if line.startswith(("+++", "---")) or colour is None:
            say(line)
        else:
            say(paint(line, colour))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from ganerrors.workshop.doctor import Finding, examine

    def show(finding: Finding) -> None:
        mark = paint(" ok ", "green") if finding.ok else paint("FAIL", "red")
        say(f"[{mark}] {finding.what}")
        if finding.fix:
            say(f"       fix: {finding.fix}")

    say("Checking this machine for a ganerrors workshop...")
    found = examine(course_dir=args.course, say=show)
    problems = sum(not f.ok for f in found)
    if problems:
        say(paint(f"{problems} problem(s): fix them, then run `ganerrors doctor` again.", "red"))
        return 1
    say(paint("Ready for the workshop.", "green"))
    return 0


# -- registration -----------------------------------------------------------------------
def register(subparsers: Any) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--course",
        metavar="DIR",
        help="the course folder (default: the nearest one at or above here with katas/katas.toml)",
    )
    limits = argparse.ArgumentParser(add_help=False)
    limits.add_argument(
        "--timeout",
        type=seconds(0),
        default=None,
        metavar="S",
        help="stop the kata's checks after S seconds (default: the kata's own; 0: never)",
    )
    limits.add_argument(
        "--spoilers",
        action="store_true",
        help="show the concrete fix in the explanation now, before the last hint",
    )

    def add(
        name: str,
        function: Callable[[argparse.Namespace], int],
        help: str,
        parents: tuple[argparse.ArgumentParser, ...] = (common,),
    ) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help, description=help, parents=list(parents))
        parser.set_defaults(run=guarded(name, function))
        return parser

    parser = add(
        "init",
        cmd_init,
        "Copy the katas as shipped (not the solutions) into a new course folder to work in.",
        parents=(),
    )
    parser.add_argument(
        "dir",
        nargs="?",
        default=files.DEFAULT_FOLDER,
        metavar="DIR",
        help=f"the new folder (default: ./{files.DEFAULT_FOLDER}); it must not hold files",
    )
    parser.add_argument(
        "--spoilers",
        action="store_true",
        help="set `spoilers = true` in the course: explanations show the fix from the start",
    )

    parser = add("list", cmd_list, "List the katas by part, with your progress.")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print your progress as JSON for the instructor's `ganerrors report` "
        "(a versioned schema, see ganerrors.workshop.room)",
    )

    parser = add(
        "check",
        cmd_check,
        "Run a kata's checker (pytest katas/NN) and record the result.",
        parents=(common, limits),
    )
    parser.add_argument(
        "kata", nargs="?", metavar="NN", help="the kata (default: the first unsolved)"
    )

    parser = add("hint", cmd_hint, "Show the next hint of a kata, one at a time.")
    parser.add_argument(
        "kata", nargs="?", metavar="NN", help="the kata (default: the first unsolved)"
    )

    parser = add(
        "watch",
        cmd_watch,
        "Check a kata again every time you save it, until it is solved.",
        parents=(common, limits),
    )
    parser.add_argument(
        "kata", nargs="?", metavar="NN", help="the kata (default: the first unsolved)"
    )
    parser.add_argument(
        "--poll", action="store_true", help="poll the file instead of waiting for file events"
    )
    parser.add_argument(
        "--interval",
        type=seconds(0, allow_zero=False),
        default=0.5,
        metavar="S",
        help="polling interval (default: 0.5)",
    )
    parser.add_argument(
        "--debounce",
        type=seconds(0),
        default=0.2,
        metavar="S",
        help="wait until the file is quiet this long before checking (default: 0.2)",
    )

    parser = add("reset", cmd_reset, "Put a kata back as shipped, after backing up your files.")
    parser.add_argument("kata", metavar="NN", help="the kata to reset")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask first")

    parser = add("solution", cmd_solution, "Show the fix of a solved kata as a diff of your file.")
    parser.add_argument("kata", metavar="NN", help="the kata")
    parser.add_argument(
        "--force", action="store_true", help="for instructors: show it even if not solved yet"
    )

    add("doctor", cmd_doctor, "Check that this machine and course are ready for a workshop.")
