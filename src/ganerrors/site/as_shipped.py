"""The katas as the site runs and shows them: as shipped, never as a learner left them.

A learner works in a clone: solving kata 01 rewrites `katas/01/gan.py`. The site shows each
kata failing as it ships, measured by running it, so a build from a clone with solved katas
must run the files as shipped, or its notebooks would find nothing to show. What the site
runs of a kata, its `gan.py` and its fix `solutions/NN/gan.py`, comes from git's HEAD commit,
as for `ganerrors reset` (`ganerrors.workshop.shipped`); a file that HEAD lacks (a kata being
written, not committed yet) or a copy of the course without git is read from disk. The
registry, `katas/katas.toml`, is read from disk, as the rest of the build reads it.

`AsShipped.write` lays those files out as a course in the site's cache folder, and the kernels
that run the notebooks read it (`course.KATAS_ENV`). Nothing here imports TensorFlow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ganerrors import course as course_mod
from ganerrors.course import Course, Kata
from ganerrors.workshop import shipped

#: The folder of the copy, in the site's cache folder (`measure.Store.folder`).
FOLDER = "course"


def kata_path(kata: Kata) -> str:
    """The learner's file, relative to the repository: katas/NN/gan.py."""
    return f"{shipped.KATAS}/{kata.number}/{course_mod.KATA_FILE}"


def solution_path(kata: Kata) -> str:
    return shipped.solution_path(kata)


@dataclass(frozen=True)
class AsShipped:
    """Each kata's `gan.py` and its fix, as shipped."""

    files: Mapping[str, bytes]  # kata_path / solution_path -> content
    commit: str | None  # git HEAD's commit, None outside a git checkout
    on_disk: tuple[str, ...] = ()  # files read from disk: not in HEAD, or no git
    #: files of the working tree that differ from HEAD's (a solved or edited kata): not shown
    differs: tuple[str, ...] = ()

    def kata_file(self, kata: Kata) -> bytes:
        return self.files[kata_path(kata)]

    def solution(self, kata: Kata) -> bytes:
        return self.files[solution_path(kata)]

    def text(self, path: str) -> str:
        return self.files[path].decode("utf-8")

    def write(self, folder: Path, registry: Path) -> Path:
        """Lay these files out in `folder` as a course, with the registry file `registry`:
        folder/katas/katas.toml, folder/katas/NN/gan.py, folder/solutions/NN/gan.py. A file
        already right is left alone. Returns the katas folder, for `course.KATAS_ENV`."""
        wanted = {f"{shipped.KATAS}/{course_mod.REGISTRY_NAME}": registry.read_bytes()}
        wanted.update(self.files)
        for path, content in wanted.items():
            target = folder / path
            try:
                if target.read_bytes() == content:
                    continue
            except OSError:
                pass
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.tmp")
            temporary.write_bytes(content)
            temporary.replace(target)  # a kernel of another build never reads half a file
        return folder / shipped.KATAS


def read(course: Course, katas: Iterable[Kata]) -> AsShipped:
    """The `gan.py` and the fix of each of `katas` (of the course in a checkout) as shipped.

    Raises OSError when a file is neither in git HEAD nor on disk."""
    root = course.root.parent
    wanted = [path for kata in katas for path in (kata_path(kata), solution_path(kata))]
    head = shipped.git_head(root)
    files: dict[str, bytes] = {}
    commit = None
    if head is not None:
        commit, blobs = head
        tracked = [path for path in wanted if path in blobs]
        contents = shipped.git_blobs(root, [blobs[path] for path in tracked])
        files.update(zip(tracked, contents, strict=True))
    on_disk = tuple(path for path in wanted if path not in files)
    differs = []
    for path in wanted:
        try:
            content = (root / path).read_bytes()
        except OSError:
            if path in on_disk:
                raise
            continue  # deleted from the working tree: HEAD's copy is what ships
        if path in on_disk:
            files[path] = content
        elif content != files[path]:
            differs.append(path)
    return AsShipped(files, commit, on_disk, tuple(differs))
