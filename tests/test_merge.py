"""One event node across articles: matching, writing under the canonical IRI, undoing, removing."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import PROV, RDF

from kg.export_plover import plover_records
from kg.gazetteer import Gazetteer
from kg.merge import (
    EventFacts,
    apply_merges,
    dates_agree,
    facts_of,
    match,
    merge_graph,
    plan_merges,
    reanchor,
    unmerge_graph,
)
from kg.model import Article, DateValue, EntityRecord, Event, Extraction, Paragraph
from kg.namespace import (
    KG,
    ONTOLOGY_GRAPH,
    article_graph,
    article_iri,
    entity_iri,
    event_iri,
    evidence_iri,
)
from kg.rdf import article_triples, ensure_static_graphs, write_article
from kg.store import KGStore
from kg.validate import validate_store

JST = timezone(timedelta(hours=9))
RULES = "test-rules-merge"
MERGE_DATA = Path(__file__).resolve().parent / "data" / "merge"
E = entity_iri


def gazetteer() -> Gazetteer:
    records = [
        EntityRecord("japan", "Country", "日本", "Japan", ("日",), iso3="JPN"),
        EntityRecord("china", "Country", "中国", "China", ("中",), iso3="CHN"),
        EntityRecord("south-korea", "Country", "韓国", "South Korea", ("韓",), iso3="KOR"),
        EntityRecord("united-states", "Country", "アメリカ合衆国", "United States", ("米国",),
                     iso3="USA"),
        EntityRecord("russia", "Country", "ロシア", "Russia", (), iso3="RUS"),
        EntityRecord("us-russia", "Group", "米ロ", "United States and Russia", (),
                     members=("united-states", "russia")),
        EntityRecord("yoko-kamikawa", "Person", "上川陽子", "Yoko Kamikawa", ("上川",),
                     country="japan"),
        EntityRecord("wang-yi", "Person", "王毅", "Wang Yi", (), country="china"),
        EntityRecord("cho-tae-yul", "Person", "趙兌烈", "Cho Tae-yul", (), country="south-korea"),
        EntityRecord("new-start", "Treaty", "新戦略兵器削減条約", "New START", ("新START",)),
        EntityRecord("tokyo", "Place", "東京", "Tokyo", (), country="japan"),
        EntityRecord("beijing", "Place", "北京", "Beijing", (), country="china"),
    ]
    return Gazetteer("merge-test-1", {r.key: r for r in records}, ("外相",), {})


GAZ = gazetteer()

# Two outlets report the same call; a third a later call; a fourth the call as planned.
WIRE = "上川陽子外相と王毅外相は12日、電話で会談した。\n両外相は意思疎通を続けることで一致した。"
PAPER = "日本の上川外相は12日、中国の王毅外相と電話会談を行った。"
LATER = "上川陽子外相と王毅外相は3日、電話で会談した。"
PLAN = "上川陽子外相と王毅外相は12日、電話で会談する予定だ。"
KOREA = "上川陽子外相は12日、韓国の趙兌烈外相と電話で会談した。"
CALL = {"sources": ("yoko-kamikawa", "wang-yi"), "mode": "phone",
        "date": DateValue(2024, 3, 12)}


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def event(aid: str, text: str, category: str, trigger: str, sentence: int = 0, **kw) -> Event:
    s_start, s_end = _sentences(text)[sentence]
    start = text.index(trigger, s_start)
    return Event(article=aid, category=category, trigger=trigger, start=start,
                 end=start + len(trigger), sentence=sentence, sentence_start=s_start,
                 sentence_end=s_end, **kw)


def extraction(aid: str, text: str, published: datetime | None, *events: tuple) -> Extraction:
    article = Article(id=aid, path=f"tests/{aid}.txt", title=text.split("\n")[0][:20],
                      text=text,
                      paragraphs=tuple(Paragraph("body", s, e) for s, e in _sentences(text)),
                      published=published)
    return Extraction(article, (), tuple(event(aid, text, *spec[:2], **spec[2]) for spec in events))


def wire() -> Extraction:
    return extraction("a000000000000001", WIRE, datetime(2024, 3, 12, 19, 40, tzinfo=JST),
                      ("CONSULT", "会談", CALL),
                      ("AGREE", "一致", {"sources": ("yoko-kamikawa", "wang-yi"), "sentence": 1}))


def paper(**changes) -> Extraction:
    call = {"sources": ("yoko-kamikawa",), "recipients": ("wang-yi",), "mode": "phone",
            "date": DateValue(2024, 3, 12), **changes}
    return extraction("b000000000000002", PAPER, datetime(2024, 3, 13, 7, 5, tzinfo=JST),
                      ("CONSULT", "会談", call))


def local(x: Extraction, index: int = 0) -> URIRef:
    e = x.events[index]
    return event_iri(e.article, e.sentence, e.start, e.category)


def facts(x: Extraction, index: int = 0) -> EventFacts:
    return facts_of(article_triples(x, GAZ, RULES), local(x, index))


def quads(store: KGStore) -> set:
    """Every quad but the ontology graph's, whose blank nodes differ between stores."""
    return {q for q in store.quads() if q[3] != ONTOLOGY_GRAPH}


