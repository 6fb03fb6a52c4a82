"""Argument rules for wire wordings: gapped coordination (``それぞれ``), passive relative
clauses, news agencies as reporters, planned acts (``〜する考えを示した``), the paragraph
bound of zero subjects, agreements after talks, and a first act addressed by the second.

Sentences are written for these tests in the style of wire reports; each rule has cases
where it must not fire.
"""

from __future__ import annotations

import pytest
from test_events import events_of, k

import kg.events
import kg.extract
from kg.coordination import respectively
from kg.view import SentenceView


@pytest.fixture
def pending_call_sites(monkeypatch):
    """``kg.events.sentence_events`` with the call sites ``state.enter(sentence)`` (first) and
    ``respectively`` (on each found event) that it does not make yet; none once it does."""
    original = kg.extract.sentence_events
    if "respectively" in vars(kg.events):
        return

    def sentence_events(sentence, mentions, state):
        state.enter(sentence)
        before = len(state.events)
        out = original(sentence, mentions, state)
        s = SentenceView(sentence, mentions, sentence.offset - sentence.span.start_char, [])
        split = []
        for event in out:
            tokens = [t for t in sentence.span if sentence.char(t.idx) == event.start]
            split += respectively(event, tokens[0], s, state) if tokens else [event]
        state.events[before:] = split
        return split

    monkeypatch.setattr(kg.extract, "sentence_events", sentence_events)


def _all(events, category):
    return [e for e in events if e.category == category]


def _one(events, category):
    found = _all(events, category)
    assert found, f"no {category} in {[(e.category, e.trigger) for e in events]}"
    return found[0]


# 1. Gapped coordination

def test_respectively_gives_one_meeting_per_pair(nlp, gazetteer, pending_call_sites):
    events = events_of(nlp, gazetteer, "林芳正外相は10日、韓国の朴振外相と、上川陽子外相は中国の王毅外相とそれぞれ会談した。")
    pairs = {(e.sources, e.recipients) for e in _all(events, "CONSULT")}
    assert pairs == {(tuple(k(gazetteer, "林芳正")), tuple(k(gazetteer, "朴振"))),
                     (tuple(k(gazetteer, "上川陽子")), tuple(k(gazetteer, "王毅")))}


def test_respectively_with_ni_pairs(nlp, gazetteer, pending_call_sites):
    events = events_of(nlp, gazetteer, "日本は韓国に、米国は中国にそれぞれ抗議した。")
    pairs = {(e.sources, e.recipients) for e in _all(events, "ACCUSE")}
    assert pairs == {(tuple(k(gazetteer, "日本")), tuple(k(gazetteer, "韓国"))),
                     (tuple(k(gazetteer, "米国")), tuple(k(gazetteer, "中国")))}


def test_respectively_with_a_joint_topic_is_one_event(nlp, gazetteer, pending_call_sites):
    events = events_of(nlp, gazetteer, "岸田文雄首相とバイデン大統領はそれぞれ北朝鮮を非難した。")
    accuse = _all(events, "ACCUSE")
    assert len(accuse) == 1 and set(accuse[0].sources) == k(gazetteer, "岸田文雄", "バイデン")


def test_without_respectively_nothing_is_split(nlp, gazetteer, pending_call_sites):
    events = events_of(nlp, gazetteer, "林芳正外相は10日、韓国の朴振外相と会談した。")
    assert len(_all(events, "CONSULT")) == 1


def test_joint_sources_written_with_to_and_ryokoku(nlp, gazetteer):
    for text in ("日本と韓国は10日、北朝鮮の弾道ミサイル発射を非難した。",
                 "日本、韓国両国は10日、北朝鮮の弾道ミサイル発射を非難した。"):
        assert set(_one(events_of(nlp, gazetteer, text), "ACCUSE").sources) == k(gazetteer, "日本", "韓国")


