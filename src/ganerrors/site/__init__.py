"""The site's logic: everything `docs/hooks/site.py` renders, typed and tested here.

- `measure`: the catalogue's cases run in a subprocess and cached by TensorFlow version and
  each case's digest; the kata notebooks executed there too, each cached by a digest of
  everything its outputs depend on. A build that finds everything cached imports no
  TensorFlow at all, so `mkdocs serve` rebuilds a Markdown edit in a few seconds.
- `notebooks`: one notebook per kata, made from the `# %%` file `kata_notebook.py` with
  jupytext; `ganerrors.site.notebooks` writes the copies Colab opens from the repository.
- `as_shipped`: what the notebooks run and the kata pages show of each kata, its `gan.py`
  and fix as shipped (git HEAD), never a learner's solved copy in the working tree.
- `tidy`: what a page may show of a measured message or traceback (no build paths, layer
  names normalised, the traceback cut to the learner's frames).
- `pages`, `why`: the Markdown of the generated pages and of the pages' markers.
- `quiet`: TensorFlow's C++ log lines and Jupyter's kernel warnings kept out of the build log.
- `screenshots`: the home, a kata, a notebook and which-error-where in headless Chromium.

Nothing here imports TensorFlow at import time; MkDocs itself never does.
"""
