"""The CPython interpreters on this machine: the app's own, `python3.X` and `python3.Xt` on
PATH, pyenv versions and, on Windows, the `py` launcher's list. Each is asked (in a short
subprocess) for its version, whether it is a free-threaded build, whether the GIL is on when
it starts, and which lesson packages it has.

Standard library only: the window lists these, and lessons that compare interpreters (the
race under an older CPython, the CPU showdown with a free-threaded build) look here too.
"""
import glob
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

MIN_VERSION = (3, 9)            # the lessons need 3.9 (os.waitstatus_to_exitcode, ...)
PACKAGES = ("gevent", "aiohttp")
# Runs under every Python from 2.7 on: it must not use f-strings or Python-3-only modules.
_ASK = r"""
import json, sys
try:
    import sysconfig
    ft = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
except Exception:
    ft = False
def has(name):
    try:
        import importlib.util
        return importlib.util.find_spec(name) is not None
    except Exception:
        try:
            import imp
            imp.find_module(name)
            return True
        except Exception:
            return False
impl = getattr(sys, "implementation", None)
print(json.dumps({"version": list(sys.version_info[:3]), "release": sys.version.split()[0],
                  "implementation": impl.name if impl else "cpython",
                  "free_threaded": ft, "gil": getattr(sys, "_is_gil_enabled", lambda: True)(),
                  "prefix": sys.prefix, "executable": sys.executable,
                  "packages": dict((m, has(m)) for m in %r)}))
""" % (PACKAGES,)
_NAME = re.compile(r"^python3(\.\d+)?t?(\.exe)?$")


@dataclass
class Interpreter:
    executable: str
    version: tuple
    release: str = ""
    implementation: str = "cpython"
    free_threaded: bool = False
    gil: bool = True                    # on when the interpreter starts
    source: str = ""                    # "this app", "PATH", "pyenv", "py launcher"
    packages: dict = field(default_factory=dict)
    prefix: str = ""

    @property
    def usable(self):
        return self.reason is None

    @property
    def reason(self):
        """Why lessons cannot run under it, or None."""
        if self.implementation != "cpython":
            return f"{self.implementation} is not CPython: the probe is CPython's"
        if tuple(self.version[:2]) < MIN_VERSION:
            return (f"Python {self.release} is older than the oldest the probe supports "
                    f"({MIN_VERSION[0]}.{MIN_VERSION[1]})")
        return None

    @property
    def label(self):
        """``Python 3.13.0t (free-threaded, GIL off) · pyenv``."""
        build = ""
        if self.free_threaded:
            build = " (free-threaded, GIL " + ("on" if self.gil else "off") + ")"
        return f"Python {self.release}{'t' if self.free_threaded else ''}{build} · {self.source}"

    def missing(self, packages):
        """The packages of `packages` this interpreter cannot import."""
        return [p for p in packages if not self.packages.get(p, False)]

    def install_hint(self, packages):
        return f"{self.executable} -m pip install {' '.join(packages)}"


