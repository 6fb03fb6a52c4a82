"""Focused and filtered views of the graph: which events to draw, chosen in the query.

A ``View`` names a focus entity and a depth (events reachable in ``depth`` event hops
from the focus), a date range and PLOVER categories. Dates and categories are bound as
values into the queries, one query per category; the focus is walked breadth-first with
one bound query per entity of the frontier, so nothing outside the view is loaded.
An event's date is its first day (``kg:dateStart``), or its article's date when the
sentence gives none — the same rule as the presets in ``queries/``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.plover import CATEGORIES
from kg.presets import parse_date, resolve_entity
from kg.query import with_prologue
from kg.store import KGStore

# The events passing the date and category filters (bound values; unbound = no filter).
_FILTERED = """
SELECT DISTINCT ?event ?category ?since ?until WHERE {
  ?event a kg:Event ; kg:category ?category ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?event kg:dateStart ?dateStart }
  OPTIONAL { ?article dcterms:issued ?issued }
  BIND(COALESCE(?dateStart, xsd:date(SUBSTR(STR(?issued), 1, 10))) AS ?when)
  FILTER(COALESCE(?when >= ?since, true))
  FILTER(COALESCE(?when <= ?until, true))
}
"""
# The same for the events of one entity ?seed (source, recipient, about or place), with
# every other entity of each event (the next hop of the walk).
_AROUND = """
SELECT DISTINCT ?event ?category ?other ?seed ?since ?until WHERE {
  VALUES ?role { kg:source kg:recipient kg:about kg:place }
  VALUES ?otherRole { kg:source kg:recipient kg:about kg:place }
  ?event a kg:Event ; kg:category ?category ; ?role ?seed ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?event ?otherRole ?other FILTER(isIRI(?other)) }
  OPTIONAL { ?event kg:dateStart ?dateStart }
  OPTIONAL { ?article dcterms:issued ?issued }
  BIND(COALESCE(?dateStart, xsd:date(SUBSTR(STR(?issued), 1, 10))) AS ?when)
  FILTER(COALESCE(?when >= ?since, true))
  FILTER(COALESCE(?when <= ?until, true))
}
"""
MAX_DEPTH = 5


@dataclass(frozen=True)
class View:
    """What to draw: a focus entity (IRI) and depth, a date range, PLOVER categories."""

    focus: str | None = None
    focus_label: str = ""
    depth: int = 1
    since: str | None = None
    until: str | None = None
    categories: tuple[str, ...] = ()

    @property
    def is_everything(self) -> bool:
        return self.focus is None and not self.since and not self.until and not self.categories

    def describe(self) -> str:
        """One line saying what the view keeps, e.g. ``focus プーチン (depth 1) · since …``."""
        parts = []
        if self.focus:
            parts.append(f"focus {self.focus_label or self.focus} (depth {self.depth})")
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        if self.categories:
            parts.append("categories " + ", ".join(self.categories))
        return " · ".join(parts) or "everything"


def make_view(
    store: KGStore,
    *,
    focus: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
    categories: list[str] | tuple[str, ...] = (),
) -> View:
    """Check and normalise view options (labels resolved, dates as ISO days).

    Args:
        focus: an entity as an IRI or a label or alias (``プーチン``, ``Russia``).
        depth: event hops from the focus (1 = the focus's own events).
        since, until: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (``until`` counts to the
            period's last day).
        categories: PLOVER codes; each item may be a comma-separated list.

    Raises:
        QueryError: unknown entity or category, a bad date or depth.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise QueryError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    codes = [c.strip().upper() for item in categories for c in item.split(",") if c.strip()]
    bad = [c for c in codes if c not in CATEGORIES]
    if bad:
        raise QueryError(f"unknown PLOVER categor{'y' if len(bad) == 1 else 'ies'} "
                         f"{', '.join(bad)}; choose from {', '.join(CATEGORIES)}")
    iri = label = None
    if focus:
        iri = str(resolve_entity(store, focus))
        label = entity_label(store, iri) or focus
    return View(iri, label or "", depth, parse_date(since) if since else None,
                parse_date(until, end=True) if until else None, tuple(dict.fromkeys(codes)))


def entity_label(store: KGStore, iri: str) -> str:
    """The entity's Japanese label, else English, else empty."""
    rows = store.select(with_prologue(
        "SELECT ?entity ?label WHERE { ?entity skos:prefLabel ?label }"),
        {"entity": URIRef(iri)})
    labels = {getattr(r["label"], "language", None): str(r["label"]) for r in rows}
    return labels.get("ja") or labels.get("en") or next(iter(labels.values()), "")


def _select(store: KGStore, view: View, seed: str | None) -> list[dict[str, Node | None]]:
    bindings: dict[str, Node] = {}
    if seed:
        bindings["seed"] = URIRef(seed)
    if view.since:
        bindings["since"] = Literal(view.since, datatype=XSD.date)
    if view.until:
        bindings["until"] = Literal(view.until, datatype=XSD.date)
    rows: list[dict[str, Node | None]] = []
    for category in view.categories or (None,):
        if category:
            bindings["category"] = Literal(category)
        rows += store.select(with_prologue(_AROUND if seed else _FILTERED), bindings)
    return rows


@dataclass
class Selection:
    """The events a view keeps, and the entities reached from the focus."""

    events: set[str] = field(default_factory=set)
    reached: dict[str, int] = field(default_factory=dict)


def select_events(store: KGStore, view: View) -> Selection:
    """The events of ``view``: with a focus, a breadth-first walk of ``depth`` event hops."""
    selection = Selection()
    if view.focus is None:
        selection.events = {str(r["event"]) for r in _select(store, view, None)}
        return selection
    selection.reached = {view.focus: 0}
    frontier = [view.focus]
    for hop in range(1, view.depth + 1):
        found: dict[str, set[str]] = defaultdict(set)
        for seed in frontier:
            for row in _select(store, view, seed):
                found[str(row["event"])].add(str(row["other"] or seed))
        selection.events |= set(found)
        frontier = sorted({e for ends in found.values() for e in ends} - set(selection.reached))
        selection.reached.update({e: hop for e in frontier})
        if not frontier:
            break
    return selection


# Above this many events a view reads everything once and filters in Python: one
# bound query per event would then cost more than a single pass.
PER_EVENT_LIMIT = 3000


def load_view(store: KGStore, view: View) -> tuple[Any, Any, Any, Any]:
    """``kg.graph_rows.load_events`` for the events of ``view`` only."""
    from kg.graph_rows import load_events

    keys = sorted(select_events(store, view).events)
    if len(keys) <= PER_EVENT_LIMIT:
        return load_events(store, keys)
    events, roles, qualifiers, entities = load_events(store)
    kept = set(keys)
    return ({k: v for k, v in events.items() if k in kept}, roles, qualifiers, entities)
