"""One event node across articles: match an article's events to those other articles reported.

The writer (``kg.rdf.write_article``) first builds an article's graph with every event
under its own IRI, then ``merge_graph`` looks for each event in the other articles'
graphs and rewrites the graph: a matched event is written under the IRI of the event
it matched, and a ``kg:Merge`` record in the article's graph says so. The rewrite is a
pure function of the article's triples and what the store holds, and it can be undone
from the graph alone (``unmerge_graph``); ``docs/merging.md`` gives the rules and why.

Matching (``match``): same PLOVER category; the same grammatical contexts (a future,
negated, hypothetical or historical report never joins a plain one); participants
(sources and recipients, groups counted as their members) sharing at least two actors,
or every actor of the side that names only one; for directed categories a shared
source; no disagreement on mode, place, treaty status or what the event is about; and
dates equal at the coarser precision. An undated event matches only the same
participants on the same subject (``kg:about`` or treaty status) in an article
published within ``UNDATED_WINDOW`` of the other.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF
from rdflib.term import Node

from kg.namespace import KG, article_graph, article_iri, merge_iri
from kg.store import KGStore, values_clause

# Categories whose participants are interchangeable (a call between A and B is a call
# between B and A); the others are directed, and a match needs a shared source.
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Contexts that say the report is not of a plain, happened event: they must agree.
GRAMMATICAL = frozenset({"future", "negation", "hypothetical", "historical"})
# An undated event matches only in articles published at most this far apart.
UNDATED_WINDOW = timedelta(days=7)
# Properties an event node holds once: when the node already has another value, an
# article's own value is written on its evidence node instead (docs/merging.md).
SINGLE_VALUED: tuple[tuple[URIRef, ...], ...] = (
    (KG.date, KG.datePrecision, KG.dateStart),
    (KG.mode,),
    (KG.place,),
    (KG.treatyStatus,),
)
_MOVABLE = frozenset(p for group in SINGLE_VALUED for p in group)
_GRAPH_PREFIX = str(article_graph(""))
_MEMBER = KG.member

_PREFIXES = f"PREFIX kg: <{KG}>\nPREFIX dcterms: <{DCTERMS}>\n"
MEMBERS_QUERY = _PREFIXES + "SELECT ?group ?member WHERE { ?group kg:member ?member }"
MEMBER_GRAPHS_QUERY = _PREFIXES + (
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?group kg:member ?member } }")
# Look-ups of many values at once: ``_with_values`` fills ``VALUES`` in with a VALUES
# block (``kg.store.values_clause``: terms serialised by pyoxigraph, never pasted as text).
# Events of a category with an actor as source or recipient: one branch per role, each
# starting from the actor (a UNION, not the path kg:source|kg:recipient, which Oxigraph
# evaluates from the far less selective category; same rows, several times faster).
CANDIDATES_QUERY = _PREFIXES + """
SELECT DISTINCT ?event ?g ?category ?actor ?date WHERE {
    VALUES
    { GRAPH ?g { ?event kg:source ?actor ; kg:category ?category .
                 OPTIONAL { ?event kg:date ?date } } }
    UNION
    { GRAPH ?g { ?event kg:recipient ?actor ; kg:category ?category .
                 OPTIONAL { ?event kg:date ?date } } }
}"""
DESCRIBE_QUERY = "SELECT ?event ?g ?p ?o WHERE { VALUES GRAPH ?g { ?event ?p ?o } }"
CANONICAL_QUERY = _PREFIXES + """
SELECT ?event ?g WHERE { VALUES GRAPH ?g { ?merge a kg:Merge ; kg:canonical ?event } }"""
ISSUED_QUERY = _PREFIXES + (
    "SELECT ?article ?issued WHERE { VALUES ?article dcterms:issued ?issued }")
MERGES_QUERY = _PREFIXES + """
SELECT ?g ?matched WHERE { GRAPH ?g { ?merge a kg:Merge ; kg:matchedArticle ?matched } }"""

Day = tuple[int, int | None, int | None]
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class EventFacts:
    """What matching compares of one event (values as IRIs and plain strings).

    The single-valued properties are sets: a candidate's description is the union of
    several articles' graphs, and matching must see every value there.
    """

    iri: URIRef
    category: str
    sources: frozenset[URIRef]
    recipients: frozenset[URIRef]
    about: frozenset[URIRef]
    contexts: frozenset[str]
    modes: frozenset[str]
    places: frozenset[URIRef]
    statuses: frozenset[str]
    dates: frozenset[Day]
    articles: frozenset[URIRef]


@dataclass(frozen=True)
class Match:
    """A decision that an article's event is the event ``canonical``."""

    canonical: URIRef
    matched_article: URIRef | None
    reason: str
    score: tuple[int, ...] = ()


