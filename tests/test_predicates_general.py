"""General wordings of real news mapped to PLOVER: allegations, threats stated as conditions
or stances, refusals, visits written as one word, announcements carrying an act, chained
appeals. Every sentence is composed for these tests; each rule has a case where it must
not fire."""

from __future__ import annotations

import pytest

from test_events import events_of, k, only


# sentence, category, sources, recipients
FIRES = [
    # allegations: a claim that another actor misbehaves (kg.stances.allegation)
    ("中国外務省の報道官は、日本が国際法に違反していると主張した。", "ACCUSE", ["中国外務省"], ["日本"]),
    ("ロシアは、米国が地域の緊張を高めているとの認識を示した。", "ACCUSE", ["ロシア"], ["米国"]),
    ("林芳正外相は、中国の行動が地域の安定を損なっていると指摘した。", "ACCUSE", ["林芳正"], ["中国"]),
    ("米国のブリンケン国務長官は「ロシアが交渉を人質に取っている」と述べた。", "ACCUSE", ["ブリンケン"], ["ロシア"]),
    # threats: a stance and an ultimatum (kg.stances.threat_stance, conditional_threat)
    ("日本政府は、北朝鮮が核実験を強行した場合、追加の制裁も辞さない構えだ。", "THREATEN", ["日本"], ["北朝鮮"]),
    ("ロシアは、ウクライナが停戦に応じない限り攻勢を続ける考えを示した。", "THREATEN", ["ロシア"], ["ウクライナ"]),
    # refusals (kg.stances.is_refusal)
    ("ロシアは、米国の提案を受け入れない考えを示した。", "REJECT", ["ロシア"], ["米国"]),
    # visits written as one word, meetings with a counterpart
    ("岸田文雄首相は9日、訪中した。", "CONSULT", ["岸田"], ["中国"]),
    ("ブリンケン米国務長官は10日、来日した。", "CONSULT", ["ブリンケン"], ["日本"]),
    ("岸田文雄首相は10日、インドのモディ首相と会見した。", "CONSULT", ["岸田"], ["モディ"]),
    # announcements and adoptions carrying the act
    ("米国は、ロシアへの追加制裁を発表した。", "SANCTION", ["米国"], ["ロシア"]),
    ("国連総会は、ロシアに対する非難決議を採択した。", "ACCUSE", ["国連総会"], ["ロシア"]),
    # a promise of aid is an offer
    ("日本は、ウクライナへの人道支援を表明した。", "AGREE", ["日本"], []),
    ("日本は、ウクライナに発電機を供与した。", "AID", ["日本"], ["ウクライナ"]),
    # an appeal chained to an accusation is addressed to the accused
    ("EUのボレル上級代表は北朝鮮を非難し、対話への復帰を求めた。", "DEMAND", ["ボレル"], ["北朝鮮"]),
    # a lexicon of wire wordings
    ("中国当局は、日本人男性をスパイ罪で起訴した。", "COERCE", ["中国"], []),
    ("ロシア軍は、ウクライナの無人機を撃墜した。", "ASSAULT", ["ロシア軍"], []),
    ("韓国と米国は、新型ミサイルを共同開発することで合意した。", "AGREE", ["韓国", "米国"], []),
]


@pytest.mark.parametrize(("sentence", "category", "sources", "recipients"), FIRES)
def test_general_wordings_fire(nlp, gazetteer, sentence, category, sources, recipients):
    found = only(events_of(nlp, gazetteer, sentence), category)
    assert found, f"no {category} in {sentence}"
    event = found[0]
    assert set(event.sources) == k(gazetteer, *sources)
    assert set(event.recipients) >= k(gazetteer, *recipients)
    assert not {"negation", "hypothetical"} & set(event.contexts)


def test_allegation_content_is_not_coded_and_threat_is_not_flagged(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "日本政府は、北朝鮮が核実験を強行した場合、追加の制裁も辞さない構えだ。")
    assert not only(events, "SANCTION")  # the threatened act is the threat's content
    assert not only(events, "MOBILIZE")  # the condition of a threat is not coded
    threat = only(events, "THREATEN")[0]
    assert "future" not in threat.contexts and "negation" not in threat.contexts


