"""Which folder is the learner's course: the nearest one at or above here with katas/katas.toml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ganerrors import course
from ganerrors.course import Course, Kata
from ganerrors.workshop import WorkshopError, settings

KATAS = "katas"
STATE = ".ganerrors"


class NoCourse(WorkshopError):
    """There is no course folder here (exit 2)."""


class BrokenCourse(WorkshopError):
    """There is a course folder, but its registry cannot be read (exit 2)."""


@dataclass(frozen=True)
class Place:
    """A course folder: `folder/katas/katas.toml` and the kata folders, `folder/.ganerrors/`."""

    folder: Path
    course: Course

    @property
    def state(self) -> Path:
        return self.folder / STATE

    def settings(self) -> settings.Settings:
        return settings.load(self.folder)

    def kata(self, number: str) -> Kata:
        """The kata with this number, or a WorkshopError listing the valid ones (exit 2)."""
        try:
            return self.course.kata(number)
        except KeyError as exc:
            raise WorkshopError(str(exc.args[0]), code=2) from None

    def relative(self, path: Path) -> str:
        """`path` as the learner would type it from the course folder."""
        try:
            return Path(path).relative_to(self.folder).as_posix()
        except ValueError:
            return str(path)


def holds_course(folder: Path) -> bool:
    return (folder / KATAS / course.REGISTRY_NAME).is_file()


def enclosing(start: Path) -> Path | None:
    """The course folder at or above `start`, readable or not; None outside any course."""
    start = Path(start).expanduser().absolute()
    for folder in (start, *start.parents):
        try:
            if holds_course(folder):
                return folder
        except OSError:  # a folder we may not look into
            continue
    return None


def find(start: Path | None = None, course_dir: str | Path | None = None) -> Place:
    """The course folder given by `--course`, else the nearest one at or above `start`."""
    if course_dir is not None:
        folder = Path(course_dir).expanduser().resolve()
        if not holds_course(folder) and (folder / course.REGISTRY_NAME).is_file():
            folder = folder.parent  # --course pointed at the katas folder itself
        if not holds_course(folder):
            raise NoCourse(
                f"--course {course_dir}: there is no {KATAS}/{course.REGISTRY_NAME} in {folder}"
            )
        return load(folder)
    start = (start or Path.cwd()).resolve()
    found = enclosing(start)
    if found is None:
        raise NoCourse(
            f"no ganerrors course here: neither {start} nor a folder above it holds "
            f"{KATAS}/{course.REGISTRY_NAME}. "
            "cd into your course folder, or make one: `ganerrors init`, then `cd ganerrors-course`."
        )
    return load(found)


def load(folder: Path) -> Place:
    """The course in `folder`, its registry read afresh (a long `watch` sees edits)."""
    try:
        return Place(folder=folder, course=course.reload(folder / KATAS))
    except course.RegistryError as exc:
        raise BrokenCourse(f"the course in {folder} is broken: {exc}") from None
