"""Tests of the reading stage: seeds, pages of several layouts, ids, paths and errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kg.articles import (
    article_id,
    detect_language,
    iter_article_paths,
    read_article,
    read_html_article,
    read_text_article,
)
from kg.errors import InputError
from kg.model import Article

JST = timezone(timedelta(hours=9))
PAGES = Path(__file__).resolve().parent / "data" / "pages"

# Words that only occur in the furniture of the seed pages.
SEED_FURNITURE = ("ランキング", "MAGAZINE", "オススメ", "Copyright", "無断転用", "話題の記事",
                  "ニューズウィーク日本版", "メールマガジン", "好評発売中", "トムソンロイター")


def paragraphs(article: Article, kind: str | None = None) -> list[str]:
    return [article.text[p.start:p.end] for p in article.paragraphs if kind in (None, p.kind)]


def seed(seed_dir: Path, prefix: str) -> Article:
    (path,) = seed_dir.glob(f"{prefix}_*.txt")
    return read_article(path)


def test_seed_000_title_date_dateline(seed_dir: Path) -> None:
    article = seed(seed_dir, "000")
    assert article.title == "米ロ首脳が初会談、核軍縮・サイバー問題で対話枠組み"
    assert article.published == datetime(2021, 6, 17, 10, 33, tzinfo=JST)
    assert article.published.utcoffset() == timedelta(hours=9)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.day, article.dateline.agency) == ("ジュネーブ", 16, "ロイター")
    assert article.dateline.text == "[ジュネーブ 16日 ロイター]"
    assert article.agency == "ロイター"
    assert article.language == "ja"


def test_seed_000_paragraphs_and_furniture(seed_dir: Path) -> None:
    article = seed(seed_dir, "000")
    assert article.paragraphs[0].kind == "caption"
    assert paragraphs(article)[0].endswith("Mikhail Metzel/Pool via REUTERS)")
    bodies = paragraphs(article, "body")
    assert bodies[0].startswith("バイデン米大統領とロシアのプーチン大統領は16日、ジュネーブで会談し")
    assert bodies[-1].startswith("米国とロシアの関係は、2014年のロシアによるクリミア併合")
    assert paragraphs(article, "heading") == ["<戦略的安定に向け対話>", "<人権問題やウクライナ情勢では溝>"]
    assert "[ジュネーブ" not in article.text and article.title not in article.text
    for word in SEED_FURNITURE:
        assert word not in article.text, word
    assert "ジョン・レノン" not in article.text and "デンマーク国防情報局" not in article.text


def test_seed_001_title_date_agency(seed_dir: Path) -> None:
    article = seed(seed_dir, "001")
    assert article.title == "バイデン=プーチン、初の電話会談 新START延長で合意"
    assert article.published == datetime(2021, 1, 27, 11, 16, tzinfo=JST)
    assert article.agency == "ロイター"
    assert article.dateline is None or article.dateline.place is None


def test_seed_001_paragraphs_and_furniture(seed_dir: Path) -> None:
    article = seed(seed_dir, "001")
    assert article.paragraphs[0].kind == "caption"
    bodies = paragraphs(article, "body")
    assert bodies[0].startswith("バイデン米大統領は26日、就任後初めて")
    assert bodies[-1].startswith("「バイデン大統領は、米国や同盟国にとって有害なロシアの行動に")
    assert bodies[-1].endswith("」とした。")
    assert paragraphs(article)[-1] == bodies[-1]
    for word in (*SEED_FURNITURE, "[ロイター]", "アマゾン", "議会突入", "証券会社"):
        assert word not in article.text, word


def test_paragraph_offsets_index_text(seed_dir: Path) -> None:
    for path in sorted(seed_dir.glob("*.txt")) + sorted(PAGES.glob("*.*")):
        article = read_article(path)
        assert article.text == "\n".join(paragraphs(article))
        for paragraph in article.paragraphs:
            assert article.paragraph_at(paragraph.start) == paragraph
            assert article.text[paragraph.start:paragraph.end].strip() == article.text[paragraph.start:paragraph.end]


def test_same_article_as_txt_and_html_same_id() -> None:
    text = read_article(PAGES / "wire_report.txt")
    html = read_article(PAGES / "wire_report.html")
    assert text.id == html.id
    assert (text.title, text.text, text.published) == (html.title, html.text, html.published)
    assert [p.kind for p in text.paragraphs] == [p.kind for p in html.paragraphs]
    assert html.url == "https://news.example.jp/world/2023/03/nichifutsu.html"
    assert html.publication == "サンプル・ワールドニュース"


def test_same_article_read_twice_same_id(seed_dir: Path) -> None:
    (path,) = seed_dir.glob("000_*.txt")
    assert read_article(path).id == read_article(path).id
    assert len(read_article(path).id) == 16


def test_article_id_ignores_whitespace_and_width() -> None:
    assert article_id("米ロ首脳会談\n両首脳は16日に会談した。") == article_id("米ロ首脳会談  両首脳は１６日に会談した。 ")
    assert article_id("米ロ首脳会談") != article_id("米中首脳会談")


def test_wire_report_drops_related_box_and_keeps_heading() -> None:
    article = read_article(PAGES / "wire_report.txt")
    assert paragraphs(article, "heading") == ["<防衛装備品の協力も議題に>"]
    assert paragraphs(article, "body")[-1].startswith("関係者によると、両国は秋にも")
    for word in ("関連記事", "日仏首脳", "よく読まれている", "円相場", "無断転載", "トップ", "[ロイター]"):
        assert word not in article.text, word


def test_html_drops_script_share_ranking_footer() -> None:
    article = read_article(PAGES / "wire_report.html")
    for word in ("dataLayer", "広告枠", "シェア", "ポスト", "円相場", "Copyright", "無断転載", "国際"):
        assert word not in article.text, word
    assert paragraphs(article)[0].startswith("日仏外相電話会談に臨む外相")


def test_kyodo_style_dateline_caption_and_credit() -> None:
    article = read_article(PAGES / "kyodo_style.txt")
    assert article.title == "北朝鮮がミサイル発射、日米韓が連携を確認"
    assert article.published == datetime(2022, 11, 3, 9, 45, tzinfo=JST)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency, article.dateline.text) == ("ソウル", "共同", "【ソウル共同】")
    assert article.agency == "共同"
    assert article.paragraphs[0].kind == "caption"
    bodies = paragraphs(article, "body")
    assert bodies[0].startswith("韓国軍合同参謀本部は3日")
    assert bodies[-1].endswith("落下したとみられる。")
    for word in ("シェア", "ランキング", "東証", "Kyodo", "ログイン", "ホーム"):
        assert word not in article.text, word


# A page of another site: no <article>, only divs; metadata in JSON-LD; the article
# found by paragraph density. Encoded by the tests in Shift_JIS and EUC-JP.
DIV_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>髙田外相、ＡＳＥＡＮ会合で演説 ～ 海洋秩序を強調 - サンプル時報</title>
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "髙田外相、ＡＳＥＡＮ会合で演説 ～ 海洋秩序を強調",
 "datePublished": "2023-07-14T08:30:00+09:00",
 "publisher": {{"@type": "Organization", "name": "サンプル時報"}}}}
</script>
</head><body>
<div id="top"><div class="gnavi"><a href="/">ホーム</a> <a href="/pol">政治</a> <a href="/int">国際</a></div></div>
<div id="wrap">
 <div id="left">
  <div class="ttl">髙田外相、ＡＳＥＡＮ会合で演説 ～ 海洋秩序を強調</div>
  <div class="txt">
   <div>【ジャカルタ時事】髙田外相は13日、東南アジア諸国連合（ＡＳＥＡＮ）関連の外相会合で演説し、
   力による一方的な現状変更は認められないと強調した。</div>
   <div>外相は、会合の議題①として海洋秩序の維持を挙げ、各国に協力を呼び掛けた。</div>
   <div>会合には中国の外相も出席した。中国側は演説に反発し、「域外国の介入に反対する」と述べた。</div>
  </div>
 </div>
 <div id="right">
  <div class="box"><div>アクセスランキング</div>
   <div><a href="/1">1 株価、一時急落</a></div><div><a href="/2">2 新駅の開業日決まる</a></div>
   <div><a href="/3">3 台風7号が北上</a></div></div>
 </div>
</div>
<div id="bottom">記事・写真の無断転載を禁じます。著作権はサンプル時報に帰属します。</div>
</body></html>
"""


