"""How often the explainer names the right checklist item for real messages, per half.

    PYTHONPATH=src .venv/bin/python benchmarks/score_explain.py [--misses]

Loads every corpus file in tests/explainers/corpus/, splits it by thread into the tuning
and the held-out half (see tests/explainers/corpus.py), and prints the share of right
categories per category and per era for each half, and the share of unrelated errors that
got a high-confidence diagnosis. `--misses` also lists the tuning half's misses; the
held-out half is only ever reported in aggregate.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _corpus_module():
    path = ROOT / "tests" / "explainers" / "corpus.py"
    spec = importlib.util.spec_from_file_location("ganerrors_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> None:
    corpus = _corpus_module()
    entries = corpus.load()
    print(corpus.report(entries))
    if "--misses" in argv:
        print("\ntuning half, misses (label -> answer):")
        for entry, category, confidence in corpus.score(corpus.split(entries)["tune"]).misses:
            print(f"  {entry.id} [{entry.era}] {entry.category} -> {category} ({confidence})")


if __name__ == "__main__":
    main(sys.argv[1:])