def fresh(tmp_path: Path, name: str, *extractions: Extraction, merge: bool = True) -> KGStore:
    store = KGStore(tmp_path / name)
    ensure_static_graphs(store, GAZ)
    for x in extractions:
        write_article(store, x, GAZ, RULES, merge=merge)
    return store


@pytest.fixture
def merged(tmp_path):
    store = fresh(tmp_path, "ab", wire(), paper())
    yield store
    store.close()


# -- matching (pure) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ((2024, 3, 12), (2024, 3, 12), True),
        ((2024, 3, 12), (2024, 3, None), True),
        ((2024, 3, 12), (2024, None, None), True),
        ((2024, 3, 12), (2024, 3, 13), False),
        ((2024, 3, None), (2024, 4, None), False),
        ((2023, None, None), (2024, 3, 12), False),
    ],
)
def test_dates_agree_at_the_coarser_precision(a, b, agree):
    assert dates_agree(a, b) is agree
    assert dates_agree(b, a) is agree


def test_match_takes_two_wordings_of_one_call_for_one_event():
    found = match(facts(paper()), facts(wire()), {}, {})
    assert found is not None and found.canonical == local(wire())
    assert "CONSULT" in found.reason and "2/2" in found.reason and "2024-03-12" in found.reason


def test_match_accepts_a_month_date_against_a_day_date():
    found = match(facts(paper(date=DateValue(2024, 3, None, "month"))), facts(wire()), {}, {})
    assert found is not None and "2024-03 ~ 2024-03-12" in found.reason


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"date": DateValue(2024, 4, 3)}, "another day"),
        ({"recipients": ("cho-tae-yul",)}, "another counterpart: one shared actor of two"),
        ({"contexts": ("negation",)}, "negated"),
        ({"contexts": ("future",)}, "future"),
        ({"mode": "visit"}, "another mode"),
        ({"place": "beijing"}, "a place against the wire's Tokyo"),
        ({"about": ("new-start",)}, "another subject"),
    ],
)
def test_match_refuses_what_is_not_the_same_event(changes, why):
    base = facts(extraction("a000000000000001", WIRE, None,
                            ("CONSULT", "会談", {**CALL, "place": "tokyo",
                                                "about": ("japan",)})))
    assert match(facts(paper(**changes)), base, {}, {}) is None, why


def test_match_refuses_the_category_and_direction_of_another_event():
    text = "日本は中国を非難した。"
    a = extraction("c000000000000003", text, None,
                   ("ACCUSE", "非難", {"sources": ("japan",), "recipients": ("china",)}))
    b = extraction("d000000000000004", text, None,
                   ("ACCUSE", "非難", {"sources": ("china",), "recipients": ("japan",)}))
    c = extraction("e000000000000005", text, None,
                   ("REJECT", "非難", {"sources": ("japan",), "recipients": ("china",)}))
    a_dated = dataclasses.replace(a, events=(dataclasses.replace(a.events[0],
                                                                 date=DateValue(2024, 1, 5)),))
    b_dated = dataclasses.replace(b, events=(dataclasses.replace(b.events[0],
                                                                 date=DateValue(2024, 1, 5)),))
    assert match(facts(b_dated), facts(a_dated), {}, {}) is None  # China accuses Japan
    assert match(facts(a_dated), facts(a_dated), {}, {}) is not None
    assert match(facts(c), facts(a), {}, {}) is None