def test_named_members_of_a_plural_topic_are_the_sources(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ウクライナや欧米諸国は、ロシアが原発を軍事拠点化していると非難した。")
    assert set(_one(events, "ACCUSE").sources) == k(gazetteer, "ウクライナ")


def test_nado_ha_is_a_topic(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "日米などは国連安全保障理事会に緊急会合の開催を要請した。")
    assert set(_one(events, "DEMAND").sources) == k(gazetteer, "日本", "米国")


# 2. Passive relative clauses

def test_passive_relative_clause_with_a_place(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "大連で拘束された日本人男性について、外務省が説明した。")
    coerce = _one(events, "COERCE")
    assert set(coerce.sources) == k(gazetteer, "中国") and set(coerce.recipients) == k(gazetteer, "日本")


def test_passive_relative_clause_with_an_agent(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシア当局に拘束された米国人記者が釈放された。")
    coerce = _one(events, "COERCE")
    assert set(coerce.sources) == k(gazetteer, "ロシア") and set(coerce.recipients) == k(gazetteer, "米国")


@pytest.mark.parametrize("text", ["来月予定される会談で、両国は協力を確認する。",
                                  "求められる対応について、政府が検討している。"])
def test_non_asserted_passive_relative_clause_is_no_event(nlp, gazetteer, text):
    assert not [e for e in events_of(nlp, gazetteer, text) if e.category in ("COERCE", "CONSULT", "DEMAND")]


# 3. State news agencies

def test_agency_report_without_subject_is_the_states_act(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "朝鮮中央通信は12日、金正恩総書記の立ち会いの下、日本海に向けて弾道ミサイルを発射したと伝えた。")
    launch = _one(events, "MOBILIZE")
    assert set(launch.sources) == k(gazetteer, "北朝鮮")
    assert set(launch.attributed_to) == k(gazetteer, "朝鮮中央通信")


def test_agency_report_keeps_the_reported_subject(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシアのタス通信は、ロシア軍がハルキウを攻撃したと報じた。")
    attack = _one(events, "ASSAULT")
    assert set(attack.sources) == k(gazetteer, "ロシア軍") and set(attack.attributed_to) == k(gazetteer, "タス通信")


def test_agency_without_a_name_takes_the_state_written_with_it(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "イランの国営通信は、革命防衛隊がイスラエルに向けて無人機を発射したと伝えた。")
    assert set(_one(events, "ASSAULT").sources) == k(gazetteer, "イラン")  # drones launched at a target: force


def test_agencys_own_accusation_stays_its_own(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "朝鮮中央通信は、米韓合同軍事演習を「侵略戦争の予行演習だ」と非難した。")
    assert set(_one(events, "ACCUSE").sources) == k(gazetteer, "朝鮮中央通信")


# 4. Planned acts

@pytest.mark.parametrize("text, category", [
    ("岸田文雄首相は10日、ロシアを非難する考えを示した。", "ACCUSE"),
    ("岸田文雄首相は、韓国の尹錫悦大統領と会談する考えを示した。", "CONSULT"),
    ("林芳正外相は10日、中国に対し抗議する意向を示した。", "ACCUSE"),
    ("林芳正外相は10日、中国と協議する方針を明らかにした。", "CONSULT"),
])
def test_act_of_a_stated_plan_is_future(nlp, gazetteer, text, category):
    event = _one(events_of(nlp, gazetteer, text), category)
    assert "future" in event.contexts and event.sources


@pytest.mark.parametrize("text, category", [
    ("米国はウクライナを支持する姿勢を示した。", "SUPPORT"),
    ("岸田文雄首相は10日、ロシアを非難した考えを示した。", "ACCUSE"),
])
def test_attitude_or_past_act_is_not_future(nlp, gazetteer, text, category):
    assert "future" not in _one(events_of(nlp, gazetteer, text), category).contexts


def test_refusal_stated_as_a_plan_stays_a_refusal(nlp, gazetteer):
    event = _one(events_of(nlp, gazetteer, "政府は、米国の提案を受け入れない考えを示した。"), "REJECT")
    assert "future" not in event.contexts and set(event.recipients) == k(gazetteer, "米国")


# 5. Zero subjects stay in their paragraph

def test_zero_subject_within_the_paragraph(nlp, gazetteer, pending_call_sites):
    events = events_of(nlp, gazetteer, "ブリンケン国務長官は北朝鮮を非難した。また、北朝鮮に核実験の中止を求めた。")
    assert set(_one(events, "DEMAND").sources) == k(gazetteer, "ブリンケン")


def test_zero_subject_does_not_cross_a_paragraph(nlp, gazetteer, pending_call_sites):
    events = events_of(nlp, gazetteer, "ブリンケン国務長官は北朝鮮を非難した。", "また、北朝鮮に核実験の中止を求めた。")
    assert not _all(events, "DEMAND")


# 6. Agreements after talks; a first act addressed by the second

def test_agreement_after_talks_is_both_sides(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "林芳正外相は10日、中国の王毅外相と会談した。北朝鮮問題で緊密に連携することで一致した。")
    assert set(_one(events, "AGREE").sources) == k(gazetteer, "林芳正", "王毅")


def test_partner_is_not_carried_further(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "林芳正外相は10日、中国の王毅外相と会談した。北朝鮮問題で緊密に連携することで一致した。"
                                       "また、ロシアに即時撤退を求めた。")
    assert set(_one(events, "DEMAND").sources) == k(gazetteer, "林芳正")


def test_agreement_with_its_own_subject_is_unchanged(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "林芳正外相は10日、中国の王毅外相と会談した。岸田文雄首相は防衛協力の強化で米国と合意した。")
    assert set(_one(events, "AGREE").sources) == k(gazetteer, "岸田文雄")


def test_agreement_of_someone_not_in_the_talks_is_unchanged(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "米国のブリンケン国務長官は10日、中国の王毅外相と会談した。"
                                       "林芳正外相は11日、記者会見した。北朝鮮問題で連携することを確認した。")
    for agree in _all(events, "AGREE"):
        assert not set(agree.sources) & k(gazetteer, "王毅")


def test_first_act_takes_the_addressee_of_the_second(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "中国外務省の報道官は10日、「地域の緊張を高める行為だ」と批判し、米国に対し挑発をやめるよう求めた。")
    assert set(_one(events, "ACCUSE").recipients) == k(gazetteer, "米国")


def test_first_act_with_its_own_target_keeps_it(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "中国外務省の報道官は10日、日本の対応を「挑発だ」と批判し、米国に対しても自制を求めた。")
    assert set(_one(events, "ACCUSE").recipients) == k(gazetteer, "日本")


def test_second_act_of_another_subject_lends_no_addressee(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシア外務省は、合同演習を非難し、米国も中国に自制を求めた。")
    assert not set(_one(events, "ACCUSE").recipients) & k(gazetteer, "中国")
