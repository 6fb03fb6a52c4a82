"""Tests for kg.acts and the argument rules: which acts a sentence asserts, and with whom.

Sentences are our own, in the style of wire reports; each case names what must fire and
what must not (a promise's content, a charge, a threat's condition, an appeal to nobody).
"""

from __future__ import annotations

import pytest

from kg.acts import duration_of
from test_events import events_of, k


def cats(events) -> list[str]:
    return sorted(e.category for e in events if "negation" not in e.contexts)


@pytest.mark.parametrize(("sentence", "expected"), [
    # the content of a promise / agreement / rejection is not an act of its own
    ("英国はウクライナに長距離ミサイルを供与すると約束した。", ["AGREE"]),
    ("日英両政府は、防衛装備品の移転を拡大することで合意した。", ["AGREE"]),
    ("中国外務省の報道官は「日本は台湾問題に介入すべきではない」と反発した。", ["REJECT"]),
    # a charge (…したとして) is not asserted by the report
    ("ロシア当局は、反戦デモを呼び掛けたとして活動家3人を拘束した。", ["COERCE"]),
    # the condition of a threat is not coded; the threat is
    ("イランは、米国が制裁を強化すれば対抗措置を取ると警告した。", ["THREATEN"]),
    # an appeal with no named addressee is no event
    ("グテーレス国連事務総長は、全ての当事者に自制を求めた。", []),
    # a law is signed, not a treaty
    ("プーチン大統領は、外国の代理人を規制する法律に署名した。", []),
    # a free-standing conditional is coded, hypothetical
    ("北朝鮮が核実験を強行すれば、韓国は追加制裁を検討する方針だ。", ["MOBILIZE", "SANCTION"]),
])
def test_acts_asserted_by_the_sentence(nlp, gazetteer, sentence, expected):
    assert cats(events_of(nlp, gazetteer, sentence)) == expected


@pytest.mark.parametrize(("sentence", "category", "source", "recipient"), [
    ("欧州連合(EU)は、イランに核合意の履行を再開するよう求めた。", "DEMAND", "欧州連合", "イラン"),
    ("ドイツはウクライナに防空システムを追加で供与すると約束した。", "AGREE", "ドイツ", "ウクライナ"),
    ("主要7カ国(G7)は、北朝鮮のミサイル発射を非難する声明を発表した。", "ACCUSE", "G7", "北朝鮮"),
    ("韓国の市民団体がソウルで集会を開き、日本に抗議するデモを行った。", "PROTEST", "韓国", None),
    ("マクロン大統領はモディ首相とパリで会談し、協力強化で一致した。", "CONSULT", "マクロン", "モディ"),
])
def test_acts_arguments_the_parse_misplaces(nlp, gazetteer, sentence, category, source, recipient):
    found = [e for e in events_of(nlp, gazetteer, sentence) if e.category == category]
    assert found, f"no {category}"
    assert k(gazetteer, source) <= set(found[0].sources)
    if recipient:
        assert k(gazetteer, recipient) <= set(found[0].recipients)


def test_acts_decision_and_duration(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "政府は10日の閣議で、ロシアに対する独自制裁を1年間延長することを決めた。")
    sanction = [e for e in events if e.category == "SANCTION"]
    assert sanction and sanction[0].sources == tuple(k(gazetteer, "日本"))
    assert sanction[0].duration == "P1Y" and sanction[0].date.iso == "2021-06-10"
    assert "future" not in sanction[0].contexts


def test_acts_treaty_extension_keeps_duration(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "米ロ両政府は、新STARTを5年間延長することで合意した。")
    agree = [e for e in events if e.category == "AGREE"]
    assert agree and agree[0].treaty_status == "extended" and agree[0].duration == "P5Y"


