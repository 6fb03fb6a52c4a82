"""The embedded on-disk RDF store (Oxigraph): one named graph per article.

Queries see the union of all named graphs as their default graph, so analysts can
write plain SPARQL without ``GRAPH`` clauses. Values are bound through Oxigraph's
substitutions, never pasted into query text. Replacing a graph is one SPARQL update,
so one transaction: readers see the old graph or the new one, never a mix.

The store records its layout version (``STORE_FORMAT``) in the graph ``id:graph/store``
as ``id:store kg:formatVersion "1"``; opening a store written in another layout fails
with a ``StoreError`` that says to rebuild it.

One process writes a store at a time: a writable open takes ``kg.lock`` in the store
directory first (``kg/locking.py``), so a second writer fails at once, naming the pid
that holds the store, or waits up to ``wait`` seconds. Readers take no lock. A
non-empty directory that is not an Oxigraph store is refused rather than written into.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KGError, QueryError, StoreError
from kg.locking import LOCK_NAME, StoreLock
from kg.namespace import ID, KG

DEFAULT_STORE = Path(os.environ.get("KG_STORE", "kg-store"))

STORE_FORMAT = "1"
STORE_GRAPH = ID["graph/store"]
STORE_NODE = ID["store"]
# The file every RocksDB database directory holds; its absence marks a foreign directory.
_STORE_MARKER = "CURRENT"

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_DUMP_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}

Triple = tuple[Node, Node, Node]


def to_ox(term: Node) -> Any:
    """Convert an rdflib term to a pyoxigraph term.

    Raises:
        StoreError: the term cannot be stored (e.g. an IRI with spaces).
    """
    try:
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
    except ValueError as e:
        raise StoreError(f"cannot store term {term!r}: {e}") from e
    raise StoreError(f"cannot store term of type {type(term).__name__}: {term!r}")


def from_ox(term: Any) -> Node | None:
    """Convert a pyoxigraph term to rdflib (``None`` and the default graph give ``None``)."""
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(f"unexpected term from the store: {term!r}")


def _open_error(path: Path, error: Exception) -> StoreError:
    message = str(error)
    if "lock" in message.lower():
        return StoreError(
            f"{path}: the store is in use by another process (its LOCK is held); "
            "wait for that process to finish, or open the store read-only"
        )
    return StoreError(f"{path}: cannot open store: {message}")


def _open_read_only(path: Path, attempts: int = 5) -> Any:
    """Open read-only, retrying a few times: beside a live writer, RocksDB's read-only
    open can race the writer's compaction and report a vanished file as corruption."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except RuntimeError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise StoreError(f"{path}: cannot open store")  # not reached


def _check_is_store(path: Path) -> None:
    """Refuse a non-empty directory that is not a store: kg must not write into it."""
    if not path.is_dir() or (path / _STORE_MARKER).exists():
        return
    try:
        others = [p.name for p in path.iterdir() if p.name != LOCK_NAME]
    except OSError as e:
        raise StoreError(f"{path}: cannot read the directory: {e.strerror or e}") from e
    if others:
        raise StoreError(
            f"{path}: a directory holding other files ({', '.join(sorted(others)[:3])}"
            f"{', …' if len(others) > 3 else ''}) is not a kg store; "
            "give --store a new or empty directory"
        )


# IRIs and literals already converted: articles repeat predicates, entities, offsets and
# words. Bounded: cleared when full. (Blank nodes are not kept: their labels are local.)
_CONVERTED: dict[Node, Any] = {}
_CONVERTED_MAX = 1 << 17


def _converter() -> Callable[[Node], Any]:
    """``to_ox``, remembering the IRIs and literals it converted."""
    seen = _CONVERTED

    def convert(term: Node) -> Any:
        kind = type(term)
        if kind is URIRef or kind is Literal:
            found = seen.get(term)
            if found is None:
                found = to_ox(term)
                if len(seen) >= _CONVERTED_MAX:
                    seen.clear()
                seen[term] = found
            return found
        return to_ox(term)

    return convert


def to_ox_quads(triples: Iterable[Triple], graph: Any) -> list[Any]:
    """Triples as pyoxigraph quads in ``graph`` (a pyoxigraph graph name).

    Raises:
        StoreError: a term cannot be stored.
    """
    convert = _converter()
    return [ox.Quad(convert(s), convert(p), convert(o), graph) for s, p, o in triples]


def values_clause(variables: Sequence[str], rows: Iterable[Sequence[Node]]) -> str:
    """A SPARQL ``VALUES`` block binding ``variables`` to each row of terms.

    Each term is serialised by pyoxigraph (N-Triples escaping), as ``RemoteStore`` binds
    values: nothing is pasted as text. Used to look many values up in one query.

    Raises:
        StoreError: a term cannot be serialised (e.g. an IRI with spaces).
        ValueError: a variable name is not a SPARQL variable name.
    """
    for name in variables:
        if not name.isidentifier():
            raise ValueError(f"not a variable name: {name!r}")
    convert = _converter()
    body = " ".join("(" + " ".join(str(convert(t)) for t in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + v for v in variables)}) {{ {body} }}"


