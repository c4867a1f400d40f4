"""The result of explaining an error."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from ganerrors.categories import get as get_category

Confidence = Literal["high", "low"]


@dataclass(frozen=True)
class Diagnosis:
    """What is wrong, why it happens in a GAN, and how to fix it.

    `causes` say what is wrong, without the code that fixes it; `remedies[i]` is the code
    fix that goes with `causes[i]` ("" when it has none), and `fix` the fix for the whole
    error. `render(fix=False)` leaves all the code fixes out, for a learner who has not yet
    asked for the last hint.

    `confidence` is "high" when a reader of this exact family of messages matched, "low"
    when only a general reader did (from the shapes, dtypes or words it found), when the
    message lacks the values that decide the category (a weights file of another layer count),
    or when the family's `record` shows that its messages often have other causes.
    """

    category: str  # one of ganerrors.categories.CATEGORIES
    summary: str  # one or two plain sentences with the real shapes, dtypes and values
    causes: tuple[str, ...] = field(default=())  # likely causes in a GAN, most likely first
    fix: str = ""
    details: dict[str, str] = field(default_factory=dict)  # values pulled from the message
    where: str = ""  # the learner's own line that led to the error, when known
    confidence: Confidence = "high"
    remedies: tuple[str, ...] = field(default=())  # the code fix of each cause, or ""
    # what the threads with a message of this family were labelled (category -> threads) on
    # the tuning half of the corpus of real messages (explainers/record.py); None when unknown
    record: dict[str, int] | None = None

    @property
    def reader_confidence(self) -> Confidence:
        """The confidence the readers gave, before the family's record lowered it: "high"
        whenever a reader of the exact family matched and found the values it needs."""
        return "high" if self.record is not None else self.confidence

    @property
    def title(self) -> str:
        return get_category(self.category).title

    @property
    def url(self) -> str:
        return get_category(self.category).url

    def render(self, fix: bool = True) -> str:
        """The explanation as a person reads it, a few short lines.

        With `fix=False` it says what is wrong (the shapes, dtypes and values, the checklist
        item, the likely causes) and leaves out how to fix it in code: no "Fix:" line, and no
        remedy after a cause.
        """
        probably = "probably " if self.confidence == "low" else ""
        lines = [f"ganerrors: {probably}{self.title} ({self.category})", f"  {self.summary}"]
        if self.causes:
            lines.append("  Likely causes:")
            for index, cause in enumerate(self.causes):
                remedy = self.remedies[index] if fix and index < len(self.remedies) else ""
                lines.append(f"    - {cause} {remedy}" if remedy else f"    - {cause}")
        if fix and self.fix:
            lines.append(f"  Fix: {self.fix}")
        if self.where:
            lines.append(f"  Where: {self.where}")
        if self.confidence == "low" and self.record:
            lines.append(f"  Why probably: {self.record_sentence()}")
        lines.append(f"  Checklist: {self.url}")
        return "\n".join(lines)

    def record_sentence(self) -> str:
        """What the threads with a message like this one had as their cause, in words."""
        record = self.record or {}
        answers = sum(record.values())
        right = record.get(self.category, 0)
        others = sorted(
            ((count, name) for name, count in record.items() if name != self.category),
            key=lambda item: (-item[0], item[1]),
        )
        if answers == 1 and others:
            return (
                "the one public thread with a message like this one that ganerrors has "
                f"collected had another cause: {_cause(others[0][1])}."
            )
        text = (
            f"of the {answers} public threads with a message like this one that ganerrors has "
            f"collected, this was the cause in {right or 'none'}"
        )
        if others:
            text += "; " + ", ".join(f"{_cause(name)} in {count}" for count, name in others)
        return text + "."

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["causes"] = list(self.causes)
        data["remedies"] = list(self.remedies)
        data["title"] = self.title
        data["url"] = self.url
        return data

    @staticmethod
    def unrecognised_json() -> dict[str, Any]:
        """What `to_json` gives for an error that is not recognised: its keys, all empty."""
        data: dict[str, Any] = {f.name: None for f in fields(Diagnosis)}
        data.update(causes=[], remedies=[], details={}, title=None, url=None)
        return data


def _cause(category: str) -> str:
    if category == "unrelated":
        return "a cause outside the checklist (a library's version or bug, the setup)"
    return f"the {get_category(category).title.lower()} ({category})"
