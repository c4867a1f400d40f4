"""The kata report: what the pytest plugin writes with `--ganerrors-report FILE`.

The workshop commands and `ganerrors dev check` run a kata's checker in a pytest process and
read this file back, so both sides share these dataclasses. The report carries a version;
reading one of another version (or anything that is not a report) raises ReportError instead
of being half understood. Nothing here imports TensorFlow or pytest.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from ganerrors.errors import ReportError

#: Bump when a field changes meaning or goes away; readers refuse other versions.
VERSION = 2

Outcome = Literal["passed", "failed", "skipped", "error"]


@dataclass
class TestOutcome:
    test: str
    outcome: Outcome


@dataclass
class Failure:
    """The first failure of a kata run: the one the learner has to fix."""

    test: str
    type: str  # the exception's class name, e.g. "InvalidArgumentError" or "GANCheckFailed"
    message: str
    category: str | None  # a ganerrors.categories id, when known


@dataclass
class KataResult:
    number: str  # the folder's name, e.g. "01"
    folder: str
    tests: list[TestOutcome] = field(default_factory=list)
    failure: Failure | None = None

    @property
    def outcome(self) -> str:
        """passed only when at least one test ran and every test passed: a skip is no pass."""
        if self.failure is not None:
            return "failed"
        if not self.tests:
            return "not run"
        if all(t.outcome == "passed" for t in self.tests):
            return "passed"
        return "incomplete"

    @property
    def solved(self) -> bool:
        return self.outcome == "passed"


@dataclass
class Report:
    katas: dict[str, KataResult] = field(default_factory=dict)
    version: int = VERSION

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "katas": {
                key: {**asdict(result), "outcome": result.outcome}
                for key, result in self.katas.items()
            },
        }

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write atomically: a reader sees the old report or the new one, never half."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.to_json(), indent=2), encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def from_json(cls, data: Any) -> Report:
        if not isinstance(data, dict) or data.get("version") != VERSION:
            found = data.get("version") if isinstance(data, dict) else type(data).__name__
            raise ReportError(f"not a version {VERSION} kata report (found {found!r})")
        try:
            katas = {
                str(key): KataResult(
                    number=str(entry["number"]),
                    folder=str(entry["folder"]),
                    tests=[TestOutcome(str(t["test"]), t["outcome"]) for t in entry["tests"]],
                    failure=Failure(**entry["failure"]) if entry["failure"] else None,
                )
                for key, entry in data["katas"].items()
            }
        except (KeyError, TypeError, AttributeError) as exc:
            raise ReportError(f"a kata report with a missing or bad field: {exc}") from None
        return cls(katas=katas)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Report:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ReportError(f"cannot read the kata report {path}: {exc.strerror}") from None
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ReportError(f"the kata report {path} is not JSON: {exc}") from None
        return cls.from_json(data)
