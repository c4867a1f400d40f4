"""The result of explaining an error."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from ganerrors.categories import get as get_category


@dataclass(frozen=True)
class Diagnosis:
    category: str  # one of ganerrors.categories.CATEGORIES
    summary: str  # one or two plain sentences with the real shapes, dtypes and values
    causes: tuple[str, ...] = field(default=())  # likely causes in a GAN, most likely first
    fix: str = ""
    details: dict[str, str] = field(default_factory=dict)  # values pulled from the message
    where: str = ""  # the learner's own line that led to the error, when known

    @property
    def title(self) -> str:
        return get_category(self.category).title

    @property
    def url(self) -> str:
        return get_category(self.category).url

    def render(self) -> str:
        """The explanation as a person reads it, a few short lines."""
        lines = [f"ganerrors: {self.title} ({self.category})", f"  {self.summary}"]
        if self.causes:
            lines.append("  Likely causes:")
            lines.extend(f"    - {cause}" for cause in self.causes)
        if self.fix:
            lines.append(f"  Fix: {self.fix}")
        if self.where:
            lines.append(f"  Where: {self.where}")
        lines.append(f"  Checklist: {self.url}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        data = asdict(self)
        data["causes"] = list(self.causes)
        data["title"] = self.title
        data["url"] = self.url
        return data

    @staticmethod
    def unrecognised_json() -> dict:
        """What `to_json` gives for an error that is not recognised: its keys, all empty."""
        data: dict = {f.name: None for f in fields(Diagnosis)}
        data.update(causes=[], details={}, title=None, url=None)
        return data