def test_ultimatum_condition_is_neither_refusal_nor_assault(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシアは、ウクライナが停戦に応じない限り攻勢を続ける考えを示した。")
    assert [e.category for e in events] == ["THREATEN"]


@pytest.mark.parametrize("sentence", [
    "ロシア国防省は、ウクライナ軍の拠点を攻撃したと主張した。",  # own act: the act is coded
    "ロシアは、制裁は効果がないと主張した。",  # about things, not an actor
    "米国防総省は、中国が中距離ミサイルを大幅に増強したと指摘した。",  # an act reported, no wrong named
    "林芳正外相は、中国が会談に前向きだと述べた。",  # a neutral statement
])
def test_claims_that_are_not_accusations(nlp, gazetteer, sentence):
    assert not only(events_of(nlp, gazetteer, sentence), "ACCUSE")


def test_free_conditional_stays_hypothetical(nlp, gazetteer):
    """Considering sanctions if something happens is no threat: the guideline's hypothetical."""
    events = events_of(nlp, gazetteer, "北朝鮮が核実験に踏み切れば、政府は追加の制裁を検討する方針だ。")
    assert not only(events, "THREATEN")
    assert "hypothetical" in only(events, "MOBILIZE")[0].contexts


def test_did_not_accept_is_a_negated_acceptance(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "トルコは、スウェーデンの要求に応じてこなかった。")
    assert not only(events, "REJECT")
    assert all("negation" in e.contexts for e in only(events, "AGREE"))


@pytest.mark.parametrize("sentence", [
    "岸田文雄首相は9日の記者会見で、方針を説明した。",  # a press conference
    "岸田文雄首相は10日、会見した。",  # no counterpart
    "訪米中のフィリピンのマルコス大統領は、演説した。",  # 訪米 as a modifier
])
def test_meeting_words_without_a_meeting(nlp, gazetteer, sentence):
    assert not only(events_of(nlp, gazetteer, sentence), "CONSULT")


def test_adopting_a_condemnation_is_one_accusation(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "国連総会は、ロシアに対する非難決議を採択した。")
    assert [e.category for e in events] == ["ACCUSE"]


def test_acts_chained_inside_a_demand_are_its_content(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "国連のグテーレス事務総長は、ロシアに対し、攻撃を直ちに停止して交渉の席に戻るよう求めた。")
    assert [e.category for e in events] == ["DEMAND"]
    assert events[0].recipients == tuple(k(gazetteer, "ロシア"))


def test_denied_intention_is_no_plain_sanction(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "モルドバ政府は、ロシアとの外交関係を断絶する考えはないとしている。")
    assert all("negation" in e.contexts for e in only(events, "SANCTION"))


@pytest.mark.parametrize(("sentence", "context"), [
    ("両国は、新STARTの延長で合意しなかった。", "negation"),
    ("岸田文雄首相は来週、米国のバイデン大統領と会談する予定だ。", "future"),
    # an act stated as an intention (the guideline's 強化する考えを示した)
    ("ショルツ首相は、ロシアを非難する考えを示した。", "future"),
    ("英国政府は、イランへの制裁を強化する考えを示した。", "future"),
])
def test_negated_and_planned_acts_keep_their_flags(nlp, gazetteer, sentence, context):
    events = events_of(nlp, gazetteer, "米国とロシアは協議を続けている。", sentence)
    assert any(context in e.contexts for e in events[1:]), events


@pytest.mark.parametrize(("sentence", "category"), [
    ("米国とフィリピンは、南シナ海で合同軍事演習を実施した。", "COOPERATE"),  # joint: cooperation
    ("米国と韓国は、朝鮮半島周辺で共同訓練を行った。", "COOPERATE"),
    ("中国軍は、台湾周辺で軍事演習を実施した。", "MOBILIZE"),  # one side: mobilisation
])
def test_joint_exercises_are_cooperation(nlp, gazetteer, sentence, category):
    events = events_of(nlp, gazetteer, sentence)
    assert [e.category for e in events] == [category]


@pytest.mark.parametrize(("sentence", "category", "sources", "recipients", "future"), [
    ("ショルツ首相、マクロン大統領と会談。", "CONSULT", ["ショルツ"], ["マクロン"], False),
    ("英国政府、イランの無人機攻撃を非難へ。", "ACCUSE", ["英国"], ["イラン"], True),
])
def test_headline_style(nlp, gazetteer, sentence, category, sources, recipients, future):
    """A sentence-final noun (``…と会談。``, ``…を非難へ。``) with the actor opening it before a comma."""
    found = only(events_of(nlp, gazetteer, sentence), category)
    assert found and set(found[0].sources) == k(gazetteer, *sources)
    assert set(found[0].recipients) >= k(gazetteer, *recipients)
    assert ("future" in found[0].contexts) == future


def test_listing_comma_is_no_headline_subject(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "ロシア、ウクライナ、ベラルーシの3カ国は会談した。"), "CONSULT")
    assert found and set(found[0].sources) == k(gazetteer, "ロシア", "ウクライナ", "ベラルーシ")


@pytest.mark.parametrize(("sentence", "category", "sources", "recipients"), [
    ("ロシアはウクライナ各地に大規模なミサイル攻撃を仕掛けた。", "ASSAULT", ["ロシア"], ["ウクライナ"]),
    ("米国はイランの革命防衛隊をテロ組織に指定した。", "SANCTION", ["米国"], ["イラン"]),
    ("ロシア軍はウクライナ東部の要衝を制圧した。", "ASSAULT", ["ロシア軍"], []),
    ("国連安保理は、北朝鮮に対する制裁決議を全会一致で採択した。", "SANCTION", ["国連安保理"], ["北朝鮮"]),
    ("ロシア外務省は、モスクワ駐在の米国大使を呼び出した。", "ACCUSE", ["ロシア外務省"], ["米国"]),
])
def test_more_wire_wordings(nlp, gazetteer, sentence, category, sources, recipients):
    events = events_of(nlp, gazetteer, sentence)
    assert [e.category for e in events] == [category]
    assert set(events[0].sources) == k(gazetteer, *sources)
    assert set(events[0].recipients) >= k(gazetteer, *recipients)


