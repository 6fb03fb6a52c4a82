"""Extraction on a Dask cluster: workers parse and extract, the client writes the store.

``kg build --engine dask --scheduler tcp://HOST:8786 PATHS`` sends chunks of article
paths to the cluster's workers. Each worker process loads GiNZA once (a module-level
cache, ``kg.parallel.load_pipeline``, kept for the worker's life) and returns
``Outcome`` records — extractions and their triples, plain picklable data. The client
alone writes them to the store (a directory or a SPARQL server): one writer, so the
incremental checks and per-article atomic writes are the same as a local build, and
workers need no credentials or network path to the store. Workers need kg installed
(same version) and the article files at the same paths (a shared file system).

Without ``--scheduler`` a local cluster of ``--workers`` processes is started (handy for
trying it; the stdlib pool of ``kg.parallel`` is faster on one machine).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.parallel import CHUNK, Outcome, chunks

_CACHE: dict[str, Any] = {}


def extract_on_worker(
    paths: list[str], rules_version: str, limits: tuple[int | None, int | None] = (None, None)
) -> list[Outcome]:
    """Runs on a Dask worker: extract some files with the worker's cached GiNZA."""
    from kg.gazetteer import load_gazetteer
    from kg.parallel import extract_files, load_pipeline

    if "nlp" not in _CACHE:
        _CACHE["nlp"], _CACHE["gazetteer"] = load_pipeline(), load_gazetteer()
    return extract_files(_CACHE["nlp"], _CACHE["gazetteer"], paths, rules_version, limits)


def dask_outcomes(
    client: Any, *, chunk: int = CHUNK, limits: tuple[int | None, int | None] = (None, None)
) -> Callable[[Sequence[Path], str], Iterator[Outcome]]:
    """An ``outcomes`` function for ``build_parallel`` that extracts on ``client``'s cluster.

    At most four chunks per worker thread are in flight; results come back in order.
    """

    def outcomes(paths: Sequence[Path], rules_version: str) -> Iterator[Outcome]:
        parts = chunks([str(p) for p in paths], chunk)
        slots = max(1, 4 * sum(client.nthreads().values()))
        pending: list[Any] = []
        for part in parts:
            pending.append(client.submit(extract_on_worker, part, rules_version, limits, pure=False))
            if len(pending) >= slots:
                break
        while pending:
            done = pending.pop(0).result()
            part = next(parts, None)
            if part is not None:
                pending.append(client.submit(extract_on_worker, part, rules_version, limits, pure=False))
            yield from done

    return outcomes


def connect(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A Dask client for ``scheduler``, or for a new local cluster of ``workers`` processes.

    Returns:
        ``(client, cluster)``; ``cluster`` is ``None`` when connecting to a scheduler.

    Raises:
        KGError: Dask is not installed or the scheduler cannot be reached.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise KGError("--engine dask needs dask[distributed]: pip install 'dask[distributed]'") from e
    try:
        if scheduler:
            return Client(scheduler, timeout="20s"), None
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    except (OSError, TimeoutError) as e:
        raise KGError(f"cannot reach the Dask scheduler {scheduler!r}: {e}") from e


def build_on_dask(
    paths: Sequence[str | Path], store: Any, *, scheduler: str | None = None,
    workers: int = 2, chunk: int = CHUNK, **options: Any,
) -> Any:
    """``kg.parallel.build_parallel`` with extraction on a Dask cluster.

    Args:
        paths: files or directories (at the same paths on the workers).
        store: the store the client writes to.
        scheduler: the scheduler's address (``tcp://host:8786``); none starts a local
            cluster of ``workers`` processes for this build.
        chunk: articles per task.
        **options: passed to ``build_parallel`` (``strict``, ``replace``, ``on_error`` …).
    """
    from kg.parallel import build_parallel

    client, cluster = connect(scheduler, workers)
    try:
        limits = (options.get("max_bytes"), options.get("max_chars"))
        source = dask_outcomes(client, chunk=chunk, limits=limits)
        return build_parallel(paths, store, outcomes=source, **options)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