def test_match_counts_a_group_as_its_members():
    text = "米ロ両政府は3日、新STARTの延長で合意した。"
    group = extraction("c000000000000003", text, None,
                       ("AGREE", "合意", {"sources": ("us-russia",), "about": ("new-start",),
                                          "date": DateValue(2021, 2, 3)}))
    pair = extraction("d000000000000004", text, None,
                      ("AGREE", "合意", {"sources": ("united-states", "russia"),
                                         "about": ("new-start",),
                                         "date": DateValue(2021, 2, 3)}))
    members = {E("us-russia"): frozenset({E("united-states"), E("russia")})}
    assert match(facts(pair), facts(group), members, {}) is not None
    assert match(facts(pair), facts(group), {}, {}) is None


@pytest.mark.parametrize(
    ("days", "about", "merges"),
    [(1, ("new-start",), True), (10, ("new-start",), False), (1, (), False)],
)
def test_match_undated_needs_same_actors_same_subject_and_nearby_articles(days, about, merges):
    t0 = datetime(2024, 3, 12, 9, 0, tzinfo=JST)
    undated = {"sources": ("yoko-kamikawa", "wang-yi"), "about": about}
    a = extraction("c000000000000003", WIRE, t0, ("CONSULT", "会談", undated))
    b = extraction("d000000000000004", WIRE, t0 + timedelta(days=days),
                   ("CONSULT", "会談", {**undated, "date": DateValue(2024, 3, 12)}))
    issued = {article_iri(x.article.id): x.article.published for x in (a, b)}
    assert (match(facts(b), facts(a), {}, issued) is not None) is merges


def test_plan_never_puts_two_events_of_one_article_on_one_node():
    twice = extraction("b000000000000002", PAPER + "\n" + PAPER, None,
                       ("CONSULT", "会談", {**CALL}),
                       ("CONSULT", "会談", {**CALL, "sentence": 1}))
    target = facts(wire())
    plan = plan_merges([facts(twice, 0), facts(twice, 1)], {target.iri: target}, {}, {})
    assert len(plan) == 1 and set(plan) <= {local(twice, 0), local(twice, 1)}


# -- writing ----------------------------------------------------------------------------


def test_same_call_is_one_node_with_both_articles_as_provenance(merged):
    a, b = wire(), paper()
    node = local(a)
    union = merged.union_graph()
    consults = set(union.subjects(KG.category, Literal("CONSULT")))
    assert consults == {node}
    assert set(union.objects(node, PROV.wasDerivedFrom)) == {
        article_iri(a.article.id), article_iri(b.article.id)}
    assert set(union.objects(node, KG.evidence)) == {
        evidence_iri(node, a.article.id), evidence_iri(local(b), b.article.id)}
    assert set(union.objects(node, KG.source)) == {E("yoko-kamikawa"), E("wang-yi")}
    assert set(union.objects(node, KG.recipient)) == {E("wang-yi")}
    assert (local(b), None, None) not in union
    assert validate_store(merged).conforms


def test_merge_is_recorded_in_the_later_articles_graph(merged):
    a, b = wire(), paper()
    graph = merged.graph(article_graph(b.article.id))
    (record,) = graph.subjects(RDF.type, KG.Merge)
    assert graph.value(record, KG.canonical) == local(a)
    assert graph.value(record, KG.localEvent) == local(b)
    assert graph.value(record, KG.article) == article_iri(b.article.id)
    assert graph.value(record, KG.matchedArticle) == article_iri(a.article.id)
    assert "participants 2/2" in str(graph.value(record, KG.mergeReason))
    assert not list(merged.graph(article_graph(a.article.id)).subjects(RDF.type, KG.Merge))


