"""The wheel: it ships the course as committed with its record, and the solutions; init, doctor
and solution work from it alone; a tree with modified kata files does not build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ganerrors.workshop import progress

from .conftest import NUMBERS, REPOSITORY, ganerrors

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree (committed or not) as the last commit of a repository of its own."""
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (dev extras)")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPOSITORY,
        capture_output=True,
        check=True,
    ).stdout.decode()
    repo = tmp_path_factory.mktemp("checkout") / "ganerrors"
    for name in filter(None, listed.split("\0")):
        source = REPOSITORY / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    subprocess.run([*GIT, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "snapshot"], cwd=repo, check=True)
    return repo


def _build(repo: Path, out: Path, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(out), str(repo)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def _unpack(wheel_dir: Path, site: Path) -> set[str]:
    (wheel,) = wheel_dir.glob("ganerrors-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
        return set(archive.namelist())


def test_the_wheel_ships_the_course_and_solutions_and_works_alone(
    checkout: Path, tmp_path: Path
) -> None:
    built = _build(checkout, tmp_path / "dist")
    assert built.returncode == 0, built.stderr
    names = _unpack(tmp_path / "dist", tmp_path / "site")
    course = {n for n in names if n.startswith("ganerrors/_course/")}
    manifest = json.loads((tmp_path / "site" / "ganerrors/_course/manifest.json").read_text())
    assert course == {f"ganerrors/_course/{p}" for p in manifest["files"]} | {
        "ganerrors/_course/manifest.json"
    }
    assert {f"ganerrors/_course/solutions/{n}/gan.py" for n in NUMBERS} <= course
    assert not [n for n in course if n.endswith(("variants.toml", ".pyc"))]
    assert manifest["modified"] == [] and len(manifest["commit"]) == 40

    # The unpacked wheel alone on the path, as after `pip install`, outside any clone.
    env = {"PYTHONPATH": str(tmp_path / "site")}
    done = ganerrors("init", "workshop", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "ganerrors 0.1.0 package" in done.stdout
    room = tmp_path / "workshop"
    findings = subprocess.run(
        [sys.executable, "-c", "from ganerrors.workshop.doctor import course_findings as f\n"
         "for x in f(None, None): print(x.ok, x.what)"],
        cwd=room, capture_output=True, text=True, env={**os.environ, **env}, timeout=60,
    ).stdout  # fmt: skip
    assert "True every kata file is as shipped" in findings and "False" not in findings
    refused = ganerrors("solution", "01", cwd=room, env=env)
    assert refused.returncode == 1 and "not solved yet" in refused.stderr
    with progress.update(room / ".ganerrors") as kept:
        kept.record_run("01", solved=True)
    shown = ganerrors("solution", "01", cwd=room, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "(solution)" in shown.stdout and "\n+" in shown.stdout


def test_a_tree_with_a_solved_kata_does_not_build_unless_told_and_then_doctor_names_it(
    checkout: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "modified"
    shutil.copytree(checkout, repo)
    (repo / "katas" / "01" / "gan.py").write_bytes((repo / "solutions/01/gan.py").read_bytes())
    refused = _build(repo, tmp_path / "dist")
    assert refused.returncode != 0
    assert "differ from git HEAD" in refused.stderr and "katas/01/gan.py" in refused.stderr
    assert not list((tmp_path / "dist").glob("*.whl"))
    allowed = _build(repo, tmp_path / "dist", env={"GANERRORS_ALLOW_MODIFIED_KATAS": "1"})
    assert allowed.returncode == 0, allowed.stderr
    _unpack(tmp_path / "dist", tmp_path / "site")
    script = (
        "from ganerrors.workshop.doctor import course_findings as f\n"
        "print([x.what for x in f(None, None) if not x.ok])"
    )
    found = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        timeout=60,
    )
    assert "differed from git HEAD: katas/01/gan.py" in found.stdout, found.stderr
