"""The room view: one learner's progress as JSON, and a table of many for the instructor.

`ganerrors list --json` prints `export(...)`: the schema below, version `VERSION`. Learners
hand it in (`ganerrors list --json > me.json`), or the instructor reads their course folders
directly (a shared JupyterHub); `ganerrors report PATH...` reads both and prints who is on
which kata, for how long, with how many hints (`--html FILE`: the same as one page).

The schema, version 1 (times are ISO 8601 in UTC, durations in seconds; null when unknown)::

    {
      "schema": "ganerrors-progress",    # always this
      "version": 1,                      # bumped when a field changes meaning or goes away
      "ganerrors": "0.1.0",              # the version that wrote it
      "learner": "alice",                # ganerrors.toml's `learner`, else the user name
      "course": "/home/alice/ganerrors-course",
      "exported_at": "2025-05-01T10:20:00+00:00",
      "problem": null,                   # why the progress file could not be read, if so
      "solved": 1, "total": 4,           # katas solved at least once, katas in the course
      "current": "02",                   # the first kata not solved yet; null when all are
      "parts": [{"number": 1, "title": "Four bugs, four checklist items"}],
      "katas": [{
        "number": "01", "title": "...", "part": 1, "checklist": "output-shape",
        "minutes": 10,                   # the time the course plans for it
        "state": "solved",               # "not started" | "failing" | "solved" (last run)
        "solved": true,                  # solved at least once
        "attempts": 3,                   # checker runs
        "hints_shown": 1, "hints_total": 3,
        "started_at": "...", "last_run_at": "...", "solved_at": "...",
        "seconds": 312.0,                # from starting the kata to solving it (or to now)
        "failure": {"test": "...", "type": "...", "message": "...", "category": "..."}
      }]
    }

Readers accept any version-1 document and ignore fields they do not know.
"""

from __future__ import annotations

import getpass
import html
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ganerrors import __version__
from ganerrors.workshop import place, progress, settings

SCHEMA = "ganerrors-progress"
VERSION = 1
MAX_BYTES = 2_000_000
#: A learner on one kata for longer than this many times its planned minutes is flagged.
STUCK_FACTOR = 2


def export(where: place.Place, learner: str | None = None, now: datetime | None = None) -> dict:
    """The learner's progress in `where`, as the versioned schema above."""
    now = now or progress.now_utc()
    kept = progress.load(where.state)
    chosen = where.settings().learner or learner or _user()
    katas = []
    for kata in where.course.katas:
        entry = kept.kata(kata.number)
        seconds = entry.seconds(now)
        katas.append(
            {
                "number": kata.number,
                "title": kata.title,
                "part": kata.part,
                "checklist": kata.checklist,
                "minutes": kata.minutes,
                "state": entry.state,
                "solved": entry.solved,
                "attempts": entry.attempts,
                "hints_shown": entry.hints_shown,
                "hints_total": len(kata.hints),
                **{k: v for k, v in entry.to_json().items() if k.endswith("_at")},
                "seconds": round(seconds, 1) if seconds is not None else None,
                "failure": entry.failure,
            }
        )
    current = next((k["number"] for k in katas if not k["solved"]), None)
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "ganerrors": __version__,
        "learner": chosen,
        "course": str(where.folder),
        "exported_at": now.isoformat(timespec="seconds"),
        "problem": kept.problem,
        "solved": sum(k["solved"] for k in katas),
        "total": len(katas),
        "current": current,
        "parts": [{"number": p.number, "title": p.title} for p in where.course.parts],
        "katas": katas,
    }


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "unknown"


# -- reading many learners -------------------------------------------------------------------
@dataclass
class KataRow:
    number: str
    title: str
    minutes: int
    state: str
    solved: bool
    attempts: int
    hints_shown: int
    hints_total: int
    started_at: datetime | None
    last_run_at: datetime | None
    solved_at: datetime | None


