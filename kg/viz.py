"""The interactive graph page: entities and the events between them, drawn offline."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib.term import Node as RDFNode

from kg.graph_rows import load_events
from kg.page_assets import (CLASS_STYLES, QUAD_STYLES, json_for_script, legend_html,
                            omitted_html, page_html, search_html)
from kg.store import KGStore
from kg.viz_layout import (PHYSICS_LIMIT, pagerank, spring_positions, vis_edges, vis_nodes,
                           vis_options)

if TYPE_CHECKING:
    from kg.views import View

DEFAULT_MAX_NODES = 1500


@dataclass(frozen=True)
class GraphNode:
    """An entity drawn as a node; ``label`` is Japanese when there is a Japanese label."""

    id: str
    label: str
    cls: str
    label_en: str = ""
    degree: int = 0
    tooltip: str = ""
    centrality: float = 0.0  # PageRank over the drawn edges; sets the node's size


@dataclass(frozen=True)
class GraphEdge:
    """One drawn link of one event; ``kind`` is event, co-source, self, about or place."""

    id: str
    source: str
    target: str
    kind: str
    category: str
    quad: str
    date: str
    sentence: str
    headline: str
    event: str
    article: str
    tooltip: str = ""

    @property
    def directed(self) -> bool:
        return self.kind != "co-source"


@dataclass
class GraphData:
    """What the page shows, plus what was left out to keep it drawable."""

    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[GraphEdge] = field(default_factory=list)
    events: int = 0
    unattached_events: int = 0
    omitted_nodes: list[str] = field(default_factory=list)
    omitted_edges: int = 0
    max_nodes: int = DEFAULT_MAX_NODES
    view: str = ""  # what a focus or filter kept ("" = everything)
    focus: str = ""  # the focus entity's IRI, always kept


@dataclass
class GraphSummary:
    """What ``write_graph_html`` wrote."""

    path: Path
    nodes: int
    edges: int
    events: int
    unattached_events: int
    omitted_nodes: list[str]
    omitted_edges: int
    physics: bool
    view: str = ""


def event_links(
    sources: list[str], recipients: list[str], abouts: list[str], places: list[str]
) -> list[tuple[str, str, str]]:
    """The ``(from, to, kind)`` links drawn for one event, from its S/R/A/P entities.

    - S and R: s → r per pair (kind ``event``, labelled with the PLOVER category);
    - S, no R, some A: s → a (``event``);
    - two or more S and nothing else (two leaders meeting): an undirected edge per
      pair of co-sources (``co-source``);
    - one S and nothing else (Russia mobilises): a loop on s (``self``);
    - each A or P not yet an endpoint: a dashed s → x (``about`` / ``place``);
    - no S: no edge (counted in ``GraphData.unattached_events``).

    Every event draws its own edges: two events between one pair give two edges.
    """
    links: list[tuple[str, str, str]] = []
    if sources and recipients:
        links += [(s, r, "event") for s in sources for r in recipients if s != r]
    elif sources and abouts:
        links += [(s, a, "event") for s in sources for a in abouts if s != a]
    elif len(sources) > 1:
        links += [(a, b, "co-source") for a, b in combinations(sorted(sources), 2)]
    elif sources:
        links.append((sources[0], sources[0], "self"))
    touched = {end for link in links for end in link[:2]}
    for kind, extras in (("about", abouts), ("place", places)):
        for x in extras:
            if sources and x not in touched:
                links += [(s, x, kind) for s in sources if s != x]
                touched.add(x)
    return list(dict.fromkeys(links))


def format_date(date: RDFNode | None, precision: RDFNode | None) -> str:
    """A date as written in the graph, with its precision (``2021-06 (month)``)."""
    if date is None:
        return ""
    return f"{date} ({precision})" if precision is not None else str(date)


def _edge_tooltip(category: str, quad: str, ends: str, lines: list[str], date: str,
                  sentence: str, headline: str) -> str:
    head = [f"{category} · {quad.replace('_', ' ')}", ends, *lines]
    return "\n".join(head + [f"日付 date: {date or '—'}", f"文 sentence: {sentence or '—'}",
                             f"記事 article: {headline or '—'}"])


def graph_data(
    store: KGStore, *, max_nodes: int = DEFAULT_MAX_NODES, view: View | None = None
) -> GraphData:
    """Read the events of a store into nodes and edges, keeping the ``max_nodes`` most linked.

    Args:
        store: the store to read (the union of its graphs).
        max_nodes: nodes beyond this many, the least connected first, are left out
            with their edges and listed in ``omitted_nodes``.
        view: a focus and filters (``kg.views.make_view``); only its events are read.

    Returns:
        The page's data, with no rdflib terms in it.
    """
    if view is None or view.is_everything:
        events, roles, qualifiers, entities = load_events(store)
    else:
        from kg.views import load_view

        events, roles, qualifiers, entities = load_view(store, view)

    def names(iris: list[str]) -> str:
        return ", ".join(entities.get(i, (i, "", ""))[0] for i in iris)

    data = GraphData(events=len(events), max_nodes=max_nodes,
                     view="" if view is None or view.is_everything else view.describe(),
                     focus=view.focus or "" if view is not None else "")
    for iri, row in events.items():
        r = roles[iri]
        links = event_links(r["source"], r["recipient"], r["about"], r["place"])
        data.unattached_events += not links
        lines = [f"対象 about: {names(r['about'])}"] * bool(r["about"])
        lines += [f"場所 place: {names(r['place'])}"] * bool(r["place"])
        lines += [", ".join(qualifiers[iri])] if qualifiers[iri] else []
        category, quad = str(row["category"]), str(row["quad"] or "")
        date = format_date(row["date"], row["precision"])
        sentence, headline = str(row["sentence"] or ""), str(row["headline"] or "")
        for src, dst, kind in links:
            ends = f"{names([src])} {'—' if kind == 'co-source' else '→'} {names([dst])}"
            data.edges.append(GraphEdge(
                f"e{len(data.edges)}", src, dst, kind, category, quad, date, sentence, headline,
                iri, str(row["article"] or ""),
                _edge_tooltip(category, quad, ends, lines, date, sentence, headline)))
    _keep_most_linked(data, entities, max_nodes)
    return data


def _keep_most_linked(
    data: GraphData, entities: dict[str, tuple[str, str, str]], max_nodes: int
) -> None:
    """Fill ``data.nodes`` with the ``max_nodes`` most linked endpoints; drop the rest."""
    degree = Counter(end for e in data.edges for end in {e.source, e.target})
    ranked = sorted(degree, key=lambda n: (n != data.focus, -degree[n], n))
    keep = set(ranked[:max_nodes])
    data.omitted_nodes = [entities.get(n, (n, "", ""))[0] for n in ranked[max_nodes:]]
    kept = [e for e in data.edges if e.source in keep and e.target in keep]
    data.omitted_edges = len(data.edges) - len(kept)
    data.edges = kept
    rank = pagerank(ranked[:max_nodes], [(e.source, e.target) for e in kept])
    for iri in ranked[:max_nodes]:
        label, en, cls = entities.get(iri, (iri.rsplit("/", 1)[-1], "", "Other"))
        tip = "\n".join(x for x in (label, en if en != label else "", cls,
                                    f"{degree[iri]} links · PageRank {rank[iri]:.3f}", iri) if x)
        data.nodes.append(GraphNode(iri, label, cls, en, degree[iri], tip, rank[iri]))


def render_html(data: GraphData, *, title: str = "kg — 国際政治ナレッジグラフ") -> str:
    """The self-contained page for ``data``: inline vis-network, no remote resource.

    Above ``PHYSICS_LIMIT`` nodes, positions come from networkx and physics is off.
    """
    physics = len(data.nodes) <= PHYSICS_LIMIT
    positions = {} if physics else spring_positions(data)
    payload = {
        "nodes": vis_nodes(data.nodes, positions),
        "edges": vis_edges(data.edges),
        "options": vis_options(physics, len(data.nodes)),
        "omitted_nodes": data.omitted_nodes,
    }
    header = (f"<h1>{html.escape(title)}</h1><span id=\"kg-counts\">{len(data.nodes)} nodes · "
              f"{len(data.edges)} edges · {data.events} events</span>")
    if data.view:
        header += f" · <span id=\"kg-view\">{html.escape(data.view)}</span>"
    if not data.nodes:
        where = "in this view" if data.view else "in this store"
        header += f" · <span id=\"kg-empty\">no event with a source {where}</span>"
    header += omitted_html(data.omitted_nodes, data.omitted_edges, data.max_nodes)
    header += search_html()
    classes = [c for c in CLASS_STYLES if any(n.cls == c for n in data.nodes)]
    quads = [q for q in QUAD_STYLES if any(e.quad == q for e in data.edges)]
    secondary = any(e.kind in ("about", "place") for e in data.edges)
    categories = sorted({e.category for e in data.edges})
    return page_html(title=html.escape(title), header=header,
                     legend=legend_html(classes, quads, secondary, categories),
                     data_json=json_for_script(payload))


def write_graph_html(
    store: KGStore, path: str | Path, *, max_nodes: int = DEFAULT_MAX_NODES,
    view: View | None = None,
) -> GraphSummary:
    """Write the graph page for ``store`` (or a ``view`` of it) to ``path`` as UTF-8.

    Returns:
        Counts of what was drawn and the nodes left out beyond ``max_nodes``.
    """
    data = graph_data(store, max_nodes=max_nodes, view=view)
    path = Path(path)
    path.write_text(render_html(data), encoding="utf-8")
    return GraphSummary(path, len(data.nodes), len(data.edges), data.events,
                        data.unattached_events, data.omitted_nodes, data.omitted_edges,
                        physics=len(data.nodes) <= PHYSICS_LIMIT, view=data.view)
