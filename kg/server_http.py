"""The HTTP side of ``kg serve``: routes, the SPARQL 1.1 Protocol's three request forms, errors.

The handler parses and checks a request, then hands the query to the server's worker pool
(``KGServer.run``); it never runs a query itself, so it never hangs on one.
"""

from __future__ import annotations

import ipaddress
import sys
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg import __version__
from kg.errors import KGError
from kg.page_assets import CSP as GRAPH_CSP
from kg.server_formats import FORMATS, refusal
from kg.server_pages import INDEX_CSP, STATIC_CSP, entity_page, index_page, message_page
from kg.server_workers import SparqlTask

if TYPE_CHECKING:
    from kg.server import KGServer

PAGE_TIMEOUT = 60.0  # the entity and graph pages get at least this long
MAX_BODY = 1 << 20
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
_FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML",
                "csv": "SPARQL_Results_CSV", "tsv": "SPARQL_Results_TSV", "turtle": "Turtle",
                "ntriples": "N-Triples", "jsonld": "JSON-LD", "rdfxml": "RDF_XML"}


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address) only listens on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RequestHandler(BaseHTTPRequestHandler):
    """Routes requests; parses the SPARQL 1.1 Protocol; answers with text, never tracebacks."""

    server: KGServer
    server_version = f"kg/{__version__}"

    # -- plumbing --------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def _send(self, status: int, content_type: str, body: bytes,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        """A SPARQL-style plain-text error: ``Error 503: the query ran longer …``."""
        body = f"Error {status}: {message}\n".encode()
        self._send(status, "text/plain; charset=utf-8", body, headers)

    def _html(self, status: int, page: str, csp: str = STATIC_CSP) -> None:
        self._send(status, "text/html; charset=utf-8", page.encode("utf-8"),
                   {"Content-Security-Policy": csp})

    def _host_ok(self) -> bool:
        """On a loopback address, only loopback Host names (a guard against DNS rebinding)."""
        host = self.headers.get("Host")
        if not self.server.loopback or not host:
            return True
        name = host.rsplit("]", 1)[0].lstrip("[") if host.startswith("[") else host.split(":")[0]
        if name.lower() in _LOOPBACK_NAMES or is_loopback(name):
            return True
        self._error(403, f"Host {host!r} is not this server's; use {self.server.url}")
        return False

    def _read_body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._error(411, "send the request body with a Content-Length header")
            return None
        if int(length) > MAX_BODY:
            self.close_connection = True
            self._error(413, f"the request body is over {MAX_BODY} bytes")
            return None
        return self.rfile.read(int(length))

    # -- routes ----------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            self._sparql(params, None)
        elif url.path == "/":
            self._index()
        elif url.path == "/entity":
            self._entity(params)
        elif url.path == "/graph":
            self._graph()
        elif url.path == "/favicon.ico":
            self._send(204, "image/x-icon", b"")
        else:
            self._error(404, f"nothing at {url.path}; the pages are /, /sparql, /entity?iri=… "
                             "and /graph")

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(405, "only /sparql takes POST", {"Allow": "GET"})
            return
        params = parse_qs(url.query, keep_blank_values=True)
        kind, _, options = (self.headers.get("Content-Type") or "").partition(";")
        kind = kind.strip().lower()
        if kind == "application/sparql-update" or "update" in params:
            self._refuse_update()
            return
        body = self._read_body()
        if body is None:
            return
        charset = "utf-8"
        for option in options.split(";"):
            key, _, value = option.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip('"').lower()
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError) as e:
            self._error(400, f"the request body is not valid {charset}: {e}")
            return
        if kind == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            self._sparql(params, None)
        elif kind == "application/sparql-query":
            self._sparql(params, text)
        else:
            self._error(415, f"cannot read a {kind or 'missing'} Content-Type; send "
                             "application/x-www-form-urlencoded (query=…) or "
                             "application/sparql-query")

    def _refuse_update(self) -> None:
        self.close_connection = True
        self._error(403, "this endpoint is read-only: SPARQL Update is refused; rebuild the "
                         "store with `kg build` to change it")

    def do_PUT(self) -> None:  # noqa: N802
        self._refuse_update()

    do_DELETE = do_PATCH = do_PUT

    # -- SPARQL ----------------------------------------------------------------------------
    def _sparql(self, params: dict[str, list[str]], body_query: str | None) -> None:
        if "update" in params:
            self._refuse_update()
            return
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        presets = params.get("preset", [])
        if not queries and not presets:
            if self.command in ("GET", "HEAD"):
                self._service_description()
            else:
                self._error(400, "no query: send query=… (or a body of application/sparql-query)")
            return
        if len(queries) + len(presets) > 1:
            self._error(400, "send exactly one query (query=… or preset=…)")
            return
        query = queries[0] if queries else ""
        refused = refusal(query) if queries else None
        if refused:
            self._error(*refused)
            return
        task = SparqlTask(
            query=query, accept=self.headers.get("Accept"),
            formats=tuple(params.get("format", []) + params.get("output", [])),
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
            preset=presets[0] if presets else None,
            params={k.removeprefix("param."): v[-1] for k, v in params.items()
                    if k.startswith("param.")},
            max_rows=self.server.max_rows)
        reply = self.server.run(("sparql", task), self.server.query_timeout)
        if reply[0] == "ok":
            media = reply[1]
            if not media.endswith("json"):
                media += "; charset=utf-8"
            self._send(200, media, reply[2], {"Vary": "Accept"})
        else:
            self._error(reply[1], reply[2], {"Retry-After": "1"} if reply[1] == 503 else None)

    def _service_description(self) -> None:
        endpoint = f"{self.server.url}/sparql"
        formats = ", ".join(f"<http://www.w3.org/ns/formats/{_FORMAT_IRIS[f.name]}>"
                            for kind in FORMATS.values() for f in kind)
        text = (f"# kg SPARQL endpoint: read-only; queries time out after "
                f"{self.server.query_timeout:g} s and return at most {self.server.max_rows} rows\n"
                "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
                f"<{endpoint}> a sd:Service ;\n  sd:endpoint <{endpoint}> ;\n"
                "  sd:supportedLanguage sd:SPARQL11Query ;\n"
                "  sd:feature sd:UnionDefaultGraph ;\n"
                f"  sd:resultFormat {formats} .\n")
        self._send(200, "text/turtle; charset=utf-8", text.encode())

    # -- pages -----------------------------------------------------------------------------
    def _index(self) -> None:
        try:
            from kg.presets import list_presets

            presets, problem = list_presets(), ""
        except (KGError, OSError) as e:  # a broken .rq file must not take the page down
            presets, problem = [], f"the canned queries cannot be read: {e}"
        self._html(200, index_page(presets, preset_error=problem), INDEX_CSP)

    def _entity(self, params: dict[str, list[str]]) -> None:
        iri = (params.get("iri") or [""])[-1].strip()
        if not iri:
            self._html(400, message_page("No entity", "give one: /entity?iri=https://…"))
            return
        try:
            ox.NamedNode(iri)
        except ValueError as e:
            self._html(400, message_page("Not an IRI", f"{iri!r} is not an IRI: {e}"))
            return
        reply = self.server.run(("entity", iri), max(self.server.query_timeout, PAGE_TIMEOUT))
        if reply[0] != "ok":
            self._html(reply[1], message_page(f"Error {reply[1]}", reply[2]))
        elif reply[1] is None:
            self._html(404, message_page("Unknown entity", f"the store says nothing about {iri}"))
        else:
            self._html(200, entity_page(reply[1]))

    def _graph(self) -> None:
        reply = self.server.graph_html()
        if reply[0] != "ok":
            self._html(reply[1], message_page(f"Error {reply[1]}", reply[2]))
        else:
            self._html(200, reply[1], GRAPH_CSP)

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):  # the client went away mid-answer
            self.close_connection = True
