#!/usr/bin/env python3
"""Set up kg and run it: `python3 dev.py run` builds the seeds' graph, `python3 dev.py test` tests.

Both commands create `.venv/` (once), install kg with every dependency into it, and
make sure Debian's Chromium is present for the browser tests. Only Python 3.11 is needed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".kg-installed"
OUT = ROOT / "out"
DEBIAN_PACKAGES = ("chromium", "chromium-driver", "fonts-noto-cjk")


def sh(*cmd: str | Path, **kw) -> None:
    """Run a command, echoing it; stop with its exit code if it fails."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, **kw)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    """Create the virtual environment and install kg and its dependencies (skipped if current)."""
    if sys.version_info < (3, 11):
        sys.exit(f"kg needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        sh(sys.executable, "-m", "venv", VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(PY, "-m", "pip", "install", "--quiet", "-e", ".[test]")
        STAMP.write_text(wanted)


def browser() -> None:
    """Install Debian's Chromium, its driver and CJK fonts where missing (needs root and apt)."""
    if shutil.which("chromium") and shutil.which("chromedriver") and _has_cjk_font():
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print("warning: Chromium is missing and cannot be installed here (needs root and apt-get);"
              " browser tests will fail", file=sys.stderr)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    sh("apt-get", "update", "-qq", env=env)
    sh("apt-get", "install", "-y", "-qq", *DEBIAN_PACKAGES, env=env, stdout=subprocess.DEVNULL)


def _has_cjk_font() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True).stdout
    except OSError:
        return False
    return bool(out.strip())


def run() -> None:
    """Build the graph from seeds/ and write out/graph.trig, out/events.jsonl, out/graph.html."""
    setup()
    kg = BIN / "kg"
    store = OUT / "store"
    OUT.mkdir(exist_ok=True)
    sh(kg, "build", "--store", store, ROOT / "seeds")
    sh(kg, "export", "--store", store, "--format", "trig", "-o", OUT / "graph.trig")
    sh(kg, "export", "--store", store, "--format", "plover", "-o", OUT / "events.jsonl")
    sh(kg, "viz", "--store", store, "-o", OUT / "graph.html")
    print()
    print("files:")
    for name in ("store", "graph.trig", "events.jsonl", "graph.html"):
        print(f"  {OUT / name}")


def test(extra: list[str]) -> None:
    """Set up, then run the whole test suite."""
    setup()
    browser()
    sh(PY, "-m", "pytest", *extra)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test", "setup"):
        sys.exit("usage: python3 dev.py run | test [pytest args] | setup")
    command = sys.argv[1]
    if command == "run":
        run()
    elif command == "test":
        test(sys.argv[2:])
    else:
        setup()


if __name__ == "__main__":
    main()
