"""The explainer against real messages from public threads (corpus/*.toml, each with its
source): the right category for at least 90% of each half, in every era, and at most 1 in 10
unrelated errors diagnosed with high confidence.

The held-out half is scored here in aggregate only; `benchmarks/score_explain.py` prints the
scores per category and per era.
"""

from __future__ import annotations

import hashlib
import html
import re

import pytest

from ganerrors.categories import CATEGORIES
from ganerrors.explainers import explain

from .corpus import ERAS, UNRELATED, Entry, half_of, is_right, load, score, split
from .corpus import blind_batches as corpus_blind_batches

ENTRIES = load()
HALVES = split(ENTRIES)
SAMPLES = [e for e in ENTRIES if e.file == "samples.toml"]
THRESHOLD = 0.9


def test_every_entry_names_its_public_source_an_era_and_a_category():
    assert len(SAMPLES) == 31
    for entry in ENTRIES:
        # a page served over plain HTTP keeps its real address
        assert entry.source.startswith(("https://", "http://")), entry.id
        assert entry.thread.startswith(("https://", "http://")), entry.id
        assert entry.era in ERAS, entry.id
        assert entry.category in CATEGORIES or entry.category == UNRELATED, entry.id
        assert entry.message.strip(), entry.id


def test_the_samples_cover_every_category_and_are_all_in_the_tuning_half():
    assert {s.category for s in SAMPLES} == set(CATEGORIES)
    assert all(s.half == "tune" for s in SAMPLES)


def test_the_split_is_by_thread_and_follows_the_parity_of_its_sha256():
    thread = "https://github.com/tensorflow/tensorflow/issues/1"
    parity = int(hashlib.sha256(thread.encode()).hexdigest(), 16) % 2
    assert half_of(thread) == ("heldout" if parity else "tune")
    by_thread: dict[str, set[str]] = {}
    for entry in ENTRIES:
        by_thread.setdefault(entry.thread, set()).add(entry.half)
    mixed = [t for t, halves in by_thread.items() if len(halves) > 1]
    # only a thread that also has a stored sample may have entries in both halves
    assert all(any(s.thread == t for s in SAMPLES) for t in mixed)


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.source.split("//")[1] for s in SAMPLES])
def test_stored_sample_is_explained_with_its_category_and_phrase(sample: Entry):
    diagnosis = explain(sample.message)
    assert diagnosis is not None, sample.message
    assert diagnosis.category == sample.category, diagnosis.render()
    assert sample.phrase in diagnosis.render(), diagnosis.render()


@pytest.mark.parametrize("sample", SAMPLES[:5], ids=[s.source for s in SAMPLES[:5]])
def test_stored_message_read_as_bytes_gets_the_same_category(sample: Entry):
    diagnosis = explain(sample.message.encode("utf-8"))
    assert diagnosis is not None and diagnosis.category == sample.category


def test_a_right_answer_for_an_unrelated_error_is_none_or_low_confidence():
    entry = Entry("x.toml", 0, "t", "s", "tf1", UNRELATED, "", "m")
    assert is_right(entry, None, None) and is_right(entry, "dtype", "low")
    assert not is_right(entry, "dtype", "high")
    labelled = Entry("x.toml", 0, "t", "s", "tf1", "dtype", "", "m")
    assert is_right(labelled, "dtype", "low") and not is_right(labelled, None, None)


#: Blind batches (fresh51 to fresh76) whose tuning halves came in after the explainer was
#: last tuned to 90% on its tuning half (1,092 of 1,203 with every file up to fresh50, 1,115
#: since the track record of explainers/record.py), each floored at what its tuning half
#: scores now. With them, the whole tuning half scores 1,505 of 1,652 (91%): what new threads
#: teach that the readers do not know yet. Tuning on them (and only on them, never on their
#: held-out halves) moves them out of here.
NOT_YET_TUNED = {
    "fresh51.toml": 0.95,
    "fresh52.toml": 0.94,
    "fresh53.toml": 0.72,
    "fresh54.toml": 0.66,
    "fresh55.toml": 0.95,
    "fresh56.toml": 0.86,
    "fresh57.toml": 0.76,
    "fresh58.toml": 0.92,
    "fresh59.toml": 0.89,
    "fresh60.toml": 0.89,
    "fresh61.toml": 0.71,
    "fresh62.toml": 0.85,
    "fresh63.toml": 0.92,
    "fresh64.toml": 0.92,
    "fresh65.toml": 0.95,
    "fresh66.toml": 0.82,
    "fresh67.toml": 1.0,
    "fresh68.toml": 0.9,
    "fresh69.toml": 0.86,
    "fresh70.toml": 0.75,
    "fresh71.toml": 1.0,
    "fresh72.toml": 0.9,
    "fresh73.toml": 0.89,
    "fresh74.toml": 1.0,
    "fresh75.toml": 0.86,
    "fresh76.toml": 0.76,
}