def triple_keys(triples: Iterable[Triple]) -> set[str] | None:
    """Triples as comparable N-Triples-like keys; ``None`` when a blank node makes them unkeyable."""
    keys: set[str] = set()
    convert = _converter()
    for s, p, o in triples:
        if isinstance(s, BNode) or isinstance(o, BNode):
            return None
        keys.add(f"{convert(s)} {convert(p)} {convert(o)}")
    return keys


class QuadViews:
    """rdflib views over any store that yields its quads (``KGStore``, ``RemoteStore``)."""

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        raise NotImplementedError

    def union_graph(self) -> Graph:
        """Every triple of every graph in one rdflib graph (what queries see)."""
        graph = Graph()
        for s, p, o, _ in self.quads():
            graph.add((s, p, o))
        return graph

    def dataset(self) -> Dataset:
        """Every named graph copied into an rdflib ``Dataset`` (for export and SHACL)."""
        dataset = Dataset()
        for s, p, o, g in self.quads():
            target = dataset.graph(g) if g is not None else dataset.default_graph
            target.add((s, p, o))
        return dataset


class KGStore(QuadViews):
    """An Oxigraph store on disk with kg's conventions (union default graph, bound values).

    Args:
        path: the store directory (created when writable and missing).
        read_only: open without taking the write lock (readers may run beside a writer).
        wait: seconds a writer waits for another writer to finish (0: fail at once).
        on_wait: called with the holder's pid and command when waiting starts.

    Raises:
        StoreError: the directory is locked by another process, unreadable, not a store,
            or a store of another format version.
    """

    def __init__(self, path: str | Path = DEFAULT_STORE, *, read_only: bool = False,
                 wait: float = 0.0, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock: StoreLock | None = None
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a directory, so not a store")
        _check_is_store(self.path)
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here; run `kg build` first")
                self._store = _open_read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._lock = StoreLock(self.path, wait, on_wait)
                self._store = ox.Store(str(self.path))
        except (OSError, RuntimeError) as e:  # RocksDB reports corruption as RuntimeError
            self._release_lock()
            raise _open_error(self.path, e) from e
        except StoreError:
            self._release_lock()
            raise
        try:
            self._check_format()
        except KGError:
            self.close()
            raise

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- format version --------------------------------------------------------
    @property
    def format_version(self) -> str | None:
        """The layout version recorded in the store (``None`` for an empty, new store)."""
        quads = self._store.quads_for_pattern(
            to_ox(STORE_NODE), to_ox(KG.formatVersion), None, to_ox(STORE_GRAPH)
        )
        for quad in quads:
            return str(quad.object.value)
        return None

    def _check_format(self) -> None:
        found = self.format_version
        if found is None:
            if not self.read_only:  # a new store, or one written before versioning
                stamp = (STORE_NODE, KG.formatVersion, Literal(STORE_FORMAT))
                self.replace_graph(STORE_GRAPH, [stamp])
            return
        if found != STORE_FORMAT:
            raise StoreError(
                f"{self.path}: store format {found}, this kg reads format {STORE_FORMAT}; "
                f"rebuild it: delete the directory (rm -r {self.path}) and run "
                f"`kg build --store {self.path} ARTICLES…` again"
            )

    # -- writing ---------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Replace a named graph's content with ``triples`` in one transaction.

        A graph the store does not hold yet is written with one ``extend`` (Oxigraph
        inserts the quads in one transaction, without parsing any text); an existing one
        is dropped and written again in one SPARQL update, which Oxigraph applies
        atomically. Either way readers see the old graph or the new one, never a mix.
        Terms are converted (or serialised) by pyoxigraph, never pasted as text.

        Raises:
            StoreError: the store is read-only, a term cannot be stored, or the store
                cannot be written.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot write graph <{graph}>")
        name = to_ox(graph)
        if not self._store.contains_named_graph(name):
            quads = to_ox_quads(triples, name)
            if quads:
                try:
                    self._store.extend(quads)
                except (OSError, RuntimeError, ValueError) as e:
                    raise StoreError(f"{self.path}: cannot write graph <{graph}>: {e}") from e
            return
        convert = _converter()
        lines = [f"{convert(s)} {convert(p)} {convert(o)} ." for s, p, o in triples]
        update = f"DROP SILENT GRAPH {name}"
        if lines:
            update += f" ;\nINSERT DATA {{ GRAPH {name} {{\n" + "\n".join(lines) + "\n} }"
        self._update(update, f"cannot write graph <{graph}>")

    def remove_graph(self, graph: URIRef) -> None:
        """Remove a named graph and its content (no error if absent)."""
        self._update(f"DROP SILENT GRAPH {to_ox(graph)}", f"cannot remove graph <{graph}>")

    def _update(self, update: str, what: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; {what}")
        try:
            self._store.update(update)
        except (OSError, RuntimeError, SyntaxError) as e:
            raise StoreError(f"{self.path}: {what}: {e}") from e

    # -- graphs ----------------------------------------------------------------
    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph exists in the store."""
        return self._store.contains_named_graph(to_ox(graph))

    def graphs(self) -> list[URIRef]:
        """Every named graph in the store, sorted."""
        return sorted(URIRef(g.value) for g in self._store.named_graphs())

    def graph(self, graph: URIRef) -> Graph:
        """A copy of one named graph's content as an rdflib graph (empty if absent)."""
        result = Graph()
        for quad in self._store.quads_for_pattern(None, None, None, to_ox(graph)):
            result.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return result

    def graph_matches(self, graph: URIRef, triples: Iterable[Triple]) -> bool:
        """Whether the named graph holds exactly ``triples`` (always ``False`` with blank nodes)."""
        have = {
            (q.subject, q.predicate, q.object)
            for q in self._store.quads_for_pattern(None, None, None, to_ox(graph))
        }
        if not have:  # nothing stored: no need to convert the triples
            return not any(True for _ in triples)
        convert = _converter()
        wanted = set()
        for s, p, o in triples:  # pyoxigraph terms compare as RDF terms
            if isinstance(s, BNode) or isinstance(o, BNode):
                return False
            wanted.add((convert(s), convert(p), convert(o)))
        return have == wanted

    # -- reading ---------------------------------------------------------------
    def _run(self, query: str, bindings: Mapping[str, Node] | None) -> Any:
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            return self._store.query(
                query, use_default_graph_as_union=True, substitutions=substitutions or None
            )
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL: {e}") from e
        except RuntimeError as e:  # e.g. a bound variable the query does not project
            raise QueryError(
                f"query failed: {e} (bind only variables the query projects)"
            ) from e
        except (OSError, ValueError) as e:
            raise QueryError(f"query failed: {e}") from e

    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node | None]]:
        """Run a SELECT query; each row maps variable names to rdflib terms.

        Args:
            query: SPARQL text; it runs with the union of all graphs as the default graph.
            bindings: values for variables, substituted as RDF terms (never as text).
                Oxigraph only substitutes variables the SELECT projects.

        Raises:
            QueryError: the query is malformed, not a SELECT, or failed.
        """
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        # Rows repeat the same terms (graphs, predicates, events): convert each once.
        seen: dict[Any, Node | None] = {}

        def convert(term: Any) -> Node | None:
            if term is None:
                return None
            found = seen.get(term)
            if found is None:
                found = seen[term] = from_ox(term)
            return found

        # A solution iterates its values in the order of ``names`` (unbound: None), several
        # times faster than looking each up by name.
        return [dict(zip(names, map(convert, row))) for row in result]

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query into an rdflib graph."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """Every quad of the store as rdflib terms (graph ``None`` for the default graph)."""
        for quad in self._store:
            yield (
                from_ox(quad.subject),
                from_ox(quad.predicate),
                from_ox(quad.object),
                from_ox(quad.graph_name),
            )

    def dump(self, output: IO[bytes], fmt: str, prefixes: Mapping[str, str] | None = None) -> None:
        """Serialise the store, streamed by Oxigraph.

        ``trig`` and ``nquads`` keep the named graphs; ``turtle`` and ``ntriples`` write
        the union of all graphs (what queries see), each triple once.

        Raises:
            StoreError: unknown format or the output cannot be written.
        """
        if fmt not in _DUMP_FORMATS:
            raise StoreError(f"cannot dump as {fmt!r}; choose one of {', '.join(_DUMP_FORMATS)}")
        rdf_format = _DUMP_FORMATS[fmt]
        source, graph = self._store, None
        if not rdf_format.supports_datasets:
            source, graph = ox.Store(), ox.DefaultGraph()
            source.extend(
                ox.Quad(q.subject, q.predicate, q.object, graph) for q in self._store
            )
        try:
            source.dump(
                output,
                rdf_format,
                from_graph=graph,
                prefixes=dict(prefixes) if prefixes and fmt in ("trig", "turtle") else None,
            )
        except (OSError, ValueError) as e:
            raise StoreError(f"{self.path}: cannot dump as {fmt}: {e}") from e

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Flush and release the store (closing twice is harmless)."""
        if getattr(self, "_store", None) is None:
            self._release_lock()
            return
        if not self.read_only:
            try:
                self._store.flush()
            except OSError:
                pass
        del self._store
        # Release only after RocksDB let go of its own LOCK (dropping the last reference).
        import gc

        gc.collect()
        self._release_lock()

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
