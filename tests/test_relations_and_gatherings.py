"""Wordings of relations (断交, 国交樹立), territory and airspace, decided sanctions, meetings a
subject held, and the dates they lend: sentences written for these rules, in wire style.

Articles are dated 2021-06-17 (``test_events.PUBLISHED``).
"""

from __future__ import annotations

import datetime

import pytest
from test_events import events_of, k, only

from kg.dates import DateAnchor, find_dates

FIRES = [
    # relations cut and established: PLOVER's SANCTION (reduce relations) and SUPPORT (recognise)
    ("キリバスは20日、台湾と断交した。", "SANCTION", ["キリバス"], ["台湾"]),
    ("キリバスは中国と国交を樹立した。", "SUPPORT", ["キリバス"], ["中国"]),
    ("ホンジュラスは中国と外交関係を結んだ。", "SUPPORT", ["ホンジュラス"], ["中国"]),
    # ground taken, airspace entered, fighters scrambled
    ("ロシア軍は東部の要衝を制圧した。", "ASSAULT", ["ロシア軍"], []),
    ("ロシア軍は州都を掌握した。", "ASSAULT", ["ロシア軍"], []),
    ("ロシア軍機が14日、日本の領空を侵犯した。", "MOBILIZE", ["ロシア軍"], ["日本"]),
    ("自衛隊の戦闘機が緊急発進して対応した。", "MOBILIZE", ["自衛隊"], []),
    # sanctions decided
    ("英国は14日、イランに対する追加制裁を決めた。", "SANCTION", ["英国"], ["イラン"]),
    ("政府は閣議で、ロシアへの新たな制裁措置を決定した。", "SANCTION", ["日本"], ["ロシア"]),
]


@pytest.mark.parametrize(("sentence", "category", "sources", "recipients"), FIRES)
def test_wording_gives_the_event(nlp, gazetteer, sentence, category, sources, recipients):
    found = only(events_of(nlp, gazetteer, sentence), category)
    assert len(found) == 1, (sentence, events_of(nlp, gazetteer, sentence))
    assert set(found[0].sources) == k(gazetteer, *sources)
    assert set(found[0].recipients) >= k(gazetteer, *recipients)
    assert not {"negation", "hypothetical", "future"} & set(found[0].contexts)


@pytest.mark.parametrize(("sentence", "category", "context"), [
    ("キリバスは中国と国交を樹立していない。", "SUPPORT", "negation"),
    ("ロシア軍機が日本の領空を侵犯すれば、政府は抗議する方針だ。", "MOBILIZE", "hypothetical"),
    ("英国はイランに対する追加制裁を決める方針だ。", "SANCTION", "future"),
])
def test_wording_keeps_its_context(nlp, gazetteer, sentence, category, context):
    found = only(events_of(nlp, gazetteer, sentence), category)
    assert found and all(context in e.contexts for e in found)


@pytest.mark.parametrize("sentence", [
    "軍は政権を掌握した。",  # a coup seizes power, no territory
    "両国は領空の管理で協力することで一致した。",  # airspace named, nothing entered
])
def test_wording_does_not_fire(nlp, gazetteer, sentence):
    events = events_of(nlp, gazetteer, sentence)
    assert not only(events, "ASSAULT") and not only(events, "MOBILIZE")


def test_deciding_to_extend_a_sanction_is_one_sanction(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "政府は7日、北朝鮮に対する独自制裁を2年間延長することを決定した。"),
                 "SANCTION")
    assert len(found) == 1


def test_meeting_the_subject_held_is_consult_dated_with_the_acts_at_it(nlp, gazetteer):
    """``Xは…に開いた首脳会議で、…合意した``: X held the meeting (a verbal relative clause
    states a fact) and what X agreed at it has the meeting's date."""
    events = events_of(nlp, gazetteer, "ASEANは今月中旬にジャカルタで開いた首脳会議で、ミャンマー問題で合意した。")
    consult, agree = only(events, "CONSULT"), only(events, "AGREE")
    assert len(consult) == 1 and set(consult[0].sources) == k(gazetteer, "ASEAN")
    assert len(agree) == 1
    for event in consult + agree:
        assert (event.date.year, event.date.month, event.date.precision) == (2021, 6, "month")


