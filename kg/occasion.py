"""Which date an event without a time expression of its own gets: the occasion it continues
(and which earlier date ``同日``/``同月`` refer back to).

Decision (see ``docs/extraction.md``): an event with no time expression gets **no date**
rather than the publication date, unless the dateline governs its sentence. The dateline
governs when the sentence reports the occasion the report is about:

* The **lead occasion** is the first body sentence that yields events. Its date is the
  date written on its first event's clause, else the dateline date, else the first date
  written in that sentence. Its actors are the sources and recipients of the lead
  sentence's events, plus the state of every person among them (``両国`` after a summit).
* A later sentence that writes the **same day** (``同日``, the dateline day again) is the
  same occasion: its sources, and the partners of its talks, join the occasion's actors.
* A later event **continues** the occasion, and takes its date, when it has no date of
  its own, is not historical, future or hypothetical, is not an ongoing or background
  state (``〜している``, ``〜していた``), and one of its sources (who acts, not whom it
  is about) is among the occasion's actors.
* Nothing continues the occasion while another time is the current reference: from a
  sentence with a sequence word (``その後``, ``これに先立ち``, ``これを受け`` …; the
  sentence itself gets no date) or with a date later than the occasion's, to the end of
  that paragraph. A new paragraph returns to the lead occasion. An earlier date (a
  flashback: ``中国当局は3月…``) dates only its own events.
* A sentence that opens on the occasion's own noun (``会合には…も出席した``, ``会談後``)
  continues it whatever its actors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.dates import ANAPHORIC_DAYS, ANAPHORIC_MONTHS
from kg.model import DateValue, Event
from kg.view import ATTENDANCE

if TYPE_CHECKING:
    from kg.model import EntityRecord

SEQUENCE_WORDS = (
    "その後", "に先立ち", "に先立って", "これを受け", "これを受けて",
    "これに対し", "これに対して", "これに", "その前", "その直後", "その翌", "以来", "後日",
)
# A sentence opening on the occasion's own noun (``会合には…``, ``会談後``) continues it.
OCCASION_OPENING = re.compile(r"^(?:(?:一方|また|さらに|ただ)、)?(?:今回の|この|同)?"
                              r"(?:首脳会談|会談|会合|会議|協議|会見|記者会見|電話会談)(?:に|で|後|の後|の席)")
UNFIXED_CONTEXTS = frozenset({"historical", "future", "hypothetical", "negation"})


@dataclass
class Occasion:
    """The lead occasion of a report and whether it is the current time reference."""

    date: DateValue | None = None
    actors: set[str] = field(default_factory=set)
    paragraph: int | None = None
    current: bool = True
    started: bool = False
    hint: DateValue | None = None
    gathering: tuple[DateValue, int] | None = None  # a gathering the last sentence reported held


def covers(outer: DateValue, inner: DateValue) -> bool:
    """Whether ``outer`` contains ``inner`` (``2021-06`` covers ``2021-06-16``)."""
    return inner.iso.startswith(outer.iso) or outer.iso.startswith(inner.iso)


def _with_states(keys: set[str], records: Mapping[str, EntityRecord]) -> set[str]:
    out = set(keys)
    for key in keys:
        record = records.get(key)
        if record is not None and record.type == "Person" and record.country:
            out.add(record.country)
    return out


def _actors(event: Event) -> set[str]:
    return {*event.sources, *event.recipients}


def _joining(event: Event) -> set[str]:
    """Who joins the occasion from a same-day sentence: the actors, and the partners of talks."""
    if event.category == "CONSULT":
        return _actors(event)
    return set(event.sources)


def has_sequence_word(text: str) -> bool:
    """Whether a sentence places itself before or after another event (``その後`` …)."""
    return any(word in text for word in SEQUENCE_WORDS)


def date_occasion(
    occasion: Occasion,
    events: list[tuple[Event, bool]],
    text: str,
    paragraph: int,
    records: Mapping[str, EntityRecord],
    fallback: DateValue | None,
    adverbial: DateValue | None = None,
) -> list[Event]:
    """Date one sentence's events: at the gathering the sentence before reported, else by the
    occasion rule (``_by_occasion``); then note whether this sentence reports a gathering."""
    gathering, occasion.gathering = occasion.gathering, None
    if gathering is not None and gathering[1] == paragraph:
        events = _at_gathering(events, gathering[0])
    out = _by_occasion(occasion, events, text, paragraph, records, fallback, adverbial)
    occasion.gathering = _held(text, out, adverbial, paragraph)
    return out


# A sentence reporting that a gathering was held (``…会合が開かれた``, ``…会議を開いた``).
GATHERING_HELD = re.compile(r"(?:会合|会議|サミット|総会|式典|集会)(?:が|は)?(?:開かれ|開催され|開幕し)"
                            r"|(?:会合|会議|サミット|総会|式典)を(?:開き|開いた|開催し)")


def _held(text: str, events: list[Event], adverbial: DateValue | None,
          paragraph: int) -> tuple[DateValue, int] | None:
    """The date and paragraph of the gathering a sentence reports as held, if it does: its
    first dated act's date, else its adverbial date (``ジュネーブでは19日、会合が開かれた``)."""
    if not GATHERING_HELD.search(text):
        return None
    date = next((e.date for e in events if e.date is not None and "future" not in e.contexts), adverbial)
    return (date, paragraph) if date is not None else None


