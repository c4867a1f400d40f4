"""The checker for kata 02. Run `pytest katas/02`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks


class TestKata02(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""