@dataclass
class Learner:
    name: str
    source: str  # the folder or file it was read from
    katas: list[KataRow] = field(default_factory=list)
    problem: str | None = None

    @property
    def solved(self) -> int:
        return sum(k.solved for k in self.katas)

    @property
    def current(self) -> KataRow | None:
        return next((k for k in self.katas if not k.solved), None)

    @property
    def last_activity(self) -> datetime | None:
        stamps = [k.last_run_at or k.started_at for k in self.katas]
        known = [s for s in stamps if s is not None]
        return max(known) if known else None


def from_export(data: Any, source: str, name: str = "") -> Learner:
    """A learner from an exported document; a bad one becomes a Learner with a problem."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return Learner(name or Path(source).stem, source, problem="not a ganerrors progress file")
    if data.get("version") != VERSION:
        version = str(data.get("version"))[:10]
        return Learner(name or Path(source).stem, source, problem=f"schema version {version}")
    learner = data.get("learner")
    chosen = name or (learner.strip()[:80] if isinstance(learner, str) and learner.strip() else "")
    result = Learner(chosen or Path(source).stem, source)
    problem = data.get("problem")
    if isinstance(problem, str):
        result.problem = problem[:200]
    katas = data.get("katas")
    for entry in katas if isinstance(katas, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("number"), str):
            continue
        kept = progress.KataProgress.from_json(entry)
        result.katas.append(
            KataRow(
                number=entry["number"][:4],
                title=_text(entry.get("title")),
                minutes=_int(entry.get("minutes")),
                state=kept.state,
                solved=entry.get("solved") is True or kept.solved,
                attempts=kept.attempts,
                hints_shown=kept.hints_shown,
                hints_total=_int(entry.get("hints_total")),
                started_at=kept.started_at,
                last_run_at=kept.last_run_at,
                solved_at=kept.solved_at,
            )
        )
    if not result.katas and result.problem is None:
        result.problem = "no katas in it"
    return result


def from_folder(folder: Path, now: datetime) -> Learner:
    try:
        where = place.load(folder)
    except place.BrokenCourse as exc:
        return Learner(_folder_name(folder), str(folder), problem=str(exc))
    return from_export(export(where, learner=_folder_name(folder), now=now), str(folder))


def from_file(path: Path) -> Learner:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not JSON"
        return Learner(path.stem, str(path), problem=f"cannot read it ({reason})")
    return from_export(data, str(path))


def _folder_name(folder: Path) -> str:
    """Who a course folder belongs to: its settings' learner, else the folder's name (its
    parent's, for the default `ganerrors-course`, as in a home folder)."""
    chosen = settings.load(folder).learner
    if chosen:
        return chosen
    if folder.name == "ganerrors-course" and folder.parent.name:
        return folder.parent.name
    return folder.name


def gather(paths: list[Path], now: datetime | None = None) -> list[Learner]:
    """Learners from course folders, exported JSON files, or folders holding either
    (two levels down at most: `report /home` finds /home/alice/ganerrors-course)."""
    now = now or progress.now_utc()
    learners: list[Learner] = []
    seen: set[Path] = set()

    def visit(path: Path, depth: int) -> None:
        try:
            resolved = path.resolve()
            if resolved in seen:
                return
            seen.add(resolved)
            if path.is_file():
                learners.append(from_file(path))
            elif place.holds_course(path):
                learners.append(from_folder(path, now))
            elif path.is_dir() and depth < 2:
                for child in sorted(path.iterdir()):
                    if child.name.startswith("."):
                        continue
                    if child.is_dir() or (child.suffix == ".json" and depth == 0):
                        visit(child, depth + 1)
            elif depth == 0:
                learners.append(Learner(path.name, str(path), problem="no such file or folder"))
        except OSError as exc:
            if depth == 0:
                learners.append(Learner(path.name, str(path), problem=exc.strerror or str(exc)))

    for path in paths:
        visit(Path(path), 0)
    return sorted(learners, key=lambda learner: (learner.name.lower(), learner.source))


# -- the table --------------------------------------------------------------------------------
COLUMNS = ("learner", "kata", "state", "on it", "runs", "hints", "solved", "last seen")


def rows(learners: list[Learner], now: datetime) -> list[list[str]]:
    table = []
    for learner in learners:
        if not learner.katas:
            table.append([learner.name, "-", f"unreadable: {learner.problem}", "", "", "", "", ""])
            continue
        current = learner.current
        total = len(learner.katas)
        if current is None:
            kata, state, on_it, runs, hints = "all done", "solved", "", "", ""
        else:
            kata = f"{current.number} {current.title}"
            state = current.state
            seconds = _seconds(current.started_at, now)
            on_it = duration(seconds)
            planned = STUCK_FACTOR * 60 * current.minutes
            if seconds is not None and current.minutes and seconds > planned:
                on_it += " (!)"
            runs = str(current.attempts)
            hints = f"{current.hints_shown}/{current.hints_total}"
        last = learner.last_activity
        table.append(
            [
                learner.name,
                kata,
                state,
                on_it,
                runs,
                hints,
                f"{learner.solved}/{total}",
                f"{duration(_seconds(last, now))} ago" if last else "never",
            ]
        )
    return table


def summary(learners: list[Learner]) -> str:
    on = Counter(
        (learner.current.number if learner.current else "done")
        for learner in learners
        if learner.katas
    )
    parts = [f"kata {number}: {count}" for number, count in sorted(on.items()) if number != "done"]
    if on.get("done"):
        parts.append(f"all done: {on['done']}")
    unreadable = sum(1 for learner in learners if not learner.katas)
    if unreadable:
        parts.append(f"unreadable: {unreadable}")
    return f"{len(learners)} learner(s). " + ", ".join(parts)


def text_table(learners: list[Learner], now: datetime | None = None) -> str:
    now = now or progress.now_utc()
    body = rows(learners, now)
    widths = [max(len(row[i]) for row in [list(COLUMNS), *body]) for i in range(len(COLUMNS))]
    widths[1] = min(widths[1], 40)
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip()]
    for row in body:
        cells = [_fit(cell, width) for cell, width in zip(row, widths, strict=True)]
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    lines.append("")
    lines.append(summary(learners))
    lines.append(f"(!) on one kata for over {STUCK_FACTOR}x its planned time.")
    return "\n".join(lines)


