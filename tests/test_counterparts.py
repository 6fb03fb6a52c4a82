"""Counterparts and subjects the parse hung elsewhere (kg.counterparts, kg.subjects): addressees on
the object noun or in a chained message, an addressee with ``にも``, the actor of a disclosed
act (``Yが…したことを明らかにした``), the patient of a passive relative clause. Every
sentence is composed for these tests; each rule has a case where it must not fire."""

from __future__ import annotations

import pytest

from test_events import events_of, k, only


# sentence, category, sources, recipients
FIRES = [
    # the addressee written on the object noun: Xへの, Xに対する, Xとの
    ("ウクライナは2022年2月、モルドバとともにEUへの加盟を申請した。", "DEMAND", ["ウクライナ"], ["EU"]),
    ("フランス政府は、イランに対する追加制裁を発表した。", "SANCTION", ["フランス"], ["イラン"]),
    ("英国は、北朝鮮への制裁を強化した。", "SANCTION", ["英国"], ["北朝鮮"]),
    # an addressee with にも inside a demand's content
    ("EUのボレル上級代表は、トルコの決定を歓迎し、ギリシャにも速やかに批准するよう促した。", "DEMAND", ["ボレル"], ["ギリシャ"]),
    # a message sent in a chained clause addresses the demand
    ("ポーランドのトゥスク首相は12日、ドイツのショルツ首相に書簡を送り、ワルシャワでの会談を呼び掛けた。",
     "DEMAND", ["トゥスク"], ["ショルツ"]),
    # a disclosed act: Yが…したことを明らかにした → Y acts, the teller is attributed
    ("米国務省は、ロシアが先月、ウクライナ南部を攻撃したことを明らかにした。", "ASSAULT", ["ロシア"], ["ウクライナ"]),
    ("外務省は8日、イラン当局が先月、日本人男性を逮捕したことを明らかにした。", "COERCE", ["イラン"], []),
    # the teller's own act disclosed
    ("インド政府は、パキスタンを非難することを明らかにした。", "ACCUSE", ["インド"], ["パキスタン"]),
    # a passive relative clause stating a past act: the modified noun is the patient
    ("松野官房長官は10日、昨年3月に北京で拘束された日本人男性について説明した。", "COERCE", ["中国"], ["日本"]),
]


@pytest.mark.parametrize(("sentence", "category", "sources", "recipients"), FIRES)
def test_counterparts_fire(nlp, gazetteer, sentence, category, sources, recipients):
    found = only(events_of(nlp, gazetteer, sentence), category)
    assert found, f"no {category} in {sentence}"
    event = found[0]
    assert set(event.sources) == k(gazetteer, *sources)
    assert set(event.recipients) >= k(gazetteer, *recipients)


def test_demand_content_with_nimo_is_not_its_own_act(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "EUのボレル上級代表は、ギリシャにも速やかに批准するよう促した。")
    assert [e.category for e in events] == ["DEMAND"]


def test_disclosed_act_is_attributed_to_the_teller(nlp, gazetteer):
    event = only(events_of(nlp, gazetteer, "米国務省は、ロシアが先月、ウクライナ南部を攻撃したことを明らかにした。"), "ASSAULT")[0]
    assert set(event.attributed_to) == k(gazetteer, "米国務省")
    assert event.date is not None and event.date.precision == "month"  # 先月 dates the act


@pytest.mark.parametrize("sentence", [
    # a message sent with no demand after it, and a demand after a trip (no addressee)
    "ポーランドのトゥスク首相は12日、ドイツのショルツ首相に書簡を送った。",
    "ポーランドのトゥスク首相は12日、ドイツに到着し、協力の強化を呼び掛けた。",
])
def test_no_demand_without_an_addressee(nlp, gazetteer, sentence):
    assert not only(events_of(nlp, gazetteer, sentence), "DEMAND")


@pytest.mark.parametrize("sentence", [
    "警察に逮捕された男は、容疑を否認している。",  # no state to name as the agent
    "逮捕される恐れのある日本人男性について説明した。",  # not a past act
])
def test_passive_relative_clause_without_a_stated_act(nlp, gazetteer, sentence):
    assert not only(events_of(nlp, gazetteer, sentence), "COERCE")


