"""ganerrors init lays out the course as shipped: never the working tree, never over files."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from ganerrors.cli import main
from ganerrors.course import load
from ganerrors.workshop import shipped

from .conftest import NUMBERS, REPOSITORY, SHIPPED, ganerrors


def test_init_lays_out_every_kata_as_shipped_and_no_solution(tmp_path: Path, capsys) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert main(["init", str(target)]) == 0
    expected = {path: data for path, data in SHIPPED.files.items() if path.startswith("katas/")}
    written = {
        path.relative_to(target).as_posix(): path.read_bytes()
        for path in (target / "katas").rglob("*")
        if path.is_file()
    }
    assert written == expected
    assert not (target / "solutions").exists()
    assert ".ganerrors/" in (target / ".gitignore").read_text().splitlines()
    assert f"Copied {len(NUMBERS)} katas" in capsys.readouterr().out


def test_the_course_readme_says_what_to_run_and_how_to_get_help(course: Path) -> None:
    readme = (course / "README.md").read_text()
    for command in ("ganerrors list", "ganerrors check", "ganerrors hint NN", "ganerrors watch"):
        assert command in readme
    assert "ganerrors checklist" in readme and "pytest katas/01" in readme
    for kata in SHIPPED.course.katas:
        assert f"{kata.number} {kata.title}" in readme
    assert readme.index("ganerrors.github.io") > readme.index("## Getting help")


def test_init_writes_the_course_settings_with_spoilers_off_unless_asked(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "a")]) == 0
    assert main(["init", str(tmp_path / "b"), "--spoilers"]) == 0
    from ganerrors.workshop import settings

    assert settings.load(tmp_path / "a").spoilers is False
    assert settings.load(tmp_path / "b").spoilers is True


def test_init_refuses_a_folder_that_is_not_empty_and_leaves_it_alone(tmp_path: Path, capsys):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("my notes")
    assert main(["init", str(target)]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_init_refuses_to_run_inside_a_course(course: Path) -> None:
    done = ganerrors("init", cwd=course / "katas")
    assert done.returncode == 2
    assert "inside the course" in done.stderr and len(done.stderr.splitlines()) == 1
    assert not (course / "katas" / "ganerrors-course").exists()


def test_a_path_with_spaces_and_unicode_works(tmp_path: Path) -> None:
    folder = tmp_path / "my course ü ✓"
    assert ganerrors("init", str(folder), cwd=tmp_path).returncode == 0
    assert ganerrors("hint", "01", cwd=folder / "katas" / "01").returncode == 0
    listed = ganerrors("list", cwd=folder)
    assert listed.returncode == 0 and "my course ü ✓" in listed.stdout


def _package_copy(folder: Path) -> Path:
    """A wheel's ganerrors/_course, made from the course as shipped, read-only."""
    course = folder / "_course"
    for path, data in SHIPPED.files.items():
        (course / path).parent.mkdir(parents=True, exist_ok=True)
        (course / path).write_bytes(data)
    manifest = {
        "version": shipped.MANIFEST_VERSION,
        "ganerrors": "0.0.0",
        "commit": None,
        "modified": [],
        "files": {path: shipped.sha256(data) for path, data in SHIPPED.files.items()},
    }
    (course / shipped.MANIFEST).write_text(json.dumps(manifest))
    return course


def test_init_from_a_read_only_install_gives_katas_the_learner_can_edit(
    tmp_path: Path, monkeypatch
) -> None:
    package = _package_copy(tmp_path / "site")
    for path in package.rglob("*"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        monkeypatch.setattr(shipped, "load", lambda: shipped.from_package(package))
        assert main(["init", str(tmp_path / "course")]) == 0
    finally:
        for path in package.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
    for path in (tmp_path / "course").rglob("*"):
        assert path.stat().st_mode & stat.S_IWUSR, path


def test_a_damaged_install_is_named_file_by_file_and_init_refuses_it(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    package = _package_copy(tmp_path / "site")
    (package / "katas" / "01" / "gan.py").write_text("# solved by someone\n")
    source = shipped.from_package(package)
    assert source.damaged == ("katas/01/gan.py",)
    monkeypatch.setattr(shipped, "load", lambda: source)
    assert main(["init", str(tmp_path / "course")]) == 2
    assert "katas/01/gan.py" in capsys.readouterr().err
    assert not (tmp_path / "course").exists()


def _git_copy(tmp_path: Path) -> Path:
    """A git repository holding the shipped katas and solutions, committed."""
    repo = tmp_path / "repo"
    for path, data in SHIPPED.files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_bytes(data)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "course"], cwd=repo, check=True)
    return repo


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_in_a_clone_the_course_comes_from_git_head_not_the_working_tree(tmp_path: Path) -> None:
    repo = _git_copy(tmp_path)
    (repo / "katas" / "01" / "gan.py").write_bytes(SHIPPED.files["solutions/01/gan.py"])
    source = shipped.from_clone(repo)
    assert source.verified and source.commit
    assert source.files["katas/01/gan.py"] == SHIPPED.files["katas/01/gan.py"]
    assert [k.number for k in source.course.katas] == NUMBERS


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_build_refuses_course_files_that_differ_from_git_head(tmp_path: Path) -> None:
    repo = _git_copy(tmp_path)
    plan = shipped.build_plan(repo, allow_modified=False)
    assert plan.manifest["modified"] == [] and plan.manifest["commit"]
    assert set(plan.manifest["files"]) == set(SHIPPED.files)
    assert not [path for path in plan.manifest["files"] if path.endswith("variants.toml")]
    (repo / "katas" / "01" / "gan.py").write_bytes(SHIPPED.files["solutions/01/gan.py"])
    with pytest.raises(shipped.BuildRefused, match="katas/01/gan.py"):
        shipped.build_plan(repo, allow_modified=False)
    loud = shipped.build_plan(repo, allow_modified=True)
    assert loud.manifest["modified"] == ["katas/01/gan.py"]
    assert any("DIFFER FROM GIT HEAD" in warning for warning in loud.warnings)


def test_a_build_outside_git_says_it_could_not_compare(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    for path, data in SHIPPED.files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    plan = shipped.build_plan(folder, allow_modified=False)
    assert plan.manifest["commit"] is None
    assert any("not a git checkout" in warning for warning in plan.warnings)


def test_the_registry_read_from_the_shipped_course_matches_the_copied_one(course: Path) -> None:
    copied = load(course / "katas")
    assert [k.number for k in copied.katas] == NUMBERS
    assert [k.hints for k in copied.katas] == [k.hints for k in SHIPPED.course.katas]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_repository_build_plan_ships_exactly_the_registered_files() -> None:
    plan = shipped.build_plan(REPOSITORY, allow_modified=True)
    registry = load(REPOSITORY / "katas")
    assert set(plan.sources) == set(shipped.shipped_paths(registry))
