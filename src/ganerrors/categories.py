"""The checklist: the fixed category ids that the explainer, the katas and the site share.

Each id is also the anchor of its section on the site's checklist page, so links stay stable.
"""

from __future__ import annotations

from dataclasses import dataclass

SITE_URL = "https://ganerrors.github.io/ganerrors"


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    question: str

    @property
    def url(self) -> str:
        return f"{SITE_URL}/checklist/#{self.id}"


CATEGORIES: dict[str, Category] = {
    c.id: c
    for c in (
        Category(
            "output-shape",
            "Output shape",
            "Does each model's final output have the width and rank the loss expects?",
        ),
        Category(
            "dtype",
            "Dtype consistency",
            "Is every tensor float32 where it meets the others (images, fakes, labels)?",
        ),
        Category(
            "numerics",
            "Numerical stability",
            "Does the loss get what it expects: probabilities or logits, no NaN, no log(0)?",
        ),
        Category(
            "target-shape",
            "Target shape",
            "Do the labels have exactly the shape of the predictions they are compared with?",
        ),
        Category(
            "batch-size",
            "Batch size",
            "Does anything assume a fixed batch size that the last batch does not have?",
        ),
        Category(
            "model-io-shape",
            "Model input/output shape",
            "Does the generator's output fit the discriminator's input, "
            "and the noise the generator's?",
        ),
        Category(
            "index-range",
            "Index range",
            "Are class labels and indices inside the range the Embedding or loss was built for?",
        ),
        Category(
            "no-gradients",
            "No gradients",
            "Does every model get a gradient, or does an int cast or off-tape work cut it off?",
        ),
    )
}


def get(category_id: str) -> Category:
    """Return the category with this id, or raise KeyError naming the valid ids."""
    try:
        return CATEGORIES[category_id]
    except KeyError:
        valid = ", ".join(CATEGORIES)
        raise KeyError(f"unknown category {category_id!r}; valid ids: {valid}") from None
