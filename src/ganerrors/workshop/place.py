"""Which folder is the learner's course: the nearest one at or above here with katas/katas.toml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ganerrors import course as course_mod
from ganerrors.workshop import WorkshopError

KATAS = "katas"
STATE = ".ganerrors"


@dataclass(frozen=True)
class Place:
    """A course folder: `folder/katas/katas.toml` and the kata folders, `folder/.ganerrors/`."""

    folder: Path
    course: course_mod.Course

    @property
    def state(self) -> Path:
        return self.folder / STATE

    def kata(self, number: str) -> course_mod.Kata:
        """The kata with this number, or a WorkshopError listing the valid ones (exit 2)."""
        try:
            return self.course.kata(number)
        except KeyError as exc:
            raise WorkshopError(str(exc.args[0]), code=2) from None

    def relative(self, path: Path) -> str:
        """`path` as the learner would type it from the course folder."""
        try:
            return str(path.relative_to(self.folder))
        except ValueError:
            return str(path)


def _holds_course(folder: Path) -> bool:
    return (folder / KATAS / course_mod.REGISTRY_NAME).is_file()


def find(start: Path | None = None, course: str | Path | None = None) -> Place:
    """The course folder given by `--course`, else the nearest one at or above `start`."""
    if course is not None:
        folder = Path(course).expanduser().resolve()
        if not _holds_course(folder) and (folder / course_mod.REGISTRY_NAME).is_file():
            folder = folder.parent  # --course pointed at the katas folder itself
        if not _holds_course(folder):
            raise WorkshopError(
                f"--course {course}: there is no {KATAS}/{course_mod.REGISTRY_NAME} in {folder}"
            )
        return _place(folder)
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if _holds_course(folder):
            return _place(folder)
    raise WorkshopError(
        f"no ganerrors course here: neither {start} nor a folder above it holds "
        f"{KATAS}/{course_mod.REGISTRY_NAME}.\n"
        "cd into your course folder, or make one: `ganerrors init`, then `cd ganerrors-course`."
    )


def _place(folder: Path) -> Place:
    try:
        return Place(folder=folder, course=course_mod.load(folder / KATAS))
    except course_mod.RegistryError as exc:
        raise WorkshopError(f"the course in {folder} is broken: {exc}") from None
