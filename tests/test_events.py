"""Tests for kg.events: sentences in the style of wire reports → PLOVER events."""

from __future__ import annotations

import datetime

import pytest

from kg.extract import extract
from kg.parse import parse_article
from test_mentions import article_of

PUBLISHED = datetime.datetime(2021, 6, 17, 10, 0)


def events_of(nlp, gazetteer, *texts):
    article = article_of(*texts)
    article = type(article)(**{**article.__dict__, "published": PUBLISHED})
    return extract(article, parse_article(nlp, article), gazetteer).events


def k(gazetteer, *surfaces):
    return {gazetteer.lookup(s).key for s in surfaces}


def only(events, category):
    """The events of one PLOVER category (shared by the rule test modules)."""
    return [e for e in events if e.category == category]


# sentence, category, sources, recipients, about, date, contexts, mode
CASES = [
    ("岸田文雄首相は10日、東京で中国の習近平国家主席と会談した。",
     "CONSULT", ["岸田"], ["習近平"], [], "2021-06-10", [], None),
    ("林芳正外相は9日、ロシアのラブロフ外相と電話会談した。",
     "CONSULT", ["林芳正"], ["ラブロフ"], [], "2021-06-09", [], "phone"),
    ("ブリンケン米国務長官は来週、ウクライナを訪問する予定だ。",
     "CONSULT", ["ブリンケン"], ["ウクライナ"], [], "2021-06", ["future"], "visit"),
    ("日米両政府は北朝鮮の核開発を強く非難した。",
     "ACCUSE", ["日本", "米国"], ["北朝鮮"], [], None, [], None),
    ("中国外務省は、北朝鮮の弾道ミサイル発射を非難しなかった。",
     "ACCUSE", ["中国外務省"], [], [], None, ["negation"], None),
    ("ロシアは2019年、INF全廃条約から離脱した。",
     "SANCTION", ["ロシア"], [], ["INF全廃条約"], "2019", ["historical"], "withdraw"),
    ("ゼレンスキー大統領は、ロシアの主張を否定した。",
     "REJECT", ["ゼレンスキー"], ["ロシア"], [], None, [], None),
    ("韓国は1日、中国との首脳会談を中止した。",
     "SANCTION", ["韓国"], [], [], "2021-06-01", [], "cancel"),
    ("ロシアは2014年、ウクライナ南部クリミア半島を併合した。",
     "ASSAULT", ["ロシア"], ["ウクライナ"], ["クリミア"], "2014", ["historical"], "occupy"),
    ("日本政府は、北朝鮮の核実験に抗議した。",
     "ACCUSE", ["日本"], ["北朝鮮"], [], None, [], None),
    ("中国と日本は、CTBTの早期発効に向けて協力することで一致した。",
     "AGREE", ["中国", "日本"], [], ["CTBT"], None, [], None),
    ("北朝鮮は12日、日本海に向けて弾道ミサイルを発射した。",
     "MOBILIZE", ["北朝鮮"], [], [], "2021-06-12", [], "weapons"),
]


@pytest.mark.parametrize(("sentence", "category", "sources", "recipients", "about", "date", "contexts", "mode"), CASES)
def test_events_from_sentences(nlp, gazetteer, sentence, category, sources, recipients, about, date, contexts, mode):
    found = [e for e in events_of(nlp, gazetteer, sentence) if e.category == category]
    assert found, f"no {category} in {sentence}"
    event = found[0]
    assert set(event.sources) == k(gazetteer, *sources)
    assert set(event.recipients) >= k(gazetteer, *recipients)
    assert set(event.about) >= k(gazetteer, *about)
    assert (event.date.iso if event.date else None) == date
    assert set(contexts) <= set(event.contexts)
    assert event.mode == mode


def test_events_conditional_threat_is_real_and_its_condition_is_not_coded(nlp, gazetteer):
    """The guideline: a conditional threat is a real event (no flag); its condition is not coded."""
    events = events_of(nlp, gazetteer, "ロシアがウクライナに侵攻すれば、NATOは対抗措置を取ると警告した。")
    threats = [e for e in events if e.category == "THREATEN"]
    assert len(threats) == 1
    assert threats[0].sources == tuple(k(gazetteer, "NATO"))
    assert threats[0].recipients == tuple(k(gazetteer, "ロシア"))
    assert "hypothetical" not in threats[0].contexts
    assert not [e for e in events if e.category == "ASSAULT"]


def test_events_negated_quoted_agreement(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ラブロフ外相は、新STARTの延長で米国と合意していないと述べた。")
    agree = [e for e in events if e.category == "AGREE"][0]
    assert "negation" in agree.contexts
    assert agree.attributed_to == tuple(k(gazetteer, "ラブロフ"))
    assert agree.about == tuple(k(gazetteer, "新START"))


def test_events_speech_verb_is_not_an_event(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "王毅外相は記者団に対し、対話の重要性について語った。")
    assert not events


def test_events_attribution_by_niyoruto(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ウクライナ外務省によると、ロシアはキーウ近郊を砲撃した。")
    event = [e for e in events if e.category == "ASSAULT"][0]
    assert event.sources == tuple(k(gazetteer, "ロシア"))
    assert event.attributed_to


def test_events_two_acts_in_one_sentence(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "習近平国家主席とプーチン大統領は16日、北京で会談し、協力の強化で合意した。")
    assert [e.category for e in events] == ["CONSULT", "AGREE"]
    for event in events:
        assert set(event.sources) == k(gazetteer, "習近平", "プーチン")
        assert event.date.iso == "2021-06-16"


def test_events_treaty_extension_status(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "米国とロシアは今年2月、新STARTの5年間延長で合意している。")
    agree = events[0]
    assert (agree.category, agree.treaty_status, agree.date.iso) == ("AGREE", "extended", "2021-02")
    assert set(agree.sources) == k(gazetteer, "米国", "ロシア")


def test_events_zero_anaphora_takes_previous_subject(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ブリンケン国務長官は北朝鮮を非難した。また、北朝鮮に核実験の中止を求めた。")
    demand = [e for e in events if e.category == "DEMAND"][0]
    assert demand.sources == tuple(k(gazetteer, "ブリンケン"))


def test_events_zero_anaphora_stops_at_the_paragraph(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ブリンケン国務長官は北朝鮮を非難した。", "また、北朝鮮に核実験の中止を求めた。")
    demands = [e for e in events if e.category == "DEMAND"]
    assert all(tuple(k(gazetteer, "ブリンケン")) != d.sources for d in demands)


def test_events_no_trigger_no_event(nlp, gazetteer):
    assert not events_of(nlp, gazetteer, "会談は約3時間に及んだ。首脳会議の会場には多くの記者が集まった。")


def test_events_evidence_offsets(nlp, gazetteer):
    article = article_of("前置きの文。", "中国は日本を非難した。")
    events = extract(article, parse_article(nlp, article), gazetteer).events
    event = events[0]
    assert article.text[event.start : event.end] == event.trigger == "非難"
    assert article.text[event.sentence_start : event.sentence_end] == "中国は日本を非難した。"
    assert event.surface_of(gazetteer.lookup("中国").key) == "中国"
