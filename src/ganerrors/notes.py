"""`explained()`: add the explanation to a recognised error as a note, and let it go on.

    with ganerrors.explained():
        train(epochs=1)

    @ganerrors.explained
    def train_step(images): ...

When a recognised error passes through, the explanation is added with `exc.add_note(...)`
(PEP 678): Python prints it under the traceback. The exception's type, message and traceback
are untouched and it is re-raised as it was. Nothing happens, at no cost, when nothing is
raised; an error that already carries a ganerrors note is not given a second one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import TracebackType
from typing import Any, Literal, TypeVar, overload

from ganerrors.explainers.context import NOTE_MARK

F = TypeVar("F", bound=Callable[..., Any])


def add_explanation(exc: BaseException) -> bool:
    """Add the explanation of `exc` as a note, once. True when a note was added."""
    if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit: leave them alone
        return False
    notes = getattr(exc, "__notes__", None)
    if isinstance(notes, list) and any(
        isinstance(n, str) and n.startswith(NOTE_MARK) for n in notes
    ):
        return False
    from ganerrors.explainers import explain

    diagnosis = explain(exc)
    if diagnosis is None:
        return False
    note = diagnosis.render()
    try:
        if hasattr(exc, "add_note"):
            exc.add_note(note)
        elif isinstance(notes, list):  # Python 3.10: keep the PEP 678 attribute by hand
            notes.append(note)
        else:
            exc.__notes__ = [note]  # type: ignore[attr-defined]
    except Exception:  # an exception that refuses attributes keeps going unexplained
        return False
    return True


class _Explained:
    """Context manager and decorator; see the module's docstring."""

    def __enter__(self) -> _Explained:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        if exc is not None:
            add_explanation(exc)
        return False  # never swallow: the error goes on as it was

    def __call__(self, func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:  # a bare try costs (next to) nothing when nothing is raised
                return func(*args, **kwargs)
            except BaseException as exc:
                add_explanation(exc)
                raise

        return wrapper  # type: ignore[return-value]


@overload
def explained(func: None = None) -> _Explained: ...
@overload
def explained(func: F) -> F: ...
def explained(func: Callable[..., Any] | None = None) -> Any:
    """`with explained():`, `@explained()` or `@explained`: explain what passes through."""
    if func is None:
        return _Explained()
    if not callable(func):
        raise TypeError(
            f"explained() takes a function to decorate, or nothing; got {type(func).__name__}"
        )
    return _Explained()(func)


__all__ = ["add_explanation", "explained"]