def _day(value: Literal) -> Day | None:
    parts = str(value).split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
    except ValueError:
        return None
    numbers += [None] * (3 - len(numbers))  # type: ignore[list-item]
    return numbers[0], numbers[1], numbers[2]


def facts_of(graph: Graph, node: URIRef) -> EventFacts:
    """The facts of event ``node`` in ``graph`` (pure: reads nothing else)."""
    po: dict[Node, list[Node]] = {}
    for p, o in graph.predicate_objects(node):
        po.setdefault(p, []).append(o)
    return _facts(node, po)


def _facts(node: URIRef, po: Mapping[Node, Collection[Node]]) -> EventFacts:
    """``facts_of`` over an event's own description, ``{predicate: objects}``."""

    def iris(p: URIRef) -> frozenset[URIRef]:
        return frozenset(o for o in po.get(p, ()) if isinstance(o, URIRef))

    def strings(p: URIRef) -> frozenset[str]:
        return frozenset(str(o) for o in po.get(p, ()))

    days = (_day(o) for o in po.get(KG.date, ()) if isinstance(o, Literal))
    category = next(iter(po.get(KG.category, ())), None)
    return EventFacts(
        iri=node,
        category=str(category or ""),
        sources=iris(KG.source),
        recipients=iris(KG.recipient),
        about=iris(KG.about),
        contexts=strings(KG.context),
        modes=strings(KG.mode),
        places=iris(KG.place),
        statuses=strings(KG.treatyStatus),
        dates=frozenset(d for d in days if d is not None),
        articles=iris(PROV.wasDerivedFrom),
    )


def _expand(actors: Iterable[URIRef], members: Mapping[URIRef, frozenset[URIRef]]) -> set[URIRef]:
    """Actors with each group replaced by its members (米ロ → the US, Russia)."""
    found: set[URIRef] = set()
    for actor in actors:
        found |= members.get(actor) or {actor}
    return found


def dates_agree(a: Day, b: Day) -> bool:
    """Equal at the coarser precision: 2021-06-16 agrees with 2021-06 and 2021, not 2021-06-17."""
    for x, y in zip(a, b):
        if x is None or y is None:
            return True
        if x != y:
            return False
    return True


def _day_key(day: Day) -> tuple[int, int, int]:
    return day[0], day[1] or 0, day[2] or 0


def _iso(day: Day) -> str:
    return "-".join(f"{n:02d}" if i else f"{n:04d}" for i, n in enumerate(day) if n is not None)


def _conflict(a: frozenset[object], b: frozenset[object]) -> bool:
    return bool(a) and bool(b) and not (a & b)


def _nearest_days(a: Collection[datetime], b: Collection[datetime]) -> float | None:
    gaps = [abs((x - y).total_seconds()) / 86400 for x in a for y in b]
    return min(gaps) if gaps else None


