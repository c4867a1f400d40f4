"""Every raising case of the catalogue, raised live and explained: the right checklist item,
the phrase the case names, and the original exception untouched."""

from __future__ import annotations

import re
import traceback

import pytest

from ganerrors.cases import CASES, NOTHING
from ganerrors.explainers import explain

pytestmark = pytest.mark.tensorflow

# A GANCheckFailed is the checks' own message, which names the problem itself.
RAISING = [
    (case, mode)
    for case in CASES
    for mode, claim in case.claims.items()
    if claim != NOTHING and not claim.startswith("GANCheckFailed")
]


@pytest.mark.parametrize(
    ("case", "mode"), RAISING, ids=[f"{case.id}[{mode}]" for case, mode in RAISING]
)
def test_a_raised_case_is_explained_under_its_checklist_item(catalogue, case, mode) -> None:
    exc = catalogue[case.id].raised(mode)
    before = (str(exc), type(exc), getattr(exc, "__notes__", None))

    diagnosis = explain(exc)

    assert diagnosis is not None, str(exc)
    assert diagnosis.category == case.category, (str(exc), diagnosis.render())
    assert re.search(case.explained, diagnosis.render()), diagnosis.render()
    assert (str(exc), type(exc), getattr(exc, "__notes__", None)) == before
    pasted = explain("".join(traceback.format_exception(exc)))
    assert pasted is not None and pasted.category == case.category
