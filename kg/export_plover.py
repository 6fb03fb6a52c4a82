"""The store's events as PLOVER JSON records, and its entities as entity records.

Field names follow the PLOVER manual's "JSON Data Fields"; ``docs/ontology.md`` has the
table, the extensions (``kg_iri``, ``about``, ``attributed_to``, ``treaty_status``,
``topics``, ``evidence``) and the decisions (no date → ``null``; ``code`` ``null`` when
unknown). An event several articles reported (``docs/merging.md``) is one record: its
``text``, ``text_info``, ``cite_info`` and ``event_text`` come from the first evidence
(earliest article, then sentence), and ``evidence`` lists every article's sentence.
Every query goes through ``KGStore.select``; none pastes a value into its text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS

from kg.mentions import without_gloss
from kg.namespace import KG, SCHEMA, WD
from kg.rdf import ENTITY_CLASSES
from kg.store import KGStore

_PREFIXES = f"""PREFIX kg: <{KG}>
PREFIX rdf: <{RDF}>
PREFIX skos: <{SKOS}>
PREFIX owl: <{OWL}>
PREFIX prov: <{PROV}>
PREFIX dcterms: <{DCTERMS}>
PREFIX schema: <{SCHEMA}>
"""

EVENTS_QUERY = _PREFIXES + """
SELECT ?event ?category ?quad ?mode ?date ?precision ?place ?status ?duration
       ?article ?aid ?title ?url ?language ?publication ?issued
       ?sentence ?text ?sstart ?start ?end ?edate
WHERE {
    ?event a kg:Event ; kg:category ?category ; kg:evidence ?evidence .
    ?evidence kg:article ?article ; kg:sentenceIndex ?sentence ; kg:sentenceText ?text ;
              kg:sentenceStart ?sstart ; kg:charStart ?start ; kg:charEnd ?end .
    ?article kg:contentId ?aid .
    OPTIONAL { ?event kg:quadClass ?quad }
    OPTIONAL { ?event kg:mode ?mode }
    OPTIONAL { ?event kg:date ?date }
    OPTIONAL { ?event kg:datePrecision ?precision }
    OPTIONAL { ?event kg:place ?place }
    OPTIONAL { ?event kg:treatyStatus ?status }
    OPTIONAL { ?event kg:duration ?duration }
    OPTIONAL { ?evidence kg:date ?edate }
    OPTIONAL { ?article dcterms:title ?title }
    OPTIONAL { ?article schema:url ?url }
    OPTIONAL { ?article dcterms:language ?language }
    OPTIONAL { ?article kg:publication ?publication }
    OPTIONAL { ?article dcterms:issued ?issued }
}
"""

ROLES_QUERY = _PREFIXES + """
SELECT ?event ?role ?value WHERE {
    VALUES ?role { kg:source kg:recipient kg:about kg:attributedTo kg:notConfirmedBy
                  kg:context kg:topic }
    ?event a kg:Event ; ?role ?value .
}
"""

ENTITIES_QUERY = _PREFIXES + """
SELECT ?entity ?p ?o WHERE {
    VALUES ?class { kg:Person kg:Country kg:Organization kg:Group kg:Treaty kg:Initiative
                    kg:Place kg:Topic }
    VALUES ?p { rdf:type skos:prefLabel skos:altLabel owl:sameAs kg:iso3 kg:country kg:minted }
    ?entity a ?class ; ?p ?o .
}
"""

MENTIONS_QUERY = _PREFIXES + """
SELECT ?article ?entity ?sentence ?start ?surface WHERE {
    ?mention a kg:Mention ; kg:article ?article ; kg:refersTo ?entity ;
             kg:sentenceIndex ?sentence ; kg:charStart ?start ; kg:surface ?surface .
}
"""

REFERENCED_QUERY = _PREFIXES + """
SELECT DISTINCT ?entity WHERE {
    { ?event a kg:Event ; kg:source|kg:recipient|kg:about|kg:attributedTo|kg:place ?entity }
    UNION
    { ?mention a kg:Mention ; kg:refersTo ?entity }
}
"""

@dataclass
class _Entity:
    iri: URIRef
    types: set[URIRef] = field(default_factory=set)
    label_ja: str | None = None
    label_en: str | None = None
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    iso3: str | None = None
    country: URIRef | None = None
    minted: bool = False

    @property
    def type_name(self) -> str:
        for name, cls in ENTITY_CLASSES.items():
            if cls in self.types:
                return name
        return "Actor" if KG.Actor in self.types else "Entity"


def _entities(store: KGStore) -> dict[URIRef, _Entity]:
    entities: dict[URIRef, _Entity] = {}
    for row in store.select(ENTITIES_QUERY):
        iri, p, o = row["entity"], row["p"], row["o"]
        if not isinstance(iri, URIRef):
            continue
        entity = entities.setdefault(iri, _Entity(iri))
        if p == RDF.type and isinstance(o, URIRef):
            entity.types.add(o)
        elif p == SKOS.prefLabel and isinstance(o, Literal):
            if o.language == "ja":
                entity.label_ja = min(filter(None, (entity.label_ja, str(o))))
            elif o.language == "en":
                entity.label_en = min(filter(None, (entity.label_en, str(o))))
        elif p == SKOS.altLabel and o is not None:
            entity.aliases.add(str(o))
        elif p == OWL.sameAs and isinstance(o, URIRef) and str(o).startswith(str(WD)):
            entity.wikidata = str(o)[len(str(WD)) :]
        elif p == KG.iso3 and o is not None:
            entity.iso3 = str(o)
        elif p == KG.country and isinstance(o, URIRef):
            entity.country = o
        elif p == KG.minted and isinstance(o, Literal):
            entity.minted = bool(o.toPython())
    return entities


class _Mentions:
    """Surface forms by (article, sentence, entity), to name actors as written."""

    def __init__(self, store: KGStore) -> None:
        self.spans: dict[tuple[Any, Any, Any], list[tuple[int, str]]] = defaultdict(list)
        self.surfaces: dict[URIRef, set[str]] = defaultdict(set)
        for row in store.select(MENTIONS_QUERY):
            sentence, start = _int(row["sentence"]), _int(row["start"])
            surface = without_gloss(str(row["surface"]))  # 欧州連合（EU） is written 欧州連合
            self.spans[(row["article"], sentence, row["entity"])].append((start, surface))
            if isinstance(row["entity"], URIRef):
                self.surfaces[row["entity"]].add(surface)

    def nearest(self, article: Any, sentence: int, entity: URIRef, offset: int) -> str | None:
        """The entity's mention in this sentence closest to ``offset`` (the trigger)."""
        spans = self.spans.get((article, sentence, entity))
        if not spans:
            return None
        return min(spans, key=lambda span: (abs(span[0] - offset), span[0]))[1]