@pytest.mark.parametrize("sentence", [
    "ASEANは来月ジャカルタで開く首脳会議で、ミャンマー問題を協議する方針だ。",  # not yet held
    "ASEANは、米国が主催する会合に外相を派遣した。",  # held by another
])
def test_meeting_not_held_by_the_subject_gives_it_no_consult(nlp, gazetteer, sentence):
    consult = only(events_of(nlp, gazetteer, sentence), "CONSULT")
    assert all(k(gazetteer, "ASEAN") != set(e.sources) or "future" in e.contexts for e in consult)


@pytest.mark.parametrize(("text", "iso"), [
    ("キリバスは19年に台湾と断交した", "2019"),
    ("同国は95年、条約に署名した", "1995"),
])
def test_two_digit_year_alone_is_the_latest_such_year(text, iso):
    anchor = DateAnchor(datetime.date(2024, 1, 16))
    assert [m.value.iso for m in find_dates(text, anchor) if m.value] == [iso]


@pytest.mark.parametrize("text", ["15年に1度の会合", "懲役15年の判決", "10年の歳月をかけた", "70年に署名"])
def test_two_digit_year_that_is_a_span_or_too_old_is_no_date(text):
    anchor = DateAnchor(datetime.date(2024, 1, 16))
    assert not [m for m in find_dates(text, anchor) if m.value]


def test_agreement_named_with_an_adjective_is_minted_as_a_treaty(nlp, gazetteer):
    from test_mentions import mentions_of

    found, minted = mentions_of(nlp, gazetteer, "両国の首脳は東京で、部隊の往来を円滑にする円滑化協定に署名した。")
    assert [r.label_ja for r in minted if r.type == "Treaty"] == ["円滑化協定"]


def test_protest_and_demand_at_a_summons_are_addressed_to_the_envoys_state(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "外務省の高田次官は26日夜、ロシアの臨時代理大使を外務省に呼び出し、"
                                       "「断じて容認できない」と厳重に抗議し、再発防止を強く求めた。")
    accuse, demand = only(events, "ACCUSE"), only(events, "DEMAND")
    assert len(accuse) == 1 and set(accuse[0].recipients) == k(gazetteer, "ロシア")  # one act, not the venue
    assert len(demand) == 1 and set(demand[0].recipients) == k(gazetteer, "ロシア")


def test_demand_with_no_addressee_and_no_summons_is_no_event(nlp, gazetteer):
    assert not only(events_of(nlp, gazetteer, "政府は26日、再発防止を強く求めた。"), "DEMAND")


@pytest.mark.parametrize(("sentence", "day"), [
    ("岸田首相は11日午後(日本時間12日未明)、ロンドン中心部の首相官邸でスナク英首相と会談した。", 11),
    ("防衛省によると、26日午前11時半ごろ、自衛隊の戦闘機が緊急発進した。", 26),
])
def test_adverbial_date_with_a_time_or_a_zone_gloss_dates_the_act(nlp, gazetteer, sentence, day):
    found = [e for e in events_of(nlp, gazetteer, sentence) if e.category in ("CONSULT", "MOBILIZE")]
    assert found and all(e.date is not None and e.date.day == day for e in found)


def test_time_zone_is_no_mention_of_a_state(nlp, gazetteer):
    from test_mentions import mentions_of

    found, _ = mentions_of(nlp, gazetteer, "首脳会談は10日午後(日本時間11日未明)に始まった。")
    assert "japan" not in {m.entity for m in found}


def test_aircraft_counted_after_its_name_acts_for_its_owner(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "ロシア軍の偵察機2機が日本の領空を侵犯した。"), "MOBILIZE")
    assert len(found) == 1 and set(found[0].sources) == k(gazetteer, "ロシア軍")
    assert set(found[0].recipients) == k(gazetteer, "日本")


def test_suspicion_voiced_is_an_accusation(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "オランダのルッテ首相は18日、事件にロシア政府が関与した疑いがあると議会で表明した。"),
                 "ACCUSE")
    assert len(found) == 1 and set(found[0].recipients) == k(gazetteer, "ロシア")


