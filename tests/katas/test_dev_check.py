"""`ganerrors dev check` on courses that are broken on purpose: it says what is wrong, in one
line per problem, and exits 1."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ganerrors.cli import main
from ganerrors.dev.check import check

ROOT = Path(__file__).resolve().parents[2]


def _course(tmp_path: Path, numbers: tuple[str, ...] = ("01",)) -> Path:
    """A copy of the shipped course holding only the katas `numbers`."""
    text = (ROOT / "katas" / "katas.toml").read_text(encoding="utf-8")
    head, *entries = text.split("[[kata]]")
    kept = [e for e in entries if any(f'number = "{n}"' in e for n in numbers)]
    (tmp_path / "katas").mkdir()
    (tmp_path / "katas" / "katas.toml").write_text(
        head + "".join("[[kata]]" + e for e in kept), encoding="utf-8"
    )
    for number in numbers:
        shutil.copytree(ROOT / "katas" / number, tmp_path / "katas" / number)
        shutil.copytree(ROOT / "solutions" / number, tmp_path / "solutions" / number)
    return tmp_path


def test_a_stray_kata_folder_and_a_missing_checker_are_named_without_running_anything(
    tmp_path: Path,
) -> None:
    root = _course(tmp_path)
    (root / "katas" / "07").mkdir()
    (root / "katas" / "01" / "test_gan.py").unlink()
    report = check(root, run_katas=False)
    problems = "\n".join(f"{f.subject}: {f.message}" for f in report.problems)
    assert "katas/07 is not in katas.toml" in problems
    assert "katas/01 lacks ['test_gan.py']" in problems
    assert not report.ok


def test_a_broken_registry_is_one_finding_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "katas").mkdir()
    (tmp_path / "katas" / "katas.toml").write_bytes(b"\x00\xff\xfe binary")
    report = check(tmp_path)
    assert [f.subject for f in report.problems] == ["registry"]
    assert "not a text file" in report.problems[0].message


def test_a_variant_whose_edit_no_longer_matches_is_named(tmp_path: Path) -> None:
    root = _course(tmp_path)
    path = root / "solutions" / "01" / "variants.toml"
    path.write_text(path.read_text().replace("keras.layers.Dense(2),", "keras.layers.Dense(3),"))
    report = check(root, run_katas=False)
    [problem] = report.problems
    assert problem.subject == "variants 01" and "is not in" in problem.message


@pytest.mark.slow
@pytest.mark.tensorflow
def test_a_kata_that_no_longer_fails_fails_the_check_with_a_clear_message(
    tmp_path: Path, capsys
) -> None:
    root = _course(tmp_path)
    shutil.copy2(root / "solutions" / "01" / "gan.py", root / "katas" / "01" / "gan.py")
    (root / "katas" / "01" / "gan.py").write_text(
        (root / "katas" / "01" / "gan.py").read_text() + "\n# TODO: nothing left to do\n"
    )
    assert main(["dev", "check", str(root), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "FAIL kata 01: passes as shipped: a kata must fail until it is fixed" in out
    assert "ok   solution 01" in out


def test_the_command_refuses_odd_jobs_with_a_usage_message() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ganerrors", "dev", "check", ".", "--jobs", "nan"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "--jobs takes a whole number" in result.stderr
