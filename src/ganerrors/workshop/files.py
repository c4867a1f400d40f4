"""Copying kata files: a new course folder, a backup before a reset, a diff against a solution."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from ganerrors import course as course_mod
from ganerrors.workshop import WorkshopError
from ganerrors.workshop.place import KATAS, STATE, Place

DEFAULT_FOLDER = "ganerrors-course"
#: What a course folder's own .gitignore keeps out of version control.
GITIGNORE = f"{STATE}/\n__pycache__/\n.pytest_cache/\n"
_JUNK = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.pyc", ".ipynb_checkpoints")


def init(target: Path) -> Path:
    """Copy the course as shipped (katas.toml, every kata folder; no solutions) into `target`."""
    target = target.expanduser().absolute()
    if target.exists() and not target.is_dir():
        raise WorkshopError(f"{target} exists and is not a folder; choose another place")
    if target.is_dir() and any(target.iterdir()):
        hint = (
            f"it already holds a course: `cd {target}` and go on"
            if (target / KATAS / course_mod.REGISTRY_NAME).is_file()
            else "choose another folder"
        )
        raise WorkshopError(
            f"{target} is not empty; ganerrors init never writes over files: {hint}"
            " (or `ganerrors reset NN` there to start one kata again)."
        )
    source = course_mod.default_root()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, target / KATAS, ignore=_JUNK)
    (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return target


def pristine_files(place: Place, kata: course_mod.Kata) -> dict[str, bytes]:
    """The kata's files as shipped: name -> content.

    From the installed package's course (the wheel's copy, or the repository in a clone);
    when that is the learner's own folder (working in a clone), from git's last commit.
    """
    source = course_mod.default_root().resolve()
    if source != place.course.root:
        folder = source / kata.number
        if not folder.is_dir():
            raise WorkshopError(f"the installed ganerrors has no copy of kata {kata.number}")
        return {
            path.name: path.read_bytes()
            for path in sorted(folder.iterdir())
            if path.is_file() and not path.name.endswith(".pyc")
        }
    return _from_git(place, kata)


def _from_git(place: Place, kata: course_mod.Kata) -> dict[str, bytes]:
    folder = place.course.folder(kata)
    relative = folder.relative_to(place.folder).as_posix()
    try:
        listing = subprocess.run(
            ["git", "ls-tree", "--name-only", "HEAD", f"{relative}/"],
            cwd=place.folder,
            capture_output=True,
            check=True,
        ).stdout.decode()
        files = {}
        for path in listing.split():
            files[Path(path).name] = subprocess.run(
                ["git", "show", f"HEAD:{path}"], cwd=place.folder, capture_output=True, check=True
            ).stdout
    except (OSError, subprocess.CalledProcessError):
        files = {}
    if not files:
        raise WorkshopError(
            f"cannot find kata {kata.number} as shipped: this course folder is the installed "
            "package's own copy and git has no committed version of it. "
            "Start a fresh course with `ganerrors init DIR` instead."
        )
    return files


def backup(place: Place, kata: course_mod.Kata) -> Path:
    """Copy the kata's folder, as the learner has it now, to a new .ganerrors/backups/ folder."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backups = place.state / "backups"
    target = backups / f"{kata.number}-{stamp}"
    count = 1
    while target.exists():
        count += 1
        target = backups / f"{kata.number}-{stamp}-{count}"
    source = place.course.folder(kata)
    if source.is_dir():
        shutil.copytree(source, target, ignore=_JUNK)
    else:
        target.mkdir(parents=True)
    return target


def restore(place: Place, kata: course_mod.Kata, files: dict[str, bytes]) -> list[str]:
    """Write the shipped files into the kata's folder; other files there stay. Returns names."""
    folder = place.course.folder(kata)
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return sorted(files)


def solution_folder(place: Place, kata: course_mod.Kata) -> Path | None:
    """solutions/NN next to the learner's course, else next to the installed course (a clone)."""
    found = place.course.solution_folder(kata)
    if found is not None:
        return found
    try:
        return course_mod.load(course_mod.default_root()).solution_folder(kata)
    except course_mod.RegistryError:
        return None


def solution_diff(place: Place, kata: course_mod.Kata, solutions: Path) -> str:
    """A unified diff from the learner's current kata files to the solution's."""
    folder = place.course.folder(kata)
    chunks: list[str] = []
    for name in (course_mod.KATA_FILE,):
        fixed = solutions / name
        if not fixed.is_file():
            continue
        mine = folder / name
        before = (
            mine.read_text(encoding="utf-8").splitlines(keepends=True) if mine.is_file() else []
        )
        after = fixed.read_text(encoding="utf-8").splitlines(keepends=True)
        where = place.relative(mine)
        chunks.extend(
            difflib.unified_diff(before, after, f"{where} (yours)", f"{where} (solution)")
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)
