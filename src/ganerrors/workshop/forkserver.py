"""`ganerrors watch`'s fork server: each check in a fresh process, without a cold start.

A check must not inherit anything from the last one (a `set_floatx` line that is gone, a
monkeypatched check, an `os._exit` in gan.py), so each runs in a process of its own. A new
interpreter pays TensorFlow's import (about 3 s) every time; instead, one server process
imports TensorFlow, pytest and ganerrors once, then forks a child per check.

The server keeps the next check's process ready while the learner edits: forked, its devices
found, pytest configured and its plugins loaded, waiting at a gate (the first thing it does
at `pytest_sessionstart`, before printing anything). A save opens the gate, so a re-check
costs loading gan.py and running the checks, nothing else.

Forking is safe only while the server has never run a TensorFlow operation: TensorFlow's
runtime (its thread pools, CUDA) starts with the first operation, and a forked child would
inherit it half-alive. So the server imports TensorFlow without looking for devices, warms
pytest up with a collect-only run (which imports the checker, not gan.py), and then checks
that it still runs no thread but its own (on Linux, where /proc says so: no `tf_*` runtime
thread, one Python thread). If not, it says so, and `watch` runs each check in a new
interpreter instead. Each child starts its own runtime, in a session of its own:
- its lifeline (a pipe from the server) kills its group when the server dies;
- the server stops it after its timeout plus `runner.GRACE_S` (after the plugin's own
  timeout had its chance), and kills what is left of its group after every check;
- the server ends its child and itself when `watch` goes away (its socket closes).

Protocol: JSON lines over a socket pair. The server says {"ready", "fork_safe", "why"} once.
Then, per check, watch sends {"prepare": {"args", "cwd", "dump", "limit"}} (the server forks
the child, which waits at its gate; answer {"prepared": pid}) and later {"go": true} (answer
{"exit", "step", "seconds"}, timed from the gate; "exit" is null when the child was killed).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from ganerrors.workshop import WorkshopError
from ganerrors.workshop.runner import GRACE_S, STARTUP_S, dump_stacks, kill_group

#: Seconds `watch` waits for the server to import TensorFlow and warm up.
START_TIMEOUT_S = 180.0


# -- the server process ---------------------------------------------------------------------
def runtime_threads() -> str | None:
    """Why forking now would be unsafe, or None. Looks at every OS thread where it can."""
    if threading.active_count() != 1:
        names = ", ".join(t.name for t in threading.enumerate() if t is not threading.main_thread())
        return f"Python threads are running ({names})"
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():
        return "cannot see this process's threads (no /proc): forking is not known to be safe"
    for task in tasks.iterdir():
        try:
            name = (task / "comm").read_text().strip()
        except OSError:
            continue
        if name.startswith("tf_"):
            return f"TensorFlow's runtime has started (thread {name})"
    return None


def warm_up(kata_folder: str) -> None:
    """Import what every check needs, without running a TensorFlow operation."""
    from ganerrors._tf import import_tensorflow

    import_tensorflow(discover_devices=False)
    import pytest

    import ganerrors.checks  # noqa: F401
    import ganerrors.explainers  # noqa: F401
    import ganerrors.kata  # noqa: F401

    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        pytest.main(
            [kata_folder, "--collect-only", "-q", "-p", "no:cacheprovider"]
            + ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
        )
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, null):
            os.close(fd)


def serve(control: socket.socket, kata_folder: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is watch's to handle
    reader = control.makefile("r", encoding="utf-8")
    try:
        warm_up(kata_folder)
        why = runtime_threads() if sys.platform.startswith("linux") else "not Linux"
    except BaseException as exc:  # noqa: BLE001 - reported to watch, which falls back
        why = f"the warm-up failed: {type(exc).__name__}: {exc}"
    _send(control, {"ready": True, "fork_safe": why is None, "why": why})
    if why is not None:
        return
    prepared: Prepared | None = None
    try:
        for line in reader:
            try:
                message = json.loads(line)
            except ValueError:
                return
            if "prepare" in message:
                if prepared is not None:
                    prepared.discard()
                prepared = Prepared.fork(message["prepare"], control)
                _send(control, {"prepared": prepared.pid})
            elif "go" in message and prepared is not None:
                result = prepared.go(control)
                prepared = None
                _send(control, result)
    finally:
        if prepared is not None:  # watch has gone: its prepared check's folder goes too
            prepared.discard()
            shutil.rmtree(Path(prepared.job["dump"]).parent, ignore_errors=True)


class Prepared:
    """A forked child waiting at its gate to run one check."""

    def __init__(self, job: dict[str, Any], pid: int, gate: int, lifeline: int) -> None:
        self.job, self.pid, self.gate, self.lifeline = job, pid, gate, lifeline

    @classmethod
    def fork(cls, job: dict[str, Any], control: socket.socket) -> Prepared:
        lifeline_read, lifeline_write = os.pipe()
        gate_read, gate_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            try:
                os.setsid()
                control.close()
                os.close(lifeline_write)
                os.close(gate_write)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.chdir(job["cwd"])
                from ganerrors import _tf
                from ganerrors.workshop import child

                _tf.discover_devices()
                child.run(
                    list(job["args"]), lifeline_read, str(job["dump"]), [child.gate(gate_read)]
                )
            finally:
                os._exit(3)
        os.close(lifeline_read)
        os.close(gate_read)
        return cls(job, pid, gate_write, lifeline_write)

    def go(self, control: socket.socket) -> dict[str, Any]:
        started = time.perf_counter()
        limit = float(self.job["limit"])
        deadline = started + STARTUP_S + limit + GRACE_S if limit > 0 else None
        clock = Path(self.job["dump"]).with_name("clock")  # written when the checks start
        code: int | None = None
        step, clocked = "", False
        try:
            os.write(self.gate, b"g")
            while True:
                done, status = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    code = os.waitstatus_to_exitcode(status)
                    break
                if deadline is not None and not clocked and clock.exists():
                    clocked = True
                    deadline = min(deadline, time.perf_counter() + limit + GRACE_S)
                if deadline is not None and time.perf_counter() > deadline:
                    folder = Path(self.job["cwd"]) / self.job["args"][0]
                    step = dump_stacks(self.pid, Path(self.job["dump"]), folder)
                    break
                if _closed(control):
                    break
                time.sleep(0.005)
        except OSError:
            pass  # the child is gone already: reaped below
        finally:
            self.discard(reaped=code is not None)
        return {"exit": code, "step": step, "seconds": time.perf_counter() - started}

    def discard(self, reaped: bool = False) -> None:
        """Kill the child's group (whatever it left running too) and reap it."""
        kill_group(self.pid)
        for fd in (self.gate, self.lifeline):
            with contextlib.suppress(OSError):
                os.close(fd)
        if not reaped:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)


