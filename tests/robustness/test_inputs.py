"""Bad input in a batch: one line per bad file, the rest built, the store as if it were absent."""

from __future__ import annotations

import gzip
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from kg.articles import read_article
from kg.cli import main
from kg.errors import InputError
from kg.pipeline import build
from kg.store import KGStore

from .corpus import article_html, article_text, encoded, snapshot

ENGLISH = ("WASHINGTON (Reuters) - The president met the prime minister on Monday and agreed "
           "to hold more talks on trade. Officials said the meeting was long and useful.\n\n"
           "Both leaders called for calm in the region and promised to meet again next month.\n")
CHINESE = ("新华社北京6月16日电 国家主席习近平16日在北京会见法国总统马克龙。两国元首同意加强合作，"
           "共同应对气候变化。\n\n双方还就乌克兰局势交换了意见，并同意保持沟通。\n")


def _deep(n: int) -> str:
    page = article_html(n)
    start, end = page.index("<article>"), page.index("</article>") + len("</article>")
    return page[:start] + "<div>" * 20_000 + page[start:end] + "</div>" * 20_000 + page[end:]


def _truncated(n: int) -> str:
    page = article_html(n)
    cut = page.index("</p>", page.index("</p>") + 1) + len("</p>") + 30  # inside the third <p>
    return page[:cut] + "<b class='x"


def _mixed_line_endings(n: int) -> str:
    lines = article_text(n).split("\n")
    return "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(lines))


def good_files(n0: int = 0) -> dict[str, bytes]:
    """Files kg must read: legacy encodings with and without declarations, lying
    declarations, BOM and mixed line endings, a truncated page and a deeply nested one."""
    return {
        "a00_utf8.txt": article_text(n0).encode(),
        "a01_sjis.txt": encoded(article_text(n0 + 1), "cp932"),
        "a02_eucjp.txt": encoded(article_text(n0 + 2), "euc_jp"),
        "a03_sjis_declared.html": encoded(article_html(n0 + 3, charset="Shift_JIS"), "cp932"),
        "a04_eucjp_says_sjis.html": encoded(article_html(n0 + 4, charset="Shift_JIS"), "euc_jp"),
        "a05_utf8_says_eucjp.html": article_html(n0 + 5, charset="EUC-JP").encode(),
        "a06_bom_mixed_endings.txt": encoded(_mixed_line_endings(n0 + 6), "utf-8", bom=True),
        "a07_truncated.html": _truncated(n0 + 7).encode(),
        "a08_deep.html": _deep(n0 + 8).encode(),
        "a09_sjis_undeclared.html": encoded(article_html(n0 + 9, charset=None), "cp932"),
    }


# name → (content, the problem its one error line must name); None: made specially below.
BAD_FILES: dict[str, tuple[bytes | None, str]] = {
    "b_empty.txt": (b"", "the file is empty"),
    "b_blank.html": (b" \r\n\t\n", "empty"),
    "b_photo.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
                     "binary content (a PNG image"),
    "b_photo.txt": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), "binary content (a JPEG image"),
    "b_scan.htm": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary content (a PDF document"),
    "b_archive.txt": (gzip.compress(article_text(0).encode()), "binary content (gzip"),
    "b_nul.txt": ("米ロ首脳会談".encode() + bytes(3) + b"abc", "binary content (NUL bytes"),
    "b_menu.txt": ("ホーム\n国際\n経済\nログイン\n".encode(), "no recognisable article"),
    "b_menu.html": (b"<html><body><nav>Home</nav><p>\xe3\x83\xad\xe3\x82\xb0</p></body></html>",
                    "no recognisable article"),
    "b_english.html": (article_html(0, lang="en", title="Leaders meet in Geneva",
                                    body=ENGLISH.split("\n\n")).encode(),
                       "language en is not supported yet"),
    "b_english.txt": (("World\n\nLeaders meet in Geneva\n\nJune 17, 2021\n\n" + ENGLISH).encode(),
                      "language en is not supported yet"),
    "b_chinese.txt": (("国际\n\n习近平会见马克龙\n\n2021年06月17日\n\n" + CHINESE).encode(),
                      "language zh is not supported yet"),
    "b_fifo.html": (None, "not a regular file but a named pipe (FIFO)"),
    "b_dangling.txt": (None, "broken symbolic link"),
    "b_zero.html": (None, "not a regular file but a character device"),
    "b_huge.html": (None, "over the size limit of 5,000,000 bytes (raise it with --max-bytes"),
    "b_long.txt": (None, "over the limit of 100,000 (raise it with --max-chars"),
}
HUGE = 50_000_000