def test_a_view_voiced_without_a_suspected_actor_is_no_accusation(nlp, gazetteer):
    assert not only(events_of(nlp, gazetteer, "政府は、事故の原因に疑いがあると表明した。"), "ACCUSE")


def test_second_subject_after_a_chained_clause_does_the_later_act_and_answers_the_first(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ドイツは18日、ロシアを強く非難し、ロシアは強く反発した。")
    accuse, reject = only(events, "ACCUSE"), only(events, "REJECT")
    assert len(accuse) == 1 and set(accuse[0].sources) == k(gazetteer, "ドイツ")
    assert len(reject) == 1 and set(reject[0].sources) == k(gazetteer, "ロシア")
    assert set(reject[0].recipients) == k(gazetteer, "ドイツ")


@pytest.mark.parametrize("sentence", [
    "ポーランドとベラルーシは互いに外交官を追放した。",
    "ポーランドとベラルーシの対立が続いている。両国は先月も外交官を2人ずつ追放した。",
])
def test_reciprocal_hostile_act_is_one_act_each_way(nlp, gazetteer, sentence):
    found = only(events_of(nlp, gazetteer, sentence), "SANCTION")
    pairs = {(e.sources, e.recipients) for e in found}
    poland, belarus = (gazetteer.lookup(n).key for n in ("ポーランド", "ベラルーシ"))
    assert pairs == {((poland,), (belarus,)), ((belarus,), (poland,))}


def test_reciprocal_acts_are_two_nodes_in_the_graph(nlp, store, tmp_path):
    from kg.export_plover import plover_records
    from kg.pipeline import build

    path = tmp_path / "expel.txt"
    path.write_text("ポーランドとベラルーシは14日、互いに外交官を追放した。\n", encoding="utf-8")
    build([path], store, nlp=nlp, strict=True)
    sanctions = [r for r in plover_records(store) if r["event"] == ["SANCTION"]]
    assert len(sanctions) == 2 and len({r["kg_iri"] for r in sanctions}) == 2


def test_joint_act_of_two_sides_is_not_split(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "ポーランドとベラルーシはロシアを非難した。"), "ACCUSE")
    assert len(found) == 1


def test_act_asked_for_is_not_asserted_even_without_an_addressee(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "声明は、軍事政権に拘束されている大統領を直ちに解放するよう要求した。")
    assert not only(events, "RETREAT")


@pytest.mark.parametrize(("sentence", "category"), [
    ("イランは1日、イスラエルに弾道ミサイル約180発を発射した。", "ASSAULT"),  # fired at a state
    ("北朝鮮は1日、弾道ミサイルを日本海に向けて発射した。", "MOBILIZE"),  # a launch into the sea
])
def test_launch_at_an_actor_is_an_attack(nlp, gazetteer, sentence, category):
    events = events_of(nlp, gazetteer, sentence)
    assert [e.category for e in events if e.category in ("ASSAULT", "MOBILIZE")] == [category]


def test_one_subject_meeting_partners_respectively_is_one_meeting_each_with_its_date(nlp, gazetteer):
    events = only(events_of(nlp, gazetteer, "茂木外相は8日にソウルで韓国の朴外相と、9日には北京で中国の王外相とそれぞれ会談した。"),
                  "CONSULT")
    got = {(e.recipients, e.date.day if e.date else None) for e in events}
    assert got == {(("park-jin",), 8), (("wang-yi",), 9)}


def test_partners_joined_without_respectively_are_one_meeting(nlp, gazetteer):
    events = only(events_of(nlp, gazetteer, "茂木外相は8日、韓国の朴外相、中国の王外相と会談した。"), "CONSULT")
    assert len(events) == 1


@pytest.mark.parametrize(("sentence", "addressee"), [
    ("中国商務省の報道官は25日、EUに誤ったやり方を直ちに改めるよう求めた。", "EU"),
    ("中国外務省の報道官は、日本に輸入規制を撤廃するよう要求した。", "日本"),
])
def test_addressee_hung_on_the_act_asked_for_is_the_demands(nlp, gazetteer, sentence, addressee):
    found = only(events_of(nlp, gazetteer, sentence), "DEMAND")
    assert len(found) == 1 and set(found[0].recipients) == k(gazetteer, addressee)


