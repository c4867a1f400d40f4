"""The corpus of real error messages (corpus/*.toml), split into halves by thread, and scored.

The split is by thread, so that two messages of one conversation never fall into different
halves, and it is deterministic: the parity of the SHA-256 of the thread's address.
`samples.toml` is always in the tuning half: the explainer was fitted to it.

Used by `test_corpus.py`, by `benchmarks/score_explain.py` and by the site's score
(`ganerrors.site.explainer_score.corpus_module` loads it from a checkout).
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FOLDER = Path(__file__).resolve().parent / "corpus"
ERAS = ("tf1", "tf2-keras2", "keras3")
UNRELATED = "unrelated"
#: Files whose every entry is in the tuning half, whatever its thread.
ALWAYS_TUNE = {"samples.toml"}


def half_of(thread: str) -> str:
    """Which half a thread is in, "heldout" or "tune", from its address alone."""
    return "heldout" if int(hashlib.sha256(thread.encode()).hexdigest(), 16) % 2 else "tune"


@dataclass(frozen=True)
class Entry:
    file: str
    index: int  # position in its file, from 0
    thread: str
    source: str
    era: str
    category: str
    #: never shown in a repr (a failing assertion prints the entry), so that no test failure
    #: prints a held-out message or what it is about; `id` names the entry instead
    why: str = field(repr=False)
    message: str = field(repr=False)
    phrase: str = ""

    @property
    def half(self) -> str:
        return "tune" if self.file in ALWAYS_TUNE else half_of(self.thread)

    @property
    def id(self) -> str:
        return f"{self.file}#{self.index}"


def _tables(data: dict) -> list[dict]:
    """The entries of one file: its one top-level array of tables, whatever its name."""
    arrays = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    if len(arrays) != 1:
        raise ValueError(f"expected one array of tables, found {len(arrays)}")
    return arrays[0]


def load_file(path: Path) -> list[Entry]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries = []
    for index, table in enumerate(_tables(data)):
        entries.append(
            Entry(
                file=path.name,
                index=index,
                thread=str(table.get("thread") or table["source"]),
                source=str(table["source"]),
                era=str(table["era"]),
                category=str(table["category"]),
                why=str(table.get("why", "")),
                message=str(table["message"]),
                phrase=str(table.get("phrase", "")),
            )
        )
    return entries


@dataclass(frozen=True)
class Blind:
    """A batch's blind score: measured once, with the explainer of `commit`, on the whole batch,
    after its messages were labelled and before any tuning on them (its `[blind]` table).
    `benchmarks/blind_scores.py` measures it again from that commit."""

    file: str
    right: int
    total: int
    unrelated: int  # unrelated errors in the batch
    unrelated_high: int  # of which got a high-confidence diagnosis
    commit: str


def blind_batches(folder: Path = FOLDER) -> list[Blind]:
    """The batches whose file records a blind score, in file order."""
    batches = []
    # in the order they were collected: fresh, fresh2, ..., fresh10
    for path in sorted(folder.glob("*.toml"), key=lambda p: (len(p.stem), p.stem)):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        table = data.get("blind")
        if table is None:
            continue
        entries = _tables(data)
        batches.append(
            Blind(
                file=path.name,
                right=int(table["right"]),
                total=int(table["total"]),
                unrelated=sum(1 for e in entries if e["category"] == UNRELATED),
                unrelated_high=int(table["unrelated_high"]),
                commit=str(table["commit"]),
            )
        )
    return batches


def load(folder: Path = FOLDER) -> list[Entry]:
    entries: list[Entry] = []
    for path in sorted(folder.glob("*.toml")):
        entries.extend(load_file(path))
    return entries


def is_right(entry: Entry, category: str | None, confidence: str | None) -> bool:
    """The explainer's answer is right: the label's category; for an unrelated error, no
    answer or a low-confidence one."""
    if entry.category == UNRELATED:
        return category is None or confidence == "low"
    return category == entry.category


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.right}/{self.total} ({self.rate:.0%})" if self.total else "-"


@dataclass
class Score:
    """Right answers in one half, overall, per category and per era."""

    overall: Tally
    categories: dict[str, Tally]
    eras: dict[str, Tally]
    unrelated_high: Tally  # unrelated errors given a high-confidence diagnosis
    #: never shown in a repr, so that no failing test prints a held-out message
    misses: list[tuple[Entry, str | None, str | None]] = field(repr=False)


def score(entries: Iterable[Entry]) -> Score:
    from ganerrors.explainers import explain

    overall = Tally()
    categories: dict[str, Tally] = defaultdict(Tally)
    eras: dict[str, Tally] = defaultdict(Tally)
    unrelated_high = Tally()
    misses: list[tuple[Entry, str | None, str | None]] = []
    for entry in entries:
        diagnosis = explain(entry.message)
        category = diagnosis.category if diagnosis else None
        confidence = diagnosis.confidence if diagnosis else None
        right = is_right(entry, category, confidence)
        for tally in (overall, categories[entry.category], eras[entry.era]):
            tally.total += 1
            tally.right += right
        if entry.category == UNRELATED:
            unrelated_high.total += 1
            unrelated_high.right += confidence == "high"
        if not right:
            misses.append((entry, category, confidence))
    return Score(overall, dict(categories), dict(eras), unrelated_high, misses)


def split(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    halves: dict[str, list[Entry]] = {"tune": [], "heldout": []}
    for entry in entries:
        halves[entry.half].append(entry)
    return halves


def report(entries: list[Entry], *, both: bool = False) -> str:
    """Scores of both halves, per category and per era, as text (no held-out message).

    With `both`, also the score of the two halves together ("all"): for a batch collected
    blind and scored before any tuning on it, the honest estimate on unseen messages.
    """
    lines = []
    files = Counter(e.file for e in entries)
    lines.append("corpus: " + ", ".join(f"{name} {n}" for name, n in sorted(files.items())))
    groups = dict(split(entries))
    if both:
        groups["all"] = list(entries)
    for half, members in groups.items():
        result = score(members)
        lines.append(f"\n{half}: {result.overall} right")
        lines.append(
            "  per category: "
            + ", ".join(f"{name} {tally}" for name, tally in sorted(result.categories.items()))
        )
        lines.append(
            "  per era:      "
            + ", ".join(f"{era} {result.eras[era]}" for era in ERAS if era in result.eras)
        )
        lines.append(f"  unrelated with high confidence: {result.unrelated_high}")
    return "\n".join(lines)


def high_readings(entries: Iterable[Entry]) -> list[tuple[Entry, str, str]]:
    """(entry, family, category) of each entry that an exact reader answers with high
    confidence, before the family's record is taken into account."""
    from ganerrors.explainers import reading

    found = []
    for entry in entries:
        read = reading(entry.message)
        if read is not None and read[3] == "high":
            found.append((entry, read[2], read[0].category))
    return found


def tally(readings: Iterable[tuple[Entry, str, str]]) -> dict[str, dict[str, object]]:
    """Each family among `readings`: the category it gives and what its threads were
    labelled (category -> threads), most first, in record.json's form."""
    records: dict[str, dict[str, object]] = {}
    for entry, family, category in readings:
        record = records.setdefault(family, {"category": category, "labels": {}})
        labels: dict[str, int] = record["labels"]  # type: ignore[assignment]
        labels[entry.category] = labels.get(entry.category, 0) + 1
    for record in records.values():
        labels = record["labels"]  # type: ignore[assignment]
        record["labels"] = dict(sorted(labels.items(), key=lambda item: (-item[1], item[0])))
    return dict(sorted(records.items()))


def track_records(entries: Iterable[Entry]) -> dict[str, dict[str, object]]:
    """What src/ganerrors/explainers/record.json stores for `entries` (the tuning half)."""
    return tally(high_readings(entries))