def ask(executable, source="", timeout=15):
    """The Interpreter at `executable`, or None when it does not answer like a Python."""
    try:
        out = subprocess.run([executable, "-c", _ASK], capture_output=True, text=True,
                             timeout=timeout, env=_plain_env())
        data = json.loads(out.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None
    if not answers_like_python(data):
        return None
    return Interpreter(executable=executable, version=tuple(data["version"]),
                       release=data["release"], implementation=data["implementation"],
                       free_threaded=data["free_threaded"], gil=data["gil"],
                       source=source, packages=data["packages"], prefix=data["prefix"])


# what _ASK prints: every field, with its type
_ANSWER = {"version": list, "release": str, "implementation": str, "free_threaded": bool,
           "gil": bool, "prefix": str, "executable": str, "packages": dict}


def answers_like_python(data):
    """Whether `data` is what _ASK prints: every field there, each of its type."""
    if not isinstance(data, dict) or not all(isinstance(data.get(k), t)
                                             for k, t in _ANSWER.items()):
        return False
    version = data["version"]
    if not 2 <= len(version) <= 5 or not all(type(n) is int and 0 <= n < 1000 for n in version):
        return False
    if not all(len(data[k]) <= 4096 for k in ("release", "implementation", "prefix",
                                              "executable")):
        return False
    return all(isinstance(k, str) and isinstance(v, bool) for k, v in data["packages"].items())


def locate(name):
    """The executable `name` names (a path, or a command on PATH); ValueError with a
    one-line reason when there is none: not found, a folder, not executable."""
    if os.sep in name or (os.altsep and os.altsep in name):
        path = os.path.abspath(os.path.expanduser(name))
        if os.path.isdir(path):
            raise ValueError(f"{name} is a folder, not a Python interpreter")
        if not os.path.exists(path):
            raise ValueError(f"interpreter {name!r} not found")
        if not os.access(path, os.X_OK):
            raise ValueError(f"{name} is not executable")
        return path
    import shutil
    found = shutil.which(name)
    if found:
        return found
    on_path = [os.path.join(folder, name) for folder in os.environ.get("PATH", "").split(
        os.pathsep) if folder and os.path.exists(os.path.join(folder, name))]
    if on_path:
        return locate(on_path[0])       # says what is wrong with the one found
    raise ValueError(f"interpreter {name!r} not found")


def by_version(name, interpreters):
    """The interpreter that `name` means by its version ("3.9", "python3.9", "python3.13t")
    among `interpreters`, a usable one first, or None: how a pyenv shim that does not run
    (its version is not the selected one) still finds the installed Python."""
    import re
    match = re.fullmatch(r"(?:python)?(\d+)\.(\d+)(t?)", os.path.basename(name))
    if match is None:
        return None
    wanted, threaded = (int(match[1]), int(match[2])), bool(match[3])
    same = [i for i in interpreters if tuple(i.version[:2]) == wanted
            and bool(i.free_threaded) == threaded]
    return next((i for i in same if i.usable), same[0] if same else None)


def _plain_env():
    """No tracing and no PYTHONPATH of ours while asking: the answer is the interpreter's."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("CLAB_") and k not in ("PYTHONPATH", "PYTHONHOME")}


def candidates():
    """(executable, source) to ask, the app's own first."""
    found = [(sys.executable, "this app")]
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        found += [(os.path.join(folder, n), "PATH") for n in names if _NAME.match(n)]
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    for version in sorted(glob.glob(os.path.join(root, "versions", "*"))):
        for name in ("python3t", "python3", "python"):
            exe = os.path.join(version, "bin", name)
            if os.path.exists(exe):
                found.append((exe, "pyenv"))
                break
    if os.name == "nt":
        found += [(exe, "py launcher") for exe in _py_launcher()]
    return found


def _py_launcher():
    try:
        out = subprocess.run(["py", "-0p"], capture_output=True, text=True, timeout=15)
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split()[-1] for line in out.stdout.splitlines() if line.strip().endswith(".exe")]


def discover(timeout=15):
    """Every interpreter found, each once (the same installation reached by two paths counts
    once), the app's own first, then newest to oldest."""
    pairs = []
    seen_paths = set()
    for exe, source in candidates():
        real = os.path.realpath(exe)
        if (real, source == "this app") in seen_paths or not os.access(exe, os.X_OK):
            continue
        seen_paths.add((real, source == "this app"))
        pairs.append((exe, source))
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda p: ask(p[0], p[1], timeout), pairs))
    found, keys = [], set()
    for interpreter in answers:
        if interpreter is None:
            continue
        key = (interpreter.prefix, interpreter.release, interpreter.free_threaded)
        if key in keys:
            continue
        keys.add(key)
        found.append(interpreter)
    own, others = found[:1], found[1:]
    return own + sorted(others, key=lambda i: (tuple(i.version), i.free_threaded), reverse=True)


def discover_untraced(timeout=60):
    """discover() in a separate, untraced process: a lesson that looks for interpreters
    keeps the asking (a thread pool, a dozen subprocesses) off its own timeline."""
    from dataclasses import fields
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = _plain_env()
    env["PYTHONPATH"] = root
    try:
        out = subprocess.run([sys.executable, "-m", "workloads.interpreters", "--json"],
                             capture_output=True, text=True, timeout=timeout, env=env)
        rows = json.loads(out.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return []
    names = {f.name for f in fields(Interpreter)}
    return [Interpreter(**{k: (tuple(v) if k == "version" else v) for k, v in row.items()
                           if k in names}) for row in rows]


def find_free_threaded(timeout=15):
    """A usable free-threaded build (python3.13t, a pyenv "3.13.0t"), or None. Asks only
    the candidates named like one, so it is quick when there is none."""
    looks = [(exe, source) for exe, source in candidates()[1:]
             if re.search(r"t(\.exe)?$", os.path.basename(exe))
             or os.path.basename(os.path.dirname(os.path.dirname(exe))).endswith("t")]
    for exe, source in looks:
        found = ask(exe, source, timeout)
        if found is not None and found.usable and found.free_threaded:
            return found
    return None


def older_with_lost_updates(interpreters):
    """A usable CPython older than 3.10, where the textbook race loses updates, or None."""
    return next((i for i in interpreters if i.usable and tuple(i.version[:2]) < (3, 10)), None)


def free_threaded(interpreters):
    """A usable free-threaded build, or None."""
    return next((i for i in interpreters if i.usable and i.free_threaded), None)


def main():
    if "--json" in sys.argv:
        from dataclasses import asdict
        print(json.dumps([asdict(i) for i in discover()]))
        return
    for interpreter in discover():
        mark = "  " if interpreter.usable else "x "
        extra = "" if interpreter.usable else f"  ({interpreter.reason})"
        print(f"{mark}{interpreter.label:55} {interpreter.executable}{extra}")


if __name__ == "__main__":
    main()
