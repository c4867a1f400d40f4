"""The exceptions ganerrors raises itself. Nothing here imports TensorFlow.

The pytest plugin, the workshop commands and the author check catch these with `isinstance`,
so they must be importable in a process that never loads TensorFlow.
"""

from __future__ import annotations


class GANCheckFailed(AssertionError):
    """A GAN check found a problem that TensorFlow does not raise. The message names it.

    `category` is the checklist item (a `ganerrors.categories` id) the problem belongs to.
    """

    def __init__(self, message: str, category: str) -> None:
        super().__init__(message)
        self.category = category


class RegistryError(ValueError):
    """katas.toml is missing, unreadable or inconsistent. The message names the file."""


class KataContractError(AttributeError):
    """A kata's `gan.py` lacks a name the checker needs, or has it in the wrong form."""


class ReportError(ValueError):
    """A kata report is missing, unreadable, or written by another version of ganerrors."""
