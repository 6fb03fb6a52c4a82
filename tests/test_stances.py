"""Stances toward an act (kg.stances): whom a conditional threat threatens, offers. Every
sentence is composed for these tests; each rule has a case where it must not fire."""

from __future__ import annotations

import pytest

from test_events import events_of, k, only


def test_retaliation_threatens_the_condition_subject_not_the_speaker(nlp, gazetteer):
    """The parse hangs the speaker's ``は`` on the condition: the condition's ``が`` wins."""
    events = events_of(nlp, gazetteer, "メドベージェフ氏は先週、英国がミサイルを供与すれば、ロシアも実験を行うと述べた。")
    threats = only(events, "THREATEN")
    assert threats and set(threats[0].recipients) == k(gazetteer, "英国")
    assert not only(events, "MOBILIZE")  # the threatened act is the threat's content


def test_weapon_test_is_a_mobilization(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "北朝鮮は12日、新型ミサイルの発射実験を行った。")
    assert [e.category for e in events] == ["MOBILIZE"]


def test_test_without_a_political_actor_is_no_event(nlp, gazetteer):
    assert not events_of(nlp, gazetteer, "研究チームは、新しい治療法の実験を行った。")


def test_threat_chained_after_an_accusation_under_attribution(nlp, gazetteer):
    """``…によれば、Xは…非難した上で、「…」と警告した``: the topic is the source of both, the
    threat is addressed to the accused."""
    events = events_of(nlp, gazetteer, "インド外務省によれば、ジャイシャンカル外相はパキスタンが「挑発行為」を繰り返していると"
                                       "非難した上で、「断固として対応する」と警告した。")
    accusation, threat = only(events, "ACCUSE"), only(events, "THREATEN")
    assert accusation and set(accusation[0].recipients) == k(gazetteer, "パキスタン")
    assert threat and set(threat[0].recipients) == k(gazetteer, "パキスタン")
    assert set(threat[0].sources) == set(accusation[0].sources) == k(gazetteer, "ジャイシャンカル")


@pytest.mark.parametrize(("sentence", "sources", "recipients"), [
    ("ロシアのラブロフ外相は、米国が制裁を解除すれば、協議を再開する用意があると述べた。", ["ラブロフ"], ["米国"]),
    ("イランは、核合意を巡って欧州と協議する用意がある。", ["イラン"], []),
])
def test_offer_is_one_agreement(nlp, gazetteer, sentence, sources, recipients):
    events = events_of(nlp, gazetteer, sentence)
    assert [e.category for e in events] == ["AGREE"]  # the offered act is its content
    assert set(events[0].sources) >= k(gazetteer, *sources)
    assert set(events[0].recipients) >= k(gazetteer, *recipients)
    assert not {"future", "hypothetical", "negation"} & set(events[0].contexts)


def test_no_offer_is_no_agreement(nlp, gazetteer):
    assert not only(events_of(nlp, gazetteer, "ロシアは、ウクライナと交渉する用意はないと述べた。"), "AGREE")
