"""The Python API for notebooks and scripts: open a store, build, query, and look at the graph.

    >>> import kg
    >>> store = kg.open_store("out/store")                            # doctest: +SKIP
    >>> kg.sparql(store, "SELECT ?e WHERE { ?e kg:category ?c }", c="AGREE")  # doctest: +SKIP
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from kg.pipeline import BuildReport
from kg.pipeline import build as _build
from kg.query import run_query
from kg.store import DEFAULT_STORE, KGStore

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


def open_store(path: str | Path = DEFAULT_STORE, *, read_only: bool = False) -> KGStore:
    """Open (or create) the on-disk store at ``path``."""
    return KGStore(path, read_only=read_only)


def build(paths: str | Path | Iterable[str | Path], store: KGStore) -> BuildReport:
    """Read, extract and store the articles under ``paths`` (files or directories)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return _build(list(paths), store)


def _python(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(value)
    return str(term)


def sparql(store: KGStore, query: str, **params: Any) -> list[dict[str, Any]]:
    """Run a SELECT query; ``params`` are bound as values (strings become literals).

    Returns rows of plain Python values: IRIs as strings, literals as their values.
    Pass an ``rdflib.URIRef`` to bind an IRI.
    """
    bindings = {k: v if isinstance(v, (URIRef, Literal)) else Literal(v) for k, v in params.items()}
    result = run_query(store, query, bindings)
    return [{k: _python(v) for k, v in row.items()} for row in result.rows]


def sparql_frame(store: KGStore, query: str, **params: Any) -> pd.DataFrame:
    """Like ``sparql`` but as a pandas DataFrame (pandas must be installed)."""
    import pandas as pd

    result = run_query(store, query, {k: Literal(v) for k, v in params.items()})
    rows = [{k: _python(v) for k, v in row.items()} for row in result.rows]
    return pd.DataFrame(rows, columns=result.variables)


def to_networkx(store: KGStore) -> nx.MultiDiGraph:
    """The actor–event graph as a networkx MultiDiGraph (one edge per event link).

    Nodes carry ``label``, ``label_en`` and ``cls``; edges carry ``category``, ``quad``,
    ``date``, ``sentence``, ``headline``, ``event`` and ``article``.
    """
    import networkx as nx

    from kg.viz import graph_data

    data = graph_data(store, max_nodes=10**9)
    graph = nx.MultiDiGraph()
    for node in data.nodes:
        graph.add_node(node.id, label=node.label, label_en=node.label_en, cls=node.cls)
    for edge in data.edges:
        graph.add_edge(
            edge.source, edge.target, key=edge.id, category=edge.category, quad=edge.quad,
            date=edge.date, sentence=edge.sentence, headline=edge.headline, event=edge.event,
            article=edge.article,
        )
    return graph


def show_graph(store: KGStore, *, height: int = 600) -> Any:
    """The interactive graph page inline in Jupyter (an iframe with the page as ``srcdoc``)."""
    from IPython.display import HTML

    from kg.viz import graph_data, render_html

    page = render_html(graph_data(store))
    return HTML(
        f'<iframe srcdoc="{html.escape(page, quote=True)}" width="100%" height="{height}"'
        ' style="border:1px solid #ddd" sandbox="allow-scripts"></iframe>'
    )
