"""The embedded on-disk RDF store (Oxigraph): one named graph per article.

Queries see the union of all named graphs as their default graph, so analysts can
write plain SPARQL without ``GRAPH`` clauses. Values are bound through Oxigraph's
substitutions, never pasted into query text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError

DEFAULT_STORE = Path(os.environ.get("KG_STORE", "kg-store"))


def to_ox(term: Node) -> Any:
    """Convert an rdflib term to a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store term of type {type(term).__name__}: {term!r}")


def from_ox(term: Any) -> Node | None:
    """Convert a pyoxigraph term to an rdflib term (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(f"unexpected term from the store: {term!r}")


class KGStore:
    """An Oxigraph store on disk with kg's conventions (union default graph, bound values)."""

    def __init__(self, path: str | Path = DEFAULT_STORE, *, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here; run `kg build` first")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"{self.path}: cannot open store: {e}") from e

    # -- writing ---------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Replace a named graph's content with ``triples`` in one transaction."""
        name = to_ox(graph)
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in triples]
        try:
            # One SPARQL update is one transaction: readers see the old or the new graph.
            self._store.update(f"DROP SILENT GRAPH <{graph}>")
            self._store.extend(quads)
        except OSError as e:
            raise StoreError(f"{self.path}: cannot write graph <{graph}>: {e}") from e

    def remove_graph(self, graph: URIRef) -> None:
        """Remove a named graph and its content (no error if absent)."""
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph exists in the store."""
        return self._store.contains_named_graph(to_ox(graph))

    def graphs(self) -> list[URIRef]:
        """Every named graph in the store."""
        return sorted(URIRef(g.value) for g in self._store.named_graphs())

    # -- reading ---------------------------------------------------------------
    def _run(self, query: str, bindings: Mapping[str, Node] | None) -> Any:
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            return self._store.query(
                query, use_default_graph_as_union=True, substitutions=substitutions or None
            )
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL: {e}") from e
        except OSError as e:
            raise QueryError(f"query failed: {e}") from e

    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node | None]]:
        """Run a SELECT query; each row maps variable names to rdflib terms."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: from_ox(row[n]) for n in names} for row in result]

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        return bool(self._run(query, bindings))

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query into an rdflib graph."""
        graph = Graph()
        for triple in self._run(query, bindings):
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph

    def dataset(self) -> Dataset:
        """Every named graph copied into an rdflib ``Dataset`` (for export and SHACL)."""
        dataset = Dataset()
        for quad in self._store:
            g = dataset.graph(from_ox(quad.graph_name))
            g.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return dataset

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Flush and release the store."""
        try:
            self._store.flush()
        except OSError:
            pass
        del self._store

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
