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


def test_standard_input_is_read_without_a_file_or_with_a_dash(monkeypatch, capsys):
    for argv in (["explain"], ["explain", "-"]):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TRACEBACK.encode())))
        assert main(argv) == 0
        assert "batch-size" in capsys.readouterr().out


def test_an_unrecognised_message_says_so_and_exits_1(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"KeyError: 'missing'")))
    assert main(["explain"]) == 1
    assert "not recognised" in capsys.readouterr().out


def test_an_unrecognised_message_in_json_has_a_null_category(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe binary \x00")))
    assert main(["explain", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["category"] is None


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
