"""Measure each reading family's track record on the corpus's tuning half.

    PYTHONPATH=src python tests/explainers/measure_record.py [--write]

Prints the families whose record gives them low confidence; with `--write`, stores every
record in src/ganerrors/explainers/record.json (see that package's record.py). Run it after
changing a reader or adding corpus files; tests/explainers/test_corpus.py fails while the
stored record is out of date. The held-out half is never read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ganerrors.explainers.record import PATH, Record
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


def main(argv: list[str]) -> None:
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
