"""The IPython/Jupyter extension: `%load_ext ganerrors`.

After a cell fails with an error the explainer recognises, the explanation is printed under
IPython's own traceback, which is left exactly as it was. It works through IPython's
`post_run_cell` event, so it neither replaces IPython's exception handling nor another
extension's `set_custom_exc` handler. `%unload_ext ganerrors` removes it.
"""

from __future__ import annotations

import sys
from typing import Any

_HOOKS: dict[int, Any] = {}  # id(shell) -> the callback registered on it


def _make_hook(shell: Any) -> Any:
    def show_explanation(result: Any) -> None:
        error = getattr(result, "error_in_exec", None)
        if error is None:
            return
        from ganerrors.explainers import explain

        diagnosis = explain(error)
        if diagnosis is not None:
            print(diagnosis.render(), file=sys.stdout, flush=True)

    return show_explanation


def load_ipython_extension(ipython: Any) -> None:
    """Register the hook on this shell; loading it twice registers it once."""
    if id(ipython) in _HOOKS:
        return
    hook = _make_hook(ipython)
    ipython.events.register("post_run_cell", hook)
    _HOOKS[id(ipython)] = hook


def unload_ipython_extension(ipython: Any) -> None:
    hook = _HOOKS.pop(id(ipython), None)
    if hook is not None:
        try:
            ipython.events.unregister("post_run_cell", hook)
        except ValueError:  # already removed by someone else
            pass


__all__ = ["load_ipython_extension", "unload_ipython_extension"]