def test_acts_elapsed_time_is_historical(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシアがクリミア半島を併合して10年となった。")
    assert events and "historical" in events[0].contexts


@pytest.mark.parametrize(("text", "expected"), [
    ("制裁を2年間延長", "P2Y"), ("3カ月の延長", "P3M"), ("五年間延長", "P5Y"), ("十年延長", "P10Y"),
    ("延長を決めた", None), ("1年延長と2年延長", None),
])
def test_acts_duration_of(text, expected):
    assert duration_of(text) == expected


@pytest.mark.parametrize(("sentence", "category", "contexts"), [
    ("日韓両国は、首脳会談を来月開く予定だ。", "CONSULT", {"future"}),
    ("ロシアはウクライナとの停戦で合意していない。", "AGREE", {"negation"}),
    ("米国が台湾に武器を売却すれば、中国は強く反発する可能性がある。", "REJECT", {"hypothetical"}),
    ("日韓両政府は、北朝鮮が弾道ミサイルを発射した場合、抗議する考えだ。", "ACCUSE", {"future", "hypothetical"}),
])
def test_acts_context_flags(nlp, gazetteer, sentence, category, contexts):
    found = [e for e in events_of(nlp, gazetteer, sentence) if e.category == category]
    assert found and contexts <= set(found[0].contexts)


def test_acts_passive_quote_is_not_the_speakers_act(nlp, gazetteer):
    """``記者が「逮捕された」と述べ``: the speaker did not arrest anyone."""
    events = events_of(nlp, gazetteer, "ペスコフ大統領報道官は、記者が現行犯で逮捕されたと述べた。")
    assert not [e for e in events if e.category == "COERCE"]


def test_acts_plan_covers_the_chained_visit(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "グロッシ事務局長は、イランを訪問して政府高官と協議する意向を示した。")
    consults = [e for e in events if e.category == "CONSULT"]
    assert consults and all("future" in e.contexts for e in consults)


def test_acts_counted_states_are_the_listed_ones(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "英国、フランス、ドイツの3カ国は、イランの決定を非難した。",
                       "3カ国はイランに対し、査察への協力を求めた。")
    accuse = [e for e in events if e.category == "ACCUSE"][0]
    demand = [e for e in events if e.category == "DEMAND"][0]
    assert set(accuse.sources) == set(demand.sources) == k(gazetteer, "英国", "フランス", "ドイツ")


def test_acts_accusation_target_inside_the_quote(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "パキスタン外務省は、インドが国境付近で軍の増強を続けていると非難した。")
    accuse = [e for e in events if e.category == "ACCUSE"]
    assert accuse and k(gazetteer, "インド") <= set(accuse[0].recipients)


def test_acts_verb_hung_on_the_topic_keeps_its_subject(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ホワイトハウスのジャンピエール報道官は、拘束を「容認できない」と批判し、記者の即時釈放を要求した。")
    accuse = [e for e in events if e.category == "ACCUSE"]
    assert accuse and accuse[0].sources == tuple(k(gazetteer, "ジャンピエール"))


@pytest.mark.parametrize(("texts", "status", "treaty"), [
    (("ロシアは中距離核戦力(INF)全廃条約を批判してきた。", "米国は2019年、条約から正式に離脱した。"), "withdrawn", "INF条約"),
    (("日本とフィリピンは8日、日比円滑化協定に署名した。",), "signed", "日比円滑化協定"),
    (("ロシア外務省は、領空開放条約からの離脱手続きを始めると発表した。",), "withdrawn", "領空開放条約"),
    (("プーチン大統領は、CTBTの批准を撤回する法律に署名した。",), "withdrawn", "CTBT"),
])
def test_acts_treaty_lifecycle(nlp, gazetteer, texts, status, treaty):
    events = events_of(nlp, gazetteer, *texts)
    assert [e for e in events if e.treaty_status == status and k(gazetteer, treaty) <= set(e.about)]


def test_acts_agent_inside_the_object_is_the_addressee(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "日本政府は、中国による日本産水産物の輸入停止の撤廃を要求した。")
    demand = [e for e in events if e.category == "DEMAND"]
    assert demand and demand[0].recipients == tuple(k(gazetteer, "中国"))


def test_acts_agent_noun_as_a_topic_is_no_event(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシアによるウクライナ侵攻を受け、両国は制裁の維持で一致した。")
    assert not [e for e in events if e.category == "ASSAULT"]


def test_acts_continuative_clause_shares_the_topic(nlp, gazetteer):
    """``Xは…と電話会談を行い、…ことを確認した``: the talks are X's even when the parse hangs
    the clause inside the content of 確認."""
    events = events_of(nlp, gazetteer, "林外務大臣は、アメリカのブリンケン国務長官、韓国の朴振外相と電話会談を行い、"
                       "3か国で緊密に連携していくことを確認した。")
    consult = [e for e in events if e.category == "CONSULT"]
    assert consult and consult[0].sources == tuple(k(gazetteer, "林芳正")) and consult[0].mode == "phone"


# Material acts (session 3): sentence, category, sources, recipients ([] = any), about-treaty status
MATERIAL = [
    # a が-subject next to the act, after the report's は-topic, does the act
    ("フィリピン軍は20日、中国海警局の船が比軍の補給船に体当たりしたと発表した。", "ASSAULT", ["中国海警局"], []),
    ("比軍は、南シナ海で中国海警局の船が補給船に放水したと明らかにした。", "ASSAULT", ["中国海警局"], []),
    # an actor's vessels and personnel act for it
    ("ロシア軍の兵士がウクライナ東部の村を襲撃した。", "ASSAULT", ["ロシア軍"], []),
    # seizures are COERCE
    ("イランの革命防衛隊は、ホルムズ海峡で英国籍のタンカーを拿捕した。", "COERCE", ["イラン"], []),
    # troops sent, reinforced
    ("北朝鮮は、特殊部隊の兵士約3000人を輸送艦でロシアに送った。", "MOBILIZE", ["北朝鮮"], []),
    ("米国は中東に部隊を増派した。", "MOBILIZE", ["米国"], []),
    # a prisoner exchange is the releases of both sides
    ("ロシアとウクライナは3日、トルコの仲介で捕虜交換を実施した。", "RETREAT", ["ロシア"], ["ウクライナ"]),
    ("ロシアとウクライナは3日、トルコの仲介で捕虜交換を実施した。", "RETREAT", ["ウクライナ"], ["ロシア"]),
    # 行っ read as 行く by the parser is the light verb 行う
    ("ロシア軍は、東部で無人機による攻撃を繰り返し行ってきた。", "ASSAULT", ["ロシア軍"], []),
    # a decree on withdrawal is the withdrawal
    ("プーチン大統領は5日、中距離核戦力全廃条約からの脱退に関する大統領令に署名した。", "SANCTION", ["プーチン"], []),
    # a subject given with も in a report by a ministry acts itself
    ("米国務省も同日、米国が中距離核戦力全廃条約の履行を停止したと発表した。", "SANCTION", ["米国"], []),
]


@pytest.mark.parametrize(("sentence", "category", "sources", "recipients"), MATERIAL)
def test_material_act_fires(nlp, gazetteer, sentence, category, sources, recipients):
    found = [e for e in events_of(nlp, gazetteer, sentence) if e.category == category]
    match = [e for e in found if set(e.sources) == k(gazetteer, *sources)
             and (not recipients or set(e.recipients) == k(gazetteer, *recipients))]
    assert match, (sentence, found)


@pytest.mark.parametrize(("sentence", "category"), [
    # a relative clause the parse chains (…が結んだ条約から) lends its subject to no act
    ("ロシア外務省は7日、冷戦末期に米国とソ連が結んだ中距離核戦力全廃条約から正式に脱退したと発表した。", "SUPPORT"),
    # a letter sent is no deployment; a law with no act named is no sanction
    ("ロシアは書簡を国連に送った。", "MOBILIZE"),
    ("エルドアン大統領は近く関連法に署名する見通しだ。", "SANCTION"),
    # a prisoner exchange only discussed is no release
    ("ロシアとウクライナは捕虜交換について協議した。", "RETREAT"),
    # an unowned fishing boat is no state's agent
    ("中国の漁船が尖閣諸島の周辺で操業した。", "MOBILIZE"),
])
def test_material_act_does_not_fire(nlp, gazetteer, sentence, category):
    assert not [e for e in events_of(nlp, gazetteer, sentence) if e.category == category]


def test_relative_clause_subject_is_not_the_withdrawer(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシア外務省は7日、冷戦末期に米国とソ連が結んだ中距離核戦力全廃条約から"
                       "正式に脱退したと発表した。")
    withdrawal = [e for e in events if e.category == "SANCTION"]
    assert withdrawal and not set(withdrawal[0].sources) & k(gazetteer, "米国")


def test_planned_suspension_has_no_treaty_status(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ベラルーシも、中距離核戦力全廃条約の履行を停止する方針を示している。")
    sanction = [e for e in events if e.category == "SANCTION"]
    assert sanction and "future" in sanction[0].contexts and sanction[0].treaty_status is None