def test_another_call_stays_its_own_node(tmp_path):
    later = extraction("c000000000000003", LATER, datetime(2024, 4, 3, tzinfo=JST),
                       ("CONSULT", "会談", {**CALL, "date": DateValue(2024, 4, 3)}))
    korea = extraction("d000000000000004", KOREA, datetime(2024, 3, 12, tzinfo=JST),
                       ("CONSULT", "会談", {"sources": ("yoko-kamikawa",),
                                           "recipients": ("cho-tae-yul",), "mode": "phone",
                                           "date": DateValue(2024, 3, 12)}))
    plan = extraction("e000000000000005", PLAN, datetime(2024, 3, 11, tzinfo=JST),
                      ("CONSULT", "会談", {**CALL, "contexts": ("future",)}))
    with fresh(tmp_path, "s", wire(), later, korea, plan) as store:
        union = store.union_graph()
        assert len(set(union.subjects(KG.category, Literal("CONSULT")))) == 4
        assert not list(union.subjects(RDF.type, KG.Merge))


def test_no_merge_keeps_every_event_under_its_own_iri(tmp_path):
    with fresh(tmp_path, "s", wire(), paper(), merge=False) as store:
        union = store.union_graph()
        assert set(union.subjects(KG.category, Literal("CONSULT"))) == {
            local(wire()), local(paper())}


def test_a_different_date_of_the_same_event_goes_on_the_evidence(tmp_path):
    month = paper(date=DateValue(2024, 3, None, "month"))
    with fresh(tmp_path, "s", wire(), month) as store:
        node, union = local(wire()), store.union_graph()
        day = Literal("2024-03-12", datatype=rdfns.XSD.date)
        assert list(union.objects(node, KG.date)) == [day]
        evidence = evidence_iri(local(month), month.article.id)
        assert union.value(evidence, KG.date) == Literal("2024-03", datatype=rdfns.XSD.gYearMonth)
        assert union.value(evidence, KG.datePrecision) == Literal("month")
        assert validate_store(store).conforms
        records = [r for r in plover_records(store) if r["event"] == ["CONSULT"]]
        assert len(records) == 1
        assert [e["date"] for e in records[0]["evidence"]] == ["2024-03-12", "2024-03"]


def test_a_date_the_node_lacks_is_written_on_the_node(tmp_path):
    first = wire()  # the first report has no date (but a subject), the second has one
    undated = dataclasses.replace(first.events[0], about=("china",), date=None)
    first = dataclasses.replace(first, events=(undated,))
    with fresh(tmp_path, "s", first, paper(about=("china",))) as store:
        union = store.union_graph()
        assert set(union.subjects(KG.category, Literal("CONSULT"))) == {local(first)}
        day = Literal("2024-03-12", datatype=rdfns.XSD.date)
        assert list(union.objects(local(first), KG.date)) == [day]
        assert validate_store(store).conforms


def test_unmerge_gives_back_the_articles_own_graph(merged):
    b = paper()
    own = article_triples(b, GAZ, RULES)
    stored = merged.graph(article_graph(b.article.id))
    assert set(stored) != set(own)
    assert set(unmerge_graph(stored)) == set(own)


def test_apply_then_unmerge_round_trips_moved_values():
    b = paper(date=DateValue(2024, 3, None, "month"), place="tokyo")
    graph = article_triples(b, GAZ, RULES)
    node = local(wire())
    have = Graph()
    have.add((node, KG.date, Literal("2024-03-12", datatype=rdfns.XSD.date)))
    have.add((node, KG.place, E("beijing")))
    plan = {local(b): match(facts(b), facts(wire()), {}, {})}
    out = apply_merges(graph, article_iri(b.article.id), plan, {node: have})
    evidence = evidence_iri(local(b), b.article.id)
    assert out.value(evidence, KG.place) == E("tokyo")
    assert out.value(evidence, KG.date) == Literal("2024-03", datatype=rdfns.XSD.gYearMonth)
    assert out.value(node, KG.mode) == Literal("phone")  # the node has none of its own here
    assert set(unmerge_graph(out)) == set(graph)