def test_stance_reported_by_an_official_belongs_to_the_government(nlp, gazetteer):
    """``Xは、…場合、政府は…も辞さない構えだと述べた``: the government threatens, X tells; the
    condition inside the reported stance is not coded."""
    events = events_of(nlp, gazetteer, "政府高官は、北朝鮮が核実験を強行した場合、日本政府は独自制裁も辞さない構えだと述べた。")
    assert [e.category for e in events] == ["THREATEN"]
    assert set(events[0].sources) == k(gazetteer, "日本")
    assert set(events[0].recipients) == k(gazetteer, "北朝鮮")


def test_gapped_pairs_are_one_event_each(nlp, gazetteer):
    """``AはXを、BはYをそれぞれ解放した``: the shared verb is two acts."""
    events = only(events_of(nlp, gazetteer, "アルメニアとアゼルバイジャンは10日、捕虜交換を実施し、"
                                            "アルメニアはアゼルバイジャン兵32人を、アゼルバイジャンはアルメニア兵2人をそれぞれ解放した。"),
                  "RETREAT")
    pairs = {(e.sources, e.recipients) for e in events}
    armenia, azerbaijan = (next(iter(k(gazetteer, n))) for n in ("アルメニア", "アゼルバイジャン"))
    assert pairs == {((armenia,), (azerbaijan,)), ((azerbaijan,), (armenia,))}


def test_one_subject_one_object_is_one_event(nlp, gazetteer):
    assert len(only(events_of(nlp, gazetteer, "アゼルバイジャンはアルメニア兵2人を解放した。"), "RETREAT")) == 1


@pytest.mark.parametrize(("sentence", "hosts"), [
    ("NATOの臨時会合が12日、ブリュッセルで開かれた。", ["NATO"]),
    ("ジュネーブでは19日、国連などが招集したシリア支援に関する閣僚級会合が開かれた。", ["国連"]),
])
def test_meeting_held_is_its_hosts_consultation(nlp, gazetteer, sentence, hosts):
    found = only(events_of(nlp, gazetteer, sentence), "CONSULT")
    assert found and set(found[0].sources) >= k(gazetteer, *hosts)


def test_meeting_held_without_a_host_is_no_event(nlp, gazetteer):
    assert not only(events_of(nlp, gazetteer, "12日、ブリュッセルで臨時の会合が開かれた。"), "CONSULT")


def test_summit_attended_is_with_the_partner_on_the_noun(nlp, gazetteer):
    """``Xとの首脳会談に臨んだ``: ``臨む`` carries the talks, the ``との`` partner is the recipient."""
    found = only(events_of(nlp, gazetteer, "ショルツ首相は、フランスのマクロン大統領との首脳会談に臨んだ。"), "CONSULT")
    assert found and set(found[0].recipients) == k(gazetteer, "マクロン")


@pytest.mark.parametrize(("sentence", "category", "recipients"), [
    # whom aid is for: the owner of its purpose, or the subject of the clause describing it
    ("ドイツ政府は、ウクライナの復興に向けて5億ユーロを拠出した。", "AID", ["ウクライナ"]),
    ("マクロン大統領はベトナムが進める電力網整備に向け、数十億ドル規模の資金を動員する方針を伝えた。", "AGREE", ["ベトナム"]),
    ("日本は、フィリピンへの3億ドルの追加融資を表明した。", "AGREE", ["フィリピン"]),
])
def test_aid_and_its_beneficiary(nlp, gazetteer, sentence, category, recipients):
    found = only(events_of(nlp, gazetteer, sentence), category)
    assert found and set(found[0].recipients) == k(gazetteer, *recipients)
    assert not only(events_of(nlp, gazetteer, sentence), "MOBILIZE")


def test_aid_for_a_purpose_without_an_owner_has_no_recipient(nlp, gazetteer):
    found = only(events_of(nlp, gazetteer, "ドイツ政府は、地域の安定のために支援を拡大した。"), "AID")
    assert found and not found[0].recipients


def test_troops_mobilised_are_no_aid(nlp, gazetteer):
    events = events_of(nlp, gazetteer, "ロシアは予備役30万人を動員した。")
    assert [e.category for e in events] == ["MOBILIZE"]
