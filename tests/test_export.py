"""Exports: RDF formats round-trip; PLOVER and entity JSON Lines follow the field contract."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from graph_samples import (
    LAVROV,
    RULES,
    TEXT_1,
    extraction_new_start,
    extraction_un_request,
    sample_gazetteer,
)
from rdflib import Dataset, Graph

from kg.errors import KGError
from kg.export import FORMATS, export
from kg.namespace import GAZETTEER_GRAPH, ONTOLOGY_GRAPH, article_graph
from kg.rdf import ensure_static_graphs, write_article

PLOVER_FIELDS = {
    "id", "date", "date_precision", "source", "recipient", "event", "mode", "context",
    "event_loc", "event_text", "text", "text_info", "cite_info", "quad_code",
    "kg_iri", "about", "attributed_to", "not_confirmed_by", "treaty_status", "duration", "topics", "evidence",
}
ACTOR_FIELDS = {"actor_text", "identifier_id", "identifier_text", "code", "kg_iri"}
ENTITY_FIELDS = {"iri", "type", "label_ja", "label_en", "aliases", "wikidata", "mentions", "minted"}


@pytest.fixture
def filled(store):
    gaz = sample_gazetteer()
    ensure_static_graphs(store, gaz)
    write_article(store, extraction_new_start(), gaz, RULES)
    write_article(store, extraction_un_request(), gaz, RULES)
    return store


def lines(store, fmt):
    out = io.StringIO()
    count = export(store, fmt, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(records)
    return records


def by_trigger(records, trigger):
    return next(r for r in records if r["event_text"] == trigger)


def test_plover_has_every_field_on_every_record(filled):
    records = lines(filled, "plover")
    assert len(records) == 5
    for record in records:
        assert set(record) == PLOVER_FIELDS
        for role in ("source", "recipient", "about", "attributed_to", "not_confirmed_by"):
            for actor in record[role]:
                assert set(actor) == ACTOR_FIELDS
        assert set(record["text_info"]) == {"sequence", "start", "end", "sentence_start"}
        assert set(record["cite_info"]) == {"url", "title", "language", "publication", "article_id"}


def test_plover_agree_record_in_full(filled):
    record = by_trigger(lines(filled, "plover"), "合意")
    assert record["id"] == record["kg_iri"].rsplit("/", 1)[1]
    assert record["kg_iri"].startswith("https://kg.example.org/id/event/")
    assert record["date"] == "2021-02-03" and record["date_precision"] == "day"
    assert record["event"] == ["AGREE"]
    assert record["quad_code"] == "verbal_cooperation"
    assert record["context"] == ["cbrn"]
    assert record["topics"] == ["核軍縮"]
    assert record["mode"] is None and record["event_loc"] is None
    assert record["recipient"] == []
    assert record["source"] == [
        {"actor_text": "米ロ", "identifier_id": "Q159", "identifier_text": "Russia",
         "code": "RUS", "kg_iri": "https://kg.example.org/id/entity/russia"},
        {"actor_text": "米ロ", "identifier_id": "Q30", "identifier_text": "United States",
         "code": "USA", "kg_iri": "https://kg.example.org/id/entity/united-states"},
    ]
    (treaty,) = record["about"]
    assert treaty["actor_text"] == "新START"  # the mention nearest the trigger
    assert (treaty["identifier_id"], treaty["identifier_text"], treaty["code"]) == (
        "Q1128126", "New START", None,
    )
    assert record["treaty_status"] == "extended"
    assert record["text"] == "米ロ両政府は3日、新戦略兵器削減条約（新START）を5年延長することで合意した。"
    assert record["cite_info"] == {
        "url": "https://news.example.jp/world/2021/02/03/new-start",
        "title": "米ロ、新STARTの5年延長で合意",
        "language": "ja",
        "publication": "テスト国際ニュース",
        "article_id": "a1f0c0ffee000001",
    }


def test_plover_text_info_offsets_index_the_article_text(filled):
    for record in lines(filled, "plover"):
        info = record["text_info"]
        offset = info["sentence_start"]
        relative = slice(info["start"] - offset, info["end"] - offset)
        assert record["text"][relative] == record["event_text"]
    record = by_trigger(lines(filled, "plover"), "会談")
    assert TEXT_1[record["text_info"]["start"] : record["text_info"]["end"]] == "会談"
    assert record["text_info"]["sequence"] == 1


@pytest.mark.parametrize(
    ("trigger", "date", "precision"),
    [("合意", "2021-02-03", "day"), ("会談", "2021-01", "month"), ("訪問", "2022", "year"),
     ("非難", None, None)],
)
def test_plover_date_is_truncated_to_its_precision(filled, trigger, date, precision):
    record = by_trigger(lines(filled, "plover"), trigger)
    assert (record["date"], record["date_precision"]) == (date, precision)


def test_plover_actor_text_is_the_mention_in_that_sentence(filled):
    record = by_trigger(lines(filled, "plover"), "会談")
    texts = {a["identifier_text"]: a["actor_text"] for a in record["source"]}
    assert texts == {"Joe Biden": "バイデン米大統領", "Vladimir Putin": "プーチン大統領"}
    assert {a["code"] for a in record["source"]} == {"USA", "RUS"}  # persons: their country


def test_plover_actor_text_falls_back_to_the_japanese_label(store):
    gaz = sample_gazetteer()
    ensure_static_graphs(store, gaz)
    x = extraction_new_start()
    x = dataclasses.replace(x, mentions=tuple(m for m in x.mentions if m.entity != "joe-biden"))
    write_article(store, x, gaz, RULES)
    record = by_trigger(lines(store, "plover"), "会談")
    biden = next(a for a in record["source"] if a["identifier_id"] == "Q6279")
    assert biden["actor_text"] == "ジョー・バイデン"


def test_plover_minted_actor_has_its_iri_as_identifier(filled):
    record = by_trigger(lines(filled, "plover"), "訪問")
    (lavrov,) = record["source"]
    assert lavrov["identifier_id"] == "https://kg.example.org/id/entity/" + LAVROV.key
    assert lavrov["actor_text"] == "ラブロフ外相"
    assert lavrov["code"] is None
    assert record["event_loc"] == {
        "name": "Geneva", "identifier_id": "Q71",
        "kg_iri": "https://kg.example.org/id/entity/geneva",
    }
    assert record["mode"] == "visit" and record["context"] == ["future"]


def test_plover_recipient_and_attribution(filled):
    record = by_trigger(lines(filled, "plover"), "非難")
    assert [a["actor_text"] for a in record["recipient"]] == ["米国"]
    assert [a["identifier_text"] for a in record["attributed_to"]] == [
        "Ministry of Foreign Affairs of Russia"
    ]
    assert record["quad_code"] == "verbal_conflict"


def test_plover_order_is_article_date_then_article_then_sentence(filled):
    records = lines(filled, "plover")
    assert [r["event_text"] for r in records] == ["要請", "合意", "会談", "非難", "訪問"]
    assert lines(filled, "plover") == records  # deterministic


def test_entities_lists_only_entities_seen_in_articles(filled):
    records = lines(filled, "entities")
    iris = [r["iri"].rsplit("/", 1)[1] for r in records]
    assert iris == sorted(iris)
    assert set(iris) == {
        "geneva", "joe-biden", LAVROV.key, "new-start", "russia", "russian-foreign-ministry",
        "united-nations", "united-states", "vladimir-putin",
    }  # japan, switzerland and the us-russia group are never mentioned
    for record in records:
        assert set(record) == ENTITY_FIELDS


def test_entity_record_fields(filled):
    records = {r["iri"].rsplit("/", 1)[1]: r for r in lines(filled, "entities")}
    us = records["united-states"]
    assert us["type"] == "Country"
    assert (us["label_ja"], us["label_en"], us["wikidata"]) == ("アメリカ合衆国", "United States", "Q30")
    assert us["aliases"] == sorted(["米国", "アメリカ", "米", "USA"])
    assert us["mentions"] == ["米ロ", "米国"]
    assert records["new-start"]["type"] == "Treaty"
    assert records["new-start"]["mentions"] == ["新START", "新戦略兵器削減条約"]
    lavrov = records[LAVROV.key]
    assert (lavrov["type"], lavrov["label_en"], lavrov["wikidata"], lavrov["minted"]) == (
        "Person", None, None, True,
    )


def test_turtle_is_the_union_of_all_graphs(filled):
    out = io.BytesIO()
    export(filled, "turtle", out)
    graph = Graph().parse(data=out.getvalue(), format="turtle")
    assert len(graph) == len(filled.union_graph())


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dataset_formats_keep_the_named_graphs(filled, fmt):
    out = io.BytesIO()
    export(filled, fmt, out)
    dataset = Dataset().parse(data=out.getvalue(), format=fmt)
    names = {g.identifier for g in dataset.graphs()}
    assert {ONTOLOGY_GRAPH, GAZETTEER_GRAPH, article_graph("a1f0c0ffee000001")} <= names
    assert len(dataset.graph(article_graph("b2f0c0ffee000002"))) == len(
        filled.graph(article_graph("b2f0c0ffee000002"))
    )


def test_jsonld_has_an_inline_context_and_parses_offline(filled):
    out = io.StringIO()
    export(filled, "jsonld", out)
    document = json.loads(out.getvalue())
    assert isinstance(document["@context"], dict)
    assert document["@context"]["kg"] == "https://kg.example.org/ontology#"
    dataset = Dataset().parse(data=out.getvalue(), format="json-ld")
    assert len(dataset.graph(article_graph("a1f0c0ffee000001"))) == len(
        filled.graph(article_graph("a1f0c0ffee000001"))
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_utf8_to_a_path(filled, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    assert export(filled, fmt, path) > 0
    text = path.read_text(encoding="utf-8")
    assert "ロシア" in text or "\\u30ed" in text


def test_plover_to_a_binary_stream_is_utf8(filled):
    out = io.BytesIO()
    export(filled, "plover", out)
    assert "バイデン米大統領" in out.getvalue().decode("utf-8")


def test_unknown_format_lists_the_choices(filled):
    choices = "choose one of turtle, trig, nquads, jsonld, plover, entities"
    with pytest.raises(KGError, match=choices):
        export(filled, "csv", io.StringIO())
