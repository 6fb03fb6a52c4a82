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


def _iframe(page: str, height: int) -> Any:
    """A whole page inline: an iframe with the page as ``srcdoc`` (IFrame needs a URL)."""
    import warnings

    from IPython.display import HTML

    with warnings.catch_warnings():  # IPython suggests IFrame for any "<iframe" HTML
        warnings.simplefilter("ignore", UserWarning)
        return HTML(
            f'<iframe srcdoc="{html.escape(page, quote=True)}" width="100%" height="{height}"'
            ' style="border:1px solid #ddd" sandbox="allow-scripts"></iframe>'
        )


def list_presets() -> list[Any]:
    """The canned queries of ``queries/`` (``kg.presets.Preset``: name, title, params …)."""
    from kg.presets import list_presets as _list

    return _list()


def preset_frame(store: KGStore, name: str, **params: str) -> pd.DataFrame:
    """Run a canned query (``kg query --preset``) into a DataFrame of plain values.

    Entity parameters may be IRIs or labels; values are bound, never pasted.

        >>> kg.preset_frame(store, "treaty_timeline", treaty="新START")  # doctest: +SKIP
    """
    import pandas as pd

    from kg.presets import run_preset

    result = run_preset(store, name, {k: str(v) for k, v in params.items()})
    rows = [{k: _python(v) for k, v in row.items()} for row in result.rows]
    return pd.DataFrame(rows, columns=result.variables)


def timeline_frame(store: KGStore, entity: str) -> pd.DataFrame:
    """An entity's or treaty's timeline items (dated first, in date order) as a DataFrame."""
    import dataclasses

    import pandas as pd

    from kg.timeline import TimelineItem, timeline

    fields = [f.name for f in dataclasses.fields(TimelineItem)]
    return pd.DataFrame([dataclasses.asdict(i) for i in timeline(store, entity).items],
                        columns=fields)


def show_timeline(store: KGStore, entity: str, *, height: int = 520) -> Any:
    """The timeline page of an entity or treaty inline in Jupyter."""
    from kg.timeline import timeline_html

    return _iframe(timeline_html(store, entity), height)


def show_view(
    store: KGStore, *, focus: str | None = None, depth: int = 1, since: str | None = None,
    until: str | None = None, categories: Iterable[str] = (), max_nodes: int = 1500,
    height: int = 600,
) -> Any:
    """The graph page of a focus and filters (``kg viz --focus …``) inline in Jupyter."""
    from kg.views import make_view
    from kg.viz import graph_data, render_html

    view = make_view(store, focus=focus, depth=depth, since=since, until=until,
                     categories=tuple(categories))
    return _iframe(render_html(graph_data(store, max_nodes=max_nodes, view=view)), height)


def graph_stats(store: KGStore, *, top: int = 10) -> Any:
    """Counts, the most central actors, communities and per-pair balances (``kg stats``)."""
    from kg.stats import compute_stats

    return compute_stats(store, top=top)


def relation_matrix(store: KGStore, measure: str = "balance") -> pd.DataFrame:
    """A state × state table of cooperation and conflict (symmetric, labels in Japanese).

    Args:
        measure: ``balance`` (cooperative minus conflictual events), ``score`` (sum of
            PLOVER scores), or a quad class (``verbal_conflict`` …) to count.
    """
    import pandas as pd

    from kg.errors import QueryError
    from kg.stats import QUADS, pair_balances

    if measure not in ("balance", "score", *QUADS):
        raise QueryError(f"unknown measure {measure!r}; choose balance, score or "
                         + ", ".join(QUADS))
    pairs = pair_balances(store)
    states = sorted({p.label_a for p in pairs} | {p.label_b for p in pairs})
    table = pd.DataFrame(0.0, index=states, columns=states)
    for p in pairs:
        value = {"balance": p.balance, "score": p.score}.get(measure, p.counts.get(measure, 0))
        table.loc[p.label_a, p.label_b] = table.loc[p.label_b, p.label_a] = value
    return table


def export_graph(store: KGStore, fmt: str, out: Any) -> int:
    """Write the actor–event graph as ``graphml`` or ``gexf`` (a path or a stream)."""
    from kg.export_graph import export_graph as _export

    return _export(store, fmt, out)
