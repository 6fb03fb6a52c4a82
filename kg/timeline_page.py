"""The timeline page's HTML: an inline SVG time axis and the evidence of every item, no script."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from kg.timeline import Timeline, TimelineItem

WIDTH: Final = 1100
ROW: Final = 26
AXIS: Final = 34
MARGIN: Final = 24
DOT: Final = 5  # radius of a day's dot
CSP: Final = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
              "base-uri 'none'; form-action 'none'")
CSS: Final = """
body { margin: 0 16px 32px; font-family: "Noto Sans CJK JP", "IPAexGothic", "Hiragino Sans",
  "Yu Gothic", Meiryo, sans-serif; color: #222; background: #fafafa; }
h1 { font-size: 18px; margin: 14px 0 4px; } h2 { font-size: 15px; margin: 18px 0 6px; }
#kg-summary { color: #555; font-size: 13px; }
#kg-axis { background: #fff; border: 1px solid #ddd; border-radius: 4px; }
#kg-axis text { font-size: 11px; fill: #333; }
#kg-axis .tick line { stroke: #e3e3e3; } #kg-axis .tick text { fill: #666; }
#kg-axis .kg-item:hover rect, #kg-axis .kg-item:hover circle { stroke: #000; stroke-width: 1.5; }
ol.kg-list { padding-left: 22px; } ol.kg-list li { margin: 6px 0 10px; font-size: 13px; }
ol.kg-list li:target { background: #fff7d6; }
.kg-date { font-weight: bold; margin-right: 6px; } .kg-what { font-weight: bold; }
.kg-swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
blockquote { margin: 4px 0 2px 0; padding: 2px 8px; border-left: 3px solid #ccc;
  background: #fff; white-space: pre-wrap; }
.kg-source { color: #555; font-size: 12px; }
"""


def _x(day: dt.date, first: dt.date, per_day: float) -> float:
    return MARGIN + (day - first).days * per_day


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Year starts over long spans, month starts over medium ones, else every 7th day."""
    days = (last - first).days
    if days > 3 * 366:
        return [(dt.date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1)]
    if days > 62:
        out, y, m = [], first.year, first.month
        while True:
            m, y = (1, y + 1) if m == 12 else (m + 1, y)
            day = dt.date(y, m, 1)
            if day > last:
                return out
            out.append((day, f"{y}-{m:02d}"))
    return [(first + dt.timedelta(d), (first + dt.timedelta(d)).isoformat())
            for d in range(0, days + 1, 7)]


def _label(item: TimelineItem) -> str:
    text = f"{item.date_text} {item.what}" + (f" · {item.actors}" if item.actors else "")
    return text if len(text) <= 48 else text[:47] + "…"


def _tooltip(item: TimelineItem) -> str:
    lines = [f"{item.date_text} ({item.precision}) {item.kind}: {item.what}", item.actors,
             f"according to {item.claimed_by}" if item.claimed_by else "",
             f"context: {item.context}" if item.context else "", item.sentence, item.title]
    return "\n".join(x for x in lines if x)


def svg(data: Timeline) -> str:
    """The time axis with one row per dated item: a bar over a month or year, a dot for a day."""
    dated = data.dated
    if not dated:
        return ""
    first = min(i.start for i in dated if i.start)
    last = max(i.end for i in dated if i.end)
    pad = max(15, (last - first).days // 20)
    first, last = first - dt.timedelta(pad), last + dt.timedelta(pad)
    per_day = (WIDTH - 2 * MARGIN) / max((last - first).days + 1, 1)
    height = AXIS + ROW * len(dated) + 10
    parts = [f'<svg id="kg-axis" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
             f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="timeline" data-first="{first}" data-per-day="{per_day:.6f}">']
    for day, text in _ticks(first, last):
        x = _x(day, first, per_day)
        parts.append(f'<g class="tick"><line x1="{x:.1f}" y1="{AXIS - 6}" x2="{x:.1f}" '
                     f'y2="{height}"/><text x="{x + 2:.1f}" y="{AXIS - 12}">{text}</text></g>')
    for n, item in enumerate(dated):
        y = AXIS + n * ROW + ROW / 2
        start, end = item.start, item.end
        if start is None or end is None:  # not reached: only dated items are drawn
            continue
        x0 = _x(start, first, per_day)
        if item.precision in ("month", "year"):
            width = max((end - start).days + 1, 1) * per_day
            mark = (f'<rect x="{x0:.1f}" y="{y - 7:.1f}" width="{width:.1f}" height="14" rx="2" '
                    f'fill="{item.colour}" fill-opacity="0.55" stroke="{item.colour}"/>')
            x1 = x0 + width
        else:
            x0 += per_day / 2
            mark = f'<circle cx="{x0:.1f}" cy="{y:.1f}" r="{DOT}" fill="{item.colour}"/>'
            x0, x1 = x0 - DOT, x0 + DOT
        right = x1 < WIDTH * 0.62
        tx = x1 + 6 if right else x0 - 6
        parts.append(
            f'<a href="#item-{n}" class="kg-item" id="mark-{n}" data-kind="{item.kind}" '
            f'data-precision="{html.escape(item.precision)}" data-start="{start}" '
            f'data-end="{end}"><title>{html.escape(_tooltip(item))}</title>{mark}'
            f'<text x="{tx:.1f}" y="{y + 4:.1f}" text-anchor="{"start" if right else "end"}">'
            f"{html.escape(_label(item))}</text></a>")
    parts.append("</svg>")
    return "".join(parts)


def _detail(item: TimelineItem, anchor: str) -> str:
    when = (f"{item.date_text} ({item.precision})" if item.start
            else f"日付不明 undated · 記事 {item.reported}")
    link = (f'<a href="{html.escape(item.url, quote=True)}" rel="noreferrer">'
            f"{html.escape(item.title or item.url)}</a>" if item.url
            else html.escape(item.title or item.article))
    lines = [
        f'<span class="kg-swatch" style="background:{item.colour}"></span>'
        f'<span class="kg-date">{html.escape(when)}</span>'
        f'<span class="kg-what">{html.escape(item.what)}</span> '
        f'<span class="kg-kind">({html.escape(item.kind)})</span> {html.escape(item.actors)}',
    ]
    if item.claimed_by or item.context:
        extra = [f"according to {item.claimed_by}" if item.claimed_by else "",
                 f"context: {item.context}" if item.context else ""]
        lines.append(f'<div class="kg-claim">{html.escape(" · ".join(x for x in extra if x))}'
                     "</div>")
    if item.sentence:
        lines.append(f'<blockquote class="kg-evidence">{html.escape(item.sentence)}</blockquote>')
    path = f" · {html.escape(item.source_path)}" if item.source_path else ""
    lines.append(f'<div class="kg-source">記事 article: {link}{path}</div>')
    return f'<li id="{anchor}" class="kg-detail" data-kind="{item.kind}">{"".join(lines)}</li>'


def render_timeline(data: Timeline) -> str:
    """The self-contained timeline page for ``data``; every text is escaped."""
    title = f"{data.label} — タイムライン timeline"
    dated, undated = data.dated, data.undated
    body = [f"<h1>{html.escape(title)}</h1>",
            f'<div id="kg-summary">{len(dated)} dated item(s) · {len(undated)} undated · '
            f"{html.escape(data.entity)}</div>"]
    if not data.items:
        body.append('<p id="kg-empty">no event or lifecycle fact about this entity</p>')
    body.append(svg(data))
    if dated:
        body.append('<h2>日付順 In date order</h2><ol class="kg-list" id="kg-dated">'
                    + "".join(_detail(i, f"item-{n}") for n, i in enumerate(dated)) + "</ol>")
    if undated:
        body.append('<h2>日付不明 Undated (listed by their article\'s date)</h2>'
                    '<ol class="kg-list" id="kg-undated">'
                    + "".join(_detail(i, f"undated-{n}") for n, i in enumerate(undated))
                    + "</ol>")
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{html.escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
{"".join(body)}
</body>
</html>
"""
