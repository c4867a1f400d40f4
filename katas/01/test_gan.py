"""The checker for kata 01. Run `pytest katas/01`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks


class TestKata01(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""
