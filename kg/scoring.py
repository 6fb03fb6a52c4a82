"""Match system output to gold one-to-one and count precision, recall and F1 (for ``kg eval``).

Matching rules (documented in ``docs/annotation-guideline.md``):

* **Names** are compared after NFKC normalisation, lower-casing and removing trailing
  titles (``大統領``, ``氏``, ``首相`` … from the gazetteer) and then a trailing one-character
  country abbreviation (``バイデン米大統領`` → ``バイデン``).
* **An actor** (a PLOVER actor object) matches a gold entity when its QID equals the
  gold QID, or its label (``identifier_text``) or raw text (``actor_text``) matches the
  gold English name or one of the gold surfaces as a name.
* **One-to-one**: pairs that satisfy a rule are candidates; the matching is a
  maximum-cardinality one of largest total agreement (networkx's ``max_weight_matching``
  with ``maxcardinality``), so every count is the size of a largest matching and, among
  those, the pairs share sentence, sources and date where they can.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import networkx as nx

from kg.gazetteer import load_gazetteer, normalise
from kg.gold import PRECISIONS, GoldEntity

G = TypeVar("G")
S = TypeVar("S")
_QID = re.compile(r"(?:^|/)(Q[1-9]\d*)$")


@dataclass(frozen=True)
class Counts:
    """True positives, gold items and system items of one metric, with P/R/F1."""

    tp: int = 0
    gold: int = 0
    system: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.gold + other.gold, self.system + other.system)

    @property
    def precision(self) -> float:
        return self.tp / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@lru_cache(maxsize=1)
def _titles_and_abbreviations() -> tuple[tuple[str, ...], frozenset[str]]:
    gazetteer = load_gazetteer()
    return gazetteer.titles, frozenset(gazetteer.abbreviations)


def name_key(text: str) -> str:
    """The form two names are compared in: ``"バイデン米大統領"`` → ``"バイデン"``.

    >>> name_key("プーチン大統領") == name_key("プーチン氏") == "プーチン"
    True
    """
    titles, abbreviations = _titles_and_abbreviations()
    form = normalise(text).lower()
    stripped = True
    while stripped:  # titles can stack: 大統領報道官, 外相 + 氏
        stripped = False
        for title in titles:  # longest first
            if form.endswith(title) and len(form) > len(title):
                form, stripped = form[: -len(title)], True
                break
    # 米 of バイデン米大統領; katakana ones (ロ, ソ) are left alone: they end many names.
    if len(form) > 2 and form[-1] in abbreviations and "\u4e00" <= form[-1] <= "\u9fff":
        form = form[:-1]
    return form


def qid_of(value: str | None) -> str | None:
    """The Wikidata QID in a bare QID or a Wikidata IRI; ``None`` for other IRIs."""
    if not value:
        return None
    match = _QID.search(value.strip())
    return match.group(1) if match else None


def actor_matches(actor: dict[str, Any], gold: GoldEntity) -> bool:
    """Whether a system actor object names the gold entity: its QID, or its label
    (``identifier_text``) or raw text (``actor_text``) equal to the gold's English name or
    one of its surfaces, titles removed. An anaphor (``両首脳``) resolved to a minted
    entity matches through the entity's label, as the issue's matching rule says.
    """
    qid = qid_of(actor.get("identifier_id"))
    if qid and gold.wikidata and qid == gold.wikidata:
        return True
    gold_keys = {name_key(s) for s in (gold.name_en, *gold.surfaces)}
    names = (actor.get("identifier_text"), actor.get("actor_text"))
    return any(name and name_key(name) in gold_keys for name in names)


def entity_matches(system: dict[str, Any], gold: GoldEntity) -> bool:
    """Whether a system entity (an ``entities`` export record) is the gold entity.

    A label, alias, mention surface or QID in common is enough.
    """
    qid = qid_of(system.get("wikidata"))
    if qid and gold.wikidata and qid == gold.wikidata:
        return True
    forms = [
        system.get("label_ja"), system.get("label_en"),
        *system.get("aliases", ()), *system.get("mentions", ()),
    ]
    system_keys = {name_key(f) for f in forms if f}
    gold_keys = {name_key(s) for s in (gold.name_en, *gold.surfaces)}
    return bool(system_keys & gold_keys)


def date_agrees(gold_date: str, gold_precision: str | None, system_date: str | None) -> bool:
    """Whether the system date equals the gold date at the gold's precision.

    A coarser system date never agrees (``2021`` does not give ``2021-02``).
    """
    if not system_date:
        return False
    length = PRECISIONS.get(gold_precision or "", len(gold_date))
    return len(system_date) >= length and system_date[:length] == gold_date[:length]


def match(
    gold: Sequence[G],
    system: Sequence[S],
    score: Callable[[G, S], float | None],
) -> list[tuple[int, int]]:
    """A largest one-to-one matching of gold to system items, and among the largest the
    one whose pairs agree best in total.

    Maximum cardinality decides the counts; the weights only choose between equally large
    matchings, so that two similar events are paired with the gold events whose sentence
    and date they share rather than crosswise.

    Args:
        gold: gold items.
        system: system items.
        score: ``None`` when a pair cannot match, else how well it agrees (higher first).

    Returns:
        ``(gold index, system index)`` pairs, sorted by gold index.
    """
    graph = nx.Graph()
    for i, g in enumerate(gold):
        for j, item in enumerate(system):
            if (s := score(g, item)) is not None:
                # integer weights (exact arithmetic); ties go to the earlier system item
                weight = round((1 + s) * 1000) * (len(system) + 1) - j
                graph.add_edge(("g", i), ("s", j), weight=weight)
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    found = []
    for a, b in pairs:
        (_, i), (_, j) = (a, b) if a[0] == "g" else (b, a)
        found.append((i, j))
    return sorted(found)
