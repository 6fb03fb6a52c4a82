"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, with a query page.

    GET  /                 the query page (canned queries, query box, results table)
    GET  /sparql?query=…   SPARQL 1.1 Protocol (also POST form or application/sparql-query)
    GET  /sparql           the service description (Turtle)
    GET  /entity?iri=…     one entity: labels, Wikidata, type, events with evidence
    GET  /graph            the graph page (kg.viz), built once per server

Queries never run in the HTTP threads: they go to a pool of worker processes that open
the store read-only (``kg.server_workers``), so a query that overruns ``--timeout`` is
answered with a 503 and its worker is killed and replaced.
"""

from __future__ import annotations

import signal
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.server_http import PAGE_TIMEOUT, RequestHandler, is_loopback
from kg.server_workers import WorkerPool
from kg.store import KGStore

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 2
WORKER_WAIT = 10.0  # a request waits at least this long for a free (or restarting) worker


class KGServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, queries in a ``WorkerPool``.

    Args:
        address: ``(host, port)``; port 0 picks a free port.
        store_path: the store directory, opened read-only.
        timeout: seconds a query may run before its worker is killed.
        max_rows: rows (or triples) a result may have.
        workers: query worker processes (queries that may run at once).
        quiet: do not log each request.

    Raises:
        StoreError: no store, a store of another format, or the workers cannot open it.
        KGError: the address cannot be bound.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store_path: str | Path, *,
                 timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                 workers: int = DEFAULT_WORKERS, quiet: bool = False) -> None:
        if timeout <= 0 or max_rows < 1:
            raise KGError(f"--timeout must be above 0 and --max-rows at least 1 "
                          f"(got {timeout:g} and {max_rows})")
        KGStore(store_path, read_only=True).close()  # a clear error before any worker starts
        self.store_path = Path(store_path)
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.quiet = quiet
        self.loopback = is_loopback(address[0])
        self._graph_html: str | None = None
        self._graph_lock = threading.Lock()
        self.pool = WorkerPool(store_path, workers)
        try:
            super().__init__(address, RequestHandler)
        except OSError as e:
            self.pool.close()
            raise KGError(f"cannot listen on {address[0]}:{address[1]}: {e}") from e

    @property
    def url(self) -> str:
        """The server's base URL (``http://127.0.0.1:8000``)."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}"

    def run(self, task: tuple[Any, ...], timeout: float) -> tuple[Any, ...]:
        """Run a worker task; waiting for a free worker is bounded separately."""
        return self.pool.run(task, timeout, wait=max(timeout, WORKER_WAIT))

    def graph_html(self) -> tuple[Any, ...]:
        """The graph page, built by a worker the first time (the store is a read-only snapshot)."""
        with self._graph_lock:
            if self._graph_html is None:
                reply = self.run(("graph",), max(self.query_timeout, PAGE_TIMEOUT))
                if reply[0] != "ok":
                    return reply
                self._graph_html = reply[1]
            return ("ok", self._graph_html)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(store: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                workers: int = DEFAULT_WORKERS, quiet: bool = False) -> KGServer:
    """A ready server (workers started, socket bound); call ``serve_forever`` on it.

    Raises:
        StoreError: the store cannot be opened read-only.
        KGError: bad limits, or the address cannot be bound.
    """
    return KGServer((host, port), store, timeout=timeout, max_rows=max_rows,
                    workers=workers, quiet=quiet)


def serve(store: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
          timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
          workers: int = DEFAULT_WORKERS) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), printing where, and warning off loopback.

    Both signals stop the server the same way: its workers are killed, nothing is left.
    """
    if not is_loopback(host):
        print(f"kg serve: warning: listening on {host}, not only on this machine: anyone who "
              "can reach it can query the store", file=sys.stderr)
    server = make_server(store, host, port, timeout=timeout, max_rows=max_rows, workers=workers)
    print(f"kg serve: {store} at {server.url}/ (SPARQL endpoint {server.url}/sparql); "
          f"timeout {timeout:g} s, max {max_rows} rows, {workers} workers; Ctrl-C stops",
          file=sys.stderr, flush=True)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


__all__ = ["KGServer", "is_loopback", "make_server", "serve"]
