"""The checker for kata 06. Run `pytest katas/06`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks


class TestKata06(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""
