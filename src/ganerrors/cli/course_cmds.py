"""The workshop commands: init, list, check, hint, watch, reset, solution, doctor.

Argument parsing and printing only; the work is done in `ganerrors.workshop`. Only `check`
(in its pytest subprocess), `watch` and `doctor` import TensorFlow.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ganerrors.categories import get as get_category
from ganerrors.workshop import WorkshopError, runner
from ganerrors.workshop import files as files_mod
from ganerrors.workshop import place as place_mod
from ganerrors.workshop import progress as progress_mod

COLOURS = {"green": "32", "red": "31", "yellow": "33", "dim": "2", "bold": "1", "cyan": "36"}
STATE_COLOURS = {
    progress_mod.SOLVED: "green",
    progress_mod.FAILING: "red",
    progress_mod.NOT_STARTED: "dim",
}


def paint(text: str, colour: str, stream: TextIO | None = None) -> str:
    """`text` in colour on a terminal, unless NO_COLOR is set or TERM is dumb."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return text
    if not (hasattr(stream, "isatty") and stream.isatty()):
        return text
    return f"\033[{COLOURS[colour]}m{text}\033[0m"


def say(text: str = "") -> None:
    print(text, flush=True)


def _guarded(name: str, function: Callable[[argparse.Namespace], int]):
    def run(args: argparse.Namespace) -> int:
        try:
            return function(args)
        except WorkshopError as exc:
            print(f"ganerrors {name}: error: {exc}", file=sys.stderr, flush=True)
            return exc.code

    return run


def _place(args: argparse.Namespace) -> place_mod.Place:
    return place_mod.find(course=args.course)


def _progress(place: place_mod.Place) -> progress_mod.Progress:
    progress = progress_mod.load(place.state)
    if progress.problem:
        print(paint(f"warning: {progress.problem}", "yellow", sys.stderr), file=sys.stderr)
    return progress


def _kata_or_next(place, progress, number):
    if number is not None:
        return place.kata(number)
    return runner.first_unsolved(place, progress)


# -- commands ---------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    target = files_mod.init(Path(args.dir))
    shown = os.path.relpath(target) if not Path(args.dir).is_absolute() else str(target)
    place = place_mod.find(course=target)
    say(f"Copied {len(place.course.katas)} katas to {shown}.")
    say("Next:")
    say(f"  cd {shown}")
    say("  ganerrors list      # the katas and your progress")
    say("  ganerrors check     # check the first kata (the same as `pytest katas/01`)")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    place = _place(args)
    progress = _progress(place)
    katas = place.course.katas
    solved = sum(progress.state(k.number) == progress_mod.SOLVED for k in katas)
    say(paint(f"ganerrors course in {place.folder}", "bold"))
    width = max(len(k.title) for k in katas)
    checklist_width = max(len(get_category(k.checklist).title) for k in katas)
    for kata in katas:
        state = progress.state(kata.number)
        if not place.course.folder(kata).is_dir():
            state_text = paint("missing", "yellow")
        else:
            state_text = paint(state, STATE_COLOURS[state])
        checklist = get_category(kata.checklist).title
        say(f"  {kata.number}  {kata.title:<{width}}  {checklist:<{checklist_width}}  {state_text}")
    filled = round(20 * solved / len(katas)) if katas else 0
    say(f"Progress: [{'#' * filled}{'.' * (20 - filled)}] {solved}/{len(katas)} solved")
    following = runner.first_unsolved(place, progress)
    if following is None:
        say("Every kata is solved. Well done!")
    else:
        say(
            f"Next: kata {following.number}, {following.title}: "
            f"`ganerrors check {following.number}`"
        )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    place = _place(args)
    kata = _kata_or_next(place, _progress(place), args.kata)
    if kata is None:
        say(paint(f"All {len(place.course.katas)} katas are solved. Well done!", "green"))
        return 0
    folder = place.relative(place.course.folder(kata))
    say(paint(f"Checking kata {kata.number}: {kata.title} (pytest {folder})", "bold"))
    result = runner.run_subprocess(place, kata)
    progress = runner.record(place, result)
    say()
    say(paint(runner.next_steps(place, result, progress), "green" if result.solved else "red"))
    return 0 if result.solved else 1


def cmd_hint(args: argparse.Namespace) -> int:
    place = _place(args)
    progress = _progress(place)
    kata = _kata_or_next(place, progress, args.kata)
    if kata is None:
        say("Every kata is solved: no hints needed.")
        return 0
    shown, total = progress.hints_shown(kata.number), len(kata.hints)
    if shown >= total:
        say(
            f"There are no more hints for kata {kata.number}: you have seen all {total}. "
            f"`ganerrors solution {kata.number} --force` shows the fix."
        )
        return 0
    say(paint(f"Hint {shown + 1} of {total} for kata {kata.number}:", "cyan"))
    say(kata.hints[shown])
    progress.count_hint(kata.number)
    progress.save()
    if shown + 1 < total:
        say(paint(f"(`ganerrors hint {kata.number}` again for the next one)", "dim"))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from ganerrors.workshop.watch import watch

    if args.interval <= 0 or args.debounce < 0:
        raise WorkshopError("--interval must be above 0 and --debounce at least 0")
    place = _place(args)
    progress = _progress(place)
    kata = _kata_or_next(place, progress, args.kata)
    if kata is None:
        say(paint(f"All {len(place.course.katas)} katas are solved. Well done!", "green"))
        return 0
    return watch(
        place,
        kata,
        follow=args.kata is None,
        poll=args.poll,
        interval=args.interval,
        debounce=args.debounce,
        say=say,
    )


