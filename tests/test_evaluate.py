"""Tests of kg.evaluate, kg.scoring and kg.gold: matching on hand-made records, gold, floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError, KGError
from kg.evaluate import EvalReport, evaluate, format_report, score_article
from kg.gold import GoldArticle, GoldEntity, GoldEvent, GoldTreatyFact, load_gold, load_gold_dir
from kg.plover import CATEGORIES
from kg.scoring import Counts, actor_matches, date_agrees, entity_matches, match, name_key

GOLD_DIR = Path(__file__).resolve().parent / "gold"

# Floors for the end-to-end runs (micro), a little below the scores measured on
# 2026-11-22 (fourth session): tests/gold (57 articles with set 4 moved in; the rules were
# developed on it) entities 0.94, relaxed events 0.88, strict 0.78, treaty facts 0.63,
# dates 0.97; tests/gold_heldout (set 5, never tuned on) entities 0.93, relaxed events 0.71.
# A drop below a floor is a regression to explain.
FLOOR_ENTITIES_F1 = 0.93
FLOOR_EVENTS_RELAXED_F1 = 0.86
FLOOR_EVENTS_STRICT_F1 = 0.77
FLOOR_TREATY_FACTS_F1 = 0.58
FLOOR_DATE_ACCURACY = 0.95
HELDOUT_DIR = GOLD_DIR.parent / "gold_heldout"
FLOOR_HELDOUT_ENTITIES_F1 = 0.88
FLOOR_HELDOUT_EVENTS_RELAXED_F1 = 0.68

BIDEN = GoldEntity("Joe Biden", "Person", "Q6279", ("バイデン米大統領", "バイデン氏"))
PUTIN = GoldEntity("Vladimir Putin", "Person", "Q7747", ("プーチン大統領", "プーチン氏"))
RUSSIA = GoldEntity("Russia", "Country", "Q159", ("ロシア",))
US = GoldEntity("United States", "Country", "Q30", ("米国",))
NEW_START = GoldEntity("New START", "Treaty", None, ("新START",))


def actor(text: str, iri: str | None = None, english: str | None = None) -> dict:
    return {"actor_text": text, "identifier_id": iri, "identifier_text": english, "code": None}


def record(category: str, sources: list[dict], recipients: list[dict] = (), **extra) -> dict:
    base = {"id": "e", "event": [category], "source": list(sources), "recipient": list(recipients),
            "date": None, "date_precision": None, "context": [], "about": [], "text": ""}
    base.update(extra)
    return base


def gold_article(events=(), facts=(), entities=(BIDEN, PUTIN, RUSSIA, US, NEW_START)):
    return GoldArticle(
        "hand", Path("hand.txt"), "2021-06-17", tuple(entities), tuple(events), tuple(facts)
    )


@pytest.mark.parametrize(("surface", "key"), [
    ("バイデン米大統領", "バイデン"),
    ("バイデン氏", "バイデン"),
    ("プーチン大統領", "プーチン"),
    ("岸田首相", "岸田"),
    ("サキ大統領報道官", "サキ"),
    ("ロシア", "ロシア"),
    ("米", "米"),               # never stripped to nothing
    ("Joe Biden", "joebiden"),
])
def test_name_key_removes_titles_and_state_abbreviation(surface, key):
    assert name_key(surface) == key


@pytest.mark.parametrize(("system", "expected"), [
    (actor("バイデン氏"), True),                                         # surface after title removal
    (actor("大統領", "http://www.wikidata.org/entity/Q6279"), True),      # QID in a Wikidata IRI
    (actor("x", "Q6279"), True),                                         # bare QID
    (actor("x", "https://kg.example.org/id/entity/joe-biden", "joe biden"), True),  # English name
    (actor("両首脳", "https://kg.example.org/id/entity/ner-person-x", "バイデン"), True),  # anaphor, label
    (actor("両首脳", "https://kg.example.org/id/entity/ner-person-x", "プーチン"), False),
    (actor("プーチン氏", "Q7747", "Vladimir Putin"), False),
    (actor("バイデン政権の高官"), False),
])
def test_actor_matches_by_qid_english_name_or_surface(system, expected):
    assert actor_matches(system, BIDEN) is expected


def test_entity_matches_by_label_alias_mention_or_qid():
    by_mention = {"label_ja": "ジョー・バイデン", "label_en": "Joseph Biden", "aliases": [],
                  "wikidata": None, "mentions": ["バイデン米大統領"]}
    by_qid = {"label_ja": "?", "label_en": "?", "aliases": [],
              "wikidata": "http://www.wikidata.org/entity/Q6279"}
    other = {"label_ja": "プーチン", "label_en": "Vladimir Putin", "aliases": ["プーチン"],
             "wikidata": "Q7747"}
    assert entity_matches(by_mention, BIDEN)
    assert entity_matches(by_qid, BIDEN)
    assert not entity_matches(other, BIDEN)


@pytest.mark.parametrize(("gold", "precision", "system", "expected"), [
    ("2021-06-16", "day", "2021-06-16", True),
    ("2021-06-16", "day", "2021-06-15", False),
    ("2021-02", "month", "2021-02-05", True),    # finer system date agrees at the gold's precision
    ("2021-02", "month", "2021", False),         # coarser never does
    ("2021", "year", "2021-11", True),
    ("2021", "year", None, False),
])
def test_date_agrees_at_gold_precision(gold, precision, system, expected):
    assert date_agrees(gold, precision, system) is expected


def test_match_is_one_to_one_and_maximal():
    # gold 0 fits both system items, gold 1 only the first: a greedy choice would lose one.
    scores = {("a", "x"): 2.0, ("a", "y"): 1.0, ("b", "x"): 1.0}
    pairs = match(["a", "b"], ["x", "y"], lambda g, s: scores.get((g, s)))
    assert pairs == [(0, 1), (1, 0)]
    assert match(["a"], ["x", "x"], lambda g, s: 1.0) == [(0, 0)]


def test_counts_give_precision_recall_f1():
    c = Counts(tp=2, gold=4, system=2) + Counts(tp=1, gold=0, system=2)
    assert (c.precision, c.recall) == (0.75, 0.75)
    assert c.f1 == pytest.approx(0.75)
    assert Counts().f1 == 0.0


def test_score_article_relaxed_strict_and_dates():
    meet = GoldEvent("CONSULT", ("Joe Biden", "Vladimir Putin"), (), "両首脳は16日、会談した。",
                     date="2021-06-16", date_precision="day")
    threat = GoldEvent("THREATEN", ("Joe Biden",), ("Russia",), "相応の措置を取ると伝えた。")
    system = [
        record("CONSULT", [actor("バイデン氏")], date="2021-06-15"),  # relaxed: no Putin, date off
        record("THREATEN", [actor("x", "Q6279")], [actor("ロシア")]),  # strict
        record("ASSAULT", [actor("ロシア")]),  # spurious
    ]
    scores = score_article(gold_article([meet, threat]), system, [])
    relaxed = scores.events_relaxed
    assert (relaxed.tp, relaxed.gold, relaxed.system) == (2, 2, 3)
    assert scores.events_strict.tp == 1
    assert (scores.dates.tp, scores.dates.gold) == (0, 1)
    assert scores.spurious and scores.spurious[0].startswith("ASSAULT")
    assert scores.missed == []
    assert scores.wrong_dates == ["2021-06-16 (day) but 2021-06-15 | CONSULT Joe Biden+Vladimir Putin ->  | 両首脳は16日、会談した。"]


def test_score_article_needs_same_category_and_a_shared_actor():
    gold = GoldEvent("ACCUSE", ("Joe Biden",), ("Vladimir Putin",), "「人殺し」との認識を示した。")
    wrong_category = record("REJECT", [actor("バイデン氏")], [actor("プーチン氏")])
    no_shared_actor = record("ACCUSE", [actor("ロシア")])
    scores = score_article(gold_article([gold]), [wrong_category, no_shared_actor], [])
    assert scores.events_relaxed.tp == 0
    assert len(scores.missed) == 1


def test_score_article_excludes_negated_events_on_both_sides():
    negated = GoldEvent("CONSULT", ("United States", "Russia"), (), "協議していない。",
                        context=("negation",))
    system = [record("CONSULT", [actor("米国"), actor("ロシア")], context=["negation"])]
    scores = score_article(gold_article([negated]), system, [])
    assert (scores.events_relaxed.gold, scores.events_relaxed.system) == (0, 0)


def test_score_article_treaty_facts_by_treaty_and_status():
    fact = GoldTreatyFact("New START", "extended", ("United States", "Russia"))
    negated = GoldTreatyFact("New START", "entered_into_force", negated=True)
    about = [actor("新START", "https://kg.example.org/id/entity/new-start", "New START")]
    system = [
        record("AGREE", [actor("米国")], about=about, treaty_status="extended"),
        record("SUPPORT", [actor("米国")], about=about, treaty_status="extended"),  # same fact
        record("SUPPORT", [actor("米国")], about=about, treaty_status="ratified"),  # wrong status
    ]
    scores = score_article(gold_article(facts=[fact, negated]), system, [])
    facts = scores.treaty_facts
    assert (facts.tp, facts.gold, facts.system) == (1, 1, 2)


def test_score_article_entities_ignore_entities_without_mentions():
    entities = [
        {"iri": "e1", "label_ja": "ジョー・バイデン", "label_en": "Joe Biden", "aliases": [],
         "mentions": ["バイデン氏"]},
        {"iri": "e2", "label_ja": "中国", "label_en": "China", "aliases": [], "mentions": []},
        {"iri": "e3", "label_ja": "ジュネーブ", "label_en": "Geneva", "aliases": [],
         "mentions": ["ジュネーブ"]},
    ]
    scores = score_article(gold_article(entities=(BIDEN, PUTIN)), [], entities)
    assert (scores.entities.tp, scores.entities.gold, scores.entities.system) == (1, 2, 2)


def test_format_report_table_json_and_unknown_format():
    scores = score_article(gold_article(), [], [])
    report = EvalReport([scores])
    table = format_report(report, "table")
    assert "hand" in table and "micro" in table
    body = json.loads(format_report(report, "json"))
    assert body["micro"]["entities"]["gold"] == 5
    with pytest.raises(KGError, match="table, json"):
        format_report(report, "csv")


def test_gold_files_load_and_cover_every_category():
    golds = load_gold_dir(GOLD_DIR)
    assert len(golds) >= 17
    categories = {e.category for g in golds for e in g.events}
    assert categories == set(CATEGORIES) - {"REQUEST"}  # kg codes requests as DEMAND
    contexts = {c for g in golds for e in g.events for c in e.context}
    assert {"negation", "future", "hypothetical", "historical"} <= contexts
    assert any(e.attributed_to for g in golds for e in g.events)


def test_gold_seed_files_point_at_the_seeds():
    seeds = [load_gold(p) for p in sorted(GOLD_DIR.glob("00[01]_*.json"))]
    assert [g.article.parent.name for g in seeds] == ["seeds", "seeds"]


def test_load_gold_names_file_and_problem(tmp_path):
    (tmp_path / "a.txt").write_text("バイデン氏は16日、会談した。", encoding="utf-8")
    bad = {
        "article": "a.txt",
        "entities": [{"name_en": "Joe Biden", "type": "Person", "surfaces": ["バイデン氏"]}],
        "events": [{"category": "MEET", "sources": ["Joe Biden"], "evidence": "バイデン氏は16日、会談した。"}],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: event 0 \(MEET\): category"):
        load_gold(path)
    bad["events"][0].update(category="CONSULT", sources=["Vladimir Putin"])
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="not annotated entities"):
        load_gold(path)


def test_gold_scores_hold_the_floor(nlp):
    report = evaluate(GOLD_DIR, nlp=nlp)
    micro = report.micro
    assert len(report.articles) == len(list(GOLD_DIR.glob("*.json")))
    assert not [a.name for a in report.articles if a.error], format_report(report, "table")
    assert micro.entities.f1 >= FLOOR_ENTITIES_F1
    assert micro.events_relaxed.f1 >= FLOOR_EVENTS_RELAXED_F1
    assert micro.events_strict.f1 >= FLOOR_EVENTS_STRICT_F1
    assert micro.treaty_facts.f1 >= FLOOR_TREATY_FACTS_F1
    assert micro.date_accuracy >= FLOOR_DATE_ACCURACY


def test_heldout_scores_hold_the_floor(nlp):
    """The held-out set measures generalisation: rules are never tuned against it.

    A failure reports the two scores only: the misses of a held-out article must not reach
    whoever writes rules (tests/gold_heldout/README.md).
    """
    report = evaluate(HELDOUT_DIR, nlp=nlp)
    failed = [a.name for a in report.articles if a.error]
    assert not failed, f"held-out articles failed to build: {failed}"
    entities, events = report.micro.entities.f1, report.micro.events_relaxed.f1
    assert entities >= FLOOR_HELDOUT_ENTITIES_F1, f"held-out entity F1 {entities:.3f}"
    assert events >= FLOOR_HELDOUT_EVENTS_RELAXED_F1, f"held-out relaxed event F1 {events:.3f}"
