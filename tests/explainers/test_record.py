"""Each reading family's track record on the corpus's tuning half (explainers/record.py): it
is measured, up to date, and lowers the confidence of families that are often wrong."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from ganerrors.categories import CATEGORIES
from ganerrors.explainers import Diagnosis, explain, reading, record
from ganerrors.explainers.record import RELIABLE, Record, track_record

from .corpus import load, split, track_records

#: TF 2.2 to 2.4 read a list [x, y] given to fit() as two inputs: the message of a model
#: given too few inputs is as often an API change as a checklist item.
TOO_FEW_INPUTS = (
    'ValueError: Layer "model" expects 2 input(s), but it received 1 input tensors. '
    "Inputs received: [<tf.Tensor 'IteratorGetNext:0' shape=(None, 28, 28, 1) dtype=float32>]"
)
LABEL_PAST_THE_LAST = (
    "InvalidArgumentError: indices[3] = 10 is not in [0, 10) "
    "[[node sequential/embedding/embedding_lookup]]"
)


def test_the_stored_record_is_what_the_tuning_half_measures():
    stored = json.loads(record.PATH.read_text(encoding="utf-8"))["families"]
    measured = track_records(split(load())["tune"])
    assert stored == measured, (
        "src/ganerrors/explainers/record.json is out of date: run "
        "`PYTHONPATH=src python tests/explainers/measure_record.py --write`"
    )


def test_every_stored_family_answered_and_is_one_the_readers_name():
    stored = json.loads(record.PATH.read_text(encoding="utf-8"))["families"]
    assert stored
    for family, found in stored.items():
        assert found["category"] in CATEGORIES and found["labels"], family
        assert all(count >= 1 for count in found["labels"].values()), family
        assert set(found["labels"]) <= set(CATEGORIES) | {"unrelated"}, family
        assert family.count(":") == 3 and not family.startswith("general:"), family
        assert family.endswith(":" + found["category"]), family


def test_a_family_often_wrong_gives_low_confidence_and_says_its_record():
    diagnosis = explain(TOO_FEW_INPUTS)
    found = reading(TOO_FEW_INPUTS)
    assert found is not None and found[3] == "high"  # an exact reader matched
    assert track_record(found[2]) is not None and not track_record(found[2]).reliable
    assert diagnosis.category == "model-io-shape" and diagnosis.confidence == "low"
    right, answers = diagnosis.record["model-io-shape"], sum(diagnosis.record.values())
    assert right < RELIABLE * answers
    text = diagnosis.render()
    assert text.startswith("ganerrors: probably ")
    assert f"of the {answers} public threads with a message like this one" in text
    assert f"collected, this was the cause in {right}; " in text
    # the other causes, with their counts: here, library versions and API changes
    unrelated = diagnosis.record["unrelated"]
    assert (
        f"a cause outside the checklist (a library's version or bug, the setup) in {unrelated}"
        in text
    )


def test_a_reliable_family_keeps_high_confidence_and_adds_no_line():
    diagnosis = explain(LABEL_PAST_THE_LAST)
    assert diagnosis.category == "index-range" and diagnosis.confidence == "high"
    assert diagnosis.record is not None and "Why probably" not in diagnosis.render()


def test_a_general_reading_has_no_record():
    diagnosis = explain("ValueError: shapes (32, 5) and (32, 1) do not fit")
    assert diagnosis is None or diagnosis.record is None


@pytest.mark.parametrize(
    ("right", "answers", "reliable"),
    [
        (52, 52, True),
        (0, 1, False),  # one answer, wrong: the prior does not outweigh it
        (1, 1, True),
        (3, 4, True),  # one wrong among four is not enough to call a family unreliable
        (7, 10, False),
        (11, 15, False),
        (17, 20, True),
    ],
)
def test_a_family_is_weighed_with_the_share_of_all_exact_families(right, answers, reliable):
    labels = {"dtype": right, "unrelated": answers - right} if answers > right else {"dtype": right}
    record = Record(labels, "dtype", 0.87)
    assert (record.right, record.answers, record.reliable) == (right, answers, reliable)
    # weighed by its own share alone, a family needs four right answers in five
    assert record.reliable_with(0) is (right >= 0.8 * answers)


@pytest.mark.parametrize(
    "content", [None, "{not json", '{"families": {"a:b:c": 3}}', '{"families": {"a:b:c": []}}']
)
def test_without_a_readable_record_every_reader_keeps_its_own_confidence(
    content, tmp_path, monkeypatch
):
    path = tmp_path / "record.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(record, "PATH", path)
    record._records.cache_clear()
    try:
        diagnosis = explain(TOO_FEW_INPUTS)
        assert diagnosis.confidence == "high" and diagnosis.record is None
    finally:
        monkeypatch.undo()
        record._records.cache_clear()


@pytest.mark.parametrize(
    ("labels", "sentence"),
    [
        (
            {"unrelated": 1},
            "the one public thread with a message like this one that ganerrors has collected "
            "had another cause: a cause outside the checklist (a library's version or bug, the "
            "setup).",
        ),
        (
            {"target-shape": 2, "unrelated": 1},
            "of the 3 public threads with a message like this one that ganerrors has collected, "
            "this was the cause in none; the target shape (target-shape) in 2, a cause outside "
            "the checklist (a library's version or bug, the setup) in 1.",
        ),
        (
            {"output-shape": 2, "target-shape": 3},
            "of the 5 public threads with a message like this one that ganerrors has collected, "
            "this was the cause in 2; the target shape (target-shape) in 3.",
        ),
    ],
)
def test_the_record_is_said_in_words_most_frequent_other_cause_first(labels, sentence):
    diagnosis = Diagnosis(category="output-shape", summary="", confidence="low", record=labels)
    assert diagnosis.record_sentence() == sentence
    assert f"  Why probably: {sentence}" in diagnosis.render()
    assert "Why probably" not in replace(diagnosis, confidence="high").render()


def test_the_cross_validation_of_the_prior_weight_runs_on_the_tuning_half(capsys):
    from .measure_record import cross_validate

    cross_validate((0, 4))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("high-confidence readings; lowered where the record is under 0.8")
    assert [line.split(":")[0] for line in lines[1:]] == ["weight 0", "weight 4"]
