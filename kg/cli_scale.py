"""The build options for scale (``--workers``, ``--engine``, ``--scheduler``, ``--stale``).

Kept apart from ``kg/cli.py`` so the build command itself stays a thin shell: these
options only choose which builder runs — the serial ``kg.pipeline.build``, the process
pool of ``kg.parallel`` or a Dask cluster (``kg.distributed``) — and which files it gets.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.errors import KGError

ENGINES = ("local", "dask")


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text!r}")
    return value


def add_scale_options(build: argparse.ArgumentParser) -> None:
    """Add the scale options to the ``build`` parser."""
    build.add_argument("--workers", type=_workers, metavar="N",
                       help="extract with N worker processes, each loading GiNZA once "
                            "(default: the number of cores; 1 builds in this process)")
    build.add_argument("--engine", choices=ENGINES, default="local",
                       help="local: a process pool on this machine (default); "
                            "dask: a Dask cluster (see --scheduler)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask, the scheduler (tcp://host:8786); "
                            "without it a local cluster of --workers processes is started")
    build.add_argument("--stale", action="store_true",
                       help="also re-extract every stored article whose rules version is not "
                            "the current one (from the source path it was built from); "
                            "PATH may then be omitted")


def run_scaled_build(
    args: argparse.Namespace, store: Any, serial: Callable[..., Any], **options: Any
) -> Any:
    """Run the builder the options ask for over the paths they name.

    Raises:
        KGError: no paths and no ``--stale``, or ``--scheduler`` without ``--engine dask``.
    """
    from kg.gazetteer import load_gazetteer
    from kg.parallel import build_parallel, default_workers, stale_paths
    from kg.pipeline import rules_version

    paths: list[str | Path] = list(getattr(args, "paths", None) or [])
    if args.stale:
        stale = stale_paths(store, rules_version(load_gazetteer()))
        missing = [p for p in stale if not p.exists()]
        if missing:
            print(f"kg: {len(missing)} stale article(s) have no source file any more, "
                  f"e.g. {missing[0]}; they keep their old extraction")
        paths += [p for p in stale if p.exists()]
        if not paths:
            return serial([], store, **options)
    elif not paths:
        raise KGError("give the article files or directories to build (or --stale)")
    if args.scheduler and args.engine != "dask":
        raise KGError("--scheduler needs --engine dask")
    workers = args.workers or default_workers()
    if args.engine == "dask":
        from kg.distributed import build_on_dask

        return build_on_dask(paths, store, scheduler=args.scheduler, workers=workers, **options)
    if workers == 1:
        return serial(paths, store, **options)
    return build_parallel(paths, store, workers=workers, **options)