def test_the_tuning_half_gets_the_right_category_for_at_least_90_percent():
    tuned = [e for e in HALVES["tune"] if e.file not in NOT_YET_TUNED]
    result = score(tuned)
    assert result.overall.rate >= THRESHOLD, [(e.id, c) for e, c, _ in result.misses]


@pytest.mark.parametrize("name", NOT_YET_TUNED)
def test_the_tuning_half_of_a_batch_not_yet_tuned_on_does_not_fall_below_its_floor(name):
    result = score([e for e in HALVES["tune"] if e.file == name])
    assert result.overall.rate >= NOT_YET_TUNED[name], str(result.overall)


#: Corpus files added after a floor was set, each held to its own floor: what its held-out
#: half scored blind, before any tuning on it (fresh2: 37/50, and 39/50 since; fresh4: 30/37;
#: fresh5: 12/14; fresh6: 19/22; fresh7: 11/12; fresh8: 27/32), so that a harder blind batch
#: neither lowers nor silently moves the floors measured without it.
LATER_FILES = {
    "fresh2.toml": 0.77,
    "fresh4.toml": 0.81,
    "fresh5.toml": 0.85,
    "fresh6.toml": 0.9,
    "fresh7.toml": 0.91,
    "fresh8.toml": 0.84,
    "fresh9.toml": 0.79,
    "fresh10.toml": 0.58,
    "fresh11.toml": 0.93,
    "fresh12.toml": 0.9,
    "fresh13.toml": 0.33,
    "fresh14.toml": 0.82,
    "fresh15.toml": 0.92,
    "fresh16.toml": 0.58,
    "fresh17.toml": 0.58,
    "fresh18.toml": 0.81,
    "fresh19.toml": 0.74,
    "fresh20.toml": 0.75,
    "fresh21.toml": 0.7,
    "fresh22.toml": 0.9,
    "fresh23.toml": 0.81,
    "fresh24.toml": 0.84,
    "fresh25.toml": 0.8,
    "fresh26.toml": 1.0,
    "fresh27.toml": 0.83,
    "fresh28.toml": 0.63,
    "fresh29.toml": 0.72,
    "fresh30.toml": 0.6,
    "fresh31.toml": 1.0,
    "fresh32.toml": 0.87,
    "fresh33.toml": 0.7,
    "fresh34.toml": 0.8,
    "fresh35.toml": 0.79,
    "fresh36.toml": 0.82,
    "fresh37.toml": 0.78,
    "fresh38.toml": 0.69,
    "fresh39.toml": 0.8,
    "fresh40.toml": 0.85,
    "fresh41.toml": 0.91,
    "fresh42.toml": 0.6,
    "fresh43.toml": 0.6,
    "fresh44.toml": 0.86,
    "fresh45.toml": 0.6,
    "fresh46.toml": 0.88,
    "fresh47.toml": 0.69,
    "fresh48.toml": 1.0,
    "fresh49.toml": 0.35,
    "fresh50.toml": 0.77,
    "fresh51.toml": 0.56,
    "fresh52.toml": 0.83,
    "fresh53.toml": 0.68,
    "fresh54.toml": 0.6,
    "fresh55.toml": 0.56,
    "fresh56.toml": 0.85,
    "fresh57.toml": 0.85,
    "fresh58.toml": 0.85,
    "fresh59.toml": 0.81,
    "fresh60.toml": 0.85,
    "fresh61.toml": 0.81,
    "fresh62.toml": 0.75,
    "fresh63.toml": 0.72,
    "fresh64.toml": 0.68,
    "fresh65.toml": 0.75,
    "fresh66.toml": 0.8,
    "fresh67.toml": 0.75,
    "fresh68.toml": 0.92,
    "fresh69.toml": 0.66,
    "fresh70.toml": 0.8,
    "fresh71.toml": 1.0,
    "fresh72.toml": 1.0,
    "fresh73.toml": 0.76,
    "fresh74.toml": 0.94,
    "fresh75.toml": 0.93,
    "fresh76.toml": 0.8,
}