# EUC-JP (JIS X 0208) has no 髙, ① or the full-width tilde of cp932.
EUC_SAFE = str.maketrans({"髙": "高", "①": "1", "～": "〜"})


def div_page(charset: str, codec: str) -> tuple[bytes, str]:
    """The page encoded in ``codec``, and its headline as it should be read back."""
    page = DIV_PAGE.format(charset=charset)
    title = "髙田外相、ＡＳＥＡＮ会合で演説 ～ 海洋秩序を強調"
    if codec == "euc_jp":
        page, title = page.translate(EUC_SAFE), title.translate(EUC_SAFE)
    return page.encode(codec), title


@pytest.mark.parametrize("charset, codec", [("Shift_JIS", "cp932"), ("EUC-JP", "euc_jp"), ("UTF-8", "utf-8")])
def test_div_page_in_legacy_encodings(tmp_path: Path, charset: str, codec: str) -> None:
    path = tmp_path / "page.html"
    data, title = div_page(charset, codec)
    path.write_bytes(data)
    article = read_article(path)
    assert article.title == title
    assert article.published == datetime(2023, 7, 14, 8, 30, tzinfo=JST)
    assert article.publication == "サンプル時報"
    assert article.dateline is not None and (article.dateline.place, article.dateline.agency) == ("ジャカルタ", "時事")
    bodies = paragraphs(article, "body")
    assert bodies[0].startswith(title[:2] + "外相は13日、東南アジア諸国連合（ＡＳＥＡＮ）関連の外相会合で演説し、力による")
    assert "議題①" in bodies[1] or codec == "euc_jp"
    assert len(bodies) == 3
    for word in ("ランキング", "株価", "ホーム", "無断転載"):
        assert word not in article.text, word