def match(
    mine: EventFacts,
    other: EventFacts,
    members: Mapping[URIRef, frozenset[URIRef]],
    issued: Mapping[URIRef, datetime],
) -> Match | None:
    """Whether ``mine`` and ``other`` report the same real-world event.

    Args:
        mine: the event of the article being written.
        other: an event already in the store (other articles' graphs only).
        members: each group entity's members, to compare 米ロ with the US and Russia.
        issued: articles' publication times (``dcterms:issued``), for undated events.

    Returns:
        A ``Match`` (reason and ranking score) or ``None``.
    """
    if mine.category != other.category or not mine.category:
        return None
    if mine.contexts & GRAMMATICAL != other.contexts & GRAMMATICAL:
        return None  # never a future or negated report with a plain one
    for a, b in ((mine.modes, other.modes), (mine.places, other.places),
                 (mine.statuses, other.statuses), (mine.about, other.about)):
        if _conflict(a, b):
            return None
    ours = _expand(mine.sources | mine.recipients, members)
    theirs = _expand(other.sources | other.recipients, members)
    shared = ours & theirs
    if not shared or len(shared) < min(2, len(ours), len(theirs)):
        return None
    if mine.category not in SYMMETRIC and not (
        _expand(mine.sources, members) & _expand(other.sources, members)
    ):
        return None  # A accuses B is not B accuses A
    same_set = ours == theirs
    subject = bool(mine.about & other.about) or bool(mine.statuses & other.statuses)
    why = [f"{mine.category}", f"participants {len(shared)}/{len(ours | theirs)} shared"]
    if mine.dates and other.dates:
        pairs = [(a, b) for a in sorted(mine.dates, key=_day_key)
                 for b in sorted(other.dates, key=_day_key) if dates_agree(a, b)]
        if not pairs:
            return None
        a, b = next(((a, b) for a, b in pairs if a == b), pairs[0])  # an exact pair first
        exact = a == b
        why.append(f"date {_iso(a)}" if exact else f"dates {_iso(a)} ~ {_iso(b)}")
    else:
        gap = _nearest_days(
            [issued[x] for x in sorted(mine.articles) if x in issued],
            [issued[x] for x in sorted(other.articles) if x in issued],
        )
        if not (same_set and subject) or gap is None or gap > UNDATED_WINDOW.days:
            return None
        exact = False
        why.append(f"undated: same participants and subject, articles {gap:.1f} days apart")
    if subject:
        why.append("same subject")
    score = (int(same_set), int(exact), len(shared), len(mine.about & other.about))
    return Match(other.iri, None, "; ".join(why), score)


def plan_merges(
    mine: Iterable[EventFacts],
    candidates: Mapping[URIRef, EventFacts],
    members: Mapping[URIRef, frozenset[URIRef]],
    issued: Mapping[URIRef, datetime],
    owners: Mapping[URIRef, URIRef | None] | None = None,
) -> dict[URIRef, Match]:
    """Pair an article's events with candidates, best first, each candidate at most once.

    One-to-one so two events of one article never become one node. Ties break on the
    IRIs, so the same store gives the same plan.

    Returns:
        ``{local event IRI: Match}`` for the events that matched.
    """
    pairs = []
    for facts in mine:
        for candidate in candidates.values():
            found = match(facts, candidate, members, issued)
            if found is not None:
                pairs.append((found.score, facts.iri, found))
    pairs.sort(key=lambda t: (tuple(-s for s in t[0]), str(t[1]), str(t[2].canonical)))
    plan: dict[URIRef, Match] = {}
    taken: set[URIRef] = set()
    for _, local, found in pairs:
        if local in plan or found.canonical in taken:
            continue
        owner = (owners or {}).get(found.canonical)
        plan[local] = Match(found.canonical, owner, found.reason, found.score)
        taken.add(found.canonical)
    return plan


def _copy_bindings(source: Graph) -> Graph:
    graph = Graph()
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace, override=True)
    return graph


def apply_merges(
    graph: Graph,
    article: URIRef,
    plan: Mapping[URIRef, Match],
    existing: Mapping[URIRef, Graph],
) -> Graph:
    """An article's graph with its matched events written under their canonical IRIs.

    Args:
        graph: the article's graph with every event under its own IRI.
        article: the article's IRI.
        plan: ``{local event: Match}``.
        existing: for each node an event is written as, what other graphs say about it.
            A single-valued property (``SINGLE_VALUED``) that the node already has with
            another value is written on this article's evidence node instead.

    Returns:
        A new graph; ``unmerge_graph`` of it gives ``graph`` back.
    """
    triples = list(graph)
    described = {node: _index(have).get(node, {}) for node, have in existing.items()}
    out = _copy_bindings(graph)
    for triple in _apply(triples, _index(triples), article, plan, described):
        out.add(triple)
    return out