def _at_gathering(events: list[tuple[Event, bool]], date: DateValue) -> list[tuple[Event, bool]]:
    """``…会合が開かれた。日本からは副大臣が出席し、…支援を表明した``: attending the gathering
    the sentence before reported is at its date, and so are the attendee's acts chained to
    it; a planned, denied or background act is not."""
    attendees = {key for e, _ in events if e.category == "CONSULT" and e.trigger in ATTENDANCE
                 and e.date is None and not set(e.contexts) & UNFIXED_CONTEXTS for key in e.sources}
    return [(replace(e, date=date) if e.date is None and not ongoing and set(e.sources) & attendees
             and not set(e.contexts) & UNFIXED_CONTEXTS else e, ongoing) for e, ongoing in events]


def _by_occasion(
    occasion: Occasion,
    events: list[tuple[Event, bool]],
    text: str,
    paragraph: int,
    records: Mapping[str, EntityRecord],
    fallback: DateValue | None,
    adverbial: DateValue | None = None,
) -> list[Event]:
    """Date one sentence's events by the occasion rule and update the occasion.

    Args:
        occasion: the article's occasion state (updated in place).
        events: the sentence's events with, for each, whether it is an ongoing or
            background state (``〜している``); an event's ``date`` is its own date or None.
        text: the sentence text (for sequence words).
        paragraph: the index (or start offset) of the sentence's paragraph.
        records: entity records, for the states of persons.
        fallback: the lead sentence's date when its events have none of their own
            (the dateline date, else the first date written in the sentence).
        adverbial: the sentence's adverbial date (``Xは昨年7月、…``); when it is earlier
            than the occasion's (a flashback), it dates the sentence's undated events
            instead of the occasion.

    Returns:
        The events, those that continue the occasion dated with its date.
    """
    if not events:
        return []
    if not occasion.started:
        occasion.started = True
        occasion.paragraph = paragraph
        lead = next((e.date for e, _ in events if e.date is not None), None) or fallback
        occasion.date = lead
        actors: set[str] = set()
        for event, _ in events:
            actors |= _actors(event)
        occasion.actors = _with_states(actors, records)
        return [e if e.date is not None or lead is None or set(e.contexts) & UNFIXED_CONTEXTS
                else replace(e, date=lead) for e, _ in events]
    if paragraph != occasion.paragraph:
        occasion.paragraph = paragraph
        occasion.current = True
    lead = occasion.date
    own = [e.date for e, _ in events if e.date is not None]
    if has_sequence_word(text):
        occasion.current = False
        return [e for e, _ in events]
    if lead is not None and any(covers(d, lead) for d in own):
        for event, _ in events:
            if event.date is not None and covers(event.date, lead):
                occasion.actors |= _with_states(_joining(event), records)
    elif lead is not None and any(d.first_day > lead.first_day for d in own):
        occasion.current = False
    if lead is not None and adverbial is not None and not covers(adverbial, lead) \
            and adverbial.first_day < lead.first_day:
        return _flashback(events, adverbial)
    opening = bool(OCCASION_OPENING.match(text))
    out: list[Event] = []
    for event, ongoing in events:
        continues = (
            event.date is None and lead is not None and occasion.current and not ongoing
            and not set(event.contexts) & UNFIXED_CONTEXTS
            and (opening or set(event.sources) & occasion.actors
                 or _states_of(event.sources, records) & occasion.actors)
        )
        out.append(replace(event, date=lead) if continues else event)
    return out


