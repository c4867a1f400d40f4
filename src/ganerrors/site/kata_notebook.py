# %% [markdown]
# # Kata {number}: {title}
#
# {summary}
#
# This notebook runs the kata's broken `gan.py` and shows the error its checker reports
# first, then what ganerrors says about it, the fix, and the fixed GAN after training. Run
# the cells in order. On Colab the first code cell fetches the course and installs
# ganerrors, which takes a minute or two.

# %% tags=["parameters"]
KATA = "01"  # the kata this notebook runs
REPOSITORY = "https://github.com/ganerrors/ganerrors"  # the course, cloned on Colab

import importlib
import subprocess
import sys
from pathlib import Path

if "google.colab" in sys.modules:  # on Colab: fetch the course and install ganerrors
    if not Path("ganerrors").is_dir():
        subprocess.run(["git", "clone", "-q", "--depth=1", REPOSITORY, "ganerrors"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "./ganerrors"], check=True)
    importlib.invalidate_caches()  # so that this running kernel finds the new package
    COURSE: Path | None = Path("ganerrors/katas")
else:  # a clone of the repository with ganerrors installed (`pip install -e .`)
    COURSE = None

# %% [markdown]
# ## Setup
#
# TensorFlow is imported through ganerrors, which keeps its C++ log lines out of the
# notebook. Then the kata's `gan.py` is loaded exactly as its checker loads it. Nothing is
# read from its data set yet: what the data set promises is all this cell prints.

# %%
import difflib

from ganerrors._tf import import_tensorflow

tf = import_tensorflow()

import matplotlib.pyplot as plt
from IPython.display import Markdown

from ganerrors import categories, checks, course, kata
from ganerrors.explainers import explain
from ganerrors.site import trained

katas = course.load(COURSE)
this = katas.kata(KATA)
broken = kata.load(katas.kata_file(this))
print("the data set yields:", broken.dataset.element_spec)

# %% [markdown]
# ## The error
#
# The checker runs its checks in order and stops at the first that fails, here
# `{test}`. This cell runs them by hand the same way (every kata's `test_gan.py` is a
# `GANChecks`): first a look at one batch of the data and the untrained models, then each
# check in turn. {what}

# %% tags=["raises-exception"]
checker = kata.GANChecks()
in_order = [name for name in vars(kata.GANChecks) if name.startswith("test_")]
run = kata.KataRun.start(broken)  # the first batch, noise for it, the models as loaded
for name in in_order:
    print(name, end=" ... ")
    getattr(checker, name)(run)
    print("passed")

# %% [markdown]
# ## What ganerrors says
#
# `ganerrors.explain` reads the error and says what it means in a GAN. A silent bug raises
# nothing TensorFlow could explain: there the checker's message names its checklist item.

# %% tags=["explanation"]
error = sys.last_value  # the exception the cell above raised
diagnosis = explain(error)
category = getattr(error, "category", None)  # a checker's failure names its checklist item
if diagnosis is not None:
    print(diagnosis.render())
elif category:
    item = categories.get(category)
    print(f"Checklist: {item.title}. {item.question}\n{item.url}")
else:
    print(f"ganerrors has no explanation for this {type(error).__name__} yet.")

# %% [markdown]
# ## The fix
#
# What the solution changes, computed from the two files:

# %%
solution = katas.solution_folder(this)
assert solution is not None, "the solutions are in a clone of the repository"
fixed_file = solution / "gan.py"
diff = difflib.unified_diff(
    katas.kata_file(this).read_text().splitlines(keepends=True),
    fixed_file.read_text().splitlines(keepends=True),
    f"katas/{KATA}/gan.py",
    f"solutions/{KATA}/gan.py",
)
Markdown("```diff\n" + "".join(diff) + "```")

# %% [markdown]
# ## Training the fixed GAN
#
# The fixed `train_step`, on the same data, for a few thousand steps: under 30 seconds of
# CPU. (Where `gan.py` trains a `keras.Model` with `fit`, its `train_step` is the model's,
# traced the way `fit` traces it.) Then how well the generator draws, measured on its
# images (`ganerrors.quality`): how close they come to real ones, how many of the real
# images they cover, next to the figures of a perfect generator.

# %% tags=["training"]
fixed = kata.load(fixed_file)
training = trained.train(fixed, steps=trained.steps_for(this))
print(training.report())
Markdown(trained.assess(fixed).table())

# %% tags=["samples"]
images, labels = checks.split_batch(next(iter(fixed.dataset)))  # labels: a conditional GAN's
noise = tf.random.stateless_normal((images.shape[0], fixed.NOISE_DIM), seed=(1, 1))
fakes = checks.make_fakes(fixed.generator, noise, labels)  # for the real images' labels
figure, axes = plt.subplots(2, 8, figsize=(8, 2.4), facecolor="white")
for row, (name, batch) in enumerate((("real", images), ("generated", fakes))):
    for column, axis in enumerate(axes[row]):
        axis.imshow(batch[column, :, :, 0], cmap="gray", vmin=-1, vmax=1)
        axis.set_axis_off()
    axes[row, 0].set_title(name, loc="left", fontsize=9, color="black")
plt.show()
