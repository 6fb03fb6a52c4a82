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

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF
from rdflib.term import Node

from kg.namespace import KG, article_graph, article_iri, merge_iri
from kg.store import KGStore

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

_PREFIXES = f"PREFIX kg: <{KG}>\nPREFIX dcterms: <{DCTERMS}>\n"
CANDIDATES_QUERY = _PREFIXES + """
SELECT DISTINCT ?event ?g ?category ?actor ?date WHERE {
    GRAPH ?g {
        ?event kg:category ?category ; kg:source|kg:recipient ?actor .
        OPTIONAL { ?event kg:date ?date }
    }
}"""
DESCRIBE_QUERY = "SELECT ?event ?g ?p ?o WHERE { GRAPH ?g { ?event ?p ?o } }"
CANONICAL_QUERY = _PREFIXES + """
SELECT ?event ?g WHERE { GRAPH ?g { ?merge a kg:Merge ; kg:canonical ?event } }"""
MEMBERS_QUERY = _PREFIXES + "SELECT ?group ?member WHERE { ?group kg:member ?member }"
ISSUED_QUERY = _PREFIXES + "SELECT ?article ?issued WHERE { ?article dcterms:issued ?issued }"
MERGES_QUERY = _PREFIXES + """
SELECT ?g ?matched WHERE { GRAPH ?g { ?merge a kg:Merge ; kg:matchedArticle ?matched } }"""

