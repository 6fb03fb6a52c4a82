"""Plain, frozen records passed between stages: articles, dates, mentions, events.

Stages are functions over these records: reading yields an ``Article``; extraction
takes a parsed ``Doc`` and yields ``Mention`` and ``Event`` records; the RDF writer
takes records and never sees a ``Doc``. Character offsets always index ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Precision = Literal["day", "month", "year"]
ParagraphKind = Literal["body", "caption", "heading"]


@dataclass(frozen=True)
class DateValue:
    """A calendar date known to a precision of a day, a month or a year."""

    year: int
    month: int | None = None
    day: int | None = None
    precision: Precision = "day"

    @property
    def iso(self) -> str:
        """ISO 8601 truncated to the precision: ``2021-06-16``, ``2021-06`` or ``2021``."""
        if self.precision == "year":
            return f"{self.year:04d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def first_day(self) -> str:
        """The first day the value covers, as ``YYYY-MM-DD`` (for sorting and xsd:date)."""
        return f"{self.year:04d}-{(self.month or 1):02d}-{(self.day or 1):02d}"


@dataclass(frozen=True)
class Dateline:
    """The wire dateline at the head of a report: ``[ジュネーブ 16日 ロイター]``."""

    place: str | None
    day: int | None
    agency: str | None
    text: str


@dataclass(frozen=True)
class Paragraph:
    """One block of article text; ``start``/``end`` index ``Article.text``."""

    kind: ParagraphKind
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """An article found in a page, with the page furniture removed.

    ``text`` is the normalised text that is parsed: headline excluded, paragraphs
    (body and captions) joined by newlines. ``id`` is derived from ``text`` so the
    same article read from ``.txt`` and ``.html`` has the same id.
    """

    id: str
    path: str
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    published: datetime | None = None
    dateline: Dateline | None = None
    agency: str | None = None
    language: str = "ja"
    url: str | None = None
    publication: str | None = None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing character ``offset`` of ``text``."""
        for paragraph in self.paragraphs:
            if paragraph.start <= offset < paragraph.end:
                return paragraph
        return None


@dataclass(frozen=True)
class Mention:
    """A span of article text that refers to an entity of the gazetteer or a minted one.

    ``title`` is an office or honorific written with the name (``大統領``, ``報道官``,
    ``氏``): it describes the mention and never becomes an entity of its own.
    """

    entity: str
    text: str
    start: int
    end: int
    sentence: int
    title: str | None = None
    via: str = "gazetteer"  # gazetteer | ner | coref | group | title (a state in a title) | partner


@dataclass(frozen=True)
class Event:
    """One PLOVER event found in a sentence.

    ``sources``/``recipients``/``about`` hold entity keys; ``surface`` maps each key
    to the text it was written as in this sentence. ``start``/``end`` span the
    predicate in ``Article.text``; ``sentence_start``/``sentence_end`` the sentence.
    """

    article: str
    category: str
    trigger: str
    start: int
    end: int
    sentence: int
    sentence_start: int
    sentence_end: int
    sources: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    mode: str | None = None
    date: DateValue | None = None
    place: str | None = None
    contexts: tuple[str, ...] = ()
    attributed_to: tuple[str, ...] = ()
    not_confirmed_by: tuple[str, ...] = ()
    treaty_status: str | None = None
    surface: tuple[tuple[str, str], ...] = field(default=())
    duration: str | None = None  # ISO 8601 duration of an extension: 5年間延長 → "P5Y"

    def surface_of(self, key: str) -> str | None:
        """The text an entity was written as in this event's sentence."""
        return dict(self.surface).get(key)


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in one article."""

    article: Article
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    minted: tuple["EntityRecord", ...] = ()


@dataclass(frozen=True)
class EntityRecord:
    """An entity: a gazetteer entry or one minted from a name NER found.

    ``key`` is a stable slug; the entity's IRI is built from it. ``members`` lists the
    keys a group entity stands for (``米ロ`` → United States, Russia). ``country`` is the
    state a person or organisation belongs to (used for ``米側`` and demonyms).
    """

    key: str
    type: str
    label_ja: str
    label_en: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    iso3: str | None = None
    country: str | None = None
    office: str | None = None
    members: tuple[str, ...] = ()
    minted: bool = False
