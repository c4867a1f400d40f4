"""The course as shipped: the pristine copy that `init`, `reset`, `solution` and `doctor` use.

Never the working tree of a clone, where someone may have solved a kata. It comes from
- an installed wheel: `ganerrors/_course/`, with the `manifest.json` that the build wrote
  (see `build_plan`): the SHA-256 of every file and the commit it was built from. Each file
  is checked against the manifest when read; one that differs is listed in `damaged`;
- a clone of the repository (an editable install): the files of git's HEAD commit;
- neither (a copy without git): the files on disk, with `verified` false.

What ships, and nothing else: katas/katas.toml; for each registered kata its three files
(`course.README_FILE`, `CHECKER_FILE`, `KATA_FILE`); and its fix, solutions/NN/gan.py. Not
solutions/NN/variants.toml, which only the author check reads.

`build_plan` is what the wheel build runs (hatch_build.py at the repository's root): it lists
the files to ship, refuses a tree whose course files differ from git HEAD, and writes the
manifest. Nothing here imports TensorFlow or pytest.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from ganerrors import __version__, course
from ganerrors.course import Course, Kata
from ganerrors.workshop import WorkshopError

#: The folder of the package that holds the shipped course in a wheel: ganerrors/_course.
PACKAGE_FOLDER = "_course"
MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
#: Set to 1 to build a wheel from course files that differ from git HEAD (loudly).
ALLOW_MODIFIED = "GANERRORS_ALLOW_MODIFIED_KATAS"
KATAS = "katas"
SOLUTIONS = "solutions"


class ShippedError(WorkshopError):
    """The shipped course cannot be found or read. The message says how to fix it."""


class BuildRefused(RuntimeError):
    """The wheel build would ship course files that differ from git HEAD."""


# -- which files ship ------------------------------------------------------------------------
def registry_path() -> str:
    return f"{KATAS}/{course.REGISTRY_NAME}"


def kata_paths(kata: Kata) -> list[str]:
    names = (course.README_FILE, course.CHECKER_FILE, course.KATA_FILE)
    return [f"{KATAS}/{kata.number}/{name}" for name in names]


def solution_path(kata: Kata) -> str:
    return f"{SOLUTIONS}/{kata.number}/{course.KATA_FILE}"


def shipped_paths(registry: Course) -> list[str]:
    """Every file that ships with this course, as paths relative to the repository root."""
    paths = [registry_path()]
    for kata in registry.katas:
        paths.extend(kata_paths(kata))
    paths.extend(solution_path(kata) for kata in registry.katas)
    return paths


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- the shipped course -----------------------------------------------------------------------
@dataclass(frozen=True)
class Shipped:
    origin: str  # for people: "the ganerrors 0.1.0 package", "git HEAD (abc1234) of /repo"
    files: Mapping[str, bytes]  # path relative to the repository root -> content
    course: Course  # read from the shipped katas.toml
    verified: bool  # checked against a record: the wheel's manifest, or git
    damaged: tuple[str, ...] = ()  # files that differ from the wheel's manifest, or are gone
    modified: tuple[str, ...] = ()  # files the build knowingly took from a modified tree
    commit: str | None = None
    location: Path | None = field(default=None, compare=False)  # _course/ or the clone

    def kata_files(self, kata: Kata) -> dict[str, bytes]:
        """The kata's files as shipped: file name -> content."""
        found = {}
        for path in kata_paths(kata):
            if path in self.files and path not in self.damaged:
                found[PurePosixPath(path).name] = self.files[path]
        return found

    def solution(self, kata: Kata) -> bytes | None:
        path = solution_path(kata)
        return self.files.get(path) if path not in self.damaged else None

    def digest(self, path: str) -> str | None:
        return sha256(self.files[path]) if path in self.files else None


def package_folder() -> Path:
    return Path(__file__).resolve().parents[1] / PACKAGE_FOLDER


def load() -> Shipped:
    """The shipped course (read once per process). Raises ShippedError when there is none."""
    return _load()


