"""A SPARQL 1.1 server as kg's store: the KGStore interface over the protocol and Graph Store.

``RemoteStore("http://host:7878")`` talks to ``/query``, ``/update`` and ``/store`` (the
layout of ``oxigraph serve``; other servers: pass the endpoints). Graphs are written with
a Graph Store Protocol ``PUT`` (one request replaces a named graph, atomically on
Oxigraph) and removed with ``DELETE``. Queries see the union of the named graphs as their
default graph: Oxigraph is asked for it per request (``union-default-graph``); other
servers must be configured so.

Bound values are never pasted as text: each is serialised as an RDF term with N-Triples
escaping (by pyoxigraph) into a ``VALUES`` block at the head of the query's outermost
group, so it is bound before the group's filters run, as Oxigraph's substitutions are.
A response that does not parse (Oxigraph answers HTTP 200 with a truncated body when
its ``--timeout-s`` fires) raises ``QueryError``; nothing half-read is returned.

``open_store(location)`` picks the store for a ``--store`` value: an ``http(s)://`` URL
gives a ``RemoteStore``, anything else a ``KGStore`` directory.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store import STORE_FORMAT, STORE_GRAPH, STORE_NODE, QuadViews, from_ox, to_ox, triple_keys

Triple = tuple[Node, Node, Node]

_DUMP_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYWORD = re.compile(r"[A-Za-z]+")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def is_remote(location: str | Path) -> bool:
    """Whether a ``--store`` value names a SPARQL server rather than a directory."""
    return str(location).startswith(("http://", "https://"))


def store_location(text: str) -> str | Path:
    """A ``--store`` value: a URL stays text (``Path`` would fold its ``//``), else a path."""
    return text if is_remote(text) else Path(text)


def open_store(location: str | Path, *, read_only: bool = False) -> Any:
    """The store at ``location``: a ``RemoteStore`` for an http(s) URL, else a ``KGStore``."""
    if is_remote(location):
        return RemoteStore(str(location), read_only=read_only)
    from kg.store import KGStore

    return KGStore(location, read_only=read_only)


# -- bound values -------------------------------------------------------------------------
def term_text(term: Node) -> str:
    """An RDF term in N-Triples syntax (escaped by pyoxigraph), for a VALUES block.

    Raises:
        QueryError: a blank node (it cannot be bound across a protocol) or a bad term.
    """
    if isinstance(term, BNode):
        raise QueryError("cannot bind a blank node in a query sent to a SPARQL server")
    try:
        return str(to_ox(term))
    except StoreError as e:
        raise QueryError(str(e)) from e


def _skip(query: str, i: int) -> int:
    """The index after a comment, string or IRI starting at ``i`` (or ``i`` if none)."""
    c = query[i]
    if c == "#":
        end = query.find("\n", i)
        return len(query) if end < 0 else end + 1
    if c in "\"'":
        for quote in (c * 3, c):
            if query.startswith(quote, i):
                j = i + len(quote)
                while j < len(query):
                    if query[j] == "\\":
                        j += 2
                        continue
                    if query.startswith(quote, j):
                        return j + len(quote)
                    j += 1
                raise QueryError("malformed SPARQL: unterminated string")
    if c == "<":
        match = re.compile(r"<[^<>\"{}|^`\\\s]*>").match(query, i)
        if match:  # an IRI; otherwise a less-than operator
            return match.end()
    return i


def _group_starts(query: str) -> Iterator[tuple[int, str]]:
    """Positions of top-level ``{`` and the keyword read just before each."""
    depth, i, keyword = 0, 0, ""
    while i < len(query):
        j = _skip(query, i)
        if j != i:
            i = j
            continue
        c = query[i]
        if c == "{":
            if depth == 0:
                yield i, keyword
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and c.isalpha():
            match = _KEYWORD.match(query, i)
            if match:
                keyword = match.group().upper()
                i = match.end()
                continue
        i += 1


def bind_values(query: str, bindings: Mapping[str, Node] | None) -> str:
    """``query`` with ``bindings`` as a ``VALUES`` block opening its outermost group.

    >>> bind_values('SELECT ?x WHERE { ?x ?p ?o }', {"o": Literal('say "hi"')})
    'SELECT ?x WHERE { VALUES (?o) { ("say \\\\"hi\\\\"") } ?x ?p ?o }'

    Raises:
        QueryError: a variable name is not a SPARQL variable, or the query has no group.
    """
    if not bindings:
        return query
    names, terms = [], []
    for name, term in bindings.items():
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"cannot bind {name!r}: not a SPARQL variable name")
        names.append(f"?{name}")
        terms.append(term_text(term))
    starts = list(_group_starts(query))
    if not starts:
        raise QueryError("malformed SPARQL: no { … } group to bind values in")
    position = starts[0][0]
    if starts[0][1] == "CONSTRUCT" and len(starts) > 1:
        position = starts[1][0]  # skip the template
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
    return query[: position + 1] + block + query[position + 1 :]