def _index(triples: Iterable[Triple]) -> dict[Node, dict[Node, dict[Node, None]]]:
    """``{subject: {predicate: objects}}``, objects in the order the triples give them."""
    index: dict[Node, dict[Node, dict[Node, None]]] = {}
    for s, p, o in triples:
        index.setdefault(s, {}).setdefault(p, {})[o] = None
    return index


def _events(index: Mapping[Node, Mapping[Node, Collection[Node]]]) -> list[Node]:
    """The subjects typed ``kg:Event``."""
    event, type_ = KG.Event, RDF.type
    return [s for s, po in index.items() if event in po.get(type_, ())]


def _apply(
    triples: Sequence[Triple],
    index: Mapping[Node, Mapping[Node, Collection[Node]]],
    article: URIRef,
    plan: Mapping[URIRef, Match],
    existing: Mapping[URIRef, Mapping[Node, Collection[Node]]],
) -> list[Triple]:
    """``apply_merges`` over triples: ``index`` is ``_index(triples)``, ``existing`` maps
    each node to its description in the other graphs, ``{predicate: objects}``."""
    rename = {local: m.canonical for local, m in plan.items()}
    out: dict[Triple, None] = dict.fromkeys(
        (rename.get(s, s), p, rename.get(o, o) if isinstance(o, URIRef) else o)
        for s, p, o in triples
    )
    by_pair: dict[tuple[Node, Node], dict[Node, None]] | None = None
    for local in sorted(_events(index)):
        target = rename.get(local, local)  # type: ignore[call-overload]
        have = existing.get(target)
        evidence = next(iter(index[local].get(KG.evidence, ())), None)
        if have is None or not isinstance(local, URIRef) or evidence is None:
            continue
        if by_pair is None:
            by_pair = {}
            for s, p, o in out:
                by_pair.setdefault((s, p), {})[o] = None
        for group in SINGLE_VALUED:
            ours = {(p, o) for p in group for o in by_pair.get((target, p), ())}
            theirs = {(p, o) for p in group for o in have.get(p, ())}
            if ours and theirs and ours != theirs:
                for p, o in ours:
                    del out[(target, p, o)]
                    del by_pair[(target, p)][o]
                    out[(evidence, p, o)] = None
                    by_pair.setdefault((evidence, p), {})[o] = None
    for local, found in sorted(plan.items()):
        record = merge_iri(local, found.canonical)
        out[(record, RDF.type, KG.Merge)] = None
        out[(record, KG.canonical, found.canonical)] = None
        out[(record, KG.localEvent, local)] = None
        out[(record, KG.article, article)] = None
        out[(record, KG.mergeReason, Literal(found.reason))] = None
        if found.matched_article is not None:
            out[(record, KG.matchedArticle, found.matched_article)] = None
    return list(out)


def unmerge_graph(graph: Graph) -> Graph:
    """An article's graph as it would be without merging (undo from the graph alone).

    Drops the ``kg:Merge`` records, renames each canonical event back to the local IRI
    the record names, and moves values kept on evidence nodes back to their event.
    """
    back: dict[URIRef, URIRef] = {}
    records = set(graph.subjects(RDF.type, KG.Merge))
    for record in records:
        canonical, local = graph.value(record, KG.canonical), graph.value(record, KG.localEvent)
        if isinstance(canonical, URIRef) and isinstance(local, URIRef):
            back[canonical] = local
    out = _copy_bindings(graph)
    for s, p, o in graph:
        if s in records:
            continue
        obj = back.get(o, o) if isinstance(o, URIRef) else o
        out.add((back.get(s, s), p, obj))  # type: ignore[arg-type]
    for event in list(out.subjects(RDF.type, KG.Event)):
        for evidence in list(out.objects(event, KG.evidence)):
            for p, o in list(out.predicate_objects(evidence)):
                if p in _MOVABLE:
                    out.remove((evidence, p, o))
                    out.add((event, p, o))
    return out


