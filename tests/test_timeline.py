"""Timelines (kg.timeline): items, date spans by precision, the page and ``kg timeline``."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.cli import main
from kg.errors import QueryError
from kg.namespace import entity_iri
from kg.timeline import span, timeline, timeline_html


@pytest.fixture
def seeds(seeds_store):
    """The shared store of the seeds and a background article (tests/conftest.py)."""
    return seeds_store


@pytest.mark.parametrize(("text", "precision", "first", "last"), [
    ("2021-02", "month", dt.date(2021, 2, 1), dt.date(2021, 2, 28)),
    ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2014", "year", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
    ("2021-06-16", "day", dt.date(2021, 6, 16), dt.date(2021, 6, 16)),
])
def test_span_covers_the_whole_period(text, precision, first, last):
    assert span(text, precision) == (first, last)


def test_span_of_nonsense_is_none():
    assert span("20xx", "month") is None


def test_treaty_timeline_new_start(seeds):
    data = timeline(seeds, "新START")
    assert data.entity == str(entity_iri("new-start")) and data.label == "新戦略兵器削減条約"
    extended = [i for i in data.dated if i.kind == "lifecycle" and i.what == "extended"
                and i.precision == "month"]
    assert extended
    assert (extended[0].start, extended[0].end) == (dt.date(2021, 2, 1), dt.date(2021, 2, 28))
    assert extended[0].sentence and "seeds/000_" in extended[0].source_path
    starts = [i.start for i in data.dated]
    assert starts == sorted(starts)
    assert data.items[: len(data.dated)] == data.dated  # undated items come last
    assert all(i.start is None and i.reported for i in data.undated)


def test_actor_timeline_has_the_phone_call(seeds):
    data = timeline(seeds, "Vladimir Putin")
    calls = [i for i in data.dated if i.what == "CONSULT" and i.start == dt.date(2021, 1, 26)]
    assert calls and calls[0].precision == "day" and "バイデン" in calls[0].actors
    assert len({i.iri for i in data.items}) == len(data.items)  # one item per event


def test_timeline_page_draws_months_as_spans(seeds):
    page = timeline_html(seeds, "Russia")
    assert 'data-precision="month"' in page and 'data-precision="year"' in page
    assert "<script" not in page and "default-src 'none'" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_timeline_unknown_entity(seeds):
    with pytest.raises(QueryError, match="no entity is labelled"):
        timeline(seeds, "アトランティス")


def test_cli_timeline(seeds, tmp_path, capsys):
    out = tmp_path / "t" / "new-start.html"
    assert main(["timeline", "--store", str(seeds.path), "New START", "-o", str(out)]) == 0
    assert "新戦略兵器削減条約" in capsys.readouterr().out
    assert 'id="kg-axis"' in out.read_text(encoding="utf-8")
    assert main(["timeline", "--store", str(seeds.path), "nowhere-land", "-o", str(out)]) == 1
    assert "no entity is labelled" in capsys.readouterr().err
