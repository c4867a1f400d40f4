"""Measure each reading family's track record on the corpus's tuning half.

    PYTHONPATH=src python tests/explainers/measure_record.py [--write] [--cross-validate]

Prints the families whose record gives them low confidence; with `--write`, stores every
record in src/ganerrors/explainers/record.json (see that package's record.py). Run it after
changing a reader or adding corpus files; tests/explainers/test_record.py fails while the
stored record is out of date. `--cross-validate` prints, for a few prior weights, how many
right and wrong answers the record would lower on threads it was not measured on, from the
tuning half split in two by thread, five times over. The held-out half is never read.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from ganerrors.explainers.record import PATH, PRIOR_WEIGHT, RELIABLE, records_from
from ganerrors.site.explainer_score import corpus_module

ROOT = Path(__file__).resolve().parents[2]


def measured() -> dict[str, object]:
    corpus = corpus_module(ROOT)
    tune = corpus.split(corpus.load())["tune"]
    return {
        "measured on": f"the tuning half of tests/explainers/corpus ({len(tune)} messages)",
        "families": corpus.track_records(tune),
    }


def text(data: dict[str, object]) -> str:
    """The record as JSON, one family to a line."""
    families: dict[str, object] = data["families"]  # type: ignore[assignment]
    lines = [f"  {json.dumps(family)}: {json.dumps(found)}" for family, found in families.items()]
    return (
        "{\n"
        f' "measured on": {json.dumps(data["measured on"])},\n'
        ' "families": {\n' + ",\n".join(lines) + "\n }\n}\n"
    )


def cross_validate(weights: tuple[int, ...] = (0, 2, PRIOR_WEIGHT, 6, 10)) -> None:
    """Right and wrong answers lowered to low confidence, and unrelated errors left with high
    confidence, on each half of the tuning half with the record of the other half."""
    corpus = corpus_module(ROOT)
    readings = corpus.high_readings(corpus.split(corpus.load())["tune"])

    def side(thread: str, round_: int) -> int:
        return hashlib.sha256(f"{thread}#{round_}".encode()).digest()[0] % 2

    print(f"{len(readings)} high-confidence readings; lowered where the record is under {RELIABLE}")
    lowered = {weight: [0, 0, 0] for weight in weights}  # wrong, right, unrelated kept high
    for round_ in range(5):
        for held in (0, 1):
            measured_on = [read for read in readings if side(read[0].thread, round_) != held]
            records = records_from(corpus.tally(measured_on))
            for entry, family, category in readings:
                if side(entry.thread, round_) != held:
                    continue
                record = records.get(family)
                right = entry.category == category
                for weight, counts in lowered.items():
                    if record is not None and not record.reliable_with(weight):
                        counts[0 if not right else 1] += 1
                    else:
                        counts[2] += entry.category == "unrelated"
    for weight, (wrong_low, right_low, unrelated_high) in lowered.items():
        print(
            f"weight {weight}: lowered {wrong_low} wrong and {right_low} right answers; "
            f"{unrelated_high} unrelated errors kept high (five rounds of two halves)"
        )


def main(argv: list[str]) -> None:
    if "--cross-validate" in argv:
        cross_validate()
        return
    data = measured()
    families: dict[str, dict] = data["families"]  # type: ignore[assignment]
    for family, record in records_from(families).items():
        if not record.reliable:
            print(f"low ({record.right} of {record.answers} right): {family} {record.labels}")
    if "--write" in argv:
        PATH.write_text(text(data), encoding="utf-8")
        print(f"wrote {len(families)} families to {PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