def _held_out_rates(files: set[str] | None = None) -> tuple[float, dict[str, float], str]:
    """Aggregate figures only: the held-out messages are never read or printed one by one.

    `files`: only those corpus files; by default every file but the LATER_FILES."""
    if not HALVES["heldout"]:
        pytest.skip("no held-out messages yet: only the tuning samples are stored")
    chosen = [
        e
        for e in HALVES["heldout"]
        if (e.file in files if files is not None else e.file not in LATER_FILES)
    ]
    result = score(chosen)
    eras = {era: tally.rate for era, tally in result.eras.items()}
    summary = f"overall {result.overall}; " + ", ".join(
        f"{era} {tally}" for era, tally in sorted(result.eras.items())
    )
    return result.overall.rate, eras, summary


#: What the held-out half scored when this was last measured (every corpus file but the
#: LATER_FILES: 307/337, 91% overall, tf1 89%, tf2-keras2 94%, keras3 92%, once the track
#: record of explainers/record.py lowered the confidence of unreliable families; 297/337
#: before it): a floor against regressions.
HELD_OUT_FLOOR = 0.9
ERA_FLOOR = 0.88


def test_the_held_out_half_does_not_fall_below_what_it_scored():
    overall, eras, summary = _held_out_rates()
    assert overall >= HELD_OUT_FLOOR, summary
    assert all(rate >= ERA_FLOOR for rate in eras.values()), summary


@pytest.mark.parametrize("name", LATER_FILES)
def test_the_held_out_half_of_a_later_blind_batch_does_not_fall_below_what_it_scored(name):
    overall, _, summary = _held_out_rates({name})
    assert overall >= LATER_FILES[name], summary


@pytest.mark.xfail(
    strict=True,
    reason="the goal of issue 8, not met yet: 84% of the held-out half overall, tf1 82%, "
    "tf2-keras2 86%, keras3 93% (see the report of benchmarks/score_explain.py); when it "
    "passes, remove this mark",
)
def test_the_held_out_half_gets_the_right_category_for_at_least_90_percent_in_every_era():
    overall, eras, summary = _held_out_rates({e.file for e in ENTRIES})  # every file
    assert overall >= THRESHOLD, summary
    assert all(rate >= THRESHOLD for rate in eras.values()), summary


def test_the_tuning_half_gives_high_confidence_to_at_most_one_unrelated_error_in_ten():
    # the track record (explainers/record.py) is measured on this half: the held-out half
    # below is the measure of how it carries over
    unrelated = [e for e in HALVES["tune"] if e.category == UNRELATED]
    if not unrelated:
        pytest.skip("no unrelated errors stored yet")
    result = score(unrelated)
    assert result.unrelated_high.right <= 0.1 * result.unrelated_high.total, str(
        result.unrelated_high
    )


#: What the held-out half's unrelated errors scored when this was last measured (39 of 412 got
#: high confidence, 9%, with every file up to fresh46, once explainers/record.py lowered the
#: confidence of families often wrong on the tuning half; 56, 14%, before it): a ceiling against
#: regressions, at the goal below. Before it, both halves together were under one in ten until
#: fresh36-38 came in (64/658); with them, 72/705. The files collected after it
#: (AFTER_THE_CEILING) are held to their own blind scores by the LATER_FILES floors, which count
#: an unrelated error given high confidence as a miss: fresh49, collected from messages the
#: checklist shares with library bugs, gave 8 of its 12 unrelated errors high confidence blind,
#: and brings the whole held-out half to 64 of 441 (15%).
HELD_OUT_UNRELATED_HIGH_CEILING = 0.1
AFTER_THE_CEILING = frozenset({f"fresh{n}.toml" for n in range(47, 77)})


def test_the_held_out_half_gives_no_more_unrelated_errors_high_confidence_than_it_did():
    unrelated = [
        e for e in HALVES["heldout"] if e.category == UNRELATED and e.file not in AFTER_THE_CEILING
    ]
    result = score(unrelated)
    ceiling = HELD_OUT_UNRELATED_HIGH_CEILING * result.unrelated_high.total
    assert result.unrelated_high.right <= ceiling, str(result.unrelated_high)


