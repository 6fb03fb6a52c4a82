"""Reading what the graph page draws: events, their roles and qualifiers, and entity labels."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Literal, URIRef
from rdflib.term import Node as RDFNode

from kg.namespace import BASE
from kg.page_assets import CLASS_STYLES
from kg.query import with_prologue
from kg.store import KGStore

_CLASS_ORDER = [c for c in CLASS_STYLES if c != "Other"]
_ONTOLOGY = BASE + "ontology#"

_EVENTS = """
SELECT ?event ?category ?quad ?date ?precision ?sentence ?article ?headline WHERE {
  ?event a kg:Event ; kg:category ?category .
  OPTIONAL { ?event kg:quadClass ?quad }
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:datePrecision ?precision }
  OPTIONAL { ?event kg:evidence/kg:sentenceText ?sentence }
  OPTIONAL { ?event prov:wasDerivedFrom ?article OPTIONAL { ?article dcterms:title ?headline } }
} ORDER BY ?event
"""
_ROLES = """
SELECT ?event ?role ?entity WHERE {
  VALUES ?role { kg:source kg:recipient kg:about kg:place }
  ?event a kg:Event ; ?role ?entity . FILTER(isIRI(?entity))
} ORDER BY ?event ?role ?entity
"""
_QUALIFIERS = """
SELECT ?event ?key ?value WHERE {
  VALUES (?p ?key) { (kg:context "context") (kg:mode "mode") (kg:trigger "trigger") }
  ?event a kg:Event ; ?p ?value .
} ORDER BY ?event ?key ?value
"""
_ENTITIES = """
SELECT DISTINCT ?entity ?type ?label WHERE {
  VALUES ?role { kg:source kg:recipient kg:about kg:place }
  ?event a kg:Event ; ?role ?entity .
  { ?entity a ?type } UNION { ?entity skos:prefLabel ?label }
}
"""


def _preferred(labels: list[Literal], lang: str) -> str:
    return next((str(x) for x in labels if x.language == lang), "")


def _rows(store: KGStore, query: str, name: str, keys: list[str] | None) -> list[dict]:
    """The query's rows: over everything, or once per key bound to ``?{name}``."""
    if keys is None:
        return store.select(with_prologue(query))
    return [row for key in keys
            for row in store.select(with_prologue(query), {name: URIRef(key)})]


def _entities(store: KGStore, keys: list[str] | None = None) -> dict[str, tuple[str, str, str]]:
    """entity IRI -> (label, English label, class)."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, list[Literal]] = defaultdict(list)
    for row in _rows(store, _ENTITIES, "entity", keys):
        if isinstance(row["label"], Literal):
            labels[str(row["entity"])].append(row["label"])
        elif row["type"] is not None:
            types[str(row["entity"])].add(str(row["type"]).removeprefix(_ONTOLOGY))
    out = {}
    for iri in set(types) | set(labels):
        found = sorted(labels[iri], key=str)
        en = _preferred(found, "en")
        label = _preferred(found, "ja") or en or (str(found[0]) if found else "")
        cls = next((c for c in _CLASS_ORDER if c in types[iri]), "Other")
        out[iri] = (label or iri.rsplit("/", 1)[-1], en, cls)
    return out


def _events(
    store: KGStore, keys: list[str] | None = None
) -> dict[str, dict[str, RDFNode | None]]:
    """event IRI -> its scalar fields (one evidence sentence; the Japanese headline first)."""
    events: dict[str, dict[str, RDFNode | None]] = {}
    for row in _rows(store, _EVENTS, "event", keys):
        seen = events.setdefault(str(row["event"]), row)
        if isinstance(row["headline"], Literal) and row["headline"].language == "ja":
            seen["headline"] = row["headline"]
    return events


Roles = dict[str, dict[str, list[str]]]


def load_events(store: KGStore, keys: list[str] | None = None) -> tuple[
        dict[str, dict[str, RDFNode | None]], Roles, dict[str, list[str]],
        dict[str, tuple[str, str, str]]]:
    """Events, their roles, qualifiers and entities: all, or only the events in ``keys``."""
    events = _events(store, keys)
    roles: Roles = defaultdict(lambda: defaultdict(list))
    for row in _rows(store, _ROLES, "event", keys):
        role = str(row["role"]).removeprefix(_ONTOLOGY)
        roles[str(row["event"])][role].append(str(row["entity"]))
    qualifiers: dict[str, list[str]] = defaultdict(list)
    for row in _rows(store, _QUALIFIERS, "event", keys):
        qualifiers[str(row["event"])].append(f"{row['key']}: {row['value']}")
    ends = None if keys is None else sorted({e for r in roles.values() for v in r.values()
                                             for e in v})
    return events, roles, qualifiers, _entities(store, ends)
