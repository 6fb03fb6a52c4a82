"""A short account of what a store holds: articles, entities, events by PLOVER category."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.query import with_prologue
from kg.store import KGStore

_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }"
_ENTITIES = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?m kg:refersTo ?e }"
_EVENTS = """
SELECT ?category (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Event ; kg:category ?category }
GROUP BY ?category ORDER BY DESC(?n) ?category
"""


@dataclass
class Summary:
    """Counts describing a store's content."""

    articles: int
    entities: int
    events_by_category: dict[str, int] = field(default_factory=dict)

    @property
    def events(self) -> int:
        return sum(self.events_by_category.values())

    def lines(self) -> list[str]:
        """The summary as short lines for a terminal."""
        by_category = ", ".join(f"{c} {n}" for c, n in self.events_by_category.items())
        return [
            f"articles: {self.articles}",
            f"entities: {self.entities}",
            f"events:   {self.events}" + (f" ({by_category})" if by_category else ""),
        ]


def summarise(store: KGStore) -> Summary:
    """Count the articles, the entities mentioned, and the events by category."""

    def count(query: str) -> int:
        rows = store.select(with_prologue(query))
        return int(rows[0]["n"]) if rows else 0

    events = {
        str(row["category"]): int(row["n"]) for row in store.select(with_prologue(_EVENTS))
    }
    return Summary(articles=count(_ARTICLES), entities=count(_ENTITIES), events_by_category=events)
