"""ganerrors: explain the errors of GAN training with TensorFlow/Keras; check a GAN before training.

Importing this package does not import TensorFlow; the parts that need it load it on first use.

PYTEST_DONT_REWRITE: pytest's assertion rewriting skips this module (it holds no assert).
`ganerrors check` and `watch` import ganerrors before they start pytest, which would then
warn that the package of its `pytest11` plugin was imported too early to be rewritten. The
submodules are rewritten as usual where pytest imports them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it, loaded on first access
_LAZY = {
    "explain": "ganerrors.explainers",
    "Diagnosis": "ganerrors.explainers",
    "explained": "ganerrors.notes",
    "check_gan": "ganerrors.checks",
    "GANCheckFailed": "ganerrors.errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ganerrors' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later accesses find it directly
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext ganerrors`: show an explanation under recognised tracebacks."""
    from ganerrors.ipython import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython: Any) -> None:
    from ganerrors.ipython import unload_ipython_extension as unload

    unload(ipython)


__all__ = ["__version__", *_LAZY]
