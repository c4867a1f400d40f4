"""The room: `list --json` in a versioned schema, and `report` over a room of 30 learners."""

from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ganerrors.cli import main
from ganerrors.workshop import place, progress, room

from .conftest import ganerrors, make_course

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)
KATAS = {"01": "OK = False\n", "02": "OK = False\n", "03": "OK = False\n"}


def test_list_json_prints_the_documented_schema(fake_course: Path) -> None:
    with progress.update(fake_course / ".ganerrors") as kept:
        kept.record_run("01", solved=True, when=NOW - timedelta(minutes=10))
        kept.count_hint("02", when=NOW - timedelta(minutes=5))
    done = ganerrors("list", "--json", cwd=fake_course)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["schema"], data["version"]) == ("ganerrors-progress", 1)
    assert set(data) == {
        "schema", "version", "ganerrors", "learner", "course", "exported_at", "problem",
        "solved", "total", "current", "parts", "katas",
    }  # fmt: skip
    assert (data["solved"], data["total"], data["current"]) == (1, 2, "02")
    first, second = data["katas"]
    assert set(first) == {
        "number", "title", "part", "checklist", "minutes", "state", "solved", "attempts",
        "hints_shown", "hints_total", "started_at", "last_run_at", "solved_at", "seconds",
        "failure",
    }  # fmt: skip
    assert (first["state"], first["solved"], first["attempts"], first["seconds"]) == (
        "solved",
        True,
        1,
        0.0,
    )
    assert (second["state"], second["hints_shown"], second["hints_total"]) == ("not started", 1, 3)
    assert room.from_export(data, "me.json").current.number == "02"  # readable by report


def test_the_learner_name_comes_from_the_course_settings(fake_course: Path) -> None:
    (fake_course / "ganerrors.toml").write_text('learner = "Ada  Lovelace"\n')
    data = room.export(place.find(course_dir=fake_course))
    assert data["learner"] == "Ada Lovelace"


def _learner(folder: Path, index: int, rng: random.Random) -> None:
    """A synthetic learner: some katas solved, the current one with runs and hints."""
    make_course(folder, KATAS)
    solved = index % 4
    with progress.update(folder / ".ganerrors") as kept:
        start = NOW - timedelta(minutes=60)
        for number in ("01", "02", "03")[:solved]:
            kept.record_run(number, solved=False, when=start)
            kept.record_run(number, solved=True, when=start + timedelta(minutes=10))
            start += timedelta(minutes=12)
        if solved < 3:
            current = ("01", "02", "03")[solved]
            for _ in range(rng.randint(0, 3)):
                kept.count_hint(current, when=start)
            for _ in range(rng.randint(1, 4)):
                kept.record_run(current, solved=False, when=start + timedelta(minutes=1))


def test_report_summarises_a_room_of_30(tmp_path: Path, capsys) -> None:
    rng = random.Random(30)
    homes = tmp_path / "home"
    exports = tmp_path / "handed-in"
    exports.mkdir()
    for index in range(30):
        if index % 2:  # half on a shared hub: /home/learnerNN/ganerrors-course
            _learner(homes / f"learner{index:02d}" / "ganerrors-course", index, rng)
        else:  # half hand in `ganerrors list --json > me.json`
            folder = tmp_path / "machines" / f"learner{index:02d}"
            _learner(folder, index, rng)
            data = room.export(place.find(course_dir=folder), learner=f"learner{index:02d}")
            (exports / f"learner{index:02d}.json").write_text(json.dumps(data))
    learners = room.gather([homes, exports], now=NOW)
    assert len(learners) == 30
    assert [learner.name for learner in learners] == [f"learner{i:02d}" for i in range(30)]
    table = room.text_table(learners, now=NOW)
    lines = table.splitlines()
    assert lines[0].split()[:2] == ["learner", "kata"]
    assert len([line for line in lines if re.match(r"learner\d\d ", line)]) == 30
    on = {n: sum(1 for i in range(30) if i % 4 == n) for n in range(4)}
    assert f"30 learner(s). kata 01: {on[0]}, kata 02: {on[1]}, kata 03: {on[2]}" in table
    assert f"all done: {on[3]}" in table
    row = next(line for line in lines if line.startswith("learner03 "))
    assert "all done" in row and "3/3" in row
    row = next(line for line in lines if line.startswith("learner00 "))
    assert "01 Kata 01" in row and "failing" in row and "1 h 00 min (!)" in row
    html_file = tmp_path / "room.html"
    assert main(["report", str(homes), str(exports), "--html", str(html_file)]) == 0
    page = html_file.read_text()
    assert page.count("<tr class=") == 30 and "learner29" in page
    assert "30 learner(s)" in capsys.readouterr().out


def test_report_names_what_it_cannot_read_and_escapes_html(tmp_path: Path) -> None:
    good = make_course(tmp_path / "good", {"01": "OK = True\n"})
    (good / "ganerrors.toml").write_text('learner = "<script>alert(1)</script>"\n')
    (tmp_path / "corrupt.json").write_text("{not json")
    (tmp_path / "other.json").write_text(json.dumps({"schema": "something else"}))
    (tmp_path / "future.json").write_text(json.dumps({"schema": room.SCHEMA, "version": 9}))
    deep = {"schema": room.SCHEMA, "version": 1, "katas": [[[[[]]]]] * 3, "learner": 5}
    (tmp_path / "odd.json").write_text(json.dumps(deep))
    paths = [good] + sorted(tmp_path.glob("*.json")) + [tmp_path / "missing"]
    learners = room.gather(paths, now=NOW)
    problems = {learner.name: learner.problem for learner in learners}
    assert problems["corrupt"] == "cannot read it (not JSON)"
    assert problems["other"] == "not a ganerrors progress file"
    assert problems["future"] == "schema version 9"
    assert problems["missing"] == "no such file or folder"
    assert problems["odd"] == "no katas in it"
    page = room.html_page(learners, now=NOW)
    assert "<script>" not in page and "&lt;script&gt;" in page
    table = room.text_table(learners, now=NOW)
    assert "unreadable: 5" in table


@pytest.mark.parametrize("seconds,shown", [(5, "5 s"), (125, "2 min"), (3725, "1 h 02 min")])
def test_durations_read_as_people_say_them(seconds: int, shown: str) -> None:
    assert room.duration(seconds) == shown
