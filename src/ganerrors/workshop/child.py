"""The process that runs one kata's checker: `pytest katas/NN`, fenced in.

Started by `ganerrors check` (`python -m ganerrors.workshop.child`, in a session of its own)
or forked by `watch`'s fork server. Around `pytest.main` it
- kills its whole process group when its parent dies (the read end of a pipe, the
  "lifeline", reaches end of file), so no kata keeps running after `ganerrors` is gone,
  and removes the run's temporary folder (the one holding `--dump`) first;
- dumps every thread's stack to a file on SIGUSR1, so a parent that has to stop a run that
  does not answer can say which step it was in;
- reads stdin from /dev/null: a kata that asks for input gets EOF instead of stopping;
- ends with os._exit as soon as pytest returns: the report is written by then, and a thread
  that gan.py left running cannot hold the run open.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import shutil
import signal
import sys
import threading
from typing import NoReturn


def watch_lifeline(fd: int, cleanup: str | None = None) -> None:
    """Kill this process's group when `fd` (the parent's pipe) reaches end of file, after
    removing the folder `cleanup` (the run's temporary folder, which the parent can no
    longer remove)."""

    def wait() -> None:
        try:
            while os.read(fd, 1):
                pass
        except OSError:
            pass
        if cleanup:
            shutil.rmtree(cleanup, ignore_errors=True)
        end_group()

    threading.Thread(target=wait, name="ganerrors-lifeline", daemon=True).start()


def end_group() -> NoReturn:
    """Kill this process and everything it started, when it leads its process group."""
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        os.killpg(0, signal.SIGKILL)
    os._exit(137)


def dump_stacks_on_signal(path: str) -> None:
    if not hasattr(signal, "SIGUSR1"):  # pragma: no cover - Windows
        return
    handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    faulthandler.register(signal.SIGUSR1, file=handle, all_threads=True, chain=False)


def quiet_stdin() -> None:
    try:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    except OSError:
        pass


def gate(fd: int) -> object:
    """A pytest plugin that holds the run at its very start (before pytest prints or
    collects anything) until `fd` is written to; it ends the process when `fd` closes.

    `watch`'s fork server prepares the next check this way while the learner edits."""
    import pytest

    class Gate:
        @pytest.hookimpl(tryfirst=True)
        def pytest_sessionstart(self, session: pytest.Session) -> None:
            try:
                opened = os.read(fd, 1)
            except OSError:
                opened = b""
            os.close(fd)
            if not opened:  # the server has gone: nobody wants this check any more
                os._exit(0)

    return Gate()


def run(
    pytest_args: list[str],
    lifeline: int | None,
    dump: str | None,
    plugins: list[object] | None = None,
) -> NoReturn:
    if lifeline is not None:
        watch_lifeline(lifeline, os.path.dirname(dump) if dump else None)
    if dump:
        dump_stacks_on_signal(dump)
    quiet_stdin()
    code = 3  # pytest's "internal error", should pytest itself fail
    try:
        import pytest

        code = int(pytest.main(pytest_args, plugins=plugins or []))
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(code)


def main(argv: list[str] | None = None) -> NoReturn:
    parser = argparse.ArgumentParser(prog="python -m ganerrors.workshop.child")
    parser.add_argument("--lifeline", type=int, default=None)
    parser.add_argument("--dump", default=None)
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    pytest_args = args.pytest_args
    if pytest_args[:1] == ["--"]:
        pytest_args = pytest_args[1:]
    run(pytest_args, args.lifeline, args.dump)


if __name__ == "__main__":
    main()
