"""Recall rules: sanction vocabulary, expulsions worded as orders, passive voice.

Sentences written for the tests in the style of wire reports; each rule has sentences
where it must fire and ones where it must not.
"""

from __future__ import annotations

import pytest

from test_events import events_of, k, only


# sentence, mode, sources, recipients, contexts
SANCTIONS = [
    ("欧州連合（EU）は10日、ロシアに追加制裁を科した。", "sever", ["EU"], ["ロシア"], []),
    ("米国は10日、ロシアに制裁を科す方針だ。", "sever", ["米国"], ["ロシア"], ["future"]),
    ("米国はロシアに制裁を科さなかった。", "sever", ["米国"], ["ロシア"], ["negation"]),
    ("日本政府は12日、北朝鮮の団体を制裁対象に追加した。", "sever", ["日本"], ["北朝鮮"], []),
    ("英国は3日、イランの企業2社を資産凍結の対象に加えた。", "sever", ["英国"], ["イラン"], []),
    ("米国は中国企業に対する輸出規制を強化した。", "sever", ["米国"], ["中国"], []),
    ("ドイツ政府は8日、ロシアの外交官に退去するよう通告した。", "expel", ["ドイツ"], ["ロシア"], []),
    ("フランスは2日、ロシアの外交官4人に国外退去を命じた。", "expel", ["フランス"], ["ロシア"], []),
    ("英国政府は9日、ロシアの外交官をペルソナ・ノン・グラータに指定した。", "expel", ["英国"], ["ロシア"], []),
]


@pytest.mark.parametrize(("sentence", "mode", "sources", "recipients", "contexts"), SANCTIONS)
def test_recall_sanction_vocabulary(nlp, gazetteer, sentence, mode, sources, recipients, contexts):
    found = only(events_of(nlp, gazetteer, sentence), "SANCTION")
    assert len(found) == 1, sentence
    event = found[0]
    assert event.mode == mode
    assert set(event.sources) == k(gazetteer, *sources)
    assert set(event.recipients) == k(gazetteer, *recipients)
    assert sorted(event.contexts) == sorted(contexts)


@pytest.mark.parametrize("sentence", [
    "ロシアの外交官らは14日、国外に退去した。",  # leaving is not an expulsion
    "ロシア外務省は、米国が制裁を科したと非難した。",  # a quoted accusation
    "米国は、輸出規制や技術協力について協議した。",  # a noun in a list, not an act
])
def test_recall_sanction_must_not_fire(nlp, gazetteer, sentence):
    assert not only(events_of(nlp, gazetteer, sentence), "SANCTION")


# sentence, category, sources, recipients
PASSIVES = [
    ("日本人の男性が中国当局に拘束された。", "COERCE", ["中国"], ["日本"]),
    ("米国人記者がロシア当局によって逮捕された。", "COERCE", ["ロシア"], ["米国"]),
    ("米国人記者がモスクワで拘束された。", "COERCE", ["ロシア"], ["米国"]),
    ("ロシアの外交官2人がポーランドから追放された。", "SANCTION", ["ポーランド"], ["ロシア"]),
]


@pytest.mark.parametrize(("sentence", "category", "sources", "recipients"), PASSIVES)
def test_recall_passive_subject_is_the_patient(nlp, gazetteer, sentence, category, sources, recipients):
    found = only(events_of(nlp, gazetteer, sentence), category)
    assert len(found) == 1, sentence
    assert set(found[0].sources) == k(gazetteer, *sources)
    assert set(found[0].recipients) == k(gazetteer, *recipients)


@pytest.mark.parametrize("sentence", [
    "日本人の男性が7日、拘束された。",  # no agent and no place: nobody to name
    "記者は「拘束された」と述べた。",  # quoted passive: not the speaker's act
])
def test_recall_passive_without_agent_is_no_event(nlp, gazetteer, sentence):
    assert not only(events_of(nlp, gazetteer, sentence), "COERCE")


@pytest.mark.parametrize(("sentence", "first", "second", "target"), [
    ("林芳正外相は、北朝鮮のミサイル発射を非難した上で、さらなる挑発をやめるよう警告した。",
     "ACCUSE", "THREATEN", "北朝鮮"),
    ("米国務省報道官は、ロシアの行動を批判した上で、追加制裁を科すと警告した。", "ACCUSE", "THREATEN", "ロシア"),
])
def test_recall_acts_chained_with_ue_de(nlp, gazetteer, sentence, first, second, target):
    events = events_of(nlp, gazetteer, sentence)
    a, b = only(events, first), only(events, second)
    assert len(a) == 1 and len(b) == 1
    assert a[0].sources == b[0].sources
    assert set(b[0].recipients) == k(gazetteer, target)
    assert not only(events, "SANCTION")  # the threatened sanction is the threat's content


def test_recall_ue_de_does_not_lend_a_friendly_target(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "米国務省報道官は、ロシアとの対話を歓迎した上で、慎重に対応すると述べた。")
    assert [e.category for e in events] == ["SUPPORT"]