@pytest.mark.parametrize("declared, codec", [
    ("Shift_JIS", "utf-8"),     # says Shift_JIS, is UTF-8
    ("UTF-8", "cp932"),         # says UTF-8, is Shift_JIS
    ("Shift_JIS", "euc_jp"),    # says Shift_JIS, is EUC-JP (decodes as half-width kana)
    ("EUC-JP", "cp932"),        # says EUC-JP, is Shift_JIS
    ("ISO-8859-1", "cp932"),    # says Latin-1, which decodes anything
])
def test_lying_charset_declaration_gives_no_mojibake(declared: str, codec: str) -> None:
    data, title = div_page(declared, codec)
    article = read_html_article(data, "lying.html")
    assert article.title == title
    assert "東南アジア諸国連合" in article.text


@pytest.mark.parametrize("codec", ["cp932", "euc_jp", "utf-8-sig"])
def test_text_file_in_legacy_encodings(tmp_path: Path, codec: str) -> None:
    original = (PAGES / "wire_report.txt").read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(original.replace("\n", "\r\n").encode(codec))
    article = read_article(path)
    assert article.id == read_article(PAGES / "wire_report.txt").id
    assert "\r" not in article.text


def test_html_text_comes_out_as_text() -> None:
    html = """<html><head><title>国連安保理が緊急会合</title></head><body><main>
    <h1>国連安保理が緊急会合</h1>
    <p>国連安全保障理事会は5日、緊急会合を開いた。議長国は&lt;script&gt;の書き込みを禁じる&amp;規則を説明した。</p>
    <p>会合は非公開で行われた。<script>alert("page script")</script>各国の代表が意見を述べた。</p>
    <p>次回の会合は来週に<br>開かれる予定だ。理事国は声明の文言を調整している。</p>
    </main></body></html>"""
    article = read_html_article(html)
    assert article.title == "国連安保理が緊急会合"
    bodies = paragraphs(article, "body")
    assert "議長国は<script>の書き込みを禁じる&規則を説明した。" in bodies[0]
    assert bodies[1] == "会合は非公開で行われた。各国の代表が意見を述べた。"
    assert "alert" not in article.text
    assert bodies[2:] == ["次回の会合は来週に", "開かれる予定だ。理事国は声明の文言を調整している。"]


def test_html_meta_published_time_and_url() -> None:
    html = """<html lang="ja"><head>
    <meta property="og:title" content="中東和平協議が再開へ">
    <meta property="og:url" content="https://example.org/a/1">
    <meta property="article:published_time" content="2024-02-01T03:15:00Z">
    </head><body><article><h1>中東和平協議が再開へ</h1>
    <p>(ロイター) - 中東和平を巡る協議が来月再開されることになった。関係筋が明らかにした。</p>
    <p>協議には周辺国の代表も参加する見通しだ。</p></article>
    <section class="related"><h3>関連記事</h3><ul><li><a href="/x">中東情勢、緊張続く</a></li></ul></section>
    </body></html>"""
    article = read_html_article(html)
    assert article.published == datetime(2024, 2, 1, 3, 15, tzinfo=UTC)
    assert article.url == "https://example.org/a/1"
    assert article.agency == "ロイター"
    assert article.dateline is not None and article.dateline.place is None
    assert paragraphs(article, "body")[0].startswith("中東和平を巡る協議が")
    assert "中東情勢" not in article.text


