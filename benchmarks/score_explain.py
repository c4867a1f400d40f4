"""How often the explainer names the right checklist item for real messages, per half.

    PYTHONPATH=src .venv/bin/python benchmarks/score_explain.py [--misses] [--file NAME]...

Loads every corpus file in tests/explainers/corpus/, splits it by thread into the tuning
and the held-out half (see tests/explainers/corpus.py), and prints the share of right
categories per category and per era for each half, and the share of unrelated errors that
got a high-confidence diagnosis. `--misses` also lists the tuning half's misses; the
held-out half is only ever reported in aggregate.

`--file NAME` (repeatable) scores only that corpus file (e.g. `--file fresh.toml`) and also
prints both halves together ("all"): for a batch collected blind, scored once before any
tuning on it, that is the honest estimate of how the explainer does on unseen messages.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ganerrors.site.explainer_score import corpus_module

ROOT = Path(__file__).resolve().parent.parent


def _files(argv: list[str]) -> list[str]:
    """The values of every `--file NAME` (or `--file=NAME`) in argv."""
    files = []
    for i, arg in enumerate(argv):
        if arg == "--file":
            if i + 1 >= len(argv):
                raise SystemExit("--file needs a corpus file name, e.g. --file fresh.toml")
            files.append(argv[i + 1])
        elif arg.startswith("--file="):
            files.append(arg.split("=", 1)[1])
    return files


def main(argv: list[str]) -> None:
    corpus = corpus_module(ROOT)
    entries = corpus.load()
    files = _files(argv)
    if files:
        unknown = sorted(set(files) - {e.file for e in entries})
        if unknown:
            raise SystemExit(f"no such corpus file: {', '.join(unknown)}")
        entries = [e for e in entries if e.file in files]
    print(corpus.report(entries, both=bool(files)))
    if "--misses" in argv:
        print("\ntuning half, misses (label -> answer):")
        for entry, category, confidence in corpus.score(corpus.split(entries)["tune"]).misses:
            print(f"  {entry.id} [{entry.era}] {entry.category} -> {category} ({confidence})")


if __name__ == "__main__":
    main(sys.argv[1:])
