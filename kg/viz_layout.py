"""vis-network items and options for the graph page, and precomputed positions for big graphs."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from kg.page_assets import CLASS_STYLES, QUAD_STYLES, SECONDARY_EDGE_COLOUR

if TYPE_CHECKING:
    from kg.viz import GraphData, GraphEdge, GraphNode

# Above this many nodes vis-network's physics takes minutes to settle (PITFALLS.md).
PHYSICS_LIMIT: Final = 1000
FONT_FACE: Final = "'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', sans-serif"
_CURVE_STEP: Final = 0.3  # fraction of the remaining bend each pair of parallel edges takes
LABEL_CHARS: Final = 24  # longer labels are cut on the canvas; the tooltip has them whole


def short_label(label: str) -> str:
    """A node label cut to ``LABEL_CHARS`` characters for the canvas."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def force_layout(
    adjacency: np.ndarray, iterations: int = 50, seed: int = 7, gravity: float = 2.0
) -> np.ndarray:
    """Fruchterman–Reingold positions in the unit square, vectorised with numpy.

    networkx's ``spring_layout`` needs scipy above 500 nodes and scipy is not a dependency;
    this is the same algorithm in float32, about a second for 1,500 nodes.
    """
    n = len(adjacency)
    pos = np.random.default_rng(seed).random((n, 2), dtype=np.float32)
    if n < 2:
        return pos
    k = np.float32(1.0 / math.sqrt(n))
    step = 0.1
    k2 = k * k
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        square = np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        # repulsion k²/d and attraction d²/k along the unit vector: both divided by d.
        force = k2 / square - adjacency * np.sqrt(square) / k
        moves = np.stack(((dx * force).sum(axis=1), (dy * force).sum(axis=1)), axis=1)
        # Gravity keeps small components near the centre instead of on a far ring.
        moves -= np.float32(gravity) * (pos - pos.mean(axis=0))
        length = np.maximum(np.sqrt((moves * moves).sum(axis=1)), np.float32(0.01))
        pos += moves * (np.float32(step) / length)[:, None]
        step -= 0.1 / (iterations + 1)
    return pos


def spring_positions(data: GraphData) -> dict[str, tuple[float, float]]:
    """Node positions from a seeded force layout, in vis-network pixels."""
    index = {n.id: i for i, n in enumerate(data.nodes)}
    adjacency = np.zeros((len(index), len(index)), dtype=np.float32)
    for e in data.edges:
        if e.source != e.target and e.source in index and e.target in index:
            adjacency[index[e.source], index[e.target]] = 1
            adjacency[index[e.target], index[e.source]] = 1
    pos = force_layout(adjacency)
    pos -= pos.mean(axis=0)
    scale = 60.0 * math.sqrt(max(len(index), 1)) / max(float(np.abs(pos).max()), 1e-6)
    return {node: (float(pos[i, 0]) * scale, float(pos[i, 1]) * scale)
            for node, i in index.items()}


def pagerank(
    nodes: Sequence[str], links: Sequence[tuple[str, str]], damping: float = 0.85,
    iterations: int = 100, tolerance: float = 1e-10,
) -> dict[str, float]:
    """PageRank of ``nodes`` over the undirected ``links`` (each parallel link counts).

    networkx's ``pagerank`` needs scipy, which is not a dependency; this is the same power
    iteration in numpy (dangling nodes share their rank evenly), and it agrees with
    ``networkx.pagerank`` on an undirected multigraph.
    """
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    weights = np.zeros((n, n))
    for a, b in links:
        if a in index and b in index:
            weights[index[a], index[b]] += 1
            if a != b:
                weights[index[b], index[a]] += 1
    out = weights.sum(axis=1)
    dangling = out == 0
    transition = np.divide(weights, out[:, None], out=np.zeros_like(weights),
                           where=out[:, None] > 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = damping * (rank @ transition + rank[dangling].sum() / n) + (1 - damping) / n
        done = np.abs(new - rank).sum() < tolerance * n
        rank = new
        if done:
            break
    return {node: float(rank[i]) for node, i in index.items()}


def node_size(centrality: float, top: float) -> float:
    """A node's drawn size, 10 to 40 px, by its share of the largest centrality."""
    return 10.0 + (30.0 * centrality / top if top > 0 else 0.0)


def vis_nodes(
    nodes: Sequence[GraphNode], positions: dict[str, tuple[float, float]]
) -> list[dict[str, Any]]:
    """vis-network node items; ``tooltip`` is plain text the page turns into a DOM node."""
    top = max((n.centrality for n in nodes), default=0.0)
    items = []
    for node in nodes:
        shape, colour, _ = CLASS_STYLES.get(node.cls, CLASS_STYLES["Other"])
        item: dict[str, Any] = {
            "id": node.id, "label": short_label(node.label), "full_label": node.label,
            "cls": node.cls, "label_en": node.label_en,
            "degree": node.degree, "tooltip": node.tooltip, "shape": shape,
            "color": {"background": colour, "border": "#444444",
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "centrality": round(node.centrality, 4),
            "size": node_size(node.centrality, top),
        }
        if node.id in positions:
            item["x"], item["y"] = positions[node.id]
        items.append(item)
    return items


def vis_edges(edges: Sequence[GraphEdge]) -> list[dict[str, Any]]:
    """vis-network edge items; parallel edges get different curves so each stays visible."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    items = []
    for edge in edges:
        pair = (min(edge.source, edge.target), max(edge.source, edge.target))
        k = seen[pair]
        seen[pair] += 1
        secondary = edge.kind in ("about", "place")
        colour = SECONDARY_EDGE_COLOUR if secondary else QUAD_STYLES.get(
            edge.quad, (SECONDARY_EDGE_COLOUR, ""))[0]
        item: dict[str, Any] = {
            "id": edge.id, "from": edge.source, "to": edge.target, "kind": edge.kind,
            "category": edge.category, "quad": edge.quad, "date": edge.date,
            "sentence": edge.sentence, "headline": edge.headline, "event": edge.event,
            "article": edge.article, "tooltip": edge.tooltip,
            "label": "" if secondary else edge.category,
            "color": {"color": colour, "highlight": colour, "hover": colour},
            "dashes": secondary, "width": 1 if secondary else 2,
            "arrows": "to" if edge.directed else "",
        }
        if edge.source == edge.target:
            item["selfReference"] = {"size": 16 + 4 * k, "angle": math.pi / 4 + 1.3 * k}
        else:
            # Alternate sides, growing outwards; flip for the reverse direction so that
            # a→b and b→a do not land on the same curve.
            clockwise = (k % 2 == 0) == (edge.source == pair[0])
            item["smooth"] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                              "roundness": 0.9 * (1 - (1 - _CURVE_STEP) ** ((k + 1) // 2))}
        items.append(item)
    return items


def vis_options(physics: bool, node_count: int) -> dict[str, Any]:
    """vis-network options: physics for small graphs, fixed positions for big ones."""
    return {
        "autoResize": True,
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 140,
                                 "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 400, "fit": True},
        },
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
        "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": True,
                        "hideEdgesOnDrag": node_count > 300},
        "nodes": {"borderWidth": 1,
                  "font": {"size": 15, "face": FONT_FACE, "strokeWidth": 4,
                           "strokeColor": "#ffffff", "color": "#1a1a1a"}},
        "edges": {"font": {"size": 10, "face": FONT_FACE, "align": "horizontal",
                           "strokeWidth": 3, "strokeColor": "#ffffff", "color": "#333333"},
                  "arrows": {"to": {"enabled": False, "scaleFactor": 0.6}},
                  "selectionWidth": 2, "hoverWidth": 1.5},
    }
