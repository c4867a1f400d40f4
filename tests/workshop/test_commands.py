"""The course commands without TensorFlow: list, hint, reset, solution, checklist, colour."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ganerrors.categories import CATEGORIES
from ganerrors.cli import main
from ganerrors.cli.course_cmds import paint
from ganerrors.workshop import place, progress, runner

from .conftest import NUMBERS, SHIPPED, fix_kata, ganerrors

COMMANDS = (
    "init", "list", "check", "hint", "watch", "reset", "solution", "doctor", "report", "checklist"
)  # fmt: skip


# -- finding the course ----------------------------------------------------------------------
def test_a_command_outside_any_course_says_to_cd_into_it_or_run_init(tmp_path: Path) -> None:
    done = ganerrors("list", cwd=tmp_path)
    assert done.returncode == 2
    assert "ganerrors init" in done.stderr and "cd" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_course_is_found_from_inside_a_kata_folder(course: Path) -> None:
    assert place.find(course / "katas" / "01").folder == course.resolve()


def test_an_unknown_kata_number_is_an_error_that_lists_the_valid_ones(course: Path, capsys):
    assert main(["hint", "99", "--course", str(course)]) == 2
    assert ", ".join(NUMBERS) in capsys.readouterr().err


def test_every_command_has_help(capsys) -> None:
    for command in COMMANDS:
        with pytest.raises(SystemExit) as stopped:
            main([command, "--help"])
        assert stopped.value.code == 0
        assert f"usage: ganerrors {command}" in capsys.readouterr().out


# -- list -----------------------------------------------------------------------------------
def test_list_shows_the_katas_by_part_without_importing_tensorflow(course: Path) -> None:
    script = (
        "import sys\nfrom ganerrors.cli import main\nrc = main(['list'])\n"
        "print('TF LOADED' if 'tensorflow' in sys.modules else 'TF NOT LOADED')\nsys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=course, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("TF NOT LOADED")
    for part in SHIPPED.course.parts:
        assert f"Part {part.number}: {part.title}" in done.stdout
    for kata in SHIPPED.course.katas:
        assert kata.title in done.stdout
    assert f"0/{len(NUMBERS)} solved" in done.stdout


def test_list_shows_runs_and_hints_and_a_solve_kept_after_a_failing_run(course: Path, capsys):
    with progress.update(course / ".ganerrors") as kept:
        kept.record_run("01", solved=True)
        kept.record_run("01", solved=False)
        kept.count_hint("01")
    assert main(["list", "--course", str(course)]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if " 01 " in line)
    assert "failing (solved before) (2 runs, 1 hint)" in line


def test_a_corrupt_progress_file_means_no_progress_not_a_crash(course: Path, capsys) -> None:
    (course / ".ganerrors").mkdir()
    (course / ".ganerrors" / "progress.json").write_text('{"katas": {"01": {"state": "sol')
    assert main(["list", "--course", str(course)]) == 0
    captured = capsys.readouterr()
    assert "could not be read" in captured.err
    assert re.search(r"\b0/\d+ solved", captured.out), captured.out
    assert main(["hint", "01", "--course", str(course)]) == 0  # and it writes a good one
    assert progress.load(course / ".ganerrors").problem is None


def test_the_first_unsolved_kata_skips_the_solved_ones(course: Path) -> None:
    where = place.find(course_dir=course)
    with progress.update(where.state) as kept:
        kept.record_run(NUMBERS[0], solved=True)
        kept.record_run(NUMBERS[1], solved=False)
    first = runner.first_unsolved(where, progress.load(where.state))
    assert first is not None and first.number == NUMBERS[1]


# -- hint -----------------------------------------------------------------------------------
def test_hint_shows_one_more_hint_each_time_then_says_the_fix_now_shows(course: Path, capsys):
    hints = SHIPPED.course.kata("01").hints
    for shown in range(len(hints)):
        assert main(["hint", "1", "--course", str(course)]) == 0
        out = capsys.readouterr().out
        assert hints[shown] in out
        assert all(other not in out for other in hints if other != hints[shown])
    assert "That was the last hint" in out
    assert main(["hint", "01", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "no more hints" in out and "solution" not in out
    assert progress.load(course / ".ganerrors").hints_shown("01") == len(hints)


# -- reset ----------------------------------------------------------------------------------
def test_reset_backs_up_the_learners_files_and_restores_the_kata_as_shipped(course: Path, capsys):
    mine = course / "katas" / "01" / "gan.py"
    mine.write_text("# my attempt\n")
    (course / "katas" / "01" / "scratch.py").write_text("# my notes\n")
    with progress.update(course / ".ganerrors") as kept:
        kept.record_run("01", solved=True)
    assert main(["reset", "01", "--yes", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    (backup,) = (course / ".ganerrors" / "backups").iterdir()
    assert backup.relative_to(course).as_posix() in out
    assert (backup / "gan.py").read_text() == "# my attempt\n"
    assert (backup / "scratch.py").read_text() == "# my notes\n"
    assert mine.read_bytes() == SHIPPED.files["katas/01/gan.py"]
    assert (course / "katas" / "01" / "scratch.py").read_text() == "# my notes\n"
    assert progress.load(course / ".ganerrors").state("01") == progress.NOT_STARTED


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_reset_replaces_a_symlinked_gan_py_instead_of_writing_through_it(
    course: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text("# a file outside the course\n")
    mine = course / "katas" / "01" / "gan.py"
    mine.unlink()
    mine.symlink_to(outside)
    assert main(["reset", "01", "--yes", "--course", str(course)]) == 0
    assert outside.read_text() == "# a file outside the course\n"
    assert not mine.is_symlink() and mine.read_bytes() == SHIPPED.files["katas/01/gan.py"]
    (backup,) = (course / ".ganerrors" / "backups").iterdir()
    assert (backup / "gan.py").is_symlink()


def test_reset_without_a_terminal_or_yes_refuses_and_changes_nothing(course: Path) -> None:
    mine = course / "katas" / "01" / "gan.py"
    mine.write_text("# my attempt\n")
    for stdin in (subprocess.DEVNULL, None):
        done = ganerrors("reset", "01", cwd=course, stdin=stdin)
        assert done.returncode == 2 and "--yes" in done.stderr
    assert mine.read_text() == "# my attempt\n"
    assert not (course / ".ganerrors" / "backups").exists()


# -- solution -------------------------------------------------------------------------------
def test_solution_needs_a_solve_then_shows_the_fix_as_a_diff(course: Path, capsys) -> None:
    assert main(["solution", "01", "--course", str(course)]) == 1
    assert "not solved yet" in capsys.readouterr().err
    with progress.update(course / ".ganerrors") as kept:
        kept.record_run("01", solved=True)
    assert main(["solution", "01", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    mine = (course / "katas" / "01" / "gan.py").read_text().splitlines()
    fixed = SHIPPED.files["solutions/01/gan.py"].decode().splitlines()
    removed = [line[1:] for line in out.splitlines() if line[:1] == "-" and line[:3] != "---"]
    added = [line[1:] for line in out.splitlines() if line[:1] == "+" and line[:3] != "+++"]
    assert removed and added
    assert all(line in mine and line not in fixed for line in removed)
    assert all(line in fixed and line not in mine for line in added)


def test_solution_force_is_for_instructors_and_a_fixed_file_shows_no_diff(course: Path, capsys):
    fix_kata(course, "01")
    assert main(["solution", "01", "--force", "--course", str(course)]) == 0
    assert "the same as the solution" in capsys.readouterr().out


def test_the_solved_message_names_the_solution_only_where_it_ships(course: Path, monkeypatch):
    where = place.find(course_dir=course)
    kata = where.kata("01")
    result = runner.Result(kata=kata, solved=True, failure=None, exit_code=0)
    kept = progress.load(where.state)
    assert "ganerrors solution 01" in runner.next_steps(where, result, kept, "check")
    monkeypatch.setattr(runner, "solution_ships", lambda kata: False)
    assert "solution" not in runner.next_steps(where, result, kept, "check")


# -- checklist ------------------------------------------------------------------------------
def test_checklist_prints_every_item_offline_with_the_katas_that_teach_it(capsys) -> None:
    assert main(["checklist"]) == 0
    out = capsys.readouterr().out
    for category in CATEGORIES.values():
        assert category.title in out and category.question in out
    assert out.rstrip().splitlines()[-1].startswith("More (online)")


@pytest.mark.parametrize("item", ["output-shape", "1", "Output shape"])
def test_checklist_prints_one_item(course: Path, item: str, capsys, monkeypatch) -> None:
    monkeypatch.chdir(course)
    assert main(["checklist", item]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. Output shape (output-shape)")
    assert "ganerrors check 01" in out


@pytest.mark.parametrize("item", ["9", "shapes", "①", "1" * 5000])
def test_an_unknown_checklist_item_is_one_line(item: str, capsys) -> None:
    assert main(["checklist", item]) == 2
    err = capsys.readouterr().err
    assert "the items are" in err and len(err.strip().splitlines()) == 1 and len(err) < 300


# -- colour ---------------------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert paint("ok", "green", _Terminal()) != "ok"
    assert paint("ok", "green", io.StringIO()) == "ok"
    monkeypatch.setenv("NO_COLOR", "1")
    assert paint("ok", "green", _Terminal()) == "ok"
