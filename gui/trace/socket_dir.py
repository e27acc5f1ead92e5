"""The private temporary directory that holds a listener's Unix socket.

Its name records the owner: ``clab-<pid>-<random>``. The owner removes it on every normal way
out (`remove`, and at interpreter exit for any it forgot); a directory left by a killed owner
is removed by the next listener that starts (`sweep`). A directory is only ever removed when
its owner process is gone and nobody answers on its socket, and only when it holds nothing
but that socket: never a live owner's, never anything that is not ours.
"""
import atexit
import os
import re
import socket
import stat
import tempfile
import time

import psutil

SOCKET = "trace.sock"
_OURS = re.compile(r"clab-(\d+)-[a-z0-9_]{8}")
_OLD = re.compile(r"clab-[a-z0-9_]{8}")      # earlier versions: no owner in the name
_OLD_AGE_S = 60.0                            # an old-style socket refusing this long is dead
_own = {}                                    # directories this process holds -> its pid


def make():
    """A new private directory (mode 0700) for this process's socket; returns its path."""
    path = tempfile.mkdtemp(prefix=f"clab-{os.getpid()}-")
    _own[path] = os.getpid()
    return path


def remove(path):
    """Remove `path` and the socket in it (whoever calls first; later calls do nothing)."""
    _own.pop(path, None)
    _remove_contents(path, (SOCKET,))


def sweep(tmp=None):
    """Remove the directories that killed owners left in the temporary folder; returns
    their paths."""
    tmp = tmp or tempfile.gettempdir()
    removed = []
    try:
        entries = list(os.scandir(tmp))
    except OSError:
        return removed
    for entry in entries:
        if entry.path not in _own and _is_stale(entry) and _remove_contents(entry.path,
                                                                            (SOCKET,)):
            removed.append(entry.path)
    return removed


def _is_stale(entry):
    ours, old = _OURS.fullmatch(entry.name), _OLD.fullmatch(entry.name)
    if not (ours or old):
        return False
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    sock = os.path.join(entry.path, SOCKET)
    if ours:
        return not pid_alive(int(ours.group(1))) and not _answers(sock)
    # An old-style directory: only its socket can tell; bound long ago and refusing now.
    try:
        made = os.lstat(sock)
    except OSError:
        return False
    return (stat.S_ISSOCK(made.st_mode) and time.time() - made.st_mtime > _OLD_AGE_S
            and not _answers(sock))


def pid_alive(pid):
    """Is `pid` a living process? True when the system will not say (leave it be)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:
        return True                      # cannot tell: leave it


def _answers(path):
    """Does a listener accept connections on the Unix socket `path`?"""
    if not os.path.lexists(path):
        return False
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.settimeout(1.0)
        probe.connect(path)
        return True
    except (ConnectionRefusedError, FileNotFoundError):
        return False
    except OSError:
        return True                      # cannot tell: leave it
    finally:
        probe.close()


def _remove_contents(path, names):
    """Unlink `names` in `path`, then the directory; False if it holds anything else."""
    try:
        found = os.listdir(path)
    except OSError:
        return False
    if any(name not in names for name in found):
        return False
    for name in found:
        try:
            os.unlink(os.path.join(path, name))
        except FileNotFoundError:
            pass
        except OSError:
            return False
    try:
        os.rmdir(path)
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


@atexit.register
def _remove_own():
    """Interpreter exit (a normal end, sys.exit, an uncaught exception): nothing left."""
    for path, pid in list(_own.items()):
        if pid == os.getpid():           # not in a forked child that exits
            remove(path)
