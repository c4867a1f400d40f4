"""The progress file: read whatever it holds, change it only under a lock, save atomically."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ganerrors.workshop import WorkshopError, progress

from .conftest import ganerrors, make_course

WHEN = datetime(2025, 5, 1, 10, 0, tzinfo=timezone.utc)


def test_progress_is_saved_atomically_and_read_back(tmp_path: Path) -> None:
    with progress.update(tmp_path) as kept:
        kept.record_run("01", solved=False, failure={"test": "t", "type": "ValueError"}, when=WHEN)
        kept.record_run("01", solved=True, when=WHEN + timedelta(minutes=5))
        kept.count_hint("02", when=WHEN)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.lock"]
    again = progress.load(tmp_path)
    first, second = again.kata("01"), again.kata("02")
    assert (first.state, first.attempts, first.solved) == (progress.SOLVED, 2, True)
    assert first.seconds() == 300 and first.failure is None
    assert (second.state, second.hints_shown, second.attempts) == (progress.NOT_STARTED, 1, 0)


def test_a_later_failing_run_keeps_the_first_solve(tmp_path: Path) -> None:
    with progress.update(tmp_path) as kept:
        kept.record_run("01", solved=True, when=WHEN)
        kept.record_run("01", solved=False, when=WHEN + timedelta(minutes=1))
    entry = progress.load(tmp_path).kata("01")
    assert entry.state == progress.FAILING and entry.solved and entry.solved_at == WHEN


def test_restart_after_a_reset_keeps_the_counts_of_runs_and_hints(tmp_path: Path) -> None:
    with progress.update(tmp_path) as kept:
        kept.record_run("01", solved=True, when=WHEN)
        kept.count_hint("01")
        kept.restart("01")
    entry = progress.load(tmp_path).kata("01")
    assert (entry.state, entry.solved, entry.attempts, entry.hints_shown) == (
        progress.NOT_STARTED,
        False,
        1,
        1,
    )


def test_a_version_1_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_text(
        json.dumps(
            {
                "version": 1,
                "katas": {
                    "01": {"state": "solved", "checked_at": "2025-05-01T10:00:00+00:00"},
                    "02": {"state": "failing", "hints_shown": 2, "failure": None},
                },
            }
        )
    )
    kept = progress.load(tmp_path)
    assert kept.problem is None
    assert kept.solved("01") and kept.kata("01").solved_at == WHEN
    assert kept.state("02") == progress.FAILING and kept.hints_shown("02") == 2


DEEP = "[" * 100_000 + "]" * 100_000
CORRUPT = {
    "half written": '{"katas": {"01": {"state": "sol',
    "not json": "progress!",
    "binary": b"\x89PNG\r\n\x1a\n\x00\xff\xfe",
    "deeply nested": '{"version": 2, "katas": ' + DEEP + "}",
    "a list": "[1, 2, 3]",
    "katas not a table": '{"version": 2, "katas": 3}',
    "another version": '{"version": 99, "katas": {}}',
    "5000 digits": '{"version": 2, "katas": {"01": {"attempts": ' + "9" * 5000 + "}}}",
    "too large": "{" + " " * 1_100_000 + "}",
}


@pytest.mark.parametrize("content", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_corrupt_progress_file_reads_as_no_progress_with_a_one_line_problem(
    tmp_path: Path, content: str | bytes
) -> None:
    path = tmp_path / "progress.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    kept = progress.load(tmp_path)
    assert kept.katas == {}
    assert kept.problem and "\n" not in kept.problem and len(kept.problem) < 300


WRONG_TYPES = {
    "01": {"state": "won", "attempts": -3, "hints_shown": "two", "started_at": 12},
    "02": {"attempts": True, "hints_shown": 10**30, "solved_at": "yesterday", "failure": [1]},
    "03": "solved",
    "¹": {"state": "solved"},
    "7" * 5000: {"state": "solved"},
    "04": {"attempts": 1e999, "last_run_at": "9999-99-99", "failure": {"message": 5}},
}


def test_wrong_types_and_huge_numbers_read_as_defaults(tmp_path: Path) -> None:
    text = json.dumps({"version": 2, "katas": WRONG_TYPES}).replace("Infinity", "1e999")
    (tmp_path / "progress.json").write_text(text)
    kept = progress.load(tmp_path)
    assert kept.problem is None
    assert sorted(kept.katas) == ["01", "02", "03", "04"]
    for number in ("01", "02", "03", "04"):
        entry = kept.kata(number)
        assert entry.state == progress.NOT_STARTED and not entry.solved
        assert entry.attempts == 0 and entry.hints_shown == 0 and entry.started_at is None
    assert kept.kata("04").failure == {
        "test": None,
        "type": None,
        "message": None,
        "category": None,
    }


def test_an_unreadable_file_is_set_aside_at_the_next_save(tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_text("garbage")
    with progress.update(tmp_path) as kept:
        assert kept.problem
        kept.count_hint("01")
    assert (tmp_path / "progress.json.unreadable").read_text() == "garbage"
    assert progress.load(tmp_path).hints_shown("01") == 1


def test_an_oserror_on_save_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "progress.json").mkdir()  # os.replace cannot put a file there, even as root
    with pytest.raises(WorkshopError) as info, progress.update(tmp_path) as kept:
        kept.count_hint("01")
    assert "cannot save your progress" in str(info.value) and "\n" not in str(info.value)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".progress-")]


def test_saving_is_checked_up_front_without_changing_anything(tmp_path: Path) -> None:
    state = tmp_path / ".ganerrors"
    with progress.update(state) as kept:
        kept.count_hint("01")
    before = (state / "progress.json").read_bytes()
    assert progress.problem_saving(state) is None
    assert (state / "progress.json").read_bytes() == before
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the state folder should be")
    problem = progress.problem_saving(blocked / ".ganerrors")
    assert problem and "cannot save your progress" in problem


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_state_folder_is_found_before_saving(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    state = tmp_path / ".ganerrors"
    state.mkdir()
    state.chmod(0o555)
    try:
        assert "cannot save your progress" in (progress.problem_saving(state) or "")
    finally:
        state.chmod(0o755)


def test_concurrent_updates_in_threads_lose_no_count(tmp_path: Path) -> None:
    def hints() -> None:
        for _ in range(20):
            with progress.update(tmp_path) as kept:
                kept.count_hint("01")

    threads = [threading.Thread(target=hints) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert progress.load(tmp_path).hints_shown("01") == 160


def test_ten_concurrent_hint_commands_record_ten_hints(tmp_path: Path) -> None:
    """As a room would: ten `ganerrors hint 01` processes at once, on a kata of 20 hints."""
    folder = make_course(tmp_path / "course", {"01": "OK = True\n"})
    registry = folder / "katas" / "katas.toml"
    many = ", ".join(f'"Hint {n}."' for n in range(20))
    registry.write_text(
        registry.read_text().replace('["First hint.", "Second hint.", "Last hint."]', f"[{many}]")
    )
    commands = [
        subprocess.Popen(
            [sys.executable, "-m", "ganerrors", "hint", "01"],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(10)
    ]
    for command in commands:
        command.communicate(timeout=120)
        assert command.returncode == 0
    assert progress.load(folder / ".ganerrors").hints_shown("01") == 10
    assert ganerrors("list", cwd=folder).returncode == 0
