"""The checker for kata 09. Run `pytest katas/09`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks


class TestKata09(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""
