"""The blind scores of the explainer's corpus batches, measured again from the code of their day.

    .venv/bin/python benchmarks/blind_scores.py [--check]

Each batch of real messages collected after the first (`tests/explainers/corpus/fresh*.toml`)
was labelled before the explainer ran on it and scored once, as a whole, before any tuning on
it. Its `[blind]` table records that score and the commit it was measured at: the honest
estimate of how the explainer does on messages it has never seen, which the held-out half
(tuned on indirectly, by its aggregate figures, over many rounds) overstates.

This script checks each record out of git history into a temporary worktree and scores the
batch's messages, as they are stored now, with the explainer of that commit; it prints the
recorded and the measured figures side by side, their total, and the measured total per era.
With `--check` it exits with
status 1 when a measured figure differs from its record. It needs the project's git history
(not a shallow clone) and takes a second or two per batch.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "explainers"

# Run inside the worktree's code: score one corpus file with that commit's explainer, by
# today's corpus.py (passed as argv[2]): its entries, its rule of a right answer, its `score`
# (which imports `explain` from the worktree's code, first on the path).
_SCORE = """
import importlib.util, json, pathlib, sys
spec = importlib.util.spec_from_file_location("corpus_today", sys.argv[2])
corpus = importlib.util.module_from_spec(spec)
sys.modules["corpus_today"] = corpus
spec.loader.exec_module(corpus)
result = corpus.score(corpus.load_file(pathlib.Path(sys.argv[1])))
print(json.dumps({
    "right": result.overall.right,
    "total": result.overall.total,
    "unrelated_high": result.unrelated_high.right,
    "eras": {era: [t.right, t.total] for era, t in result.eras.items()},
}))
"""


def _corpus():
    sys.path.insert(0, str(CORPUS))
    import corpus  # tests/explainers/corpus.py

    return corpus


class MissingCommit(Exception):
    """A record's commit is not in this checkout's history."""


def measure(path: Path, commit: str, python: str = sys.executable) -> dict:
    """Score the batch at `path` with the explainer of `commit`."""
    known = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"],
        capture_output=True,
    )
    if known.returncode != 0:
        raise MissingCommit(
            f"{path.name} was scored at {commit}, which this checkout's history lacks (a "
            "shallow clone or a copy without .git?): run `git fetch --unshallow`, or measure "
            "in a full clone"
        )
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), commit],
            check=True,
        )
        try:
            out = subprocess.run(
                [python, "-c", _SCORE, str(path), str(CORPUS / "corpus.py")],
                check=True,
                capture_output=True,
                text=True,
                env={"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin"},
            ).stdout
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True
            )
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    corpus = _corpus()
    batches = corpus.blind_batches()
    if not batches:
        print("no corpus file records a blind score")
        return 0
    differ = 0
    right = total = unrelated = unrelated_high = 0
    eras: dict[str, list[int]] = {}
    print(f"{'batch':14} {'recorded':>16} {'measured':>16}  unrelated high  commit")
    for batch in batches:
        try:
            got = measure(corpus.FOLDER / batch.file, batch.commit)
        except MissingCommit as missing:
            print(missing, file=sys.stderr)
            return 2
        for era, (era_right, era_total) in got["eras"].items():
            tally = eras.setdefault(era, [0, 0])
            tally[0] += era_right
            tally[1] += era_total
        same = (got["right"], got["total"], got["unrelated_high"]) == (
            batch.right,
            batch.total,
            batch.unrelated_high,
        )
        differ += not same
        right, total = right + batch.right, total + batch.total
        unrelated += batch.unrelated
        unrelated_high += batch.unrelated_high
        print(
            f"{batch.file:14} {batch.right:>5}/{batch.total:<4} ({batch.right / batch.total:4.0%})"
            f" {got['right']:>5}/{got['total']:<4} ({got['right'] / got['total']:4.0%})"
            f"  {batch.unrelated_high:>3}/{batch.unrelated:<3}"
            f"  {batch.commit[:10]}{'' if same else '  DIFFERS'}"
        )
    print(
        f"{'together':14} {right:>5}/{total:<4} ({right / total:4.0%})"
        f"{'':18}  {unrelated_high:>3}/{unrelated:<3}"
    )
    print(
        "per era, measured: "
        + ", ".join(
            f"{era} {r}/{t} ({r / t:.0%})"
            for era in corpus.ERAS
            if era in eras
            for r, t in [eras[era]]
        )
    )
    if differ:
        print(f"{differ} batch(es) measured otherwise than recorded")
    return 1 if differ and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