def html_page(learners: list[Learner], now: datetime | None = None) -> str:
    now = now or progress.now_utc()
    body = rows(learners, now)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
    lines = []
    for row in body:
        state = row[2].split(":")[0].replace(" ", "-")
        cells = "".join(f"<td>{html.escape(cell)}</td>" for cell in row)
        lines.append(f'<tr class="{html.escape(state)}">{cells}</tr>')
    stamp = now.astimezone().strftime("%Y-%m-%d %H:%M")
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            "<title>ganerrors: the room</title>",
            "<style>",
            "body{font-family:system-ui,sans-serif;margin:2em}",
            "table{border-collapse:collapse}td,th{padding:.3em .8em;text-align:left}",
            "tr:nth-child(even){background:#f4f4f4}.failing td:nth-child(3){color:#b00}",
            ".solved td:nth-child(3){color:#070}.unreadable td{color:#888}",
            "</style></head><body>",
            "<h1>The room</h1>",
            f"<p>{html.escape(summary(learners))} Read {html.escape(stamp)}.</p>",
            f"<table><thead><tr>{head}</tr></thead><tbody>",
            *lines,
            "</tbody></table>",
            f"<p>(!) on one kata for over {STUCK_FACTOR}x its planned time.</p>",
            "</body></html>",
            "",
        ]
    )


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _seconds(since: datetime | None, now: datetime) -> float | None:
    if since is None:
        return None
    return max(0.0, (now - since.astimezone(timezone.utc)).total_seconds())


def _text(value: Any) -> str:
    return " ".join(value.split())[:80] if isinstance(value, str) else ""


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**6:
        return 0
    return value


def _fit(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[: width - 1] + "~"
