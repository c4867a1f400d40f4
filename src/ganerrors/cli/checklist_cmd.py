"""`ganerrors checklist [ITEM]`: the checklist in the terminal, offline.

From `ganerrors.categories`, with the katas of the course that teach each item; the site's
page is printed last, as an extra.
"""

from __future__ import annotations

import argparse
from typing import Any

from ganerrors import course
from ganerrors.categories import CATEGORIES, SITE_URL, Category
from ganerrors.workshop import WorkshopError, place


def _katas_by_item() -> dict[str, list[course.Kata]]:
    try:
        registry = place.find().course
    except WorkshopError:
        try:
            registry = course.load()
        except course.RegistryError:
            return {}
    found: dict[str, list[course.Kata]] = {}
    for kata in registry.katas:
        found.setdefault(kata.checklist, []).append(kata)
    return found


def _item(text: str) -> Category:
    key = text.strip().lower()
    ids = list(CATEGORIES)
    if key.isascii() and key.isdigit() and 1 <= int(key[:3]) <= len(ids):
        return CATEGORIES[ids[int(key) - 1]]
    for category in CATEGORIES.values():
        if key in (category.id, category.title.lower()):
            return category
    shown = text if len(text) <= 30 else text[:27] + "..."
    raise WorkshopError(
        f"there is no checklist item {shown!r}; the items are 1-{len(ids)} or {', '.join(ids)}"
    )


def cmd_checklist(args: argparse.Namespace) -> int:
    katas = _katas_by_item()
    if args.item is not None:
        category = _item(args.item)
        number = list(CATEGORIES).index(category.id) + 1
        print(f"{number}. {category.title} ({category.id})")
        print(f"   {category.question}")
        for kata in katas.get(category.id, []):
            print(f"   Kata {kata.number}, {kata.title}: `ganerrors check {kata.number}`")
        print(f"   More (online): {category.url}")
        return 0
    print("The checklist: ask these questions when a GAN fails, in this order.")
    for number, category in enumerate(CATEGORIES.values(), start=1):
        print(f"{number}. {category.title} ({category.id})")
        print(f"   {category.question}")
        taught = katas.get(category.id, [])
        if taught:
            print(f"   Katas: {', '.join(kata.number for kata in taught)}")
    print("`ganerrors checklist ITEM` shows one item (a number or an id).")
    print(f"More (online): {SITE_URL}/checklist/")
    return 0


def register(subparsers: Any) -> None:
    from ganerrors.cli.course_cmds import guarded

    text = "Print the checklist of GAN errors, or one item of it (works offline)."
    parser = subparsers.add_parser("checklist", help=text, description=text)
    parser.add_argument("item", nargs="?", metavar="ITEM", help="a number (1-8) or an id")
    parser.set_defaults(run=guarded("checklist", cmd_checklist))