def _flashback(events: list[tuple[Event, bool]], adverbial: DateValue) -> list[Event]:
    """``イランは昨年7月、…停止する法律を施行し``: a sentence set at an earlier time by its
    adverbial date is a flashback; its undated acts are then, not at the occasion."""
    return [e if e.date is not None or set(e.contexts) & UNFIXED_CONTEXTS
            else replace(e, date=adverbial) for e, _ in events]


def _states_of(keys: tuple[str, ...], records: Mapping[str, EntityRecord]) -> set[str]:
    """The states of the persons among ``keys``: ``スウェーデンの首相も歓迎した`` acts for
    Sweden, an actor of the occasion."""
    return {record.country for key in keys if (record := records.get(key)) is not None
            and record.type == "Person" and record.country}


# A sentence reacting to the act just reported (``ロシアはこれに反発し…``) happens then too.
REACTION = re.compile(r"これ(?:に(?!先立)|を受け)")


def date_reactions(events: list[Event], text: str, previous: DateValue | None,
                   adverbial: DateValue | None = None) -> list[Event]:
    """Date the undated acts of a reaction sentence by the date written just before it.

    A reaction (``これに反発し``, ``これを受けて``) follows the act it answers closely, but
    not necessarily on the same day: a day-precision date is kept only to its month
    (``今年3月`` → ``2021-03``; ``16日`` → ``2021-06``). ``その後`` alone dates nothing.
    A reaction that writes its own adverbial date (``これを受け、NATOは同日、``) takes it.
    """
    if not REACTION.search(text[:30]):
        return events
    if adverbial is not None:
        previous = adverbial
    elif previous is None:
        return events
    elif previous.precision == "day":
        previous = DateValue(previous.year, previous.month, None, "month")
    return [e if e.date is not None or set(e.contexts) & UNFIXED_CONTEXTS
            else replace(e, date=previous) for e in events]


NEXT_DAY = re.compile(r"翌[0-9０-９]{1,2}日")  # 翌23日: the day after a day written before


def anchor_previous(text: str, last: Mapping[str, DateValue]) -> DateValue | None:
    """The date an anaphoric word of a sentence refers back to: the last day of an act for
    ``同日``/``前日``, the last month for ``同月``, else the last date of any precision."""
    if any(word in text for word in ANAPHORIC_DAYS) or NEXT_DAY.search(text):
        return last.get("day") or last.get("year")
    if any(word in text for word in ANAPHORIC_MONTHS):
        return last.get("written_month") or last.get("month") or last.get("year")
    return last.get("latest")


def remember(last: dict[str, DateValue], values: list[DateValue],
             written: Sequence[DateValue] = ()) -> None:
    """Record the dates of a sentence's acts for the anaphoric words of later sentences, and
    the last month written: ``同月`` is the month the text named last (``…船が先月、…発射
    したと指摘した。フィリピン政府は同月、…``), even when a later day was an act's."""
    for value in written:
        if value.precision in ("month", "day"):
            last["written_month"] = value
    for value in values:
        last["latest"] = value
        last["year"] = value
        if value.precision in ("month", "day"):
            last["month"] = value
        if value.precision == "day":
            last["day"] = value
