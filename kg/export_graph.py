"""The actor–event graph as GraphML or GEXF, for Gephi, yEd and networkx users."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from kg.errors import KGError
from kg.store import KGStore

GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf")


def export_graph(store: KGStore, fmt: str, out: IO[Any] | str | os.PathLike[str]) -> int:
    """Write the graph drawn by ``kg viz`` (every node, one edge per event link).

    Nodes carry ``label`` (Japanese when there is one), ``label_en``, ``cls`` and
    ``pagerank``; edges carry ``category``, ``quad``, ``kind``, ``date``, ``sentence``,
    ``headline``, ``event`` and ``article``. Parallel edges stay distinct (a multigraph).

    Args:
        store: the store to export.
        fmt: ``graphml`` or ``gexf``.
        out: a path, a binary stream, or a text stream (written as UTF-8).

    Returns:
        The number of edges written.

    Raises:
        KGError: unknown format or the output cannot be written.
    """
    import networkx as nx

    if fmt not in GRAPH_FORMATS:
        raise KGError(f"unknown graph format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")
    graph = to_graph(store)
    writers = {"graphml": (nx.write_graphml, nx.generate_graphml),
               "gexf": (nx.write_gexf, nx.generate_gexf)}
    write, generate = writers[fmt]
    try:
        if isinstance(out, (str, os.PathLike)):
            write(graph, Path(out))
        elif hasattr(out, "buffer"):  # sys.stdout and other text files
            out.flush()
            write(graph, out.buffer)
            out.buffer.flush()
        elif "b" in getattr(out, "mode", "") or not hasattr(out, "encoding"):
            try:
                write(graph, out)
            except TypeError:  # a text stream without a buffer (io.StringIO)
                out.write("\n".join(generate(graph)) + "\n")
        else:
            out.write("\n".join(generate(graph)) + "\n")
    except BrokenPipeError:
        raise  # the reader left (`kg export … | head`): the CLI ends quietly
    except OSError as e:
        raise KGError(f"cannot write the {fmt} graph: {e}") from e
    return graph.number_of_edges()


def to_graph(store: KGStore) -> Any:
    """The networkx MultiDiGraph written by ``export_graph`` (no empty or ``None`` values)."""
    from kg.viz import graph_data

    import networkx as nx

    data = graph_data(store, max_nodes=10**9)
    graph = nx.MultiDiGraph(name="kg")
    for node in data.nodes:
        graph.add_node(node.id, label=node.label, label_en=node.label_en, cls=node.cls,
                       pagerank=round(node.centrality, 6))
    for edge in data.edges:
        graph.add_edge(edge.source, edge.target, key=edge.id, label=edge.category,
                       category=edge.category, quad=edge.quad, kind=edge.kind, date=edge.date,
                       sentence=edge.sentence, headline=edge.headline, event=edge.event,
                       article=edge.article)
    return graph