def _closed(control: socket.socket) -> bool:
    """Whether watch has gone away (its end of the socket is closed)."""
    try:
        return control.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def _send(control: socket.socket, message: dict[str, Any]) -> None:
    control.sendall((json.dumps(message) + "\n").encode("utf-8"))


def main() -> None:
    fd, kata_folder = int(sys.argv[1]), sys.argv[2]
    control = socket.socket(fileno=fd)
    try:
        serve(control, kata_folder)
    except (BrokenPipeError, ConnectionResetError):
        pass
    finally:
        os._exit(0)


# -- watch's side ---------------------------------------------------------------------------
class ForkServer:
    """The server process, seen from `watch`."""

    def __init__(self, process: subprocess.Popen[bytes], control: socket.socket) -> None:
        self.process = process
        self.control = control
        self.reader = control.makefile("r", encoding="utf-8")
        self.fork_safe = False
        self.why = ""

    @classmethod
    def start(cls, course_folder: Path, kata_folder: Path) -> ForkServer:
        ours, theirs = socket.socketpair()
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "ganerrors.workshop.forkserver"]
                + [str(theirs.fileno()), str(kata_folder)],
                cwd=course_folder,
                stdin=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),),
            )
        except OSError as exc:
            ours.close()
            raise WorkshopError(f"cannot start the checker process: {exc}") from None
        finally:
            theirs.close()
        server = cls(process, ours)
        ours.settimeout(START_TIMEOUT_S)
        try:
            hello = server._receive()
        except (OSError, ValueError) as exc:
            server.close()
            raise WorkshopError(f"the checker process did not start: {exc}") from None
        finally:
            ours.settimeout(None)
        server.fork_safe, server.why = bool(hello.get("fork_safe")), str(hello.get("why") or "")
        return server

    def prepare(self, args: list[str], cwd: Path, dump: Path, limit: float) -> None:
        """Have the next check's process made and waiting."""
        job = {"args": args, "cwd": str(cwd), "dump": str(dump), "limit": limit}
        self._send({"prepare": job})
        self._receive()

    def go(self) -> dict[str, Any]:
        """Run the prepared check; {"exit", "step", "seconds"}."""
        self._send({"go": True})
        return self._receive()

    def _send(self, message: dict[str, Any]) -> None:
        try:
            self.control.sendall((json.dumps(message) + "\n").encode("utf-8"))
        except OSError as exc:
            raise WorkshopError(f"the checker process has gone away ({exc})") from None

    def _receive(self) -> dict[str, Any]:
        line = self.reader.readline()
        if not line:
            raise WorkshopError("the checker process ended unexpectedly")
        message = json.loads(line)
        if not isinstance(message, dict):
            raise WorkshopError("the checker process answered nonsense")
        return message

    def close(self) -> None:
        """End the server and its child (closing the socket is enough; then make sure)."""
        with contextlib.suppress(OSError):
            self.reader.close()
            self.control.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


if __name__ == "__main__":
    main()