def test_goal_of_the_act_asked_for_is_no_addressee(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "首相は記者会見で、早期に国連に復帰するよう呼び掛けた。"), "DEMAND")
    assert not found


def test_threat_after_an_accusation_is_aimed_at_the_accused(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "イラン外務省は21日、イスラエルを非難したうえで、対抗措置を取る考えを示唆した。")
    threat = only(events, "THREATEN")
    assert len(threat) == 1 and set(threat[0].recipients) == k(gazetteer, "イスラエル")


def test_counted_ministers_are_the_people_last_named(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "林外相は3日、韓国の朴外相、中国の王外相と会談した。",
                       "3外相は、北朝鮮問題で協力することで一致した。")
    agree = only(events, "AGREE")
    assert len(agree) == 1 and set(agree[0].sources) == {"yoshimasa-hayashi", "park-jin", "wang-yi"}


def test_count_larger_than_the_people_named_resolves_to_nobody(nlp, gazetteer):
    from kg.coref import resolve  # noqa: F401  (the rule lives in coreference)

    events = events_of(nlp, gazetteer, "林外相は3日、韓国の朴外相と会談した。", "5閣僚は協力で一致した。")
    assert not any(len(e.sources) == 5 for e in events)


def test_pair_written_before_ryoushi_in_one_token_is_both_people(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "これに先立ち、コスタ、フォンデアライエン両氏は24日、李強首相とも会談した。"),
                 "CONSULT")
    assert len(found) == 1 and set(found[0].sources) == {"antonio-costa", "ursula-von-der-leyen"}


@pytest.mark.parametrize(("sentence", "group"), [
    ("G20首脳会議は19日、リオデジャネイロで2日間の討議を終えて閉幕した。", "G20"),
    ("ASEAN首脳会議が10日、ジャカルタで開幕した。", "ASEAN"),
])
def test_summit_opening_or_closing_is_the_groups_meeting(nlp, gazetteer, sentence, group):
    found = only(events_of(nlp, gazetteer, sentence), "CONSULT")
    assert len(found) == 1 and set(found[0].sources) == k(gazetteer, group)


def test_an_opening_that_is_no_meeting_is_no_event(nlp, gazetteer):
    assert not only(events_of(nlp, gazetteer, "東京五輪が23日に開幕した。"), "CONSULT")


def test_claim_of_theft_or_persecution_is_an_accusation(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "米国は、ロシアがウクライナの子どもを連れ去り、迫害していると主張した。"), "ACCUSE")
    assert len(found) == 1 and set(found[0].recipients) == k(gazetteer, "ロシア")


@pytest.mark.parametrize("sentence", [
    "中国外務省の報道官は27日、「関係部門が状況を確認している」と述べた。",
    "政府は邦人の安否を確認している。",
])
def test_checking_facts_is_no_agreement(nlp, gazetteer, sentence):
    assert not only(events_of(nlp, gazetteer, sentence), "AGREE")


def test_confirming_cooperation_is_still_an_agreement(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "日米両首脳は14日、同盟の強化を確認した。"), "AGREE")
    assert len(found) == 1


@pytest.mark.parametrize(("sentence", "agent"), [
    ("防衛省は15日、北朝鮮による弾道ミサイルの発射を確認した。", "北朝鮮"),
    ("防衛省は、中国軍による空母の展開を確認したと発表した。", "中国軍"),
])
def test_act_confirmed_by_an_observer_is_the_agents(nlp, gazetteer, sentence, agent):
    events = events_of(nlp, gazetteer, sentence)
    assert [e.category for e in events] == ["MOBILIZE"]
    assert set(events[0].sources) == k(gazetteer, agent)


def test_act_confirmed_without_an_agent_is_no_event(nlp, gazetteer):
    assert not events_of(nlp, gazetteer, "防衛省は、弾道ミサイルの発射を確認した。")
