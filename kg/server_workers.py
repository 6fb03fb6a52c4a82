"""Query workers: processes that open the store read-only, run one task each, and die on overrun.

An Oxigraph query cannot be interrupted from Python, so the HTTP threads never run one.
Each worker is a fresh ``python -m kg.server_workers`` process (a subprocess, not a fork of
the threaded server, and independent of the caller's ``__main__``) talking over a socket
pair with ``multiprocessing.connection``, and holding its own read-only handle on the store; the
pool hands a task to an idle worker and waits at most ``timeout`` seconds for the reply.
A worker that overruns is killed (SIGKILL: a read-only handle has nothing to flush) and a
fresh one is started in the background, so a runaway query costs one process, never a
hung HTTP thread. Replies are plain tuples, picklable and free of store objects:

    ("ok", payload...)  or  ("error", http_status, message)
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError, StoreError
from kg.query import PREFIXES
from kg.server_formats import GRAPH, RESULTS, NotAcceptable, choose_format, serialize_boolean
from kg.server_formats import serialize_rows, serialize_triples
from kg.store import KGStore

log = logging.getLogger("kg.server")
Reply = tuple[Any, ...]
START_TIMEOUT = 60.0  # seconds a new worker may take to import kg and open the store
HAND_OVER_SECONDS = 5.0  # a live idle worker acknowledges a task at once; silence means dead
# id: would make Turtle escape every "/" in local names (id:article\/…): full IRIs read better.
_OUTPUT_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}


@dataclass(frozen=True)
class SparqlTask:
    """One protocol request, as the worker needs it (negotiation happens once the kind is known)."""

    query: str
    accept: str | None = None
    formats: tuple[str, ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    preset: str | None = None  # run this canned query (kg.presets) instead of ``query``
    params: dict[str, str] = field(default_factory=dict)  # the preset's parameters, as text
    max_rows: int = 10_000


def run_sparql(store: KGStore, task: SparqlTask) -> Reply:
    """Run one protocol query and serialise its answer (at most ``task.max_rows`` rows)."""
    oxstore = store._store  # the raw pyoxigraph handle: results stream, so limits stop early
    options: dict[str, Any] = {"prefixes": PREFIXES}
    query = task.query
    if task.preset is not None:
        from kg.presets import preset_query

        # as kg query does: values bound as a VALUES block, limit/offset cut one page;
        # an unknown preset is a QueryError (400) that names the valid ones
        query = preset_query(store, task.preset, task.params)
    try:
        if task.default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in task.default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if task.named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in task.named_graphs]
    except ValueError as e:
        return ("error", 400, f"bad graph IRI: {e}")
    try:
        result = oxstore.query(query, **options)
        kind = GRAPH if isinstance(result, ox.QueryTriples) else RESULTS
        fmt = choose_format(kind, task.accept, task.formats)
        if isinstance(result, ox.QueryBoolean):
            return ("ok", fmt.media_type, serialize_boolean(bool(result), fmt))
        items = list(islice(result, task.max_rows + 1))
    except NotAcceptable as e:
        return ("error", 406, str(e))
    except SyntaxError as e:
        return ("error", 400, f"malformed SPARQL query: {e}")
    except (RuntimeError, OSError, ValueError) as e:
        return ("error", 400, f"query failed: {e}")
    if len(items) > task.max_rows:
        what = "triples" if kind == GRAPH else "rows"
        return ("error", 400, f"the result has more than {task.max_rows} {what}, the server's "
                              f"limit (--max-rows); add LIMIT {task.max_rows} (and OFFSET to page) "
                              "or narrow the query")
    if kind == GRAPH:
        return ("ok", fmt.media_type, serialize_triples(items, fmt, _OUTPUT_PREFIXES))
    variables = [v.value for v in result.variables]
    return ("ok", fmt.media_type, serialize_rows(variables, [tuple(s) for s in items], fmt))


def _run_task(store: KGStore, task: tuple[Any, ...]) -> Reply:
    kind = task[0]
    if kind == "sparql":
        return run_sparql(store, task[1])
    if kind == "entity":
        from kg.server_entity import entity_data

        return ("ok", entity_data(store, task[1]))
    if kind == "graph":
        from kg.viz import graph_data, render_html

        return ("ok", render_html(graph_data(store)))
    return ("error", 500, f"unknown worker task {kind!r}")


def worker_main(conn: Connection, store_path: str) -> None:
    """A worker's life: open the store read-only, say ``ready``, then answer tasks until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        store = KGStore(store_path, read_only=True)
    except KGError as e:
        conn.send(("error", 500, str(e)))
        return
    conn.send(("ready",))
    while True:
        try:
            task = conn.recv()
            conn.send(("started",))  # the parent knows from here on that the query was taken
        except (EOFError, OSError):
            return
        try:
            reply = _run_task(store, task)
        except KGError as e:
            reply = ("error", 400, str(e))
        except Exception as e:  # noqa: BLE001 - a worker reports, it does not die silently
            reply = ("error", 500, f"internal error in a query worker: {type(e).__name__}: {e}")
        conn.send(reply)