def _int(term: Any) -> int:
    return int(term.toPython()) if isinstance(term, Literal) else int(str(term))


def _str(term: Any) -> str | None:
    return None if term is None else str(term)


def _actor(
    iri: URIRef, entities: dict[URIRef, _Entity], actor_text: str | None
) -> dict[str, Any]:
    """A PLOVER actor object (also used for ``about`` and ``attributed_to``)."""
    entity = entities.get(iri) or _Entity(iri)
    code = entity.iso3
    if code is None and entity.country is not None and entity.country in entities:
        code = entities[entity.country].iso3
    return {
        "actor_text": actor_text or entity.label_ja or entity.label_en,
        "identifier_id": entity.wikidata or str(iri),
        "identifier_text": entity.label_en or entity.label_ja,
        "code": code,
        "kg_iri": str(iri),
    }


def _sort_time(issued: Any) -> float:
    value = issued.toPython() if isinstance(issued, Literal) else None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.timestamp()
    if hasattr(value, "year"):  # an xsd:date
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc).timestamp()
    return float("inf")


def _trigger(row: dict[str, Any]) -> str:
    """The trigger as written in the evidence sentence (one per article on a merged event)."""
    offset = _int(row["sstart"])
    return str(row["text"])[_int(row["start"]) - offset : _int(row["end"]) - offset]


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    """One article's report of an event: the ``evidence`` extension's items."""
    return {
        "article_id": str(row["aid"]),
        "sequence": _int(row["sentence"]),
        "start": _int(row["start"]),
        "end": _int(row["end"]),
        "sentence_start": _int(row["sstart"]),
        "event_text": _trigger(row),
        "date": _str(row["edate"]) if row["edate"] is not None else _str(row["date"]),
        "title": _str(row["title"]),
        "url": _str(row["url"]),
    }