def cmd_reset(args: argparse.Namespace) -> int:
    place = _place(args)
    kata = place.kata(args.kata)
    shipped = files_mod.pristine_files(place, kata)
    folder = place.relative(place.course.folder(kata))
    if not args.yes:
        if not (sys.stdin and sys.stdin.isatty()):
            raise WorkshopError(
                f"reset replaces the files of {folder} and asks first, but there is no "
                f"terminal to ask on: run `ganerrors reset {kata.number} --yes` to go ahead "
                "(your files are backed up first)."
            )
        try:
            answer = input(f"Put {folder} back as shipped? Your files are backed up first. [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            say("Nothing changed.")
            return 1
    saved = files_mod.backup(place, kata)
    restored = files_mod.restore(place, kata, shipped)
    progress = _progress(place)
    progress.record(kata.number, progress_mod.NOT_STARTED)
    progress.save()
    say(f"Your version of {folder} is saved in {place.relative(saved)}")
    say(f"Restored {', '.join(restored)} in {folder} as shipped.")
    return 0


def cmd_solution(args: argparse.Namespace) -> int:
    place = _place(args)
    kata = place.kata(args.kata)
    progress = _progress(place)
    if progress.state(kata.number) != progress_mod.SOLVED and not args.force:
        raise WorkshopError(
            f"kata {kata.number} is not solved yet: solve it first (`ganerrors check "
            f"{kata.number}`), or see the fix anyway with "
            f"`ganerrors solution {kata.number} --force`.",
            code=1,
        )
    solutions = files_mod.solution_folder(place, kata)
    if solutions is None:
        raise WorkshopError(
            "the solutions are not shipped with the ganerrors package, so a workshop keeps "
            "them for the end; they are in the solutions/ folder of the ganerrors repository.",
            code=1,
        )
    diff = files_mod.solution_diff(place, kata, solutions)
    if not diff:
        say(f"Your files of kata {kata.number} are the same as the solution.")
        return 0
    say(f"From your files to the solution of kata {kata.number} ({solutions}):")
    for line in diff.splitlines():
        colour = {"+": "green", "-": "red", "@": "cyan"}.get(line[:1])
        if line.startswith(("+++", "---")) or colour is None:
            say(line)
        else:
            say(paint(line, colour))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from ganerrors.workshop.doctor import diagnose

    def show(finding) -> None:
        mark = paint(" ok ", "green") if finding.ok else paint("FAIL", "red")
        say(f"[{mark}] {finding.what}")
        if finding.fix:
            say(f"       fix: {finding.fix}")

    say("Checking this machine for a ganerrors workshop...")
    findings = diagnose(course=args.course, say=show)
    problems = sum(not f.ok for f in findings)
    if problems:
        say(paint(f"{problems} problem(s): fix them, then run `ganerrors doctor` again.", "red"))
        return 1
    say(paint("Ready for the workshop.", "green"))
    return 0


# -- registration -----------------------------------------------------------------------
def register(subparsers: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--course",
        metavar="DIR",
        help="the course folder (default: the nearest one at or above here with katas/katas.toml)",
    )

    def add(name: str, function, help: str, parents=(common,)) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help, description=help, parents=list(parents))
        parser.set_defaults(run=_guarded(name, function))
        return parser

    parser = add(
        "init",
        cmd_init,
        "Copy the katas (not the solutions) into a new course folder to work in.",
        parents=(),
    )
    parser.add_argument(
        "dir",
        nargs="?",
        default=files_mod.DEFAULT_FOLDER,
        metavar="DIR",
        help=f"the new folder (default: ./{files_mod.DEFAULT_FOLDER}); it must not hold files",
    )

    add("list", cmd_list, "List the katas with their checklist item and your progress.")

    parser = add(
        "check", cmd_check, "Run a kata's checker (pytest katas/NN) and record the result."
    )
    parser.add_argument(
        "kata", nargs="?", metavar="NN", help="the kata (default: the first unsolved)"
    )

    parser = add("hint", cmd_hint, "Show the next hint of a kata, one at a time.")
    parser.add_argument(
        "kata", nargs="?", metavar="NN", help="the kata (default: the first unsolved)"
    )

    parser = add("watch", cmd_watch, "Check a kata again every time you save its files.")
    parser.add_argument(
        "kata",
        nargs="?",
        metavar="NN",
        help="the kata (default: the first unsolved, moving on to the next once solved)",
    )
    parser.add_argument(
        "--poll", action="store_true", help="poll the files instead of waiting for file events"
    )
    parser.add_argument(
        "--interval", type=float, default=0.5, metavar="S", help="polling interval (default: 0.5)"
    )
    parser.add_argument(
        "--debounce",
        type=float,
        default=0.2,
        metavar="S",
        help="wait until the files are quiet this long before checking (default: 0.2)",
    )

    parser = add("reset", cmd_reset, "Put a kata back as shipped, after backing up your files.")
    parser.add_argument("kata", metavar="NN", help="the kata to reset")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask first")

    parser = add("solution", cmd_solution, "Show the fix of a solved kata as a diff of your files.")
    parser.add_argument("kata", metavar="NN", help="the kata")
    parser.add_argument("--force", action="store_true", help="show it even if not solved yet")

    add("doctor", cmd_doctor, "Check that this machine is ready for a workshop.")