def test_english_article_language_and_dateline() -> None:
    text = """Home
World
Leaders agree to resume arms control talks
2021/6/17 10:33
GENEVA (Reuters) - The two presidents agreed on Wednesday to start a dialogue on strategic stability.
They also agreed to return their ambassadors to each other's capitals, officials said.
Related
Markets rally after summit
(c) 2021 Example Wire. All rights reserved.
"""
    article = read_text_article(text)
    assert article.language == "en"
    assert article.title == "Leaders agree to resume arms control talks"
    assert article.dateline is not None and (article.dateline.place, article.dateline.agency) == ("GENEVA", "Reuters")
    assert paragraphs(article)[0].startswith("The two presidents")
    assert "Markets" not in article.text and "rights" not in article.text


@pytest.mark.parametrize("text, expected", [
    ("両首脳は会談した。", "ja"),
    ("The two leaders met in Geneva.", "en"),
    ("两国领导人在日内瓦举行会谈。", "zh"),
    ("양국 정상은 제네바에서 회담했다.", "ko"),
])
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "empty"),
    ("blank.html", b"  \n\n ", "empty"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (a PNG image"),
    ("doc.txt", b"%PDF-1.7\n%\xe2\xe3", "binary content (a PDF document"),
    ("packed.txt", b"\x1f\x8b\x08\x00\x00\x00", "binary content (gzip"),
    ("nul.txt", "米ロ首脳会談".encode() + b"\x00\x00\x01", "binary content (NUL bytes"),
    ("broken.txt", b"\xff\xfe" + b"a\x00b", "cannot decode"),
    ("menu.txt", "ホーム\n国際\n経済\nログイン\n".encode(), "no recognisable article"),
    ("menu.html", "<html><body><nav>ホーム</nav><p>ログイン</p></body></html>".encode(), "no recognisable article"),
    ("report.pdf", b"%PDF-1.4", "unsupported file type (.pdf)"),
])
def test_read_article_errors_name_file_and_problem(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert caught.value.path == str(path)
    assert problem in caught.value.problem
    assert str(path) in str(caught.value)


def test_read_article_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


def test_text_with_html_markup_saved_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_bytes((PAGES / "wire_report.html").read_bytes())
    assert read_article(path).id == read_article(PAGES / "wire_report.html").id


def test_iter_article_paths_expands_sorted_and_filters(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("x")
    (tmp_path / "b" / "1.HTM").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text("x")
    single = tmp_path / "b" / "2.html"
    found = list(iter_article_paths([tmp_path, single]))
    assert found == [tmp_path / "a.txt", tmp_path / "b" / "1.HTM", tmp_path / "b" / "2.html", single]


def test_iter_article_paths_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        list(iter_article_paths([tmp_path / "nowhere"]))
    assert caught.value.path == str(tmp_path / "nowhere")
    assert "no such file or directory" in caught.value.problem


def test_iter_article_paths_named_file_of_other_type_raises(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unsupported file type"):
        list(iter_article_paths([tmp_path / "x.pdf"]))


def test_html_article_body_itemprop_date_printed_near_headline() -> None:
    html = """<html><head><title>米中外相が会談 | サンプル通信</title>
    <meta property="og:site_name" content="サンプル通信"></head><body>
    <div class="l-header"><ul><li><a href="/">ホーム</a></li></ul></div>
    <div class="l-main"><div class="c-title"><h1>米中外相が会談</h1>
    <span class="c-date">2024年5月2日 17時40分</span></div>
    <div class="sns-share"><a href="#">シェア</a></div>
    <div itemprop="articleBody"><p>米国と中国の外相は2日、北京で会談した。両氏は対話の継続で一致した。</p>
    <p class="photo-caption">会談に臨む両外相=2日、北京(サンプル通信)</p>
    <p>会談では台湾問題も取り上げられた。中国側は懸念を伝えた。</p></div>
    <div class="p-ranking"><ol><li><a href="/a">1位 記事A</a></li><li><a href="/b">2位 記事B</a></li></ol></div>
    </div><div class="l-footer">(C) サンプル通信</div></body></html>"""
    article = read_html_article(html, "itemprop.html")
    assert article.title == "米中外相が会談"
    assert article.published == datetime(2024, 5, 2, 17, 40, tzinfo=JST)
    assert article.publication == "サンプル通信"
    assert [p.kind for p in article.paragraphs] == ["body", "caption", "body"]
    assert "記事A" not in article.text and "シェア" not in article.text and "ホーム" not in article.text


def test_directory_of_articles_reads_every_file(seed_dir: Path) -> None:
    articles = [read_article(path) for path in iter_article_paths([seed_dir, PAGES])]
    assert len(articles) == 5
    assert len({a.id for a in articles}) == 4  # wire_report as .txt and .html is one article
