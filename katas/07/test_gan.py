"""The checker for kata 07. Run `pytest katas/07`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks


class TestKata07(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""
