"""Statements and stances in wire wordings: refusals (potential and past), and escalations
threatened under an ultimatum. Every sentence is composed for these tests; each rule has a
case where it must not fire."""

from __future__ import annotations

import pytest

from test_events import events_of, k, only


@pytest.mark.parametrize("sentence", [
    "イランのアラグチ外相は「制裁が解除されない限り、査察には応じられない」と述べた。",
    "北朝鮮は、日本の提案は受け入れられないと主張した。",
])
def test_potential_refusal_is_a_reject_not_a_passive(nlp, gazetteer, sentence):
    """``応じられない``: the potential of a verb of accepting, negated, refuses; it is no passive
    that would need an agent."""
    events = events_of(nlp, gazetteer, sentence)
    assert only(events, "REJECT") and not only(events, "AGREE")


def test_passive_of_a_hostile_act_stays_passive(nlp, gazetteer):
    """``拘束された``: a real passive keeps its patient as recipient."""
    events = events_of(nlp, gazetteer, "日本人男性が北京で中国当局に拘束された。")
    coerce = only(events, "COERCE")
    assert coerce and set(coerce[0].sources) == k(gazetteer, "中国")


def test_demand_not_complied_with_is_a_refusal(nlp, gazetteer):
    """``要求したが、EU側は応じなかった``: not complying (plain past) is REJECT, not a negated AGREE."""
    events = events_of(nlp, gazetteer, "中国は補助金調査の中止をEUに要求したが、EUは応じなかった。")
    rejects = only(events, "REJECT")
    assert rejects and set(rejects[0].sources) == k(gazetteer, "EU")
    assert "negation" not in rejects[0].contexts


@pytest.mark.parametrize("sentence", [
    "北朝鮮は日本との協議に応じていない。",  # ongoing: a negated acceptance
    "北朝鮮はこれまで日本との協議に応じてこなかった。",  # habitual
    "ロシアが停戦に応じない限り、制裁を続ける。",  # a condition
])
def test_ongoing_or_conditional_non_acceptance_is_no_refusal(nlp, gazetteer, sentence):
    assert not only(events_of(nlp, gazetteer, sentence), "REJECT")


def test_escalation_under_an_ultimatum_threatens_the_one_who_must_comply(nlp, gazetteer):
    """``Yが従わない場合は安保理に対応を求めると述べた``: a THREATEN towards Y, not a DEMAND to
    the council."""
    events = events_of(nlp, gazetteer, "ガイアナのアリ大統領は1日、ベネズエラが命令に従わない場合は国連安全保障理事会に"
                                       "対応を求めると述べた。")
    threats = only(events, "THREATEN")
    assert threats and set(threats[0].recipients) == k(gazetteer, "ベネズエラ")
    assert not only(events, "DEMAND")
    assert "hypothetical" not in threats[0].contexts


@pytest.mark.parametrize("sentence", [
    "林外相は、北朝鮮がミサイルを発射した場合は国連安保理に会合の開催を要請する考えを示した。",  # positive condition
    "日本政府は、北朝鮮が協議に応じない場合、北朝鮮に改めて対話を求める方針だ。",  # the same addressee
])
def test_conditional_demand_without_an_ultimatum_stays_a_demand(nlp, gazetteer, sentence):
    events = events_of(nlp, gazetteer, sentence)
    assert only(events, "DEMAND") and not only(events, "THREATEN")


def test_bare_statement_speaks_for_the_authors_named_before(nlp, gazetteer):
    """``首脳らは発表した声明で…``, then ``声明ではまた、…批判し、…求めた``: the bare statement is
    the named authors' (across a paragraph break: a noun, not a zero subject)."""
    events = events_of(nlp, gazetteer, "G7首脳は発表した声明で、ロシアを非難した。",
                       "声明ではまた、北朝鮮とイランを名指しで批判し、中国に対してもロシアへの物資の輸出をやめるよう求めた。")
    accuse = [e for e in only(events, "ACCUSE") if k(gazetteer, "北朝鮮") <= set(e.recipients)]
    assert accuse and set(accuse[0].sources) == k(gazetteer, "G7")
    assert k(gazetteer, "イラン") <= set(accuse[0].recipients)
    demand = only(events, "DEMAND")
    assert demand and set(demand[0].sources) == k(gazetteer, "G7") and set(demand[0].recipients) == k(gazetteer, "中国")


def test_bare_statement_without_authors_is_nobody(nlp, gazetteer):
    """No document or talks named before: ``声明は…批判した`` has no author to take; a document
    of an actor written in the phrase (``日本の声明を批判``) is not the critic's."""
    assert not only(events_of(nlp, gazetteer, "声明は北朝鮮を厳しく批判した。"), "ACCUSE")
    events = events_of(nlp, gazetteer, "中国は日本の声明を批判した。", "声明は北朝鮮の核開発に懸念を示した。")
    assert not [e for e in only(events, "ACCUSE") if k(gazetteer, "中国") <= set(e.sources) and e.sentence == 1]


@pytest.mark.parametrize("sentence", [
    "中国外務省の報道官は、米国が「国家安全の概念を拡大解釈し、輸出規制を乱用している」と非難した。",
    "中国外務省の報道官は、米国が輸出規制を乱用していると批判した。",
])
def test_accused_is_the_subject_of_the_deplored_content(nlp, gazetteer, sentence):
    """``Xは、Yが「…」と非難した``: Y, said to have done the deplored act, is the accused."""
    accuse = only(events_of(nlp, gazetteer, sentence), "ACCUSE")
    assert accuse and set(accuse[0].recipients) == k(gazetteer, "米国")


def test_accusation_with_an_addressee_keeps_it(nlp, gazetteer):
    """An addressee written with ``を`` is the accused; the content's subject is not added."""
    accuse = only(events_of(nlp, gazetteer, "中国外務省の報道官は、日本を「米国が緊張をあおっている」と批判した。"), "ACCUSE")
    assert accuse and set(accuse[0].recipients) == k(gazetteer, "日本")


def test_quoted_refusal_is_the_speakers_not_the_talks(nlp, gazetteer):
    """``アラグチ氏は「…応じられない」と述べた`` after talks with Grossi: the refusal is the
    speaker's alone; a quoted agreement (``一致した``) stays both sides'."""
    events = events_of(nlp, gazetteer, "イランのアラグチ外相は18日、IAEAのグロッシ事務局長とテヘランで会談した。"
                       "アラグチ氏は「制裁が解除されない限り、査察には応じられない」と述べた。")
    reject = only(events, "REJECT")
    assert reject and set(reject[0].sources) == k(gazetteer, "アラグチ")
    events = events_of(nlp, gazetteer, "岸田首相は5日、バイデン大統領と会談した。"
                       "岸田氏は記者団に「北朝鮮問題で連携することで一致した」と述べた。")
    agree = only(events, "AGREE")
    assert agree and k(gazetteer, "岸田", "バイデン") <= set(agree[0].sources)
