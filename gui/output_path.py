"""Files the app writes for the user (a trace, a picture): checked before a run starts, and
written whole or not at all.

`problem(path)` says in one line why a file cannot be written there (no such folder, a
folder, a device, a name too long for the file system, no permission to write), before
anything runs and its result could be lost. `write_whole` writes a temporary file beside the
target and renames it, so a reader never sees half a file and a failed write leaves none.
"""
import os
import stat
import tempfile

NAME_MAX = 255          # where the system cannot say (os.pathconf is POSIX only)


def problem(path):
    """Why `path` cannot be written as a new or replaced file, or None."""
    if not str(path).strip():
        return "no file name given"
    path = os.path.abspath(os.fspath(path))
    folder, name = os.path.split(path)
    if os.path.isdir(path):
        return f"{path} is a folder, not a file"
    if not os.path.isdir(folder):
        return f"folder {folder} does not exist"
    limit = _name_max(folder)
    if len(os.fsencode(name)) > limit:
        return (f"the file name is {len(os.fsencode(name))} bytes long; this folder allows "
                f"at most {limit}")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        return f"cannot write {path}: {exc.strerror or exc}"
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            return f"{path} is not a regular file (a device, a pipe or a socket)"
        if not os.access(path, os.W_OK):
            return f"{path} is not writable"
    try:
        fd, temp = tempfile.mkstemp(prefix=".saving-", dir=folder)
    except OSError as exc:
        return f"cannot write in folder {folder}: {exc.strerror or exc}"
    os.close(fd)
    os.unlink(temp)
    return None


def _name_max(folder):
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, ValueError, OSError):
        return NAME_MAX


def write_whole(path, write):
    """`write(temp_path)` a temporary file beside `path`, then rename it to `path`."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    suffix = os.path.splitext(path)[1]          # keeps the format for writers that look
    fd, temp = tempfile.mkstemp(prefix=".saving-", suffix=suffix, dir=folder)
    try:
        os.close(fd)
        os.chmod(temp, 0o666 & ~_UMASK)         # as a file opened the ordinary way
        write(temp)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()