def _write_bad(directory: Path) -> None:
    for name, (content, _) in BAD_FILES.items():
        path = directory / name
        if content is not None:
            path.write_bytes(content)
    os.mkfifo(directory / "b_fifo.html")
    (directory / "b_dangling.txt").symlink_to(directory / "gone.txt")
    (directory / "b_zero.html").symlink_to("/dev/zero")  # reading it would never end
    paragraph = "<p>" + "バイデン米大統領は会談で合意した。" * 40 + "</p>\n"
    with (directory / "b_huge.html").open("w", encoding="utf-8") as out:
        out.write("<html><body><article>")
        while out.tell() < HUGE:
            out.write(paragraph * 100)
        out.write("</article></body></html>")
    long_body = "\n\n".join("バイデン米大統領は16日、ジュネーブでプーチン大統領と会談し、"
                            f"核軍縮を巡る協議を続けることで合意した(第{i}段落)。" for i in range(2500))
    (directory / "b_long.txt").write_text(article_text(0).replace("ロイター\n", long_body + "\n", 1),
                                          encoding="utf-8")


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("batch")
    for name, content in good_files().items():
        (directory / name).write_bytes(content)
    _write_bad(directory)
    return directory


def test_each_good_variant_reads_as_the_utf8_article(batch):
    originals = {0: article_text(0)}
    for name in good_files():
        article = read_article(batch / name)
        n = int(name[1:3])
        assert article.language == "ja", name
        assert "\ufffd" not in article.text and "\r" not in article.text, name
        if name.endswith(".txt"):
            from kg.articles import read_text_article
            expected = read_text_article(originals.get(n) or article_text(n), "x")
            assert (article.title, article.text, article.published) == \
                (expected.title, expected.text, expected.published), name


def test_truncated_page_keeps_what_is_there(batch):
    """Cut inside the third paragraph and inside a tag: the two whole paragraphs remain (the
    cut one is no longer a sentence, so it reads like page furniture and is left out)."""
    article = read_article(batch / "a07_truncated.html")
    whole = read_article_text(article_html(7)).split("\n")
    assert article.text.split("\n") == whole[:2]
    assert article.title == article_text(7).split("\n\n")[1]


def read_article_text(page: str) -> str:
    from kg.articles import read_html_article

    return read_html_article(page, "page.html").text


def test_deeply_nested_page_reads_fast_and_whole(batch):
    started = time.monotonic()
    article = read_article(batch / "a08_deep.html")
    assert time.monotonic() - started < 5
    assert article.text == read_article_text(article_html(8))


