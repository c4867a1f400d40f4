"""Kata files on disk: a new course folder, a backup before a reset, a diff against a solution.

Every kata file comes from the course as shipped (`shipped.load()`), never from a working
tree. Files are written new (so a read-only install never gives read-only katas) and
replaced with os.replace (so a symlinked gan.py is replaced, not written through).
"""

from __future__ import annotations

import difflib
import os
import shutil
import stat
import tempfile
from datetime import datetime
from pathlib import Path

from ganerrors import course
from ganerrors.workshop import WorkshopError, settings, shipped
from ganerrors.workshop.place import STATE, Place, enclosing, holds_course
from ganerrors.workshop.readme import course_readme

DEFAULT_FOLDER = "ganerrors-course"
README = "README.md"
#: What a course folder's own .gitignore keeps out of version control.
GITIGNORE = f"{STATE}/\n__pycache__/\n.pytest_cache/\n"
_JUNK = ("__pycache__", ".pytest_cache", ".ipynb_checkpoints")


def init(target: Path, *, spoilers: bool = False) -> tuple[Path, shipped.Shipped]:
    """Lay out the course as shipped in `target`: katas.toml, each kata's files (no solutions),
    a README, the course's settings and a .gitignore. Refuses to write over anything."""
    target = Path(target).expanduser().absolute()
    around = enclosing(target.parent)
    if around is not None:
        raise WorkshopError(
            f"{target} would be inside the course in {around}; ganerrors init makes a new "
            f"course of its own: run it outside, e.g. `cd {around.parent}` first."
        )
    if target.exists() and not target.is_dir():
        raise WorkshopError(f"{target} exists and is not a folder; choose another place")
    if target.is_dir() and any(target.iterdir()):
        hint = (
            f"it already holds a course: `cd {target}` and go on"
            if holds_course(target)
            else "choose another folder"
        )
        raise WorkshopError(
            f"{target} is not empty; ganerrors init never writes over files: {hint}"
            " (or `ganerrors reset NN` there to start one kata again)."
        )
    source = shipped.load()
    needed = [shipped.registry_path()]
    for kata in source.course.katas:
        needed += shipped.kata_paths(kata)
    damaged = [path for path in needed if path in source.damaged]
    if damaged:
        raise WorkshopError(
            f"the course in {source.origin} is damaged: {', '.join(damaged)} "
            "differ from the build's record; reinstall ganerrors"
        )
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        for path in needed:
            if path in source.files:
                _write_new(target / path, source.files[path])
        _write_new(target / README, course_readme(source.course).encode("utf-8"))
        choice = f"spoilers = {'true' if spoilers else 'false'}"
        template = settings.TEMPLATE.replace("spoilers = false", choice)
        _write_new(target / settings.FILE, template.encode("utf-8"))
        _write_new(target / ".gitignore", GITIGNORE.encode("utf-8"))
    except OSError as exc:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        raise WorkshopError(f"cannot make the course in {target}: {exc.strerror or exc}") from None
    return target, source


def _write_new(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:  # a new file: the owner may write it, whatever the source
        handle.write(content)


def pristine_files(kata: course.Kata) -> dict[str, bytes]:
    """The kata's files as shipped: name -> content."""
    source = shipped.load()
    try:
        shipped_kata = source.course.kata(kata.number)
    except KeyError:
        raise WorkshopError(
            f"kata {kata.number} is not in the course as shipped ({source.origin})"
        ) from None
    files = source.kata_files(shipped_kata)
    if course.KATA_FILE not in files:
        raise WorkshopError(
            f"cannot find kata {kata.number} as shipped in {source.origin}; reinstall ganerrors"
        )
    return files


def backup(place: Place, kata: course.Kata) -> Path:
    """Copy the kata's folder, as the learner has it now, to a new .ganerrors/backups/ folder.

    Symbolic links are copied as links (the file they point to is not the course's).
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backups = place.state / "backups"
    target = backups / f"{kata.number}-{stamp}"
    count = 1
    while target.exists():
        count += 1
        target = backups / f"{kata.number}-{stamp}-{count}"
    source = place.course.folder(kata)
    try:
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns(*_JUNK))
        else:
            target.mkdir(parents=True)
            if source.is_symlink():
                os.symlink(os.readlink(source), target / "link-to-kata-folder")
    except (OSError, shutil.Error) as exc:
        raise WorkshopError(f"cannot back up {place.relative(source)} to {target}: {exc}") from None
    return target


def restore(place: Place, kata: course.Kata, files: dict[str, bytes]) -> list[str]:
    """Put the shipped files in the kata's folder; other files there stay. Returns the names.

    Each file is written beside its place and moved there with os.replace, so a symbolic link
    is replaced by the file (never written through), and a reader never sees half a file.
    """
    folder = place.course.folder(kata)
    try:
        if folder.is_symlink():
            folder.unlink()  # backed up as a link first; the folder it points to is not ours
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(content)
                os.chmod(tmp, (0o666 & ~_umask()) | stat.S_IRUSR | stat.S_IWUSR)
                os.replace(tmp, folder / name)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
    except OSError as exc:
        raise WorkshopError(
            f"cannot restore {place.relative(folder)}: {exc.strerror or exc}"
        ) from None
    return sorted(files)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def solution_diff(place: Place, kata: course.Kata, fixed: bytes) -> str:
    """A unified diff from the learner's kata file to the solution."""
    mine = place.course.kata_file(kata)
    try:
        before = mine.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
    except OSError:
        before = []
    after = fixed.decode("utf-8", errors="replace").splitlines(keepends=True)
    where = place.relative(mine)
    chunks = difflib.unified_diff(before, after, f"{where} (yours)", f"{where} (solution)")
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)