def test_summoning_to_protest_is_one_accusation(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "韓国外務省は、日本の総括公使を呼び出し、抗議した。")
    assert [e.category for e in events] == ["ACCUSE"]


@pytest.mark.parametrize("sentence", [
    "ロシア外務省は、モスクワで記者団を呼び出した。",  # no envoy: no summons
    "政府は、新たに5人を指定した。",  # a designation that is no terror listing
])
def test_summons_and_designations_need_their_objects(nlp, gazetteer, sentence):
    assert not [e for e in events_of(nlp, gazetteer, sentence) if e.category in ("ACCUSE", "SANCTION")]


def test_an_organ_does_not_address_its_own_state(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "中国外務省は、米国の駐中国大使を呼び出し、抗議した。")
    assert all(k(gazetteer, "中国").isdisjoint(e.recipients) for e in events)


# joint acts, operations joined, frameworks launched; trade measures; votes; approved aid
MATERIAL = [
    ("フィリピンは日本や米国と共同で海上演習を重ねている。", "COOPERATE", ["フィリピン", "日本", "米国"], []),
    ("フィリピンは14日、米国と合同で軍事演習を実施した。", "COOPERATE", ["フィリピン", "米国"], []),
    ("作戦にはオーストラリア、オランダ、カナダが参加した。", "COOPERATE", ["オーストラリア", "オランダ", "カナダ"], []),
    # the parse hangs the founders' と-phrase on the framework; every founder is a source
    ("英国は14日、フランスやドイツと多国籍の枠組みを発足させた。", "COOPERATE", ["英国", "フランス", "ドイツ"], []),
    ("米国は中国製品への関税を引き上げた。", "SANCTION", ["米国"], ["中国"]),
    ("米国は中国に追加関税を課しており、中国は反発している。", "SANCTION", ["米国"], ["中国"]),
    ("米国と英国は決議案に賛成した。", "SUPPORT", ["米国", "英国"], []),
    ("米国務省は台湾への武器売却を承認した。", "AGREE", ["米国務省"], ["台湾"]),
]


@pytest.mark.parametrize(("sentence", "category", "sources", "recipients"), MATERIAL)
def test_material_wordings_fire(nlp, gazetteer, sentence, category, sources, recipients):
    found = only(events_of(nlp, gazetteer, sentence), category)
    assert len(found) == 1, (sentence, events_of(nlp, gazetteer, sentence))
    assert set(found[0].sources) == k(gazetteer, *sources)
    assert set(found[0].recipients) >= k(gazetteer, *recipients)
    assert not {"negation", "hypothetical", "future"} & set(found[0].contexts)


ANNOUNCED = [
    "米政府は14日、中国製品への関税の引き上げを表明した。",
    "米政府は14日、中国からの輸入品に関税を課すと発表した。",
]


@pytest.mark.parametrize("sentence", ANNOUNCED)
def test_announced_trade_measure_is_future(nlp, gazetteer, sentence):
    found = only(events_of(nlp, gazetteer, sentence), "SANCTION")
    assert len(found) == 1 and "future" in found[0].contexts
    assert set(found[0].recipients) == k(gazetteer, "中国")


def test_measure_said_done_is_not_future(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "米政府は14日、中国製品に関税を課したと発表した。"), "SANCTION")
    assert len(found) == 1 and "future" not in found[0].contexts


MATERIAL_MUST_NOT = [
    ("中国は棄権し、日本や米国など13か国が賛成した。", "SUPPORT", "中国"),  # the abstainer did not vote for it
    ("日本は国際会議に参加した。", "COOPERATE", None),  # attending a meeting is no joint operation
    ("日本銀行は金利を引き上げた。", "SANCTION", None),  # a rate raised is no trade measure
    ("北朝鮮は14日、日本海で軍事演習を実施した。", "COOPERATE", None),  # one side's exercise
    ("トルコ議会は、スウェーデンの加盟議定書を承認した。", "AGREE", None),  # ratification, not aid
]


@pytest.mark.parametrize(("sentence", "category", "source"), MATERIAL_MUST_NOT)
def test_material_wordings_must_not_fire(nlp, gazetteer, sentence, category, source):
    found = only(events_of(nlp, gazetteer, sentence), category)
    if source is None:
        assert not found, sentence
    else:
        assert not [e for e in found if k(gazetteer, source) <= set(e.sources)], found


def test_negated_joining_is_flagged(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "オーストラリアは作戦に参加しなかった。"), "COOPERATE")
    assert found and "negation" in found[0].contexts


def test_domestic_tax_rise_is_no_sanction(nlp, gazetteer):
    assert not only(events_of(nlp, gazetteer, "日本政府は消費税率の引き上げを表明した。"), "SANCTION")
