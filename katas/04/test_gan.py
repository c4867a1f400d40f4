"""The checker for kata 04. Run `pytest katas/04`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks


class TestKata04(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""
