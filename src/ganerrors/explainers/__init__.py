"""Explain a TensorFlow/Keras error met while training a GAN.

`explain(exception_or_text)` returns a :class:`Diagnosis`, or None when the error is not one
this package knows. It never raises and never imports TensorFlow: it reads only the error's
type, message, notes, chained causes and traceback frames (or the pasted text).
"""

from __future__ import annotations

from ganerrors.explainers.context import Context
from ganerrors.explainers.diagnosis import Diagnosis


def explain(error: object) -> Diagnosis | None:
    """Explain an exception, an error message or a whole pasted traceback (str or bytes).

    Returns None for anything it does not recognise, and for anything that is not an
    exception or text. It never raises.
    """
    try:
        context = Context.of(error)
        if context is None:
            return None
        from ganerrors.explainers.registry import EXPLAINERS

        # In a pasted traceback the last exception is the one raised; read from there first,
        # then the whole text (TF 1.x prints the op error first and "see above" last).
        message = context.message
        tail = _last_exception(message)
        for text in (tail, message) if tail != message else (message,):
            for explainer in EXPLAINERS:
                diagnosis = explainer(text, context)
                if diagnosis is not None:
                    return diagnosis
    except Exception:  # the explainer must never hide or replace the real error
        return None
    return None


def _last_exception(text: str) -> str:
    marks = ("\nDuring handling of the above exception", "\nThe above exception was the direct")
    cut = max(text.rfind(mark) for mark in marks)
    return text[cut:] if cut > 0 else text


__all__ = ["Diagnosis", "explain"]
