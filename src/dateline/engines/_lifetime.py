"""Worker processes die with the process that started them, even after a ``kill -9``.

The local engine's workers are forked by multiprocessing's forkserver, itself started by the
main process. The forkserver stops when the main process' end of its "alive" pipe closes,
which the kernel does when the main process dies, however it dies. Two things could keep the
chain alive, and ``bind_worker`` removes both, in each worker when it starts:

1. every worker inherits a copy of that pipe's write end, so the forkserver never sees it
   close while a worker lives: the worker closes its copy (it starts no processes itself);
2. a worker outlives the forkserver, its parent: on Linux it asks the kernel for SIGKILL when
   its parent dies (``PR_SET_PDEATHSIG``).

So a killed main process takes the forkserver with it, and the forkserver its workers: no
process of the run is left holding the terminal's stderr or a pipe a caller waits on. As a
fallback (no ``prctl``, or the forkserver gone before the worker could ask), a daemon thread
polls the main process and exits when it is gone or a zombie (killed, not yet reaped).
The resource tracker, which multiprocessing also starts, exits once the workers are gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from multiprocessing import forkserver

__all__ = ["bind_worker", "gone"]

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.5
EXIT_ORPHANED = 75  # the status a worker exits with when the main process is gone


def bind_worker(main_pid: int) -> None:
    """Tie this worker process' life to ``main_pid`` (see the module's docstring)."""
    parent = os.getppid()
    _close_forkserver_alive_fd()
    _die_with_parent()
    if os.getppid() != parent or gone(main_pid):  # the chain broke before we were bound
        os._exit(EXIT_ORPHANED)
    threading.Thread(target=_watch, args=(main_pid,), daemon=True).start()


def _close_forkserver_alive_fd() -> None:
    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if server is None or fd is None:
        return
    with contextlib.suppress(OSError):
        os.close(fd)
    server._forkserver_alive_fd = None


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the polling thread still covers it


def _watch(main_pid: int) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        if gone(main_pid):
            os._exit(EXIT_ORPHANED)


def gone(pid: int) -> bool:
    """True when ``pid`` no longer runs: no such process, or a zombie (dead, unreaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, under another user
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            stat = handle.read()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]
