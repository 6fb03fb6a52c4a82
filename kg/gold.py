"""Load and check the hand-annotated gold standard (``tests/gold/*.json``) for ``kg eval``.

The format is documented in ``docs/annotation-guideline.md``. Loading checks what a
typo would break: every actor an event names is an annotated entity, every category,
status and context is one kg knows, dates agree with their precision, and every
surface form and evidence sentence occurs in the article text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.plover import CATEGORIES, CONTEXTS_GRAMMATICAL, TREATY_STATUSES

ENTITY_TYPES = ("Person", "Country", "Organization", "Group", "Place", "Treaty", "Initiative")
PRECISIONS = {"day": 10, "month": 7, "year": 4}  # length of the ISO string at each precision
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QID = re.compile(r"^Q[1-9]\d*$")


@dataclass(frozen=True)
class GoldEntity:
    """An entity of one article: English canonical name, type, QID and surface forms."""

    name_en: str
    type: str
    wikidata: str | None
    surfaces: tuple[str, ...]


@dataclass(frozen=True)
class GoldEvent:
    """One annotated PLOVER event; actors are English names of the article's entities."""

    category: str
    sources: tuple[str, ...]
    recipients: tuple[str, ...]
    evidence: str
    mode: str | None = None
    about: tuple[str, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    context: tuple[str, ...] = ()
    attributed_to: tuple[str, ...] = ()
    treaty_status: str | None = None

    @property
    def negated(self) -> bool:
        return "negation" in self.context


@dataclass(frozen=True)
class GoldTreatyFact:
    """A treaty lifecycle fact the article reports: (treaty, status), with parties and date."""

    treaty: str
    status: str
    parties: tuple[str, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    negated: bool = False
    evidence: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    """The gold annotation of one article and the path of the article file."""

    name: str
    article: Path
    published: str | None
    entities: tuple[GoldEntity, ...]
    events: tuple[GoldEvent, ...]
    treaty_facts: tuple[GoldTreatyFact, ...]

    def entity(self, name_en: str) -> GoldEntity:
        """The annotated entity with this English name."""
        for entity in self.entities:
            if entity.name_en == name_en:
                return entity
        raise KeyError(name_en)


def load_gold(path: str | Path) -> GoldArticle:
    """Read and check one gold file.

    Args:
        path: a gold JSON file; its ``article`` field is relative to the file's directory.

    Returns:
        The ``GoldArticle``.

    Raises:
        InputError: the file is not valid JSON or breaks a rule of the guideline
            (the message names the file and the offending record).
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(path, f"cannot read gold file: {e}") from e
    article = (path.parent / data.get("article", "")).resolve()
    if not article.is_file():
        raise InputError(path, f"article file not found: {data.get('article')!r}")
    text = article.read_text(encoding="utf-8")
    entities = tuple(_entity(path, text, e) for e in data.get("entities", []))
    names = {e.name_en for e in entities}
    if len(names) != len(entities):
        raise InputError(path, "two entities share an English name")
    events = tuple(
        _event(path, text, names, i, e) for i, e in enumerate(data.get("events", []))
    )
    facts = tuple(
        _fact(path, text, names, i, f) for i, f in enumerate(data.get("treaty_facts", []))
    )
    return GoldArticle(path.stem, article, data.get("published"), entities, events, facts)


def load_gold_dir(gold_dir: str | Path) -> list[GoldArticle]:
    """Every gold file (``*.json``) directly in ``gold_dir``, in name order.

    Raises:
        InputError: the directory does not exist, holds no gold file, or a file is invalid.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(gold_dir, "not a directory of gold files")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise InputError(gold_dir, "no gold files (*.json) in this directory")
    return [load_gold(f) for f in files]


def _entity(path: Path, text: str, raw: dict[str, Any]) -> GoldEntity:
    where = f"entity {raw.get('name_en')!r}"
    if raw.get("type") not in ENTITY_TYPES:
        raise InputError(
            path, f"{where}: type {raw.get('type')!r} is not one of {', '.join(ENTITY_TYPES)}"
        )
    qid = raw.get("wikidata")
    if qid is not None and not _QID.match(qid):
        raise InputError(path, f"{where}: wikidata {qid!r} is not a QID like 'Q30'")
    surfaces = tuple(raw.get("surfaces", ()))
    missing = [s for s in surfaces if s not in text]
    if not surfaces or missing:
        problem = f"surfaces not found in the article: {missing or 'none given'}"
        raise InputError(path, f"{where}: {problem}")
    return GoldEntity(raw["name_en"], raw["type"], qid, surfaces)


def _check_names(path: Path, where: str, names: set[str], used: tuple[str, ...]) -> None:
    unknown = [n for n in used if n not in names]
    if unknown:
        raise InputError(
            path, f"{where}: {unknown} are not annotated entities (use their name_en)"
        )


def _check_date(path: Path, where: str, date: str | None, precision: str | None) -> None:
    if date is None and precision is None:
        return
    fits = (
        date is not None and precision in PRECISIONS and _DATE.match(date) is not None
        and len(date) == PRECISIONS[precision]
    )
    if not fits:
        raise InputError(
            path, f"{where}: date {date!r} does not fit precision {precision!r} (day|month|year)"
        )


def _event(path: Path, text: str, names: set[str], i: int, raw: dict[str, Any]) -> GoldEvent:
    where = f"event {i} ({raw.get('category')})"
    if raw.get("category") not in CATEGORIES:
        raise InputError(path, f"{where}: category is not one of {', '.join(CATEGORIES)}")
    context = tuple(raw.get("context", ()))
    if any(c not in CONTEXTS_GRAMMATICAL for c in context):
        allowed = ", ".join(CONTEXTS_GRAMMATICAL)
        raise InputError(path, f"{where}: context {context} may hold only {allowed}")
    status = raw.get("treaty_status")
    if status is not None and status not in TREATY_STATUSES:
        allowed = ", ".join(TREATY_STATUSES)
        raise InputError(path, f"{where}: treaty_status {status!r} is not one of {allowed}")
    if not raw.get("evidence") or raw["evidence"] not in text:
        raise InputError(path, f"{where}: evidence sentence not found in the article")
    event = GoldEvent(
        category=raw["category"],
        sources=tuple(raw.get("sources", ())),
        recipients=tuple(raw.get("recipients", ())),
        evidence=raw["evidence"],
        mode=raw.get("mode"),
        about=tuple(raw.get("about", ())),
        date=raw.get("date"),
        date_precision=raw.get("date_precision"),
        place=raw.get("place"),
        context=context,
        attributed_to=tuple(raw.get("attributed_to", ())),
        treaty_status=status,
    )
    if not event.sources and not event.recipients:
        raise InputError(path, f"{where}: an event needs at least one source or recipient")
    used = event.sources + event.recipients + event.about + event.attributed_to
    _check_names(path, where, names, used)
    _check_date(path, where, event.date, event.date_precision)
    return event


def _fact(path: Path, text: str, names: set[str], i: int, raw: dict[str, Any]) -> GoldTreatyFact:
    where = f"treaty fact {i} ({raw.get('treaty')})"
    if raw.get("status") not in TREATY_STATUSES:
        allowed = ", ".join(TREATY_STATUSES)
        raise InputError(path, f"{where}: status {raw.get('status')!r} is not one of {allowed}")
    if raw.get("evidence") is not None and raw["evidence"] not in text:
        raise InputError(path, f"{where}: evidence sentence not found in the article")
    fact = GoldTreatyFact(
        treaty=raw["treaty"], status=raw["status"], parties=tuple(raw.get("parties", ())),
        date=raw.get("date"), date_precision=raw.get("date_precision"),
        negated=bool(raw.get("negated", False)), evidence=raw.get("evidence"),
    )
    _check_names(path, where, names, (fact.treaty, *fact.parties))
    _check_date(path, where, fact.date, fact.date_precision)
    return fact
