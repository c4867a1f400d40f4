"""`ganerrors explain [FILE] [--json]`."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from ganerrors.categories import CATEGORIES
from ganerrors.cli import main

TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "train.py", line 40, in <module>\n'
    "    train_step(batch)\n"
    "tensorflow.python.framework.errors_impl.InvalidArgumentError: "
    "Incompatible shapes: [16,1] vs. [32,1] [Op:Sub]\n"
)


@pytest.fixture
def traceback_file(tmp_path):
    path = tmp_path / "error.txt"
    path.write_text(TRACEBACK, encoding="utf-8")
    return path


def test_a_file_is_explained_for_a_person(traceback_file, capsys):
    assert main(["explain", str(traceback_file)]) == 0
    out = capsys.readouterr().out
    assert "ganerrors: Batch size (batch-size)" in out
    assert "Where: train.py, line 40, in <module>: train_step(batch)" in out


def test_json_gives_one_object_with_the_category(traceback_file, capsys):
    assert main(["explain", "--json", str(traceback_file)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["category"] == "batch-size" and data["category"] in CATEGORIES
    assert data["url"].endswith("#batch-size")
    assert data["confidence"] == "high"


def test_standard_input_is_read_without_a_file_or_with_a_dash(monkeypatch, capsys):
    for argv in (["explain"], ["explain", "-"]):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TRACEBACK.encode())))
        assert main(argv) == 0
        assert "batch-size" in capsys.readouterr().out


def test_a_low_confidence_diagnosis_says_probably(monkeypatch, capsys):
    # the shapes of the traceback above, in words no exact reader knows
    text = TRACEBACK.replace("Incompatible shapes:", "shapes differ:")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["explain"]) == 0
    assert "ganerrors: probably Batch size (batch-size)" in capsys.readouterr().out


def test_an_unrecognised_message_says_so_and_exits_1(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"KeyError: 'missing'")))
    assert main(["explain"]) == 1
    assert "not recognised" in capsys.readouterr().out


def test_an_unrecognised_message_in_json_has_a_null_category(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe binary \x00")))
    assert main(["explain", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["category"] is None and data["confidence"] is None


def test_a_missing_file_is_a_clear_error_with_exit_code_2(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["explain", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"cannot read {missing}: No such file or directory" in err


def test_a_directory_is_a_clear_error_with_exit_code_2(tmp_path, capsys):
    assert main(["explain", str(tmp_path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_the_command_never_imports_tensorflow(traceback_file):
    code = (
        "import sys; from ganerrors.cli import main; rc = main(['explain', sys.argv[1]]);"
        "print('TF-IMPORTED' if 'tensorflow' in sys.modules else 'NO-TF'); sys.exit(rc)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(traceback_file)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "batch-size" in out.stdout
    assert out.stdout.strip().endswith("NO-TF")


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "ganerrors", "explain", *args]


def _env(**extra: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHONIOENCODING")}
    env.update(extra)
    return env


def test_a_terminal_that_cannot_show_a_character_gets_it_escaped(tmp_path):
    path = tmp_path / "error.txt"
    path.write_text("pérte du discriminateur : Tensor had NaN values", encoding="utf-8")
    out = subprocess.run(
        _command(str(path)), capture_output=True, env=_env(PYTHONIOENCODING="ascii")
    )
    assert out.returncode == 0, out.stderr
    assert b"p\\xe9rte du discriminateur" in out.stdout
    assert b"Traceback" not in out.stderr


def test_a_full_disk_is_a_one_line_message_and_exit_code_3(traceback_file):
    with open("/dev/full", "w") as full:
        out = subprocess.run(_command(str(traceback_file)), stdout=full, stderr=subprocess.PIPE)
    assert out.returncode == 3
    lines = out.stderr.decode().strip().splitlines()
    assert lines == ["ganerrors explain: cannot write the explanation: No space left on device"]


def test_a_closed_standard_input_is_a_one_line_message_and_exit_code_2():
    import shlex

    command = " ".join(shlex.quote(part) for part in _command()) + " <&-"
    out = subprocess.run(["sh", "-c", command], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "ganerrors explain: cannot read standard input: standard input is closed"
    ]


def test_at_a_terminal_it_prompts_and_one_ctrl_d_ends_the_paste():
    import os
    import pty
    import select
    import time

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        _command(), stdin=terminal, stdout=terminal, stderr=terminal, close_fds=True
    )
    os.close(terminal)
    seen = b""

    def read_until(predicate, seconds: float) -> None:
        nonlocal seen
        end = time.monotonic() + seconds
        while not predicate() and time.monotonic() < end:
            ready, _, _ = select.select([controller], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(controller, 4096)
                except OSError:  # the process ended and closed the terminal
                    break

    try:
        read_until(lambda: b"Ctrl-D" in seen, 30)
        assert b"Paste the error, then press Ctrl-D (Ctrl-Z Enter on Windows)." in seen
        os.write(controller, b"Incompatible shapes: [16,1] vs. [32,1]\n")
        time.sleep(0.2)
        os.write(controller, b"\x04")  # one Ctrl-D, at the start of a line
        read_until(lambda: process.poll() is not None and b"Checklist" in seen, 30)
        assert process.wait(timeout=10) == 0, seen
        assert b"ganerrors: Batch size (batch-size)" in seen
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)
