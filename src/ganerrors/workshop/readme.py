"""The README that `ganerrors init` writes into a course folder: what to run, how to get help.

Made from the registry, so it lists the katas of this course by part; everything it names
works offline. The site is mentioned once, at the end, as an extra.
"""

from __future__ import annotations

from ganerrors import course
from ganerrors.categories import SITE_URL
from ganerrors.categories import get as get_category


def course_readme(registry: course.Course) -> str:
    first = registry.katas[0].number
    lines = [
        "# Your ganerrors course",
        "",
        "Each kata is a small GAN, written with TensorFlow/Keras, that has one bug. Some bugs",
        "raise an error, some raise nothing and quietly stop the GAN from learning. A checker",
        "finds it; you fix `katas/NN/gan.py` until the checker is green.",
        "",
        "## What to run",
        "",
        "Run these in this folder (the one with this README):",
        "",
        "```",
        "ganerrors list          # the katas by part, your progress, the next kata",
        "ganerrors check         # check the next kata (the same as `pytest katas/NN`)",
        "ganerrors watch         # check it again every time you save gan.py",
        f"pytest katas/{first}         # a kata's checker, run directly: it counts as progress too",
        "```",
        "",
        f"Read `katas/{first}/README.md`, then edit `katas/{first}/gan.py` where the `TODO` is.",
        "The first failure the checker shows is the one to fix: TensorFlow's error as it was",
        "raised (or, for a bug that raises nothing, the symptom the checker measured), then what",
        "it means, with the real shapes and dtypes and the checklist question it belongs to.",
        "",
        "## Getting help",
        "",
        "- `katas/NN/README.md`: the story of the kata, and what you will see.",
        "- `ganerrors hint NN`: one hint at a time, from a nudge to nearly the answer. The",
        "  concrete fix is kept out of the checker's explanation until you have seen the last",
        "  hint; `ganerrors check NN --spoilers` shows it at once, and `spoilers = true` in",
        "  `ganerrors.toml` always.",
        "- `ganerrors checklist`: the questions to ask when a GAN fails;",
        "  `ganerrors checklist ITEM` explains one of them.",
        "- `ganerrors solution NN`: once a kata is solved, our fix as a diff of yours.",
        "- `ganerrors reset NN`: put a kata back as it was handed out (your file is backed up",
        "  in `.ganerrors/backups/` first).",
        "- Ask your instructor: `ganerrors list --json` gives them your progress.",
        "",
        "## The katas",
    ]
    parts = registry.parts or tuple(dict.fromkeys(registry.part(kata) for kata in registry.katas))
    for part in parts:
        katas = [kata for kata in registry.katas if kata.part == part.number]
        if not katas:
            continue
        lines += ["", f"### Part {part.number}: {part.title}", ""]
        if part.summary:
            lines += [" ".join(part.summary.split()), ""]
        for kata in katas:
            item = get_category(kata.checklist).title
            lines.append(f"- {kata.number} {kata.title} ({item}, about {kata.minutes} minutes)")
    lines += [
        "",
        "## Online, as an extra",
        "",
        f"The same katas, the checklist and more: {SITE_URL}/",
        "",
    ]
    return "\n".join(lines)
