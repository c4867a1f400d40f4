"""The workshop commands, run for real on a course copied with `ganerrors init` into tmp_path.

Never the repository's own katas or progress. TensorFlow runs only where a command needs it:
`check` (one failing and one solved run), `watch` (one warm process, two runs) and `doctor`.
"""

from __future__ import annotations

import importlib.metadata as metadata
import io
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from watchdog.events import FileModifiedEvent

from ganerrors import course as course_mod
from ganerrors.cli import main
from ganerrors.cli.workshop import paint
from ganerrors.course import KATA_FILE
from ganerrors.workshop import doctor, progress, runner
from ganerrors.workshop import place as place_mod
from ganerrors.workshop import watch as watch_mod

REPOSITORY = Path(__file__).resolve().parents[1]
SHIPPED = course_mod.load(course_mod.default_root())
NUMBERS = [kata.number for kata in SHIPPED.katas]


def ganerrors(*args: str, cwd: Path, stdin=subprocess.DEVNULL, env=None, timeout=120):
    """Run the `ganerrors` command in a new interpreter, as a learner would."""
    return subprocess.run(
        [sys.executable, "-m", "ganerrors", *args],
        cwd=cwd,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    assert main(["init", str(folder)]) == 0
    return folder


def state_of(course: Path, number: str) -> str:
    return progress.load(course / ".ganerrors").state(number)


def fix_kata(course: Path, number: str) -> None:
    """Put the repository's solution in place of the learner's file."""
    kata = SHIPPED.kata(number)
    solutions = SHIPPED.solution_folder(kata)
    shutil.copyfile(solutions / KATA_FILE, course / "katas" / number / KATA_FILE)


# -- init ---------------------------------------------------------------------------------
def test_init_copies_every_kata_but_no_solution_into_an_empty_folder(tmp_path: Path, capsys):
    target = tmp_path / "empty"
    target.mkdir()
    assert main(["init", str(target)]) == 0
    assert (target / "katas" / "katas.toml").read_bytes() == (
        SHIPPED.root / "katas.toml"
    ).read_bytes()
    for kata in SHIPPED.katas:
        for path in (SHIPPED.root / kata.number).iterdir():
            if path.is_file() and path.suffix != ".pyc":
                assert (
                    target / "katas" / kata.number / path.name
                ).read_bytes() == path.read_bytes()
    assert not (target / "solutions").exists()
    assert ".ganerrors/" in (target / ".gitignore").read_text().splitlines()
    assert f"Copied {len(SHIPPED.katas)} katas" in capsys.readouterr().out


def test_init_refuses_a_folder_that_is_not_empty_and_leaves_it_alone(tmp_path: Path, capsys):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("my notes")
    assert main(["init", str(target)]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert (target / "notes.txt").read_text() == "my notes"


@pytest.mark.slow
def test_the_wheel_carries_the_katas_and_init_works_from_it_alone(tmp_path: Path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(tmp_path / "dist"), str(REPOSITORY)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("ganerrors-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "ganerrors/_course/katas/katas.toml" in names
    assert not [name for name in names if "solutions" in name]
    # The unpacked wheel comes first on the path: the package finds only its own katas.
    env = {"PYTHONPATH": str(tmp_path / "site")}
    done = ganerrors("init", "workshop", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    copied = course_mod.load(tmp_path / "workshop" / "katas")
    assert [k.number for k in copied.katas] == NUMBERS
    shown = ganerrors("solution", "01", "--force", cwd=tmp_path / "workshop", env=env)
    assert shown.returncode == 1
    assert "solutions are not shipped with the ganerrors package" in shown.stderr


# -- finding the course --------------------------------------------------------------------
def test_a_command_outside_any_course_says_to_cd_into_it_or_run_init(tmp_path: Path):
    done = ganerrors("list", cwd=tmp_path)
    assert done.returncode == 2
    assert "ganerrors init" in done.stderr and "cd" in done.stderr


def test_the_course_is_found_from_inside_a_kata_folder(course: Path):
    assert place_mod.find(course / "katas" / "01").folder == course.resolve()


def test_an_unknown_kata_number_is_an_error_that_lists_the_valid_ones(course: Path, capsys):
    assert main(["hint", "99", "--course", str(course)]) == 2
    assert ", ".join(NUMBERS) in capsys.readouterr().err


def test_every_command_has_help(capsys):
    for command in ("init", "list", "check", "hint", "watch", "reset", "solution", "doctor"):
        with pytest.raises(SystemExit) as stopped:
            main([command, "--help"])
        assert stopped.value.code == 0
        assert f"usage: ganerrors {command}" in capsys.readouterr().out


# -- list, progress -------------------------------------------------------------------------
def test_list_shows_every_kata_at_once_without_importing_tensorflow(course: Path):
    script = (
        "import sys\nfrom ganerrors.cli import main\nrc = main(['list'])\n"
        "print('TF LOADED' if 'tensorflow' in sys.modules else 'TF NOT LOADED')\nsys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=course, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("TF NOT LOADED")
    for kata in SHIPPED.katas:
        assert kata.title in done.stdout
    assert f"0/{len(NUMBERS)} solved" in done.stdout


def test_a_corrupt_progress_file_means_no_progress_not_a_crash(course: Path, capsys):
    (course / ".ganerrors").mkdir()
    (course / ".ganerrors" / "progress.json").write_text('{"katas": {"01": {"state": "sol')
    assert main(["list", "--course", str(course)]) == 0
    captured = capsys.readouterr()
    assert "could not be read" in captured.err
    assert "not started" in captured.out and "solved" not in captured.out.split("Progress")[0]
    assert main(["hint", "01", "--course", str(course)]) == 0  # and it writes a good one
    assert json.loads((course / ".ganerrors" / "progress.json").read_text())["version"] == 1


def test_progress_is_saved_atomically_and_read_back(tmp_path: Path):
    kept = progress.load(tmp_path)
    kept.record("01", progress.SOLVED)
    kept.count_hint("02")
    kept.save()
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]  # no temporary file left
    again = progress.load(tmp_path)
    assert (again.state("01"), again.state("02"), again.hints_shown("02")) == (
        progress.SOLVED,
        progress.NOT_STARTED,
        1,
    )


def test_the_first_unsolved_kata_skips_the_solved_ones(course: Path):
    place = place_mod.find(course=course)
    kept = progress.load(place.state)
    assert runner.first_unsolved(place, kept).number == NUMBERS[0]
    kept.record(NUMBERS[0], progress.SOLVED)
    kept.record(NUMBERS[1], progress.FAILING)
    assert runner.first_unsolved(place, kept).number == NUMBERS[1]


# -- hint -----------------------------------------------------------------------------------
def test_hint_shows_one_more_hint_each_time_then_says_there_are_no_more(course: Path, capsys):
    hints = SHIPPED.kata("01").hints
    for shown in range(len(hints)):
        assert main(["hint", "1", "--course", str(course)]) == 0
        out = capsys.readouterr().out
        assert hints[shown] in out
        assert all(other not in out for other in hints if other != hints[shown])
    assert main(["hint", "01", "--course", str(course)]) == 0
    assert "no more hints" in capsys.readouterr().out
    assert progress.load(course / ".ganerrors").hints_shown("01") == len(hints)


# -- reset ----------------------------------------------------------------------------------
def test_reset_backs_up_the_learners_files_and_restores_the_kata_as_shipped(course: Path, capsys):
    mine = course / "katas" / "01" / "gan.py"
    mine.write_text("# my attempt\n")
    (course / "katas" / "01" / "scratch.py").write_text("# my notes\n")
    assert main(["reset", "01", "--yes", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    (backup,) = (course / ".ganerrors" / "backups").iterdir()
    assert str(backup.relative_to(course)) in out
    assert (backup / "gan.py").read_text() == "# my attempt\n"
    assert (backup / "scratch.py").read_text() == "# my notes\n"
    assert mine.read_bytes() == (SHIPPED.root / "01" / "gan.py").read_bytes()
    assert (course / "katas" / "01" / "scratch.py").read_text() == "# my notes\n"


def test_reset_without_a_terminal_or_yes_refuses_and_changes_nothing(course: Path):
    mine = course / "katas" / "01" / "gan.py"
    mine.write_text("# my attempt\n")
    done = ganerrors("reset", "01", cwd=course, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "--yes" in done.stderr
    assert mine.read_text() == "# my attempt\n"
    assert not (course / ".ganerrors" / "backups").exists()


# -- check and solution (TensorFlow) ---------------------------------------------------------
def test_check_records_failing_then_solved_and_names_the_next_kata(course: Path, capfd):
    assert main(["check", "--course", str(course)]) == 1  # no number: the first unsolved, 01
    out = capfd.readouterr().out
    assert SHIPPED.kata("01").failure.type in out  # pytest's own output, streamed
    assert state_of(course, "01") == progress.FAILING

    assert main(["solution", "01", "--course", str(course)]) == 1  # not before it is solved
    assert "--force" in capfd.readouterr().err

    fix_kata(course, "01")
    assert main(["check", "01", "--course", str(course)]) == 0
    out = capfd.readouterr().out
    assert " passed in " in out and " failed" not in out
    assert f"Next: kata {NUMBERS[1]}" in out
    assert state_of(course, "01") == progress.SOLVED

    assert main(["solution", "01", "--course", str(course)]) == 0
    assert "the same as the solution" in capfd.readouterr().out


def test_solution_with_force_shows_the_fix_as_a_diff_of_the_learners_file(course: Path, capsys):
    assert main(["solution", "01", "--force", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    mine = (course / "katas" / "01" / "gan.py").read_text().splitlines()
    fixed = (SHIPPED.solution_folder(SHIPPED.kata("01")) / "gan.py").read_text().splitlines()
    removed = [line[1:] for line in out.splitlines() if line[:1] == "-" and line[:3] != "---"]
    added = [line[1:] for line in out.splitlines() if line[:1] == "+" and line[:3] != "+++"]
    assert removed and added
    assert all(line in mine and line not in fixed for line in removed)
    assert all(line in fixed and line not in mine for line in added)


# -- watch (TensorFlow) ----------------------------------------------------------------------
def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)
    into.put(None)


def _until(lines: queue.Queue, seen: list[str], text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
        if text in line:
            return
    pytest.fail(f"watch never printed {text!r}; it printed:\n{''.join(seen)}")


def test_watch_checks_again_after_a_save_and_stops_cleanly_on_ctrl_c(course: Path):
    watcher = subprocess.Popen(
        [sys.executable, "-m", "ganerrors", "watch", "01", "--poll", "--interval", "0.05"],
        cwd=course,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(watcher.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        _until(lines, seen, "kata 01: failing", timeout=120)
        _until(lines, seen, "Watching katas/01/gan.py", timeout=10)
        fix_kata(course, "01")
        _until(lines, seen, "kata 01: solved", timeout=60)
        _until(lines, seen, "Watching", timeout=10)
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(timeout=20) == 0
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()
    _until(lines, seen, "Stopped watching", timeout=5)
    assert state_of(course, "01") == progress.SOLVED


def test_watch_falls_back_to_polling_when_file_events_cannot_start(tmp_path: Path, monkeypatch):
    class Broken(watch_mod.Observer):
        def start(self) -> None:
            raise OSError("inotify watch limit reached")

    monkeypatch.setattr(watch_mod, "Observer", Broken)
    said: list[str] = []
    observer, how = watch_mod.start_observer(
        tmp_path, watch_mod.SaveListener(), poll=False, interval=0.05, say=said.append
    )
    try:
        assert isinstance(observer, watch_mod.PollingObserver)
        assert how.startswith("polling") and "inotify watch limit reached" in said[0]
    finally:
        observer.stop()
        observer.join()


def test_watch_runs_once_after_a_burst_of_saves(tmp_path: Path):
    listener = watch_mod.SaveListener()
    listener.names = frozenset({"gan.py"})
    burst_done = threading.Event()

    def burst() -> None:  # an editor's save: write, rename, touch, 30 ms apart
        for _ in range(5):
            listener.on_any_event(FileModifiedEvent(str(tmp_path / "gan.py")))
            time.sleep(0.03)
        burst_done.set()

    listener.on_any_event(FileModifiedEvent(str(tmp_path / "other.py")))  # not watched
    assert not listener.saved.is_set()
    threading.Thread(target=burst).start()
    listener.wait(debounce=0.2)
    assert burst_done.is_set() and not listener.saved.is_set()


# -- doctor -----------------------------------------------------------------------------------
def test_doctor_reads_the_supported_ranges_from_the_package_metadata_and_trains(course: Path):
    done = ganerrors("doctor", cwd=course)
    assert done.returncode == 0, done.stdout + done.stderr
    for text in metadata.requires("ganerrors"):
        wanted = Requirement(text)
        if wanted.marker is None:  # tensorflow, keras, pytest, watchdog
            assert f"{wanted.name} {metadata.version(wanted.name)} (supported: " in done.stdout
    assert "a tiny GAN trains one step" in done.stdout
    assert "Ready for the workshop" in done.stdout


def test_doctor_flags_a_package_outside_the_supported_range_with_its_fix(monkeypatch):
    installed = metadata.version("keras")
    monkeypatch.setattr(doctor.metadata, "requires", lambda name: [f"keras<{installed}"])
    (finding,) = doctor.requirement_findings()
    assert not finding.ok
    assert installed in finding.what
    assert finding.fix == f'pip install "keras<{installed}"'


def test_doctor_flags_a_course_folder_that_lacks_a_kata_file(course: Path):
    (course / "katas" / "01" / "gan.py").unlink()
    findings = doctor.course_findings(None, str(course))
    (broken,) = [f for f in findings if not f.ok]
    assert "01/gan.py" in broken.what and "reset" in broken.fix


# -- colour -----------------------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert paint("ok", "green", _Terminal()) != "ok"
    assert paint("ok", "green", io.StringIO()) == "ok"
    monkeypatch.setenv("NO_COLOR", "1")
    assert paint("ok", "green", _Terminal()) == "ok"