Day = tuple[int, int | None, int | None]


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

    def iris(p: URIRef) -> frozenset[URIRef]:
        return frozenset(o for o in graph.objects(node, p) if isinstance(o, URIRef))

    def strings(p: URIRef) -> frozenset[str]:
        return frozenset(str(o) for o in graph.objects(node, p))

    days = (_day(o) for o in graph.objects(node, KG.date) if isinstance(o, Literal))
    return EventFacts(
        iri=node,
        category=str(graph.value(node, KG.category) or ""),
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
    rename = {local: m.canonical for local, m in plan.items()}
    out = _copy_bindings(graph)
    for s, p, o in graph:
        out.add((rename.get(s, s), p, rename.get(o, o) if isinstance(o, URIRef) else o))
    for local in sorted(graph.subjects(RDF.type, KG.Event)):
        target = rename.get(local, local)
        have = existing.get(target)
        evidence = graph.value(local, KG.evidence)
        if have is None or not isinstance(local, URIRef) or evidence is None:
            continue
        for group in SINGLE_VALUED:
            ours = {(p, o) for p in group for o in out.objects(target, p)}
            theirs = {(p, o) for p in group for o in have.objects(target, p)}
            if ours and theirs and ours != theirs:
                for p, o in ours:
                    out.remove((target, p, o))
                    out.add((evidence, p, o))
    for local, found in sorted(plan.items()):
        record = merge_iri(local, found.canonical)
        out.add((record, RDF.type, KG.Merge))
        out.add((record, KG.canonical, found.canonical))
        out.add((record, KG.localEvent, local))
        out.add((record, KG.article, article))
        out.add((record, KG.mergeReason, Literal(found.reason)))
        if found.matched_article is not None:
            out.add((record, KG.matchedArticle, found.matched_article))
    return out


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


def _describe(
    store: KGStore, event: URIRef, exclude: Collection[URIRef]
) -> tuple[Graph, set[URIRef]]:
    """What the article graphs other than ``exclude`` say about ``event``, and which graphs."""
    graph, graphs = Graph(), set()
    for row in store.select(DESCRIBE_QUERY, {"event": event}):
        g = row["g"]
        if g in exclude or not _article_graphs(g) or row["p"] is None or row["o"] is None:
            continue
        graph.add((event, row["p"], row["o"]))
        graphs.add(g)  # type: ignore[arg-type]
    return graph, graphs


def _owner(store: KGStore, event: URIRef, graphs: set[URIRef]) -> URIRef | None:
    """The article whose graph holds ``event`` under its own IRI (no merge record for it).

    When that article is gone, the earliest-named contributor.
    """
    merged = {row["g"] for row in store.select(CANONICAL_QUERY, {"event": event})}
    own = sorted(graphs - merged) or sorted(graphs)
    if not own:
        return None
    return article_iri(str(own[0])[len(_GRAPH_PREFIX):])


def _issued(store: KGStore, articles: Iterable[URIRef]) -> dict[URIRef, datetime]:
    found: dict[URIRef, datetime] = {}
    for article in sorted(set(articles)):
        for row in store.select(ISSUED_QUERY, {"article": article}):
            value = row["issued"].toPython() if isinstance(row["issued"], Literal) else None
            if isinstance(value, datetime):
                found[article] = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
            elif isinstance(value, date):
                found[article] = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return found


def merge_graph(
    store: KGStore, graph: Graph, article_id: str, *, exclude: Collection[URIRef] = ()
) -> Graph:
    """Rewrite an article's graph so its events join the same events other articles reported.

    Args:
        store: the store to look in (read only here).
        graph: the article's graph, every event under its own IRI (``article_triples``).
        article_id: the article's id; its own graph is never looked in.
        exclude: more graphs not to look in (``reanchor`` uses this).

    Returns:
        The graph to store (``graph`` itself when nothing matched or conflicted).
    """
    article = article_iri(article_id)
    skip = {article_graph(article_id), *exclude}
    locals_ = sorted(e for e in graph.subjects(RDF.type, KG.Event) if isinstance(e, URIRef))
    if not locals_:
        return graph
    existing: dict[URIRef, Graph] = {}
    free: list[EventFacts] = []
    for local in locals_:
        described, _ = _describe(store, local, skip)
        if len(described):
            existing[local] = described  # other articles joined it: it stays where it is
        else:
            free.append(facts_of(graph, local))
    members = group_members(store)
    groups_of: dict[URIRef, set[URIRef]] = {}
    for group, who in members.items():
        for member in who:
            groups_of.setdefault(member, set()).add(group)

    candidates: dict[URIRef, EventFacts] = {}
    owners: dict[URIRef, URIRef | None] = {}
    looked: dict[tuple[str, URIRef], list[dict[str, Node | None]]] = {}
    for facts in free:
        named = facts.sources | facts.recipients
        actors = _expand(named, members) | named
        for actor in list(actors):
            actors |= groups_of.get(actor, set())
        for actor in sorted(actors):
            key = (facts.category, actor)
            if key not in looked:
                looked[key] = store.select(
                    CANDIDATES_QUERY, {"category": Literal(facts.category), "actor": actor})
            rows = looked[key]
            dated: dict[URIRef, set[Day]] = {}
            for row in rows:  # a cheap first cut: the dates must agree before a closer look
                day = _day(row["date"]) if isinstance(row["date"], Literal) else None
                if isinstance(row["event"], URIRef) and day is not None and row["g"] not in skip:
                    dated.setdefault(row["event"], set()).add(day)
            for row in rows:
                event, g = row["event"], row["g"]
                if (not isinstance(event, URIRef) or g in skip or not _article_graphs(g)
                        or event in candidates or event in locals_):
                    continue
                if facts.dates and dated.get(event) and not any(
                        dates_agree(a, b) for a in facts.dates for b in dated[event]):
                    continue
                described, graphs = _describe(store, event, skip)
                existing[event] = described
                candidates[event] = facts_of(described, event)
                owners[event] = _owner(store, event, graphs)
    if not candidates and not existing:
        return graph
    articles = {article}
    for facts in candidates.values():
        articles |= facts.articles
    issued = _issued(store, articles - {article})
    own_issued = graph.value(article, DCTERMS.issued)
    if isinstance(own_issued, Literal):
        issued |= _issued_literal(article, own_issued)
    plan = plan_merges(free, candidates, members, issued, owners)
    return apply_merges(graph, article, plan, existing)


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
