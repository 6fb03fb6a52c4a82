"""What the entity page shows: one entity's labels, identity and events, read with bound values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from kg.namespace import BASE, ID
from kg.query import with_prologue
from kg.store import KGStore

ENTITY_PREFIX = str(ID) + "entity/"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
MAX_EVENTS = 500
_ONTOLOGY = BASE + "ontology#"

# ?entity is bound (a substitution), so every query projects it.
_DESCRIPTION = """
SELECT ?entity ?p ?o ?label WHERE {
  VALUES ?p { rdf:type skos:prefLabel skos:altLabel owl:sameAs kg:office kg:country kg:iso3
              kg:member }
  ?entity ?p ?o .
  OPTIONAL { FILTER(?p IN (kg:country, kg:member)) ?o skos:prefLabel ?label }
}
"""
_EVENTS = """
SELECT ?entity ?event ?role ?category ?quad ?date ?precision ?trigger ?sentence ?article ?headline
WHERE {
  VALUES ?role { kg:source kg:recipient kg:about kg:place kg:attributedTo }
  ?event ?role ?entity ; a kg:Event ; kg:category ?category .
  OPTIONAL { ?event kg:quadClass ?quad }
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:datePrecision ?precision }
  OPTIONAL { ?event kg:trigger ?trigger }
  OPTIONAL { ?event kg:evidence/kg:sentenceText ?sentence }
  OPTIONAL { ?event prov:wasDerivedFrom ?article OPTIONAL { ?article dcterms:title ?headline } }
}
"""
_COUNTERPARTS = """
SELECT ?entity ?event ?role ?other ?label WHERE {
  VALUES ?own { kg:source kg:recipient kg:about kg:place kg:attributedTo }
  VALUES ?role { kg:source kg:recipient kg:about kg:place }
  ?event ?own ?entity ; a kg:Event ; ?role ?other .
  FILTER(isIRI(?other) && ?other != ?entity)
  OPTIONAL { ?other skos:prefLabel ?label }
}
"""


@dataclass(frozen=True)
class Counterpart:
    """Another entity of the same event, with its role there."""

    role: str
    iri: str
    label: str


@dataclass
class EntityEvent:
    """One event the entity took part in, with the sentence it was read from."""

    iri: str
    category: str
    quad: str = ""
    roles: list[str] = field(default_factory=list)
    date: str = ""
    trigger: str = ""
    sentences: list[str] = field(default_factory=list)
    article: str = ""
    headline: str = ""
    counterparts: list[Counterpart] = field(default_factory=list)


@dataclass
class EntityData:
    """Everything the entity page shows; plain strings only."""

    iri: str
    labels: list[tuple[str, str]] = field(default_factory=list)  # (text, language)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    wikidata: list[str] = field(default_factory=list)  # QIDs
    same_as: list[str] = field(default_factory=list)  # other owl:sameAs IRIs
    details: list[tuple[str, str, str]] = field(default_factory=list)  # (what, value, label)
    events: list[EntityEvent] = field(default_factory=list)
    events_total: int = 0

    @property
    def label(self) -> str:
        """The Japanese label, else the English one, else the IRI's last segment."""
        for lang in ("ja", "en", ""):
            for text, language in self.labels:
                if language == lang:
                    return text
        return self.iri.rsplit("/", 1)[-1]


def _pick_label(labels: list[Literal]) -> str:
    for lang in ("ja", "en"):
        for label in labels:
            if label.language == lang:
                return str(label)
    return str(labels[0]) if labels else ""


def entity_data(store: KGStore, iri: str, *, max_events: int = MAX_EVENTS) -> EntityData | None:
    """Read one entity and its events; ``None`` when the store says nothing about it.

    Args:
        store: the store (the union of its graphs).
        iri: the entity's IRI (bound as a value, never pasted into query text).
        max_events: events shown at most, newest first; ``events_total`` counts them all.
    """
    entity = {"entity": URIRef(iri)}
    data = EntityData(iri)
    details: dict[tuple[str, str], list[Literal]] = defaultdict(list)
    seen: set[tuple[str, object]] = set()
    for row in store.select(with_prologue(_DESCRIPTION), entity):
        p, o = str(row["p"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1], row["o"]
        if (p, o) in seen:
            if isinstance(row["label"], Literal):
                details[(p, str(o))].append(row["label"])
            continue
        seen.add((p, o))
        if p == "prefLabel" and isinstance(o, Literal):
            data.labels.append((str(o), o.language or ""))
        elif p == "altLabel" and isinstance(o, Literal):
            data.aliases.append((str(o), o.language or ""))
        elif p == "type":
            data.types.append(str(o).removeprefix(_ONTOLOGY))
        elif p == "sameAs" and str(o).startswith(WIKIDATA_ENTITY):
            data.wikidata.append(str(o)[len(WIKIDATA_ENTITY):])
        elif p == "sameAs":
            data.same_as.append(str(o))
        else:
            details[(p, str(o))] += [row["label"]] if isinstance(row["label"], Literal) else []
    data.details = [(p, o, _pick_label(found) or o.removeprefix(ENTITY_PREFIX))
                    for (p, o), found in sorted(details.items())]
    events: dict[str, EntityEvent] = {}
    for row in store.select(with_prologue(_EVENTS), entity):
        key = str(row["event"])
        event = events.setdefault(key, EntityEvent(key, str(row["category"])))
        role = str(row["role"]).removeprefix(_ONTOLOGY)
        if role not in event.roles:
            event.roles.append(role)
        event.quad = event.quad or str(row["quad"] or "")
        if row["date"] is not None and not event.date:
            event.date = str(row["date"]) + (f" ({row['precision']})" if row["precision"] else "")
        event.trigger = event.trigger or str(row["trigger"] or "")
        if row["sentence"] is not None and str(row["sentence"]) not in event.sentences:
            event.sentences.append(str(row["sentence"]))
        event.article = event.article or str(row["article"] or "")
        headline = row["headline"]
        if isinstance(headline, Literal) and (not event.headline or headline.language == "ja"):
            event.headline = str(headline)
    if not (data.labels or data.types or details or events):
        return None
    labels: dict[tuple[str, str, str], list[Literal]] = defaultdict(list)
    for row in store.select(with_prologue(_COUNTERPARTS), entity):
        key = (str(row["event"]), str(row["role"]).removeprefix(_ONTOLOGY), str(row["other"]))
        if isinstance(row["label"], Literal):
            labels[key].append(row["label"])
        else:
            labels.setdefault(key, [])
    for (event_iri, role, other), found in sorted(labels.items()):
        if event_iri in events:
            name = _pick_label(found) or other.rsplit("/", 1)[-1]
            events[event_iri].counterparts.append(Counterpart(role, other, name))
    dated = sorted((e for e in events.values() if e.date), key=lambda e: e.date, reverse=True)
    ordered = dated + sorted((e for e in events.values() if not e.date), key=lambda e: e.iri)
    data.events_total = len(ordered)
    data.events = ordered[:max_events]
    data.labels.sort(key=lambda x: (x[1] != "ja", x[1], x[0]))
    data.aliases.sort(key=lambda x: (x[1] != "ja", x[1], x[0]))
    data.types.sort(key=lambda t: (t == "Actor", t))
    return data
