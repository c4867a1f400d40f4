"""The checker for kata 09. Run `pytest katas/09`; edit gan.py, not this file."""

from ganerrors.kata import GANChecks, KataRun


class TestKata09(GANChecks):
    """Every check a working GAN passes; the first failure is the one to fix."""

    def test_the_penalty_holds_the_critics_slope_near_one(self, kata: KataRun) -> None:
        """A WGAN-GP: after some training, the critic's gradient on images between real and
        fake ones has a norm near 1, which is what the gradient penalty is for."""
        kata.check_critic_slope()