@cache
def _load() -> Shipped:
    packaged = package_folder()
    if (packaged / MANIFEST).is_file():
        return from_package(packaged)
    try:
        root = course.default_root()
    except course.RegistryError as exc:
        raise ShippedError(f"{exc}; reinstall ganerrors") from None
    if root.parent.resolve() == packaged:
        return from_package(packaged)  # a package without a manifest: read, not verified
    return from_clone(root.parent)


def from_package(folder: Path) -> Shipped:
    """The course in an installed package's `_course/` folder, checked against its manifest."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        recorded = _recorded_files(manifest)
    except (OSError, ValueError, TypeError):
        manifest, recorded = {}, None
    try:
        registry = course.reload(folder / KATAS)
    except course.RegistryError as exc:
        raise ShippedError(f"the installed course is broken: {exc}; reinstall ganerrors") from None
    version = manifest.get("ganerrors", __version__) if isinstance(manifest, dict) else __version__
    if recorded is None:
        files = _present(folder, shipped_paths(registry))
        origin = f"the ganerrors {version} package in {folder} (no build record)"
        return Shipped(origin, files, registry, verified=False, location=folder)
    files, damaged = {}, []
    for path, digest in recorded.items():
        data = _read(folder / path)
        if data is None or sha256(data) != digest:
            damaged.append(path)
        if data is not None:
            files[path] = data
    modified = manifest.get("modified") or []
    return Shipped(
        origin=f"the ganerrors {version} package in {folder}",
        files=files,
        course=registry,
        verified=True,
        damaged=tuple(damaged),
        modified=tuple(str(p) for p in modified) if isinstance(modified, list) else (),
        commit=manifest.get("commit") if isinstance(manifest.get("commit"), str) else None,
        location=folder,
    )


def from_clone(repo: Path) -> Shipped:
    """The course of git's HEAD commit in a clone; the files on disk when git cannot say."""
    repo = repo.resolve()
    head = git_head(repo)
    if head is None:
        try:
            registry = course.reload(repo / KATAS)
        except course.RegistryError as exc:
            raise ShippedError(str(exc)) from None
        files = _present(repo, shipped_paths(registry))
        origin = f"the files in {repo} (not a git checkout, so not checked)"
        return Shipped(origin, files, registry, verified=False, location=repo)
    commit, blobs = head
    registry_blob = blobs.get(registry_path())
    if registry_blob is None:
        raise ShippedError(f"git HEAD of {repo} has no {registry_path()}")
    (registry_bytes,) = git_blobs(repo, [registry_blob])
    registry = _registry_from_bytes(registry_bytes, repo, commit)
    paths = [path for path in shipped_paths(registry) if path in blobs]
    contents = git_blobs(repo, [blobs[path] for path in paths])
    return Shipped(
        origin=f"git HEAD ({commit[:10]}) of {repo}",
        files=dict(zip(paths, contents, strict=True)),
        course=registry,
        verified=True,
        commit=commit,
        location=repo,
    )


def _registry_from_bytes(data: bytes, repo: Path, commit: str) -> Course:
    with tempfile.TemporaryDirectory(prefix="ganerrors-registry-") as tmp:
        (Path(tmp) / course.REGISTRY_NAME).write_bytes(data)
        try:
            registry = course.reload(Path(tmp))
        except course.RegistryError as exc:
            message = str(exc).replace(str(Path(tmp).resolve()), f"{KATAS}")
            raise ShippedError(f"git HEAD ({commit[:10]}): {message}") from None
    return replace(registry, root=repo / KATAS)


def _recorded_files(manifest: Any) -> dict[str, str] | None:
    if not isinstance(manifest, dict) or manifest.get("version") != MANIFEST_VERSION:
        return None
    files = manifest.get("files")
    if not isinstance(files, dict):
        return None
    recorded = {}
    for path, digest in files.items():
        parts = PurePosixPath(path).parts
        if not isinstance(digest, str) or not parts or ".." in parts or parts[0] == "/":
            return None
        recorded[str(path)] = digest
    return recorded


def _present(folder: Path, paths: list[str]) -> dict[str, bytes]:
    found = {}
    for path in paths:
        data = _read(folder / path)
        if data is not None:
            found[path] = data
    return found


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


