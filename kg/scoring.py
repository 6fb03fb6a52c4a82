"""Match system output to gold one-to-one and count precision, recall and F1 (for ``kg eval``).

Matching rules (documented in ``docs/annotation-guideline.md``):

* **Names** are compared after NFKC normalisation, lower-casing and removing trailing
  titles (``大統領``, ``氏``, ``首相`` … from the gazetteer) and then a trailing one-character
  country abbreviation (``バイデン米大統領`` → ``バイデン``).
* **An actor** (a PLOVER actor object) matches a gold entity when its QID equals the
  gold QID, or its ``identifier_text`` equals the gold English name (case-insensitive),
  or its ``actor_text`` matches one of the gold surfaces as a name.
* **One-to-one**: pairs that satisfy a rule are candidates; a maximum-cardinality
  matching is found with augmenting paths (Kuhn's algorithm), trying each gold item's
  candidates best-scored first, so among the largest matchings the one found prefers
  the pairs that agree most. Every count is therefore the size of a largest matching.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

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
    """Whether a system actor object names the gold entity (QID, English name or surface)."""
    qid = qid_of(actor.get("identifier_id"))
    if qid and gold.wikidata and qid == gold.wikidata:
        return True
    english = (actor.get("identifier_text") or "").strip().lower()
    if english and english == gold.name_en.lower():
        return True
    text = actor.get("actor_text")
    return bool(text) and name_key(text) in {name_key(s) for s in gold.surfaces}


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
    """A largest one-to-one matching of gold to system items.

    Args:
        gold: gold items.
        system: system items.
        score: ``None`` when a pair cannot match, else how well it agrees (higher first).

    Returns:
        ``(gold index, system index)`` pairs, sorted by gold index.
    """
    candidates: list[list[int]] = []
    for g in gold:
        scored = [(s, j) for j, item in enumerate(system) if (s := score(g, item)) is not None]
        candidates.append([j for _, j in sorted(scored, key=lambda p: (-p[0], p[1]))])
    owner: dict[int, int] = {}  # system index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())
