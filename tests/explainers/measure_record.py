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

from ganerrors.explainers import reading
from ganerrors.explainers.record import PATH, PRIOR_WEIGHT, RELIABLE, Record
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
    answers = []  # (thread, family, right, unrelated) of each high-confidence reading
    for entry in corpus.split(corpus.load())["tune"]:
        read = reading(entry.message)
        if read is not None and read[3] == "high":
            right = read[0].category == entry.category
            answers.append((entry.thread, read[2], right, entry.category == "unrelated"))

    def side(thread: str, round_: int) -> int:
        return hashlib.sha256(f"{thread}#{round_}".encode()).digest()[0] % 2

    print(f"{len(answers)} high-confidence readings; lowered where the record is under {RELIABLE}")
    for weight in weights:
        wrong_low = right_low = unrelated_high = 0
        for round_ in range(5):
            for held in (0, 1):
                labels: dict[str, dict[str, int]] = {}
                for thread, family, right, _ in answers:
                    if side(thread, round_) != held:
                        counts = labels.setdefault(family, {"right": 0, "other": 0})
                        counts["right" if right else "other"] += 1
                total = sum(sum(c.values()) for c in labels.values())
                overall = sum(c["right"] for c in labels.values()) / max(1, total)
                for thread, family, right, unrelated in answers:
                    if side(thread, round_) != held:
                        continue
                    counts = labels.get(family)
                    record = None
                    if counts is not None:
                        record = Record({"x": counts["right"], "y": counts["other"]}, "x", overall)
                    if record is not None and not record.reliable_with(weight):
                        right_low += right
                        wrong_low += not right
                    else:
                        unrelated_high += unrelated
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
    answers = sum(sum(f["labels"].values()) for f in families.values())
    right = sum(f["labels"].get(f["category"], 0) for f in families.values())
    overall = right / answers if answers else 1.0
    for family, found in families.items():
        record = Record(found["labels"], found["category"], overall)
        if not record.reliable:
            print(f"low ({record.right} of {record.answers} right): {family} {found['labels']}")
    if "--write" in argv:
        PATH.write_text(text(data), encoding="utf-8")
        print(f"wrote {len(families)} families to {PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
