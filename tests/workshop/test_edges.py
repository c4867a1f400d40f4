"""Input checked at the edge: odd kata ids, odd numbers, broken files, hostile terminals.
Each gets one line, never a traceback, and changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ganerrors.cli import main
from ganerrors.workshop import doctor

from .conftest import ganerrors, make_course

ODD_IDS = ["¹", "①", "٣", "1" * 5000, "-1", "1.0", "", "001", "../..", "01; rm -rf /", "０１"]
KATA_COMMANDS = [
    ["hint"],
    ["check"],
    ["watch"],
    ["reset", "--yes"],
    ["solution", "--force"],
]


@pytest.mark.parametrize("odd", ODD_IDS, ids=range(len(ODD_IDS)))
@pytest.mark.parametrize("command", KATA_COMMANDS, ids=lambda c: c[0])
def test_an_odd_kata_id_is_one_line_and_changes_nothing(
    fake_course: Path, command: list[str], odd: str, capsys
) -> None:
    before = sorted(p for p in fake_course.rglob("*"))
    assert main([*command, odd, "--course", str(fake_course)]) == 2
    err = capsys.readouterr().err
    assert "a kata number is one or two digits" in err
    assert len(err.strip().splitlines()) == 1 and len(err) < 200
    assert sorted(p for p in fake_course.rglob("*")) == before


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e999", "soon", "86401"])
@pytest.mark.parametrize("option", ["--debounce", "--interval", "--timeout"])
def test_odd_numbers_of_seconds_are_refused(fake_course: Path, option: str, value: str, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["watch", "01", option, value, "--course", str(fake_course)])
    assert stopped.value.code == 2
    assert "not a number of seconds" in capsys.readouterr().err


def test_watch_on_a_deleted_kata_is_one_line(fake_course: Path, capsys) -> None:
    shutil.rmtree(fake_course / "katas" / "01")
    assert main(["watch", "01", "--course", str(fake_course)]) == 1
    err = capsys.readouterr().err
    assert "is gone" in err and "ganerrors reset 01" in err


@pytest.mark.parametrize(
    "content", [b"\x89PNG\r\n\x1a\n\x00\x00", b"", b"kata = 3"], ids=["binary", "empty", "odd"]
)
def test_a_broken_registry_is_one_line_and_doctor_does_not_say_ready(
    fake_course: Path, content: bytes, capsys
) -> None:
    (fake_course / "katas" / "katas.toml").write_bytes(content)
    for command in (["list"], ["hint", "01"], ["check", "01"], ["list", "--json"]):
        assert main([*command, "--course", str(fake_course)]) == 2
        err = capsys.readouterr().err
        assert "is broken" in err and "katas.toml" in err and len(err.strip().splitlines()) == 1
    findings = doctor.course_findings(None, str(fake_course))
    broken = [f for f in findings if not f.ok]
    assert broken and "katas.toml" in broken[0].what


def test_output_to_a_full_disk_is_one_line(fake_course: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "ganerrors", "list"],
            cwd=fake_course,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_closed_stdin_is_no_traceback(fake_course: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ganerrors", "reset", "01"],
        cwd=fake_course,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(0),
    )
    assert done.returncode == 2 and "--yes" in done.stderr and "Traceback" not in done.stderr


def test_a_terminal_that_cannot_show_unicode_gets_escapes(tmp_path: Path) -> None:
    folder = make_course(tmp_path / "cours ü ✓", {"01": "OK = True\n"})
    done = ganerrors("list", cwd=folder, env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert "cours \\xfc \\u2713" in done.stdout and "Traceback" not in done.stderr
