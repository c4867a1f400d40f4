"""Explain a TensorFlow/Keras error met while training a GAN.

`explain(exception_or_text)` returns a :class:`Diagnosis`, or None when the error is not one
this package knows. It never raises and never imports TensorFlow: it reads only the error's
type, message, notes, chained causes and traceback frames (or the pasted text).

How it works: the text is normalised (`normalise.py`); readers of known message families
(`order.EXACT`) and then general readers (`order.GENERAL`) look for findings (`findings.py`);
the first finding is written up by `advice.py`, with high confidence when an exact reader
found it and low confidence when only a general reader did, or when the finding itself says
its category is a guess (`tentative`: a message of an exact family without the values that
decide the category), or when readings of its family were often wrong on the corpus's tuning
half (`record.py`: the same message is raised by other causes, library bugs among them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ganerrors.explainers.diagnosis import Diagnosis

if TYPE_CHECKING:
    from ganerrors.explainers.context import Context
    from ganerrors.explainers.diagnosis import Confidence
    from ganerrors.explainers.findings import Finding


def explain(error: object) -> Diagnosis | None:
    """Explain an exception, an error message or a whole pasted traceback (str or bytes).

    Returns None for anything it does not recognise, and for anything that is not an
    exception or text. It never raises, whatever it is given (not even a KeyboardInterrupt
    from a broken `__str__`), and takes at most milliseconds on any input.
    """
    try:
        return _explain(error)
    except BaseException:  # the explainer must never hide or replace the real error
        return None


def _explain(error: object) -> Diagnosis | None:
    from ganerrors.explainers.advice import write
    from ganerrors.explainers.record import track_record

    read = reading(error)
    if read is None:
        return None
    finding, context, family, confidence = read
    record = track_record(family) if confidence == "high" else None
    if record is not None and not record.reliable:
        confidence = "low"
    return write(finding, context, confidence, None if record is None else record.labels)


def reading(error: object) -> tuple[Finding, Context, str, Confidence] | None:
    """The first finding in an error, its context, its family ("reader:Finding:situation:
    category", or "general:..." for a general reader) and the confidence the readers give
    it, before the family's track record is taken into account. None when nothing is found."""
    from ganerrors.explainers.context import Context
    from ganerrors.explainers.general import doubtful, unrelated, weights_only
    from ganerrors.explainers.order import EXACT, GENERAL

    context = Context.of(error)
    if context is None:
        return None
    for text in _readings(context):
        for anchors, reader in EXACT:
            for anchor in anchors:
                if anchor in text:
                    break
            else:
                continue  # none of the reader's substrings: its family is not here
            finding = reader(text, context)
            if finding is not None:
                if weights_only(context):
                    return None  # the model's weights against each other: no checklist item
                # a finding that says itself its category is a guess (`tentative`), or one
                # where the error is about something else or in a metric (`doubtful`): low
                guess = _tentative(finding) or doubtful(context)
                family = _family(reader.__name__, finding)
                return finding, context, family, "low" if guess else "high"
    text = context.last_error
    if not text or unrelated(text, context):
        return None
    for general in GENERAL:
        finding = general(text, context)
        if finding is not None:
            return finding, context, _family("general", finding), "low"
    return None


def _family(reader: str, finding: Finding) -> str:
    # the category too: a finding of one kind may decide another category from its values
    # (TensorFlow Lite's set_tensor: a dtype, a model's input, a batch fixed at conversion)
    return f"{reader}:{type(finding).__name__}:{finding.situation}:{finding.category}"


def _readings(context: Context) -> Iterator[str]:
    """The texts the exact readers read, in turn; each is built only when the ones before
    it gave no finding, and one that is the same as an earlier one is left out."""
    from ganerrors.explainers.normalise import message_lines, normalise, rejoin, unwrap

    message = context.message

    def unwrapped() -> str:
        # A console that copies its lines as shown cuts them at its width, inside words and
        # shapes: read the text once more with those lines joined, when a width shows.
        raw = context.raw or message
        text = unwrap(raw)
        return "" if text is raw else message_lines(normalise(text))

    read: list[str] = []
    for make in (
        # In a pasted traceback the last exception is the one raised; read from there first,
        # then the whole text (TF 1.x prints the op error first and "see above" last).
        lambda: _last_exception(message),
        lambda: message,
        # A message pasted hard-wrapped (a console 80 columns wide, an e-mail, an issue title
        # split over lines) breaks its phrases at line ends: read it once more with its lines
        # of words joined.
        lambda: rejoin(message_lines(message)),
        unwrapped,
    ):
        text = make()
        if text and text not in read:
            read.append(text)
            yield text


def _tentative(finding: object) -> bool:
    return bool(getattr(finding, "tentative", False))


def _last_exception(text: str) -> str:
    marks = ("\nDuring handling of the above exception", "\nThe above exception was the direct")
    cut = max(text.rfind(mark) for mark in marks)
    return text[cut:] if cut > 0 else text


__all__ = ["Diagnosis", "explain"]