def test_rewriting_the_same_articles_changes_nothing(merged):
    before = quads(merged)
    assert write_article(merged, wire(), GAZ, RULES) is False
    assert write_article(merged, paper(), GAZ, RULES) is False
    assert quads(merged) == before


def test_a_third_report_joins_the_same_node(tmp_path):
    third = extraction("c000000000000003", KOREA.replace("韓国の趙兌烈", "中国の王毅"),
                       datetime(2024, 3, 12, 22, 0, tzinfo=JST),
                       ("CONSULT", "会談", {**CALL}))
    with fresh(tmp_path, "s", wire(), paper(), third) as store:
        union = store.union_graph()
        assert set(union.subjects(KG.category, Literal("CONSULT"))) == {local(wire())}
        assert len(set(union.objects(local(wire()), PROV.wasDerivedFrom))) == 3
        for x in (paper(), third):
            graph = store.graph(article_graph(x.article.id))
            assert set(graph.objects(None, KG.matchedArticle)) == {
                article_iri(wire().article.id)}
        assert validate_store(store).conforms


# -- removing ---------------------------------------------------------------------------


def test_removing_the_later_article_leaves_the_first_as_it_was(tmp_path, merged):
    with fresh(tmp_path, "a", wire()) as alone:
        expected = quads(alone)
    merged.remove_graph(article_graph(paper().article.id))
    assert reanchor(merged, [paper().article.id]) == []
    assert quads(merged) == expected
    assert validate_store(merged).conforms


def test_removing_the_first_article_leaves_a_conforming_node(merged):
    a, b = wire(), paper()
    merged.remove_graph(article_graph(a.article.id))
    union = merged.union_graph()
    node = local(a)
    assert set(union.objects(node, PROV.wasDerivedFrom)) == {article_iri(b.article.id)}
    assert union.value(node, KG.trigger) == Literal("会談")
    report = validate_store(merged)
    assert report.conforms, report.text


def test_reanchor_after_removing_the_first_equals_building_the_second_alone(tmp_path, merged):
    b = paper(date=DateValue(2024, 3, None, "month"))  # its date went onto its evidence
    write_article(merged, b, GAZ, RULES)
    merged.remove_graph(article_graph(wire().article.id))
    assert reanchor(merged, [wire().article.id]) == [b.article.id]
    with fresh(tmp_path, "b", b) as alone:
        assert quads(merged) == quads(alone)


def test_reanchor_rejoins_the_remaining_reports_in_publication_order(tmp_path):
    third = extraction("c000000000000003", KOREA.replace("韓国の趙兌烈", "中国の王毅"),
                       datetime(2024, 3, 12, 22, 0, tzinfo=JST),
                       ("CONSULT", "会談", {**CALL}))
    with fresh(tmp_path, "abc", wire(), paper(), third) as store:
        store.remove_graph(article_graph(wire().article.id))
        assert sorted(reanchor(store, [wire().article.id])) == sorted(
            [paper().article.id, third.article.id])
        # the third (12日 22時) was published before the paper (13日 7時): it now holds the node
        with fresh(tmp_path, "cb", third, paper()) as expected:
            assert quads(store) == quads(expected)


def test_merge_graph_without_other_articles_returns_the_graph_unchanged(store):
    ensure_static_graphs(store, GAZ)
    graph = article_triples(wire(), GAZ, RULES)
    assert merge_graph(store, graph, wire().article.id) is graph


# -- export ------------------------------------------------------------------------------


def test_plover_exports_a_merged_event_once_with_every_evidence(merged):
    records = [r for r in plover_records(merged) if r["event"] == ["CONSULT"]]
    assert len(records) == 1
    record = records[0]
    assert record["kg_iri"] == str(local(wire()))
    assert record["cite_info"]["article_id"] == wire().article.id  # the earlier article
    assert record["event_text"] == "会談"
    assert record["text"][record["text_info"]["start"] - record["text_info"]["sentence_start"]:
                          record["text_info"]["end"] - record["text_info"]["sentence_start"]
                          ] == record["event_text"]
    assert [(e["article_id"], e["event_text"]) for e in record["evidence"]] == [
        (wire().article.id, "会談"), (paper().article.id, "会談")]


