"""The checker for kata 03. Run `pytest katas/03`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks


class TestKata03(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""