def plover_records(store: KGStore) -> list[dict[str, Any]]:
    """Every event of the store as a PLOVER JSON record, in a deterministic order.

    Order: article date (``dcterms:issued``; undated articles last), article id,
    sentence index, trigger start, category.
    """
    entities = _entities(store)
    mentions = _Mentions(store)
    multi: dict[URIRef, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in store.select(ROLES_QUERY):
        multi[row["event"]][str(row["role"])].append(row["value"])  # type: ignore[index]

    rows: dict[URIRef, dict[str, Any]] = {}
    evidence: dict[URIRef, dict[tuple[Any, ...], dict[str, Any]]] = defaultdict(dict)
    for row in store.select(EVENTS_QUERY):
        event = row["event"]
        key = (_sort_time(row["issued"]), str(row["aid"]), _int(row["sentence"]),
               _int(row["start"]), str(row["category"]))
        if event not in rows or key < rows[event]["_key"]:
            rows[event] = {**row, "_key": key}  # type: ignore[index]
        evidence[event][key] = _evidence(row)  # type: ignore[arg-type]

    records = []
    for event, row in sorted(rows.items(), key=lambda item: (item[1]["_key"], str(item[0]))):
        article, sentence, start = row["article"], _int(row["sentence"]), _int(row["start"])
        values = multi.get(event, {})

        def actors(role: URIRef, values: dict[str, list[Any]] = values) -> list[dict[str, Any]]:
            iris = sorted({v for v in values.get(str(role), []) if isinstance(v, URIRef)})
            return [
                _actor(iri, entities, mentions.nearest(article, sentence, iri, start))
                for iri in iris
            ]

        place = row["place"]
        event_loc = None
        if isinstance(place, URIRef):
            loc = entities.get(place) or _Entity(place)
            event_loc = {
                "name": loc.label_en or loc.label_ja or str(place),
                "identifier_id": loc.wikidata or str(place),
                "kg_iri": str(place),
            }
        records.append(
            {
                "id": str(event).rsplit("/", 1)[-1],
                "date": _str(row["date"]),
                "date_precision": _str(row["precision"]) if row["date"] is not None else None,
                "source": actors(KG.source),
                "recipient": actors(KG.recipient),
                "event": [str(row["category"])],
                "mode": _str(row["mode"]),
                "context": sorted({str(v) for v in values.get(str(KG.context), [])}),
                "event_loc": event_loc,
                "event_text": _trigger(row),
                "text": str(row["text"]),
                "text_info": {
                    "sequence": sentence,
                    "start": start,
                    "end": _int(row["end"]),
                    "sentence_start": _int(row["sstart"]),
                },
                "cite_info": {
                    "url": _str(row["url"]),
                    "title": _str(row["title"]),
                    "language": _str(row["language"]),
                    "publication": _str(row["publication"]),
                    "article_id": str(row["aid"]),
                },
                "quad_code": _str(row["quad"]),
                "kg_iri": str(event),
                "about": actors(KG.about),
                "attributed_to": actors(KG.attributedTo),
                "not_confirmed_by": actors(KG.notConfirmedBy),
                "treaty_status": _str(row["status"]),
                "duration": _str(row["duration"]),
                "topics": sorted({str(v) for v in values.get(str(KG.topic), [])}),
                "evidence": [evidence[event][k] for k in sorted(evidence[event])],
            }
        )
    return records


def entity_records(store: KGStore) -> list[dict[str, Any]]:
    """Every entity mentioned in an article or taking part in an event, sorted by IRI.

    Gazetteer entities no article mentions are left out (they would be hundreds of
    states of noise); ``kg export turtle`` still has them.
    """
    entities = _entities(store)
    mentions = _Mentions(store)
    referenced = {row["entity"] for row in store.select(REFERENCED_QUERY)}
    records = []
    for iri in sorted(i for i in referenced if isinstance(i, URIRef)):
        entity = entities.get(iri) or _Entity(iri)
        records.append(
            {
                "iri": str(iri),
                "type": entity.type_name,
                "label_ja": entity.label_ja,
                "label_en": entity.label_en,
                "aliases": sorted(entity.aliases),
                "wikidata": entity.wikidata,
                "mentions": sorted(mentions.surfaces.get(iri, ())),
                "minted": entity.minted,
            }
        )
    return records
