"""Graph statistics: counts, central actors, communities, cooperation/conflict per state pair."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from kg.plover import CATEGORIES
from kg.query import with_prologue
from kg.store import KGStore

ACTOR_CLASSES = ("Person", "Country", "Organization", "Group")
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?entity) AS ?n) WHERE {
  ?entity a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:)))
  FILTER(?class NOT IN (kg:Actor, kg:Event, kg:Mention, kg:Evidence))
  FILTER NOT EXISTS { ?class a owl:Class ; skos:notation ?code }  # PLOVER classes: below
} GROUP BY ?class
"""
_CATEGORIES = """
SELECT ?category ?quad (COUNT(DISTINCT ?event) AS ?n) WHERE {
  ?event a kg:Event ; kg:category ?category . OPTIONAL { ?event kg:quadClass ?quad }
} GROUP BY ?category ?quad
"""
# Every event linking two states (directly, or through a person or body's kg:country),
# as a source and a recipient or as two co-sources; each unordered pair once.
_PAIRS = """
SELECT DISTINCT ?event ?category ?stateA ?stateB ?labelA ?labelB WHERE {
  ?event a kg:Event ; kg:category ?category ; kg:source ?one .
  { ?event kg:recipient ?other } UNION { ?event kg:source ?other }
  ?one kg:country? ?x . ?x a kg:Country .
  ?other kg:country? ?y . ?y a kg:Country .
  FILTER(?x != ?y)
  # the pair unordered: a source whose state sorts after the recipient's counts too
  BIND(IF(STR(?x) < STR(?y), ?x, ?y) AS ?stateA)
  BIND(IF(STR(?x) < STR(?y), ?y, ?x) AS ?stateB)
  OPTIONAL { ?stateA skos:prefLabel ?labelA FILTER(lang(?labelA) = "ja") }
  OPTIONAL { ?stateB skos:prefLabel ?labelB FILTER(lang(?labelB) = "ja") }
}
"""


@dataclass
class PairBalance:
    """Events between two states by quad class, and the sum of their PLOVER scores."""

    state_a: str
    label_a: str
    state_b: str
    label_b: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUADS, 0))
    score: float = 0.0

    @property
    def balance(self) -> int:
        """Cooperative minus conflictual events."""
        return sum(n if "cooperation" in q else -n for q, n in self.counts.items())


@dataclass
class Stats:
    """What ``kg stats`` reports."""

    articles: int = 0
    entities_by_class: dict[str, int] = field(default_factory=dict)
    events_by_category: dict[str, int] = field(default_factory=dict)
    events_by_quad: dict[str, int] = field(default_factory=dict)
    central_actors: list[dict[str, Any]] = field(default_factory=list)
    communities: list[list[str]] = field(default_factory=list)
    pairs: list[PairBalance] = field(default_factory=list)

    def to_json(self) -> str:
        data = asdict(self)
        for pair, out in zip(self.pairs, data["pairs"]):
            out["balance"] = pair.balance
        return json.dumps(data, ensure_ascii=False, indent=1)

    def lines(self) -> list[str]:
        """The report as text lines."""
        out = [f"articles: {self.articles}", "entities by class:"]
        out += [f"  {c}: {n}" for c, n in self.entities_by_class.items()]
        out.append("events by PLOVER category:")
        out += [f"  {c}: {n}" for c, n in self.events_by_category.items()]
        out.append("events by quad class:")
        out += [f"  {q}: {n}" for q, n in self.events_by_quad.items()]
        out.append("most central actors (PageRank):")
        out += [f"  {a['pagerank']:.3f}  {a['label']} ({a['cls']}, {a['degree']} links)"
                for a in self.central_actors]
        out.append(f"communities (Louvain): {len(self.communities)}")
        out += [f"  {i}. {', '.join(c)}" for i, c in enumerate(self.communities, 1)]
        out.append("cooperation / conflict between states "
                   "(verbal coop, material coop, verbal conflict, material conflict; score):")
        out += [f"  {p.label_a} – {p.label_b}: "
                + " / ".join(str(p.counts[q]) for q in QUADS)
                + f"; balance {p.balance:+d}, score {p.score:+.1f}" for p in self.pairs]
        return out


def pair_balances(store: KGStore) -> list[PairBalance]:
    """Cooperation and conflict per pair of states, most events first."""
    pairs: dict[tuple[str, str], PairBalance] = {}
    for row in store.select(with_prologue(_PAIRS)):
        a, b = str(row["stateA"]), str(row["stateB"])
        pair = pairs.setdefault((a, b), PairBalance(a, str(row["labelA"] or a), b,
                                                    str(row["labelB"] or b)))
        quad, score, _ = CATEGORIES.get(str(row["category"]), ("", 0.0, ""))
        if quad:
            pair.counts[quad] += 1
            pair.score = round(pair.score + score, 2)
    return sorted(pairs.values(), key=lambda p: (-sum(p.counts.values()), p.label_a, p.label_b))


def compute_stats(store: KGStore, *, top: int = 10, seed: int = 7) -> Stats:
    """Count the graph, rank actors by PageRank and find communities (Louvain, seeded).

    Args:
        store: the store to describe.
        top: how many central actors to list.
        seed: the Louvain seed, so the same store gives the same communities.
    """
    import networkx as nx

    from kg.api import to_networkx
    from kg.viz_layout import pagerank

    stats = Stats()
    stats.articles = len(store.select(with_prologue("SELECT ?a WHERE { ?a a kg:Article }")))
    for row in store.select(with_prologue(_CLASSES)):
        stats.entities_by_class[str(row["class"]).rsplit("#", 1)[-1]] = int(row["n"])
    stats.entities_by_class = dict(sorted(stats.entities_by_class.items()))
    by_quad: Counter[str] = Counter()
    for row in store.select(with_prologue(_CATEGORIES)):
        stats.events_by_category[str(row["category"])] = int(row["n"])
        by_quad[str(row["quad"] or "")] += int(row["n"])
    stats.events_by_category = dict(sorted(stats.events_by_category.items(),
                                           key=lambda kv: (-kv[1], kv[0])))
    stats.events_by_quad = {q: by_quad[q] for q in QUADS if by_quad[q]}

    graph = to_networkx(store)
    rank = pagerank(list(graph.nodes), [(a, b) for a, b, _ in graph.edges])
    actors = [n for n in graph.nodes if graph.nodes[n]["cls"] in ACTOR_CLASSES]
    for node in sorted(actors, key=lambda n: (-rank[n], n))[:top]:
        attrs = graph.nodes[node]
        stats.central_actors.append({"iri": node, "label": attrs["label"], "cls": attrs["cls"],
                                     "pagerank": round(rank[node], 4),
                                     "degree": graph.degree(node)})
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for a, b, _ in graph.edges:
        if a != b:
            weights[tuple(sorted((a, b)))] += 1
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    if simple.number_of_edges():
        groups = nx.community.louvain_communities(simple, weight="weight", seed=seed)
        labels = [sorted(graph.nodes[n]["label"] for n in g) for g in groups if len(g) > 1]
        stats.communities = sorted(labels, key=lambda g: (-len(g), g))
    stats.pairs = pair_balances(store)
    return stats