# The goal of issue 8 on the held-out half alone: met once the track record of
# explainers/record.py lowered the confidence of unreliable families (80 of 498 before it, 50
# after), at 56 of 562 (9.96%) with every file up to fresh66. It is near the bar, and moves
# with each batch's tuning half: fresh67-72 put it at 62 of 603 (10.3%), five older messages
# of families their tuning halves made reliable (three right of four); fresh74's tuning half
# made another family unreliable (an integer tensor converted to another integer dtype: four
# right of six), 56 of 609 (9.2%); with fresh73, 58 of 615 (9.4%); with fresh75-76, 59 of 631
# (9.4%).
# `record.PRIOR_WEIGHT`, chosen by cross-validation within the tuning half, was not changed
# after any of this was seen.
def test_the_held_out_half_gives_high_confidence_to_at_most_one_unrelated_error_in_ten():
    unrelated = [e for e in HALVES["heldout"] if e.category == UNRELATED]
    result = score(unrelated)
    assert result.unrelated_high.right <= 0.1 * result.unrelated_high.total, str(
        result.unrelated_high
    )


def test_an_entry_is_shown_by_its_id_never_by_its_message():
    # a failing assertion prints the entries it names: never a held-out message
    entry = ENTRIES[0]
    assert entry.message not in repr(entry) and entry.why not in repr(entry)
    assert entry.id in f"{entry.file}#{entry.index}"


#: How a message comes back from a web page, a word processor or a GitHub comment that quotes it.
PASTED_FROM_THE_WEB = {
    "html character references": lambda text: html.escape(text, quote=True),
    "typographic quotes": lambda text: text.replace("'", "\u2019").replace('"', "\u201d"),
    "no-break spaces": lambda text: text.replace(" ", "\u00a0"),
    "zero-width spaces": lambda text: text.replace(",", ",\u200b").replace("(", "(\ufeff"),
    "a Markdown quote": lambda text: "\n".join("> " + line for line in text.split("\n")),
    "a Markdown editor's escapes": lambda text: text.replace("_", "\\_").replace("*", "\\*"),
    "printed as a Python string": repr,
    "line breaks written out": lambda text: text.replace("\n", "\\n").replace("\t", "\\t"),
}


def _answer(text: str) -> tuple[str, str] | None:
    found = explain(text)
    return (found.category, found.confidence) if found else None


@pytest.mark.parametrize("how", PASTED_FROM_THE_WEB)
def test_a_message_copied_from_a_web_page_gets_the_same_answer(how):
    # every stored message, both halves: this checks that the answer does not move, not
    # whether it is right
    turn = PASTED_FROM_THE_WEB[how]
    moved = [e.id for e in ENTRIES if _answer(turn(e.message)) != _answer(e.message)]
    assert not moved, f"{len(moved)} of {len(ENTRIES)} answers moved: {moved[:10]}"


#: What a sentence of advice looks like with a value left empty: "of shape :", "window  got".
EMPTY_SLOT = re.compile(r"[^ ]  [^ ]|shape :|shape \.|of \.| , |\( \)| \.$|: \.| :$|with  ")


def test_no_explanation_of_a_stored_message_has_an_empty_slot():
    empty = []
    for entry in ENTRIES:
        found = explain(entry.message)
        if found and any(
            EMPTY_SLOT.search(part) for part in (found.summary, *found.causes, found.fix)
        ):
            empty.append(entry.id)
    assert not empty, empty


def test_a_general_reading_without_values_has_no_empty_slot():
    found = explain("ValueError: the output size would be negative for this layer")
    assert found is not None and found.confidence == "low"
    assert not EMPTY_SLOT.search(found.summary), found.summary


def test_every_blind_score_fits_its_batch():
    # benchmarks/blind_scores.py measures each again from its commit (it needs git history)
    batches = corpus_blind_batches()
    assert batches, "no corpus file records its blind score"
    by_file = {}
    for entry in ENTRIES:
        by_file.setdefault(entry.file, []).append(entry)
    for batch in batches:
        entries = by_file[batch.file]
        assert batch.total == len(entries), batch
        assert 0 <= batch.right <= batch.total, batch
        assert 0 <= batch.unrelated_high <= batch.unrelated, batch
        assert re.fullmatch(r"[0-9a-f]{40}", batch.commit), batch
    # every batch collected blind after the first corpus records one
    later = {e.file for e in ENTRIES if e.file.startswith("fresh")}
    assert later == {b.file for b in batches}
