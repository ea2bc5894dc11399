"""A simulated Windows process, for CI: put this folder on PYTHONPATH and Python takes away
what a Windows Python does not have, in this process and in every process it starts.

Simulated:
- `resource`, `fcntl` and `termios` cannot be imported (ModuleNotFoundError);
- `os.fork`, `os.forkpty` and `os.register_at_fork` are gone;
- `multiprocessing` starts every process with `spawn`, children included;
- standard output and error are encoded in cp1252, a legacy Windows code page, as when
  the output of a program goes to a file or a pipe on Windows (`PYTHONIOENCODING=cp1252`
  for the children): output strict, errors backslash-escaped.

Not simulated: Windows paths (drive letters, backslashes, UNC shares), files that another
program holds open, the console window itself, file-system events (watchdog uses inotify
here, ReadDirectoryChangesW there), and the speed of starting a process.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from collections.abc import Sequence
from types import ModuleType

BLOCKED = frozenset({"resource", "fcntl", "termios"})


class _WindowsHasNoSuchModule(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname in BLOCKED:
            raise ModuleNotFoundError(f"No module named {fullname!r} (simulated Windows)",
                                      name=fullname)
        return None


sys.meta_path.insert(0, _WindowsHasNoSuchModule())
for _name in BLOCKED:
    sys.modules.pop(_name, None)
for _name in ("fork", "forkpty", "register_at_fork"):
    if hasattr(os, _name):
        delattr(os, _name)

import multiprocessing  # noqa: E402 - after os lost fork, as on Windows

multiprocessing.set_start_method("spawn", force=True)

# A console encoding chosen by the caller (PYTHONIOENCODING) was applied by the interpreter
# already, as Windows would; otherwise the legacy code page, here and in every child.
if "PYTHONIOENCODING" not in os.environ:
    os.environ["PYTHONIOENCODING"] = "cp1252"
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="cp1252", errors="strict")
    if hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(encoding="cp1252", errors="backslashreplace")
