"""Tools for course authors: `ganerrors dev check` validates a course folder the way
rustlings' `dev check` does. Nothing here imports TensorFlow; the kata runs happen in pytest
subprocesses."""
