"""The checker for kata 08. Run `pytest katas/08`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks


class TestKata08(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""
