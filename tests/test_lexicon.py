"""Tests for kg.lexicon: the predicate table as data."""

from __future__ import annotations

import json

import pytest

from kg.errors import OntologyError
from kg.lexicon import LEXICON_VERSION, load_lexicon, load_lexicon_file
from kg.plover import CATEGORIES, TREATY_STATUSES


@pytest.mark.parametrize(
    ("lemma", "category", "mode"),
    [
        ("会談", "CONSULT", None),
        ("電話会談", "CONSULT", "phone"),
        ("訪問", "CONSULT", "visit"),
        ("話し合う", "CONSULT", None),
        ("合意", "AGREE", None),
        ("一致", "AGREE", None),
        ("支持", "SUPPORT", None),
        ("署名", "SUPPORT", None),
        ("非難", "ACCUSE", None),
        ("一蹴", "REJECT", None),
        ("否定", "REJECT", None),
        ("求める", "DEMAND", "request"),
        ("要請", "DEMAND", "request"),
        ("要求", "DEMAND", None),
        ("警告", "THREATEN", None),
        ("召還", "SANCTION", "withdraw"),
        ("離脱", "SANCTION", "withdraw"),
        ("中止", "SANCTION", "cancel"),
        ("侵攻", "ASSAULT", None),
        ("併合", "ASSAULT", "occupy"),
        ("配備", "MOBILIZE", "weapons"),
        ("支援", "AID", None),
        ("釈放", "RETREAT", "release"),
        ("拘束", "COERCE", "arrest"),
        ("介入", "COERCE", None),
        ("供与", "AID", "military"),
        ("停戦", "CONCEDE", "ceasefire"),
        ("反発", "REJECT", None),
        ("デモ", "PROTEST", None),
        ("情報共有", "COOPERATE", None),
        ("関税", "SANCTION", "sever"),
        ("衝突", "ASSAULT", None),
    ],
)
def test_lexicon_maps_lemma_to_category_and_mode(lemma, category, mode):
    entry = load_lexicon().entries(lemma)[-1]
    assert (entry.category, entry.mode) == (category, mode)


def test_lexicon_is_large_and_valid():
    lexicon = load_lexicon()
    assert len(lexicon) >= 90
    for entries in lexicon.predicates.values():
        for entry in entries:
            assert entry.category in CATEGORIES
            assert entry.treaty_status in (None, *TREATY_STATUSES)
    assert LEXICON_VERSION == lexicon.version


@pytest.mark.parametrize(
    ("lemma", "status"),
    [("署名", "signed"), ("批准", "ratified"), ("延長", "extended"), ("離脱", "withdrawn"), ("発効", "entered_into_force")],
)
def test_lexicon_treaty_status_words(lemma, status):
    assert load_lexicon().treaty_status[lemma] == status


def test_lexicon_conditional_entries_come_first():
    entries = load_lexicon().entries("措置")
    assert entries[0].with_ and entries[0].category == "THREATEN"


def test_lexicon_press_conference_is_not_an_event():
    """``会見`` is a meeting only with a counterpart (``首脳会見``, ``…首相と会見``)."""
    assert all(e.with_ or e.partner for e in load_lexicon().entries("会見"))


def test_lexicon_speech_verbs_are_not_predicates():
    lexicon = load_lexicon()
    for verb in ("述べる", "語る", "発表"):
        assert verb in lexicon.speech_verbs
        assert not lexicon.entries(verb)


def test_lexicon_bad_category_names_file_and_entry(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"predicates": [{"lemma": "会談", "category": "MEET"}]}), encoding="utf-8")
    with pytest.raises(OntologyError) as info:
        load_lexicon_file(path)
    assert str(path) in str(info.value) and "#0" in str(info.value) and "CONSULT" in str(info.value)


def test_lexicon_missing_field_names_file(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"predicates": [{"lemma": "会談"}]}), encoding="utf-8")
    with pytest.raises(OntologyError, match="category"):
        load_lexicon_file(path)


def test_lexicon_has_no_request_category():
    """Core PLOVER has no REQUEST: soft demands are DEMAND with mode "request"."""
    lexicon = load_lexicon()
    entries = [e for es in lexicon.predicates.values() for e in es]
    assert not [e for e in entries if e.category == "REQUEST"]
    assert {e.mode for e in entries if e.lemma in ("要請", "促す", "呼び掛ける")} == {"request"}


def test_lexicon_regret_is_concede_only_as_an_expression():
    """遺憾の意 (regret) is CONCEDE; 遺憾 alone (deplore) stays ACCUSE."""
    entries = load_lexicon().entries("遺憾")
    assert [(e.category, e.with_) for e in entries] == [("CONCEDE", ("意",)), ("ACCUSE", ())]


def test_lexicon_word_lists_are_data():
    lexicon = load_lexicon()
    assert "手続き" in lexicon.transparent_nouns and "声明" in lexicon.statement_nouns
    assert "団体" in lexicon.group_nouns and "法律" in lexicon.document_nouns
    assert "決める" in lexicon.decision_verbs and "方向" in lexicon.future_markers