# -- git ----------------------------------------------------------------------------------------
def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=repo, input=stdin, capture_output=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def git_head(repo: Path) -> tuple[str, dict[str, str]] | None:
    """(HEAD's commit, {path: blob id} of its katas/ and solutions/), or None outside git."""
    top = _git(repo, "rev-parse", "--show-toplevel")
    if top is None or Path(top.decode().strip()).resolve() != repo.resolve():
        return None  # not a checkout, or the katas belong to some other repository
    commit = _git(repo, "rev-parse", "--verify", "--quiet", "HEAD")
    listing = _git(repo, "ls-tree", "-r", "-z", "HEAD", "--", KATAS, SOLUTIONS)
    if commit is None or listing is None:
        return None
    blobs = {}
    for entry in listing.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, path = entry.partition("\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == "blob":
            blobs[path] = fields[2]
    return commit.decode().strip(), blobs


def git_blobs(repo: Path, blob_ids: list[str]) -> list[bytes]:
    """The contents of these blobs, read with one `git cat-file --batch`."""
    if not blob_ids:
        return []
    out = _git(repo, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blob_ids).encode())
    if out is None:
        raise ShippedError(f"git could not read the course files of {repo}")
    contents, at = [], 0
    for _ in blob_ids:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        contents.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return contents


def git_blob_id(data: bytes) -> str:
    """The id git gives a file with this content (`git hash-object`)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


# -- the wheel build ----------------------------------------------------------------------------
@dataclass(frozen=True)
class BuildPlan:
    sources: dict[str, Path]  # path in the course -> file to copy into ganerrors/_course/
    manifest: dict[str, Any]
    warnings: tuple[str, ...]


def build_plan(root: Path, allow_modified: bool | None = None) -> BuildPlan:
    """What the wheel ships of the course in `root` (a checkout), and its manifest.

    Raises BuildRefused when a course file differs from git HEAD (a solved kata, an edited
    checker), unless `allow_modified` (default: the GANERRORS_ALLOW_MODIFIED_KATAS
    environment variable is 1); then the manifest lists those files as `modified`.
    """
    if allow_modified is None:
        allow_modified = os.environ.get(ALLOW_MODIFIED) == "1"
    root = Path(root).resolve()
    try:
        registry = course.reload(root / KATAS)
    except course.RegistryError as exc:
        raise BuildRefused(f"cannot build the course: {exc}") from None
    sources = {path: root / path for path in shipped_paths(registry) if (root / path).is_file()}
    needed = [registry_path()]
    for kata in registry.katas:
        needed += [f"{KATAS}/{kata.number}/{course.KATA_FILE}", solution_path(kata)]
        needed.append(f"{KATAS}/{kata.number}/{course.CHECKER_FILE}")
    missing = [path for path in needed if path not in sources]
    if missing:
        raise BuildRefused(f"cannot build the course: registered but missing: {', '.join(missing)}")
    contents = {path: source.read_bytes() for path, source in sources.items()}
    warnings: list[str] = []
    head = git_head(root)
    commit, modified = None, []
    if head is None:
        warnings.append(
            f"{root} is not a git checkout: the course files are shipped without being "
            "compared with a commit"
        )
    else:
        commit, blobs = head
        modified = [path for path, data in contents.items() if blobs.get(path) != git_blob_id(data)]
    if modified and not allow_modified:
        raise BuildRefused(
            "the course files differ from git HEAD, so this wheel would hand them out as "
            f"the katas: {', '.join(modified)}. Commit them, or put them back "
            f"(`git checkout HEAD -- {' '.join(modified)}`), then build again; "
            f"set {ALLOW_MODIFIED}=1 to build with them anyway."
        )
    if modified:
        warnings.append(
            "!" * 70
            + f"\nTHIS WHEEL SHIPS COURSE FILES THAT DIFFER FROM GIT HEAD ({ALLOW_MODIFIED}=1):\n  "
            + "\n  ".join(modified)
            + "\n`ganerrors doctor` will name them on every machine.\n"
            + "!" * 70
        )
    manifest = {
        "version": MANIFEST_VERSION,
        "ganerrors": __version__,
        "commit": commit,
        "modified": modified,
        "files": {path: sha256(data) for path, data in contents.items()},
    }
    return BuildPlan(sources=sources, manifest=manifest, warnings=tuple(warnings))