def test_50_mb_page_is_refused_before_it_is_read(batch):
    path = batch / "b_huge.html"
    assert path.stat().st_size > HUGE
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(InputError) as caught:
            read_article(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 1
    assert peak < 1_000_000  # nothing of the file was read
    assert caught.value.path == str(path)
    assert f"the file is {path.stat().st_size:,} bytes" in caught.value.problem


def test_size_limit_can_be_raised_by_option_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "page.txt"
    path.write_text(article_text(3) + "".join(f"ランキング {i}\n" for i in range(300_000)),
                    encoding="utf-8")  # about 6.8 MB of furniture around a short article
    with pytest.raises(InputError, match="over the size limit of 5,000,000 bytes"):
        read_article(path)
    assert read_article(path, max_bytes=8_000_000).language == "ja"
    monkeypatch.setenv("KG_MAX_BYTES", "1000")
    with pytest.raises(InputError, match="over the size limit of 1,000 bytes"):
        read_article(path)
    monkeypatch.setenv("KG_MAX_BYTES", "lots")
    with pytest.raises(InputError, match="KG_MAX_BYTES: not a whole number"):
        read_article(path)


def test_long_paragraph_is_parsed_in_pieces(nlp, gazetteer, tmp_path):
    """Sudachi refuses over 49,149 bytes at once; a long paragraph must not crash GiNZA.
    (4-byte characters reach that size in few characters, which keeps parsing fast.)"""
    from kg.extract import extract_article

    long_line = ("𠮷" * 40 + "。") * 305
    assert len(long_line.encode()) > 49_149
    text = article_text(2).replace("ロイター\n", long_line + "\n", 1)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    pieces = [article.text[p.start:p.end] for p in article.paragraphs]
    assert max(len(p.encode()) for p in pieces) <= 49_149
    assert "".join(pieces) == article.text.replace("\n", "")
    extraction = extract_article(nlp, article, gazetteer)
    assert {e.category for e in extraction.events} >= {"AGREE", "ACCUSE"}


def test_unreadable_file_is_one_clear_error(tmp_path):
    """chmod 000 blocks reading only for other users: as root, read it as nobody."""
    path = tmp_path / "secret.txt"
    path.write_text(article_text(1), encoding="utf-8")
    path.chmod(0)
    if os.geteuid() != 0:
        with pytest.raises(InputError, match="cannot read the file: Permission denied"):
            read_article(path)
        return
    tmp_path.chmod(0o755)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child drops to nobody, tries, and reports through the pipe
        os.close(read)
        try:
            os.setgid(65534)
            os.setuid(65534)
            try:
                read_article(path)
                message = "read it"
            except InputError as error:
                message = str(error)
            except BaseException as error:  # noqa: BLE001 - reported to the parent
                message = f"crashed: {type(error).__name__}: {error}"
            os.write(write, message.encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        message = pipe.read().decode()
    os.waitpid(pid, 0)
    assert message == f"{path}: cannot read the file: Permission denied"


def test_batch_skips_each_bad_file_with_one_line_and_stores_the_rest_exactly(
        batch, nlp, gazetteer, tmp_path, capsys):
    good = sorted(batch / name for name in good_files())
    missing = tmp_path / "no-such-directory"
    with KGStore(tmp_path / "good-only") as store:
        alone = build(good, store, nlp=nlp, gazetteer=gazetteer)
        expected = snapshot(store)
    assert alone.ok and len(alone.written) == len(good)

    code = main(["build", "--store", str(tmp_path / "mixed"), str(batch), str(missing)])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.splitlines()
    assert lines[-1] == f"kg: {len(BAD_FILES) + 1} file(s) failed and were skipped"
    assert len(lines) == len(BAD_FILES) + 2  # one line per bad path, and the count
    assert f"kg: skipped {missing}: no such file or directory" in lines
    for name, (_, problem) in BAD_FILES.items():
        mine = [line for line in lines if line.startswith(f"kg: skipped {batch / name}: ")]
        assert len(mine) == 1, name
        assert problem in mine[0], (name, mine[0])
    assert f"built {len(good)} article(s), 0 unchanged" in captured.out
    with KGStore(tmp_path / "mixed", read_only=True) as store:
        assert snapshot(store) == expected


def test_strict_stops_at_the_first_bad_file(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(article_text(11), encoding="utf-8")
    (source / "b.txt").write_bytes(b"")
    (source / "c.txt").write_text(article_text(12), encoding="utf-8")
    code = main(["build", "--strict", "--store", str(tmp_path / "s"), str(source)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == [
        "kg: stopped at the first error (--strict); articles written before it are kept",
        f"kg: error: {source / 'b.txt'}: the file is empty",
    ]
    with KGStore(tmp_path / "s", read_only=True) as store:
        paths = {str(r["p"]) for r in store.select(
            "SELECT ?p WHERE { ?a <https://kg.example.org/ontology#sourcePath> ?p }")}
    assert paths == {str(source / "a.txt")}

    code = main(["build", "--keep-going", "--store", str(tmp_path / "s"), str(source)])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        f"kg: skipped {source / 'b.txt'}: the file is empty",
        "kg: 1 file(s) failed and were skipped",
    ]


def test_an_internal_error_in_one_article_does_not_stop_the_batch(
        tmp_path, nlp, gazetteer, monkeypatch):
    import kg.extract

    real = kg.extract.extract

    def flaky(article, sentences, gaz):
        if "第21報" in article.title:
            raise ZeroDivisionError("a bug in a rule")
        return real(article, sentences, gaz)

    monkeypatch.setattr(kg.extract, "extract", flaky)
    source = tmp_path / "in"
    source.mkdir()
    for n in (20, 21, 22):
        (source / f"{n}.txt").write_text(article_text(n), encoding="utf-8")
    with KGStore(tmp_path / "s") as store:
        report = build([source], store, nlp=nlp, gazetteer=gazetteer)
    assert len(report.written) == 2
    [error] = report.failed
    assert str(error).startswith(f"{source / '21.txt'}: internal error (ZeroDivisionError at ")
    assert "a bug in a rule" in str(error) and "please report" in str(error)