def _worker_env() -> dict[str, str]:
    """The environment, with this kg first on the path (it may not be installed)."""
    here = str(Path(__file__).resolve().parent.parent)
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": here + (os.pathsep + path if path else "")}


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            log.error("kg serve: query worker %s did not exit after SIGKILL", self.process.pid)
        self.conn.close()


class WorkerPool:
    """``size`` query workers over one store; ``run`` never blocks longer than its timeout (twice).

    Args:
        store_path: the store directory (opened read-only by every worker).
        size: how many queries may run at once.

    Raises:
        StoreError: a worker could not open the store.
    """

    def __init__(self, store_path: str | Path, size: int = 2) -> None:
        if size < 1:
            raise StoreError(f"need at least one query worker, not {size}")
        self.store_path = str(store_path)
        self.size = size
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self.restarts = 0
        try:
            for _ in range(size):
                self._idle.put(self._spawn())
        except KGError:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        ours, theirs = socket.socketpair()
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "kg.server_workers", str(theirs.fileno()), self.store_path],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=_worker_env())
        except OSError as e:
            ours.close()
            raise StoreError(f"cannot start a query worker: {e}") from e
        finally:
            theirs.close()
        parent = Connection(ours.detach())
        worker = _Worker(process, parent)
        with self._lock:
            self._workers.append(worker)
        if not parent.poll(START_TIMEOUT):
            self._discard(worker)
            raise StoreError(f"{self.store_path}: a query worker did not start "
                             f"in {START_TIMEOUT:g} s")
        try:
            hello = parent.recv()
        except (EOFError, OSError) as e:
            self._discard(worker)
            raise StoreError(f"{self.store_path}: a query worker died while starting") from e
        if hello[0] != "ready":
            self._discard(worker)
            raise StoreError(hello[2])
        return worker

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start its successor in the background."""
        self._discard(worker)
        self.restarts += 1
        threading.Thread(target=self._respawn, name="kg-respawn", daemon=True).start()

    def _respawn(self) -> None:
        delay = 0.5
        while not self._closed.is_set():
            try:
                worker = self._spawn()
            except KGError as e:
                log.error("kg serve: cannot restart a query worker: %s", e)
                time.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._closed.is_set():
                self._discard(worker)
            else:
                self._idle.put(worker)
            return

    def run(self, task: tuple[Any, ...], timeout: float, wait: float | None = None) -> Reply:
        """Run ``task`` on an idle worker; an overrunning worker is killed and replaced.

        Waits at most ``wait`` seconds (default ``timeout``) for an idle worker, then at
        most ``timeout`` for the answer.
        """
        if self._closed.is_set():
            return ("error", 503, "the server is shutting down")
        deadline = time.monotonic() + (timeout if wait is None else wait)
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return ("error", 503, f"all {self.size} query workers stayed busy; "
                                      "try again later")
            if worker.process.poll() is None and self._hand_over(worker, task):
                break
            self._replace(worker)  # died while idle, before taking the query: nothing was lost
        try:
            if not worker.conn.poll(timeout):
                self._replace(worker)
                return ("error", 503, f"the query ran longer than {timeout:g} s (the server's "
                                      "--timeout) and was stopped; narrow it or add LIMIT")
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            return ("error", 500, "a query worker died while answering; it has been restarted")
        self._idle.put(worker)
        return reply

    @staticmethod
    def _hand_over(worker: _Worker, task: tuple[Any, ...]) -> bool:
        """Send ``task`` and wait for the worker to say it started; False if it was dead."""
        try:
            worker.conn.send(task)
            return worker.conn.poll(HAND_OVER_SECONDS) and worker.conn.recv() == ("started",)
        except (EOFError, OSError):
            return False

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return [w.process.pid for w in self._workers]

    def close(self) -> None:
        """Stop every worker (running queries are killed)."""
        self._closed.set()
        with self._lock:
            workers, self._workers = list(self._workers), []
        for worker in workers:
            worker.kill()


if __name__ == "__main__":  # python -m kg.server_workers FD STORE: one worker (see WorkerPool)
    from kg.server_workers import worker_main as _main  # the importable module, not __main__

    _main(Connection(int(sys.argv[1])), sys.argv[2])
