"""How well the explainer names the checklist item of real messages, measured when the site is
built: on the held-out half of the corpus of real messages (`tests/explainers/corpus/`), the
half its readers were never tuned on. The corpus and its scoring live with the tests; this
module loads them from the checkout, so the site says what the tests measure.

It also reports the batches' blind scores: each batch collected after the first was scored
once, as a whole, before any tuning on it, and its file records that score and the commit it
was measured at (`benchmarks/blind_scores.py` measures them again from those commits). The
held-out half, whose aggregate figures guided many rounds of work, overstates what to expect
of a message never seen; the blind scores do not."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path("tests") / "explainers" / "corpus.py"
ERA_NAMES = {"tf1": "TF 1.x", "tf2-keras2": "TF 2 with Keras 2", "keras3": "Keras 3"}


@dataclass(frozen=True)
class Rate:
    right: int
    total: int

    def __str__(self) -> str:
        return f"{self.right} of {self.total} ({self.right / self.total:.0%})"


@dataclass(frozen=True)
class BlindScore:
    """The batches' blind scores, together: right answers, and unrelated errors given high
    confidence."""

    batches: int
    right: Rate
    unrelated_high: Rate


@dataclass(frozen=True)
class ExplainerScore:
    """The held-out half's score: overall, per era, and unrelated errors given high confidence;
    and the blind scores, where corpus files record them."""

    messages: int
    overall: Rate
    eras: dict[str, Rate]
    unrelated_high: Rate
    blind: BlindScore | None = None


def corpus_module(root: Path):  # noqa: ANN201 - a module loaded from the checkout
    """`tests/explainers/corpus.py` of the checkout at `root`: the corpus and its scoring, as
    the tests use them (also for `benchmarks/score_explain.py`)."""
    path = root / CORPUS
    if not path.is_file():
        raise FileNotFoundError(f"the explainer's corpus is not in this checkout: {path}")
    spec = importlib.util.spec_from_file_location("ganerrors_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def measure(root: Path) -> ExplainerScore:
    corpus = corpus_module(root)
    held_out = corpus.split(corpus.load())["heldout"]
    result = corpus.score(held_out)
    return ExplainerScore(
        messages=len(held_out),
        overall=Rate(result.overall.right, result.overall.total),
        eras={
            era: Rate(result.eras[era].right, result.eras[era].total)
            for era in corpus.ERAS
            if era in result.eras
        },
        unrelated_high=Rate(result.unrelated_high.right, result.unrelated_high.total),
        blind=_blind(corpus),
    )


def _blind(corpus) -> BlindScore | None:  # noqa: ANN001 - the corpus module of the checkout
    batches = corpus.blind_batches()
    if not batches:
        return None
    return BlindScore(
        batches=len(batches),
        right=Rate(sum(b.right for b in batches), sum(b.total for b in batches)),
        unrelated_high=Rate(
            sum(b.unrelated_high for b in batches), sum(b.unrelated for b in batches)
        ),
    )


def sentence(score: ExplainerScore, corpus_url: str) -> str:
    """The measured score as Markdown prose."""
    eras = ", ".join(f"{ERA_NAMES.get(era, era)} {rate}" for era, rate in score.eras.items())
    return (
        f"Measured when this page was built, on the {score.messages} real error messages of "
        f"its [corpus]({corpus_url}) that its readers were never tuned on (the held-out half, "
        f"from public issue threads and Q&A pages), `ganerrors explain` names the right "
        f"checklist item for {score.overall}; by era: {eras}. Of the unrelated errors among "
        f"them, {score.unrelated_high} got a diagnosis with high confidence. When only a "
        "general reading matched, or when messages like the one given had another cause in "
        "more than one thread in five of the half it was tuned on, it says *probably*, and "
        "why." + _blind_sentence(score)
    )


def _blind_sentence(score: ExplainerScore) -> str:
    blind = score.blind
    if blind is None:
        return ""
    return (
        f" Expect less on a message it has never seen: the {blind.batches} batches added "
        "later were each scored once, before any work on them, and it "
        f"named the right item for {blind.right}; {blind.unrelated_high} of their "
        "unrelated errors got high confidence."
    )