# -- end to end: the real pipeline ------------------------------------------------------

FILES = ("call_wire.txt", "call_paper.txt", "call_other.txt", "call_future.txt")


def _build(nlp, path: Path, *names: str, **kw) -> KGStore:
    from kg.pipeline import build

    store = KGStore(path)
    report = build([MERGE_DATA / n for n in names], store, nlp=nlp, strict=True, **kw)
    assert report.ok
    return store


def _consults(store: KGStore) -> dict[URIRef, set[str]]:
    rows = store.select(
        f"PREFIX kg: <{KG}>\nPREFIX prov: <{PROV}>\n"
        "SELECT ?e ?id WHERE { ?e kg:category \"CONSULT\" ; prov:wasDerivedFrom/kg:contentId ?id }"
    )
    found: dict[URIRef, set[str]] = {}
    for row in rows:
        found.setdefault(row["e"], set()).add(str(row["id"]))
    return found


def test_pipeline_merges_two_reports_of_one_call_and_nothing_else(nlp, tmp_path):
    with _build(nlp, tmp_path / "all", *FILES) as store:
        consults = _consults(store)
        ids = {}
        for name in FILES:
            from kg.articles import read_article

            ids[name] = read_article(MERGE_DATA / name).id
        assert sorted(map(sorted, consults.values())) == sorted([
            sorted([ids["call_wire.txt"], ids["call_paper.txt"]]),
            [ids["call_other.txt"]],
            [ids["call_future.txt"]],
        ])
        (node,) = [e for e, arts in consults.items() if len(arts) == 2]
        assert len(set(store.union_graph().objects(node, KG.evidence))) == 2
        assert validate_store(store).conforms
        before = quads(store)
        from kg.pipeline import build

        report = build([MERGE_DATA / n for n in FILES], store, nlp=nlp, replace=True)
        assert report.written == [] and quads(store) == before


@pytest.mark.parametrize("removed", ["call_wire.txt", "call_paper.txt"])
def test_pipeline_removing_either_report_equals_building_the_other_alone(nlp, tmp_path, removed):
    from kg.pipeline import remove_and_reanchor

    kept = next(n for n in ("call_wire.txt", "call_paper.txt") if n != removed)
    with _build(nlp, tmp_path / "both", "call_wire.txt", "call_paper.txt") as store:
        remove_and_reanchor(store, MERGE_DATA / removed)
        with _build(nlp, tmp_path / "one", kept) as alone:
            assert quads(store) == quads(alone)
        assert validate_store(store).conforms


def test_the_queries_in_docs_merging_run_and_list_the_merge(merged):
    import re

    text = (Path(__file__).resolve().parent.parent / "docs" / "merging.md").read_text("utf-8")
    listing, counts = re.findall(r"```sparql\n(.*?)```", text, re.S)
    (row,) = merged.select(listing)
    assert row["event"] == local(wire()) and str(row["article"]) == paper().article.id
    assert str(row["matched"]) == wire().article.id and row["local"] == local(paper())
    assert [(r["event"], int(r["articles"])) for r in merged.select(counts)] == [(local(wire()), 2)]


def test_plover_lists_a_context_both_reports_give_once(tmp_path):
    a = wire()
    a = dataclasses.replace(a, events=(dataclasses.replace(
        a.events[0], contexts=("diplomatic",), topics=("東シナ海",)),))
    with fresh(tmp_path, "s", a, paper(contexts=("diplomatic",), topics=("東シナ海",))) as store:
        (record,) = [r for r in plover_records(store) if r["event"] == ["CONSULT"]]
        assert record["context"] == ["diplomatic"] and record["topics"] == ["東シナ海"]
        assert [a["kg_iri"] for a in record["source"]] == [str(E("wang-yi")),
                                                          str(E("yoko-kamikawa"))]


def test_match_compares_every_date_a_candidate_carries():
    other = dataclasses.replace(facts(wire()), dates=frozenset({(2024, 3, None), (2024, 3, 12)}))
    found = match(facts(paper()), other, {}, {})
    assert found is not None and "date 2024-03-12" in found.reason  # the exact pair wins
    assert found.score[1] == 1