def test_recall_attribution_niyoreba(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "国営メディアによれば、北朝鮮は12日、日本海に向けて弾道ミサイルを発射した。")
    assert [(e.category, e.sources) for e in events] == [("MOBILIZE", tuple(k(gazetteer, "北朝鮮")))]


@pytest.mark.parametrize("sentence", [
    "中国外務省は23日に発表した声明で、米国の制裁を非難した。",
    "中国外務省は、23日に発表した声明で、米国の制裁を非難した。",
])
def test_recall_date_of_the_statement_dates_the_act(nlp, gazetteer, sentence):
    (event,) = events_of(nlp, gazetteer, sentence)
    assert event.category == "ACCUSE" and event.date.iso == "2021-06-23"


@pytest.mark.parametrize("sentence", [
    "日本は先月、ロシアと協議し、今月下旬にも再び協議を開く方針だ。",
    "林芳正外相は先月、王毅外相と会談したが、今月下旬にも再び会談する予定だ。",
])
def test_recall_past_clause_is_not_planned_and_keeps_its_date(nlp, gazetteer, sentence):
    past, planned = only(events_of(nlp, gazetteer, sentence), "CONSULT")
    assert past.date.iso == "2021-05" and "future" not in past.contexts
    assert planned.date.iso == "2021-06" and "future" in planned.contexts


# sentence, category, treaty status, the treaty's written name
TREATIES = [
    ("韓国政府は4日、南北軍事合意の効力を全面的に停止した。", "SANCTION", "suspended", "南北軍事合意"),
    ("トルコ議会は23日、スウェーデンの加盟議定書を批准した。", "SUPPORT", "ratified", "加盟議定書"),
    ("ロシアは、黒海穀物協定から離脱した。", "SANCTION", "withdrawn", "黒海穀物協定"),
    ("米国は、イラン核合意を破棄した。", "SANCTION", "withdrawn", "イラン核合意"),
]


@pytest.mark.parametrize(("sentence", "category", "status", "name"), TREATIES)
def test_recall_unknown_agreement_is_minted_as_a_treaty(nlp, gazetteer, sentence, category, status, name):
    from kg.extract import extract
    from kg.parse import parse_article
    from test_mentions import article_of

    article = article_of(sentence)
    result = extract(article, parse_article(nlp, article), gazetteer)
    (event,) = [e for e in result.events if e.category == category]
    assert event.treaty_status == status
    (treaty,) = event.about
    surfaces = [m.text for m in result.mentions if m.entity == treaty]
    assert surfaces == [name]


def test_recall_accession_protocols_of_two_states_differ(nlp, gazetteer):
    a = events_of(nlp, gazetteer, "トルコ議会は23日、スウェーデンの加盟議定書を批准した。")
    b = events_of(nlp, gazetteer, "トルコ議会は23日、フィンランドの加盟議定書を批准した。")
    assert a[0].about != b[0].about


@pytest.mark.parametrize("sentence", [
    "両国は貿易協定について協議した。",  # talks about an agreement: nothing happens to it
    "両国は、軍事合意の効力を停止しなかった。",  # negated: no treaty fact
])
def test_recall_no_treaty_fact(nlp, gazetteer, sentence):
    events = events_of(nlp, gazetteer, sentence)
    assert not [e for e in events if e.treaty_status and "negation" not in e.contexts]


def test_recall_acronym_glossed_with_equals_is_one_organisation(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "スーダンの準軍事組織RSF＝即応支援部隊は15日、首都を攻撃した。",
                       "RSFは声明で、国軍を非難した。")
    assault = only(events, "ASSAULT")[0]
    accuse = only(events, "ACCUSE")[0]
    assert assault.sources == accuse.sources
    assert k(gazetteer, "スーダン").isdisjoint(assault.sources)
    (key,) = assault.sources
    assert key.startswith("ner-organization-")


def test_recall_gloss_needs_an_acronym(nlp, gazetteer):
    from kg.mentions import find_mentions
    from kg.parse import parse_article
    from test_mentions import article_of

    article = article_of("気温は1＝2度だった。")
    for sentence in parse_article(nlp, article):
        found, minted = find_mentions(sentence, gazetteer)
        assert not [r for r in minted if r.type == "Organization"]


@pytest.mark.parametrize(("sentence", "partner"), [
    ("岸田文雄首相は10日、訪問先のインドネシアの首都ジャカルタ市内のホテルで、中国の王毅外相と会談した。", "王毅"),
    ("林芳正外相は9日、東京都内の外務省飯倉公館で、韓国の朴振外相と夕食を共にしながら会談した。", "朴振"),
])
def test_recall_talks_partner_after_a_long_place_phrase(nlp, gazetteer, sentence, partner):
    (event,) = only(events_of(nlp, gazetteer, sentence), "CONSULT")
    assert set(event.recipients) == k(gazetteer, partner)
