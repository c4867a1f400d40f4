"""`ganerrors doctor`: the machine, and every file of the course against the build's record."""

from __future__ import annotations

import importlib.metadata as metadata
import json
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from ganerrors.workshop import doctor, progress, shipped

from .conftest import SHIPPED, fix_kata, ganerrors


def _problems(course: Path) -> list[str]:
    return [f.what for f in doctor.course_findings(None, str(course)) if not f.ok]


@pytest.mark.slow
@pytest.mark.tensorflow
def test_doctor_reads_the_supported_ranges_from_the_package_metadata_and_trains(course: Path):
    done = ganerrors("doctor", cwd=course, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    for text in metadata.requires("ganerrors") or []:
        wanted = Requirement(text)
        if wanted.marker is None:  # tensorflow, keras, pytest, watchdog, ...
            assert f"{wanted.name} {metadata.version(wanted.name)} (supported: " in done.stdout
    assert "katas shipped, as recorded" in done.stdout
    assert "every kata file is as shipped" in done.stdout
    assert "a tiny GAN trains one step" in done.stdout
    assert "Ready for the workshop" in done.stdout


def test_doctor_flags_a_package_outside_the_supported_range_with_its_fix(monkeypatch) -> None:
    installed = metadata.version("keras")
    monkeypatch.setattr(doctor.metadata, "requires", lambda name: [f"keras<{installed}"])
    (finding,) = doctor.requirement_findings()
    assert not finding.ok and installed in finding.what
    assert finding.fix == f'pip install "keras<{installed}"'


def test_a_fresh_course_has_no_problem(course: Path) -> None:
    assert _problems(course) == []


def test_doctor_flags_a_course_folder_that_lacks_a_kata_file(course: Path) -> None:
    (course / "katas" / "01" / "gan.py").unlink()
    (problem,) = _problems(course)
    assert "01/gan.py" in problem


def test_doctor_names_a_kata_handed_out_solved(course: Path) -> None:
    fix_kata(course, "01")
    (problem,) = _problems(course)
    assert "already the solution" in problem and "katas/01/gan.py" in problem


def test_doctor_names_an_edited_checker_but_not_the_learners_own_work(course: Path) -> None:
    checker = course / "katas" / "02" / "test_gan.py"
    checker.write_text(checker.read_text() + "\n# made easier\n")
    (course / "katas" / "01" / "gan.py").write_text("# my attempt\n")
    (problem,) = _problems(course)
    assert "katas/02/test_gan.py" in problem and "katas/01" not in problem
    notes = [f.what for f in doctor.course_findings(None, str(course)) if f.ok]
    assert any("edited since init" in note and "katas/01/gan.py" in note for note in notes)


def test_doctor_names_a_broken_progress_file_and_settings(course: Path) -> None:
    (course / ".ganerrors").mkdir()
    (course / ".ganerrors" / "progress.json").write_text("[" * 50_000)
    (course / "ganerrors.toml").write_text("spoilers = maybe\n")
    problems = _problems(course)
    assert any("progress file is broken" in p and "nested" in p for p in problems)
    assert any("ganerrors.toml" in p for p in problems)
    assert progress.load(course / ".ganerrors").problem  # doctor changed nothing


def test_doctor_names_a_folder_where_progress_cannot_be_saved(course: Path) -> None:
    (course / ".ganerrors").write_text("not a folder")
    assert any("cannot save your progress" in p for p in _problems(course))


def test_doctor_names_the_damaged_and_the_modified_files_of_an_install(
    tmp_path: Path, monkeypatch
) -> None:
    package = tmp_path / "_course"
    for path, data in SHIPPED.files.items():
        (package / path).parent.mkdir(parents=True, exist_ok=True)
        (package / path).write_bytes(data)
    manifest = {
        "version": 1,
        "ganerrors": "0.0.0",
        "commit": None,
        "modified": ["katas/03/gan.py"],
        "files": {path: shipped.sha256(data) for path, data in SHIPPED.files.items()},
    }
    (package / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setattr(shipped, "load", lambda: shipped.from_package(package))
    problems = [f.what for f in doctor.course_findings(tmp_path, None) if not f.ok]
    assert problems == [
        "this ganerrors was built from course files that differed from git HEAD: katas/03/gan.py"
    ]
    (package / "katas" / "02" / "test_gan.py").write_text("def test_nothing(): pass\n")
    problems = [f.what for f in doctor.course_findings(tmp_path, None) if not f.ok]
    assert (
        len(problems) == 1 and "differs from its build record: katas/02/test_gan.py" in problems[0]
    )
