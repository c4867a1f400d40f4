"""Explain a TensorFlow/Keras error met while training a GAN.

`explain(exception_or_text)` returns a :class:`Diagnosis`, or None when the error is not one
this package knows. It never raises and never imports TensorFlow.
"""

from __future__ import annotations

from ganerrors.explain.diagnosis import Diagnosis


def explain(error: object) -> Diagnosis | None:
    """Placeholder until the explainer registry lands (issue 3)."""
    return None


__all__ = ["Diagnosis", "explain"]
