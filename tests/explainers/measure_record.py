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
    return json.dumps(data, indent=1) + "\n"


def main(argv: list[str]) -> None:
    data = measured()
    families: dict[str, list[int]] = data["families"]  # type: ignore[assignment]
    overall = sum(r for r, _ in families.values()) / max(1, sum(n for _, n in families.values()))
    for family, (right, answers) in families.items():
        if not Record(right, answers, overall).reliable:
            print(f"low ({right} of {answers} right): {family}")
    if "--write" in argv:
        PATH.write_text(text(data), encoding="utf-8")
        print(f"wrote {len(families)} families to {PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
