"""Property tests: the reading stage and the date resolver take anything and raise only KGError."""

from __future__ import annotations

import calendar
import datetime
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import read_article, read_html_article, read_text_article
from kg.dates import DateAnchor, find_dates, resolve_date
from kg.encoding import check_not_binary, declared_charset, decode_bytes
from kg.errors import KGError
from kg.model import DateValue
from kg.rdf import date_literals

from .corpus import article_html, article_text

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces that steer the readers into their interesting branches.
NEWS_WORDS = ["2021年", "6月", "16日", "令和3年", "昨年", "来月", "同日", "前日", "先週", "上旬", "末",
              "年度", "間", "ぶり", "[ジュネーブ 16日 ロイター] - ", "【北京共同】", "(共同)",
              "。", "、", "\n", "\r\n", "\r", "\ufeff", "ロイター", "Copyright", "関連記事", "ランキング",
              "バイデン米大統領は", "会談した。", "０１２", "二十", "〇", "第", "99日", "13月", "2月30日"]
TAGS = ["<p>", "</p>", "<div class='article-body'>", "</div>", "<h1>", "</h1>", "<br>", "<script>",
        "</script>", "<!--", "-->", "<meta charset=\"shift_jis\">", "<meta charset=\"x-bogus\">",
        "<html lang=\"en\">", "<article>", "<time datetime=\"2021-99-99\">", "&lt;", "&#0;",
        "&#x110000;", "<![CDATA[", "<?xml encoding=\"euc-jp\"?>", "<", ">", "\"", "'"]
text_pieces = st.one_of(st.text(max_size=40), st.sampled_from(NEWS_WORDS))
news_text = st.lists(text_pieces, max_size=30).map("".join)
html_text = st.lists(st.one_of(text_pieces, st.sampled_from(TAGS)), max_size=40).map("".join)
raw_bytes = st.one_of(
    st.binary(max_size=400),
    html_text.flatmap(lambda t: st.sampled_from(["utf-8", "cp932", "euc_jp", "utf-16", "latin-1"])
                      .map(lambda c: t.encode(c, errors="replace"))),
    st.sampled_from([article_text(1).encode("cp932"), article_html(2).encode("euc_jp")])
    .flatmap(lambda b: st.integers(0, len(b)).map(lambda n: b[:n])),  # cut anywhere
)


def _only_kg_errors(call, *args):
    try:
        return call(*args)
    except KGError:
        return None


@SETTINGS
@given(news_text)
def test_read_text_article_raises_only_kg_errors(text):
    article = _only_kg_errors(read_text_article, text, "t.txt")
    if article is not None:
        assert article.text and len(article.id) == 16
        for p in article.paragraphs:
            assert 0 <= p.start < p.end <= len(article.text)


@SETTINGS
@given(st.one_of(html_text, raw_bytes))
def test_read_html_article_raises_only_kg_errors(page):
    _only_kg_errors(read_html_article, page, "t.html")


@SETTINGS
@given(raw_bytes)
def test_decoding_raises_only_kg_errors(data):
    declared_charset(data)
    if _only_kg_errors(check_not_binary, data, "x") is None and data.startswith(b"\x00"):
        return
    text = _only_kg_errors(decode_bytes, data, "x", declared_charset(data))
    if text is not None:
        assert "\r" not in text and not text.startswith("\ufeff")


@SETTINGS
@given(raw_bytes, st.sampled_from([".txt", ".html", ".htm"]))
def test_read_article_on_any_file_raises_only_kg_errors(data, suffix):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"x{suffix}"
        path.write_bytes(data)
        _only_kg_errors(read_article, path)


anchors = st.builds(
    DateAnchor,
    published=st.one_of(st.none(), st.dates(min_value=datetime.date(1, 1, 1))),
    dateline_day=st.one_of(st.none(), st.integers(-5, 40)),
    previous=st.one_of(st.none(), st.builds(
        DateValue, year=st.integers(1, 9999), month=st.one_of(st.none(), st.integers(1, 12)),
        day=st.one_of(st.none(), st.integers(1, 28)),
        precision=st.sampled_from(["day", "month", "year"]))),
)


def _valid(value: DateValue) -> None:
    assert value.precision in ("day", "month", "year")
    assert 1 <= value.year <= 9999
    if value.precision in ("day", "month"):
        assert value.month is not None and 1 <= value.month <= 12
    if value.precision == "day":
        assert value.day is not None
        assert 1 <= value.day <= calendar.monthrange(value.year, value.month)[1]
    literal, precision, start = date_literals(value)
    assert precision == value.precision
    datetime.date.fromisoformat(str(start))


@SETTINGS
@given(news_text, anchors)
def test_find_dates_values_have_a_valid_precision(text, anchor):
    for mention in find_dates(text, anchor):
        assert text[mention.start:mention.end] == mention.text
        if mention.value is not None:
            _valid(mention.value)


@SETTINGS
@given(news_text, anchors)
def test_resolve_date_returns_none_or_a_valid_value(text, anchor):
    value = resolve_date(text, anchor)
    if value is not None:
        _valid(value)