# -- results ------------------------------------------------------------------------------
def _json_term(value: Mapping[str, str]) -> Node:
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype not in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise QueryError(f"unexpected term in the server's answer: {value!r}")


class RemoteStore(QuadViews):
    """kg's store over a SPARQL 1.1 server (query, update and Graph Store Protocol).

    Args:
        url: the server's base URL (``http://127.0.0.1:7878``) or its query endpoint
            (``…/query``); ``/update`` and ``/store`` are found beside it.
        read_only: refuse writes (for ``query``, ``export`` and ``viz``).
        update_url, store_url: endpoints of servers laid out otherwise.
        timeout: seconds to wait for one request.

    Raises:
        StoreError: the server cannot be reached, or holds a store of another format.
    """

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        update_url: str | None = None,
        store_url: str | None = None,
        timeout: float = 300.0,
    ) -> None:
        base = url.rstrip("/")
        if base.endswith("/query") or base.endswith("/sparql"):
            self.query_url = base
            base = base.rsplit("/", 1)[0]
        else:
            self.query_url = base + "/query"
        self.url = base
        self.path = base  # what messages name, as KGStore's path
        self.update_url = update_url or base + "/update"
        self.store_url = store_url or base + "/store"
        self.read_only = read_only
        self.timeout = timeout
        self._check_format()

    # -- HTTP --------------------------------------------------------------------------
    def _request(
        self, method: str, url: str, *, data: bytes | None = None,
        headers: Mapping[str, str] | None = None, missing_ok: bool = False,
    ) -> bytes:
        request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            if missing_ok and e.code == 404:
                return b""
            detail = e.read().decode("utf-8", "replace").strip()[:300]
            if 400 <= e.code < 500 and url.startswith(self.query_url):
                raise QueryError(f"{self.url}: the server refused the query ({e.code}): {detail}") from e
            raise StoreError(f"{self.url}: {method} failed with HTTP {e.code}: {detail}") from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(f"{self.url}: cannot reach the SPARQL server: {reason}") from e

    def _graph_url(self, graph: URIRef | None = None) -> str:
        if graph is None:
            return self.store_url
        return self.store_url + "?" + urllib.parse.urlencode({"graph": str(graph)})

    def _query(self, query: str, bindings: Mapping[str, Node] | None, accept: str) -> bytes:
        form = {"query": bind_values(query, bindings), "union-default-graph": ""}
        return self._request(
            "POST", self.query_url, data=urllib.parse.urlencode(form).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )

    def _json(self, query: str, bindings: Mapping[str, Node] | None) -> dict[str, Any]:
        body = self._query(query, bindings, "application/sparql-results+json")
        try:
            answer = json.loads(body)
        except ValueError as e:
            raise QueryError(
                f"{self.url}: the server's answer is not complete JSON ({len(body)} bytes; "
                "a server timeout truncates answers): {e}"
            ) from e
        if not isinstance(answer, dict) or ("boolean" not in answer and "results" not in answer):
            raise QueryError(f"{self.url}: unexpected answer from the server: {str(answer)[:200]}")
        return answer

    def _update(self, update: str, what: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.url}: opened read-only; {what}")
        self._request(
            "POST", self.update_url, data=urllib.parse.urlencode({"update": update}).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    # -- format version --------------------------------------------------------------------
    @property
    def format_version(self) -> str | None:
        """The layout version recorded in the store (``None`` for an empty store)."""
        rows = self.select(
            "SELECT ?version WHERE { GRAPH ?g { ?store ?p ?version } }",
            {"g": STORE_GRAPH, "store": STORE_NODE, "p": to_rdflib_kg("formatVersion")},
        )
        return str(rows[0]["version"]) if rows and rows[0]["version"] is not None else None

    def _check_format(self) -> None:
        found = self.format_version
        if found is None:
            if not self.read_only:
                stamp = (STORE_NODE, to_rdflib_kg("formatVersion"), Literal(STORE_FORMAT))
                self.replace_graph(STORE_GRAPH, [stamp])
            return
        if found != STORE_FORMAT:
            raise StoreError(
                f"{self.url}: store format {found}, this kg reads format {STORE_FORMAT}; "
                "clear the server's data and run `kg build` again"
            )

    # -- writing ---------------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Replace a named graph with ``triples`` in one Graph Store ``PUT``.

        Raises:
            StoreError: read-only, a term that cannot be stored, or the server refused.
        """
        if self.read_only:
            raise StoreError(f"{self.url}: opened read-only; cannot write graph <{graph}>")
        lines = [f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n" for s, p, o in triples]
        if not lines:
            self.remove_graph(graph)
            return
        self._request(
            "PUT", self._graph_url(graph), data="".join(lines).encode("utf-8"),
            headers={"Content-Type": "application/n-triples"},
        )

    def remove_graph(self, graph: URIRef) -> None:
        """Remove a named graph (no error if absent)."""
        if self.read_only:
            raise StoreError(f"{self.url}: opened read-only; cannot remove graph <{graph}>")
        self._request("DELETE", self._graph_url(graph), missing_ok=True)

    # -- graphs ----------------------------------------------------------------------------
    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph exists (holds at least one triple)."""
        return self.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph})

    def graphs(self) -> list[URIRef]:
        """Every named graph in the store, sorted."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(str(r["g"])) for r in rows if r["g"] is not None)

    def _parse(self, body: bytes, fmt: Any, what: str) -> list[Any]:
        try:
            return list(ox.parse(body, format=fmt))
        except (SyntaxError, ValueError) as e:
            raise StoreError(f"{self.url}: {what}: the server's answer does not parse: {e}") from e

    def graph(self, graph: URIRef) -> Graph:
        """A copy of one named graph as an rdflib graph (empty if absent)."""
        body = self._request("GET", self._graph_url(graph),
                             headers={"Accept": "application/n-triples"}, missing_ok=True)
        result = Graph()
        for t in self._parse(body, ox.RdfFormat.N_TRIPLES, f"graph <{graph}>"):
            result.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return result

    def graph_matches(self, graph: URIRef, triples: Iterable[Triple]) -> bool:
        """Whether the named graph holds exactly ``triples`` (``False`` with blank nodes)."""
        wanted = triple_keys(triples)
        if wanted is None:
            return False
        body = self._request("GET", self._graph_url(graph),
                             headers={"Accept": "application/n-triples"}, missing_ok=True)
        have = {f"{t.subject} {t.predicate} {t.object}"
                for t in self._parse(body, ox.RdfFormat.N_TRIPLES, f"graph <{graph}>")}
        return have == wanted

    # -- reading ---------------------------------------------------------------------------
    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node | None]]:
        """Run a SELECT query; rows map variable names to rdflib terms (``None`` unbound).

        Raises:
            QueryError: malformed or refused query, not a SELECT, or an incomplete answer.
        """
        answer = self._json(query, bindings)
        if "results" not in answer:
            raise QueryError("expected a SELECT query")
        names = answer.get("head", {}).get("vars", [])
        rows = []
        for binding in answer["results"].get("bindings", []):
            rows.append({n: _json_term(binding[n]) if n in binding else None for n in names})
        return rows

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        answer = self._json(query, bindings)
        if "boolean" not in answer:
            raise QueryError("expected an ASK query")
        return bool(answer["boolean"])

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query into an rdflib graph."""
        body = self._query(query, bindings, "application/n-triples")
        graph = Graph()
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as e:
            raise QueryError(f"{self.url}: the server's answer is not complete N-Triples: {e}") from e
        for t in triples:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return graph

    def _all_quads(self) -> list[Any]:
        body = self._request("GET", self.store_url, headers={"Accept": "application/n-quads"})
        return self._parse(body, ox.RdfFormat.N_QUADS, "the dataset")

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """Every quad of the store as rdflib terms (graph ``None`` for the default graph)."""
        for q in self._all_quads():
            yield (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),
                   from_ox(q.graph_name))

    def dump(self, output: IO[bytes], fmt: str, prefixes: Mapping[str, str] | None = None) -> None:
        """Serialise the store as ``KGStore.dump`` does (``turtle``/``ntriples``: the union)."""
        if fmt not in _DUMP_FORMATS:
            raise StoreError(f"cannot dump as {fmt!r}; choose one of {', '.join(_DUMP_FORMATS)}")
        rdf_format = _DUMP_FORMATS[fmt]
        local = ox.Store()
        graph = None
        if rdf_format.supports_datasets:
            local.extend(self._all_quads())
        else:
            graph = ox.DefaultGraph()
            local.extend(ox.Quad(q.subject, q.predicate, q.object, graph) for q in self._all_quads())
        try:
            local.dump(output, rdf_format, from_graph=graph,
                       prefixes=dict(prefixes) if prefixes and fmt in ("trig", "turtle") else None)
        except (OSError, ValueError) as e:
            raise StoreError(f"{self.url}: cannot dump as {fmt}: {e}") from e

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(str(rows[0]["n"])) if rows else 0

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def to_rdflib_kg(local: str) -> URIRef:
    """A term of kg's ontology namespace (without tripping its closed-namespace check)."""
    from kg.namespace import KG

    return URIRef(str(KG) + local)
