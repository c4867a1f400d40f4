"""The checker for kata 05. Run `pytest katas/05`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks


class TestKata05(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""