# -- reading the store ------------------------------------------------------------------


def _article_graphs(graph: object) -> bool:
    return str(graph).startswith(_GRAPH_PREFIX)


def group_members(store: KGStore) -> dict[URIRef, frozenset[URIRef]]:
    """Every group entity's members (``kg:member``), from the whole store."""
    found: dict[URIRef, set[URIRef]] = {}
    for row in store.select(MEMBERS_QUERY):
        group, member = row["group"], row["member"]
        if isinstance(group, URIRef) and isinstance(member, URIRef):
            found.setdefault(group, set()).add(member)
    return {g: frozenset(m) for g, m in found.items()}


Members = dict[URIRef, frozenset[URIRef]]


def _groups_of(members: Members) -> dict[URIRef, set[URIRef]]:
    groups_of: dict[URIRef, set[URIRef]] = {}
    for group, who in members.items():
        for member in who:
            groups_of.setdefault(member, set()).add(group)
    return groups_of


class MergeCache:
    """What merging reads from the whole store, read once per build instead of per article.

    That is the group members (``kg:member``). The writer tells the cache every graph it
    writes (``written``) or removes (``removed``); a graph that holds or held
    ``kg:member`` triples drops the cache, so the next article reads them again and
    merging sees exactly what the store holds.
    """

    def __init__(self) -> None:
        self._members: Members | None = None
        self._groups_of: dict[URIRef, set[URIRef]] = {}
        self._graphs: frozenset[Node] = frozenset()

    def members(self, store: KGStore) -> tuple[Members, dict[URIRef, set[URIRef]]]:
        """``(group → members, member → groups)`` as the store holds them."""
        if self._members is None:
            self._graphs = frozenset(
                row["g"] for row in store.select(MEMBER_GRAPHS_QUERY) if row["g"] is not None)
            self._members = group_members(store)
            self._groups_of = _groups_of(self._members)
        return self._members, self._groups_of

    def written(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """The writer replaced ``graph`` with ``triples``."""
        if self._members is not None and (
                graph in self._graphs or _MEMBER in {p for _, p, _ in triples}):
            self._members = None

    def removed(self, graph: URIRef) -> None:
        """The writer removed ``graph``."""
        if graph in self._graphs:
            self._members = None


def _with_values(template: str, variables: Sequence[str], rows: Iterable[Sequence[Node]]) -> str:
    """A query template (``CANDIDATES_QUERY`` …) with its ``VALUES`` block filled in."""
    return template.replace("VALUES", values_clause(variables, rows), 1)


def _describe_many(
    store: KGStore, events: Sequence[URIRef], exclude: Collection[URIRef]
) -> dict[URIRef, tuple[dict[Node, dict[Node, None]], set[URIRef]]]:
    """For each event (one query for all), what the article graphs other than ``exclude``
    say about it, ``{predicate: objects}``, and which graphs say it; events nothing
    describes are left out."""
    found: dict[URIRef, tuple[dict[Node, dict[Node, None]], set[URIRef]]] = {}
    if not events:
        return found
    for row in store.select(_with_values(DESCRIBE_QUERY, ["event"], ([e] for e in events))):
        event, g, p, o = row["event"], row["g"], row["p"], row["o"]
        if g in exclude or not _article_graphs(g) or p is None or o is None:
            continue
        po, graphs = found.setdefault(event, ({}, set()))  # type: ignore[arg-type]
        po.setdefault(p, {})[o] = None
        graphs.add(g)  # type: ignore[arg-type]
    return found


def _owners(
    store: KGStore, graphs: Mapping[URIRef, set[URIRef]]
) -> dict[URIRef, URIRef | None]:
    """For each event, ``{event: article graphs describing it}``, the article whose graph
    holds it under its own IRI (no merge record for it); when that article is gone, the
    earliest-named contributor. One query for all."""
    merged: dict[Node, set[Node]] = {}
    if graphs:
        query = _with_values(CANONICAL_QUERY, ["event"], ([e] for e in sorted(graphs)))
        for row in store.select(query):
            merged.setdefault(row["event"], set()).add(row["g"])  # type: ignore[arg-type]
    owners: dict[URIRef, URIRef | None] = {}
    for event, described in graphs.items():
        own = sorted(described - merged.get(event, set())) or sorted(described)
        owners[event] = article_iri(str(own[0])[len(_GRAPH_PREFIX):]) if own else None
    return owners


def _issued(store: KGStore, articles: Iterable[URIRef]) -> dict[URIRef, datetime]:
    found: dict[URIRef, datetime] = {}
    wanted = sorted(set(articles))
    if not wanted:
        return found
    rows: dict[Node, list[Node | None]] = {}
    query = _with_values(ISSUED_QUERY, ["article"], ([a] for a in wanted))
    for row in store.select(query):
        rows.setdefault(row["article"], []).append(row["issued"])
    for article in wanted:
        for issued in rows.get(article, ()):
            value = issued.toPython() if isinstance(issued, Literal) else None
            if isinstance(value, datetime):
                found[article] = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
            elif isinstance(value, date):
                found[article] = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return found


def _candidate_rows(
    store: KGStore, keys: Iterable[tuple[str, URIRef]]
) -> dict[tuple[str, URIRef], list[dict[str, Node | None]]]:
    """``CANDIDATES_QUERY``'s rows for each ``(category, actor)``, in one query."""
    looked: dict[tuple[str, URIRef], list[dict[str, Node | None]]] = {k: [] for k in keys}
    if not looked:
        return looked
    query = _with_values(
        CANDIDATES_QUERY, ["category", "actor"], ((Literal(c), a) for c, a in looked))
    for row in store.select(query):
        rows = looked.get((str(row["category"]), row["actor"]))  # type: ignore[arg-type]
        if rows is not None:
            rows.append(row)
    return looked


def merge_graph(
    store: KGStore, graph: Graph, article_id: str, *, exclude: Collection[URIRef] = (),
    cache: MergeCache | None = None,
) -> Graph:
    """Rewrite an article's graph so its events join the same events other articles reported.

    Args:
        store: the store to look in (read only here).
        graph: the article's graph, every event under its own IRI (``article_triples``).
        article_id: the article's id; its own graph is never looked in.
        exclude: more graphs not to look in (``reanchor`` uses this).
        cache: what a build already read from the store (``MergeCache``).

    Returns:
        The graph to store (``graph`` itself when nothing matched or conflicted).
    """
    triples = list(graph)
    merged = merge_triples(store, triples, article_id, exclude=exclude, cache=cache)
    if merged is triples:
        return graph
    out = _copy_bindings(graph)
    for triple in merged:
        out.add(triple)
    return out


def merge_triples(
    store: KGStore, triples: Sequence[Triple], article_id: str, *,
    exclude: Collection[URIRef] = (), cache: MergeCache | None = None,
) -> Sequence[Triple]:
    """``merge_graph`` over a list of distinct triples (what the build writes).

    Reads the store in at most five queries, whatever the number of events: what other
    graphs say about the article's events, the candidates for every (category, actor),
    what other graphs say about the candidates, their merge records, and the publication
    times of their articles (the group members once per build with a ``cache``).

    Returns:
        The triples to store (``triples`` itself when there was nothing to merge).
    """
    article = article_iri(article_id)
    skip = {article_graph(article_id), *exclude}
    index = _index(triples)
    locals_ = sorted(e for e in _events(index) if isinstance(e, URIRef))
    if not locals_:
        return triples
    existing: dict[URIRef, Mapping[Node, Collection[Node]]] = {}
    free: list[EventFacts] = []
    described = _describe_many(store, locals_, skip)
    for local in locals_:
        if local in described:
            existing[local] = described[local][0]  # others joined it: it stays where it is
        else:
            free.append(_facts(local, index[local]))
    if cache is not None:
        members, groups_of = cache.members(store)
    else:
        members = group_members(store)
        groups_of = _groups_of(members)

    wanted: list[tuple[EventFacts, list[URIRef]]] = []
    for facts in free:
        named = facts.sources | facts.recipients
        actors = _expand(named, members) | named
        for actor in list(actors):
            actors |= groups_of.get(actor, set())
        wanted.append((facts, sorted(actors)))
    looked = _candidate_rows(
        store, dict.fromkeys((f.category, a) for f, actors in wanted for a in actors))
    chosen: dict[URIRef, None] = {}
    own = set(locals_)
    for facts, actors in wanted:
        for actor in actors:
            rows = looked[(facts.category, actor)]
            dated: dict[URIRef, set[Day]] = {}
            for row in rows:  # a cheap first cut: the dates must agree before a closer look
                day = _day(row["date"]) if isinstance(row["date"], Literal) else None
                if isinstance(row["event"], URIRef) and day is not None and row["g"] not in skip:
                    dated.setdefault(row["event"], set()).add(day)
            for row in rows:
                event, g = row["event"], row["g"]
                if (not isinstance(event, URIRef) or g in skip or not _article_graphs(g)
                        or event in chosen or event in own):
                    continue
                if facts.dates and dated.get(event) and not any(
                        dates_agree(a, b) for a in facts.dates for b in dated[event]):
                    continue
                chosen[event] = None
    candidates: dict[URIRef, EventFacts] = {}
    found = _describe_many(store, list(chosen), skip)
    graphs: dict[URIRef, set[URIRef]] = {}
    for event in chosen:
        po, graphs[event] = found.get(event, ({}, set()))
        existing[event] = po
        candidates[event] = _facts(event, po)
    owners = _owners(store, graphs)
    if not candidates and not existing:
        return triples
    articles = {article}
    for facts in candidates.values():
        articles |= facts.articles
    issued = _issued(store, articles - {article})
    own_issued = next(iter(index.get(article, {}).get(DCTERMS.issued, ())), None)
    if isinstance(own_issued, Literal):
        issued |= _issued_literal(article, own_issued)
    plan = plan_merges(free, candidates, members, issued, owners)
    return _apply(triples, index, article, plan, existing)


def _issued_literal(article: URIRef, value: Literal) -> dict[URIRef, datetime]:
    python = value.toPython()
    if isinstance(python, datetime):
        return {article: python if python.tzinfo else python.replace(tzinfo=timezone.utc)}
    if isinstance(python, date):
        return {article: datetime(python.year, python.month, python.day, tzinfo=timezone.utc)}
    return {}


def reanchor(store: KGStore, removed: Iterable[str]) -> list[str]:
    """After articles were removed, re-match the articles that had merged into their events.

    Each such article's graph is first taken back to its own IRIs (``unmerge_graph``),
    then matched again against the store, in order of publication (then id), each one
    seeing only the graphs re-matched before it — as if the remaining articles had been
    built in that order. Each graph is replaced in one transaction.

    Args:
        store: a writable store.
        removed: the ids of the articles removed.

    Returns:
        The ids of the articles whose graphs were rewritten.
    """
    gone = {article_iri(i) for i in removed}
    affected: set[URIRef] = set()
    for row in store.select(MERGES_QUERY):
        if row["matched"] in gone and isinstance(row["g"], URIRef):
            affected.add(row["g"])
    if not affected:
        return []
    ids = {g: str(g)[len(_GRAPH_PREFIX):] for g in affected}
    issued = _issued(store, (article_iri(i) for i in ids.values()))
    far = datetime.max.replace(tzinfo=timezone.utc)
    order = sorted(affected, key=lambda g: (issued.get(article_iri(ids[g]), far), ids[g]))
    pending = set(order)
    rewritten: list[str] = []
    for g in order:
        pending.discard(g)
        before = store.graph(g)
        local = unmerge_graph(before)
        merged = merge_graph(store, local, ids[g], exclude=pending)
        if not store.graph_matches(g, merged):
            store.replace_graph(g, merged)
            rewritten.append(ids[g])
    return rewritten
