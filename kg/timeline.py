"""The timeline page: an entity's events, or a treaty's lifecycle and events, on a time axis.

Items come from the presets (``treaty_timeline`` for treaties and other non-actors,
``actor_events`` for actors). A date of month or year precision is drawn as a bar over
the whole month or year, a day as a dot; an item whose sentence gives no date is listed
apart, under its article's date, and never placed on the axis. The page is one
self-contained HTML file with an inline SVG: no script, no remote resource.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from kg.page_assets import QUAD_STYLES
from kg.plover import CATEGORIES
from kg.presets import resolve_entity, run_preset
from kg.query import with_prologue
from kg.store import KGStore
from kg.timeline_page import render_timeline
from kg.views import entity_label

LIFECYCLE_COLOUR = "#7b4fa0"
_ARTICLE = """
SELECT ?article ?url ?path WHERE {
  OPTIONAL { ?article schema:url ?url } OPTIONAL { ?article kg:sourcePath ?path }
}"""
_IS_ACTOR = "SELECT ?entity WHERE { ?entity a kg:Actor } LIMIT 1"


@dataclass(frozen=True)
class TimelineItem:
    """One fact on the timeline; ``start``/``end`` are ``None`` when the sentence gives no date."""

    iri: str
    kind: str  # "lifecycle" or "event"
    what: str  # the lifecycle status or the PLOVER category
    colour: str
    start: dt.date | None
    end: dt.date | None
    precision: str  # day | month | year | "" (undated)
    date_text: str
    reported: str  # the article's date (shown for undated items)
    actors: str
    claimed_by: str
    context: str
    sentence: str
    title: str
    article: str
    url: str  # an http(s) link to the article, when the store has one
    source_path: str


@dataclass
class Timeline:
    """An entity's timeline: its label, IRI and items (dated first, in date order)."""

    entity: str
    label: str
    items: list[TimelineItem]

    @property
    def dated(self) -> list[TimelineItem]:
        return [i for i in self.items if i.start is not None]

    @property
    def undated(self) -> list[TimelineItem]:
        return [i for i in self.items if i.start is None]


def span(date_text: str, precision: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date covers (``2021-02``, month → Feb 1 to Feb 28)."""
    try:
        year = int(date_text[:4])
        if precision == "year":
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(date_text[5:7])
        if precision == "month":
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        day = dt.date.fromisoformat(date_text[:10])
        return day, day
    except ValueError:
        return None


def timeline(store: KGStore, entity: str) -> Timeline:
    """The timeline of an entity given as an IRI or a label (``新START``, ``Joe Biden``)."""
    iri = resolve_entity(store, entity)
    actor = bool(store.select(with_prologue(_IS_ACTOR), {"entity": iri}))
    if actor:
        rows = run_preset(store, "actor_events", {"actor": str(iri)}).rows
    else:
        rows = run_preset(store, "treaty_timeline", {"treaty": str(iri)}).rows
    articles: dict[str, tuple[str, str]] = {}
    items: dict[str, TimelineItem] = {}
    for row in rows:
        key = str(row.get("event") or row.get("item"))
        if key in items:
            continue
        article = str(row["article"] or "")
        if article and article not in articles:
            found = store.select(with_prologue(_ARTICLE), {"article": URIRef(article)})
            url = str(found[0]["url"] or "") if found else ""
            path = str(found[0]["path"] or "") if found else ""
            articles[article] = (url if url.startswith(("http://", "https://")) else "", path)
        items[key] = _item(key, row, actor, articles.get(article, ("", "")))
    ordered = sorted(items.values(), key=lambda i: (i.start is None, i.start or dt.date.min,
                                                    i.reported, i.kind != "lifecycle", i.iri))
    return Timeline(str(iri), entity_label(store, str(iri)) or entity, ordered)


def _item(key: str, row: dict, actor: bool, article: tuple[str, str]) -> TimelineItem:
    text = lambda name: str(row.get(name) or "")  # noqa: E731
    kind = "event" if actor else text("kind")
    what = text("category") if actor else text("what")
    if kind == "lifecycle":
        colour = LIFECYCLE_COLOUR
    else:
        quad = CATEGORIES.get(what, ("", 0.0, ""))[0]
        colour = QUAD_STYLES.get(quad, ("#888888", ""))[0]
    precision = text("precision")
    covered = span(text("date"), precision) if text("date") else None
    if actor:
        actors = " → ".join(x for x in (text("sources"), text("recipients")) if x)
        actors += f" (対象 {text('abouts')})" if text("abouts") else ""
    else:
        actors = text("actors")
    return TimelineItem(
        key, kind, what, colour, covered[0] if covered else None,
        covered[1] if covered else None, precision if covered else "", text("date"),
        text("when"), actors, text("claimedBy"), text("context"), text("sentence"),
        text("title"), text("article"), article[0], article[1])


def write_timeline_html(store: KGStore, entity: str, path: str | Path) -> Timeline:
    """Write the timeline page of ``entity`` to ``path`` (UTF-8) and return its data."""
    data = timeline(store, entity)
    Path(path).write_text(render_timeline(data), encoding="utf-8")
    return data


def timeline_html(store: KGStore, entity: str) -> str:
    """The timeline page of ``entity`` as an HTML string."""
    return render_timeline(timeline(store, entity))

