"""The readers: every input kind becomes RawArticles with their origin, and every bad
input becomes one clear Failure while the other records go on."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.io import ReadOptions, read_inputs
from dateline.types import Failure, Origin, RawArticle
from tests.conftest import FIXTURES

INGEST = FIXTURES / "ingest"


def read(*paths: str | Path, options: ReadOptions | None = None) -> list[RawArticle | Failure]:
    return list(read_inputs([str(p) for p in paths], options))


def one(path: str | Path, options: ReadOptions | None = None) -> RawArticle | Failure:
    items = read(path, options=options)
    assert len(items) == 1, items
    return items[0]


def article(path: str | Path, options: ReadOptions | None = None) -> RawArticle:
    item = one(path, options)
    assert isinstance(item, RawArticle), item
    return item


def failure(path: str | Path, options: ReadOptions | None = None) -> Failure:
    item = one(path, options)
    assert isinstance(item, Failure), item
    return item


def from_stdin(data: bytes, options: ReadOptions | None = None) -> list[RawArticle | Failure]:
    return list(read_inputs(["-"], options, stdin=io.BytesIO(data)))


def texts(items: list[RawArticle | Failure]) -> list[str | None]:
    return [i.text for i in items if isinstance(i, RawArticle)]


def urls(items: list[RawArticle | Failure]) -> list[str | None]:
    return [i.url for i in items if isinstance(i, RawArticle)]


# ------------------------------------------------------------------------------ plain text


def test_plain_text_is_read_with_its_path() -> None:
    raw = article(INGEST / "article.txt")
    assert raw.text is not None and raw.text.startswith("Harbour talks resume")
    assert raw.html is None
    assert raw.origin.path == str(INGEST / "article.txt")
    assert raw.warnings == ()


def test_windows_line_endings_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Headline\r\n\r\nFirst paragraph.\rSecond line.\r\n")
    assert article(path).text == "Headline\n\nFirst paragraph.\nSecond line.\n"


def test_utf16_with_a_byte_order_mark_is_decoded() -> None:
    raw = article(INGEST / "bom-utf16.txt")
    assert raw.text == "UTF-16 text with a byte-order mark: naïve résumé.\n"


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 news.")
    assert article(path).text == "Café news."


def test_legacy_encoding_is_detected_and_noted() -> None:
    raw = article(INGEST / "cp1252.txt")
    assert raw.text is not None
    assert "Café owners in Lörrach" in raw.text
    assert "“new rules”" in raw.text and "500 €" in raw.text
    assert any("cp1252" in w for w in raw.warnings)


def test_invalid_utf8_is_recovered_with_a_warning_not_a_failure() -> None:
    raw = article(INGEST / "bad-utf8.txt")
    assert raw.text is not None
    assert "minister’s speech in Zürich" in raw.text  # the valid UTF-8 is kept
    assert "\ufffd" in raw.text
    assert len(raw.warnings) == 1
    assert "not valid utf-8" in raw.warnings[0] and "byte 39" in raw.warnings[0]


def test_a_forced_encoding_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "greek.txt"
    path.write_bytes("Αθήνα, Δευτέρα".encode("iso8859_7"))
    assert article(path, ReadOptions(encoding="iso8859_7")).text == "Αθήνα, Δευτέρα"


def test_an_unknown_encoding_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown encoding 'klingon'"):
        ReadOptions(encoding="klingon")


# ------------------------------------------------------------------------------------ HTML


def test_html_goes_to_the_structure_stage_as_html() -> None:
    raw = article(INGEST / "page.html")
    assert raw.text is None
    assert raw.html is not None and "<article>" in raw.html
    assert "“It is good to have it back,” said a café owner" in raw.html


def test_html_keeps_the_canonical_url() -> None:
    raw = article(INGEST / "page.html")
    assert raw.url == "https://news.example.org/2023/bridge-reopens?id=1&src=rss"


def test_html_falls_back_to_the_og_url(tmp_path: Path) -> None:
    path = tmp_path / "og.htm"
    path.write_text(
        "<html><head><meta content='https://x.example/story' property='og:url'></head>"
        "<body><p>Text.</p></body></html>",
        "utf-8",
    )
    assert article(path).url == "https://x.example/story"


def test_html_is_decoded_by_its_meta_charset() -> None:
    raw = article(INGEST / "cp1252.html")
    assert raw.html is not None
    assert "Le président a déclaré que la réforme était «\xa0nécessaire\xa0»" in raw.html
    assert raw.warnings == ()


def test_an_xml_declaration_gives_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "page.xhtml"
    path.write_bytes(
        b'<?xml version="1.0" encoding="iso-8859-15"?>\n<html><body><p>Prix: 5 \xa4</p>'
        b"</body></html>"
    )
    raw = article(path)
    assert raw.html is not None and "Prix: 5 €" in raw.html


def test_html_with_a_wrong_meta_charset_is_detected_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "wrong.html"
    path.write_bytes(
        b'<html><head><meta charset="us-ascii"></head><body><p>\xe2\x80\x9cYes,\xe2'
        b"\x80\x9d the mayor said.</p></body></html>"
    )
    raw = article(path)
    assert raw.html is not None and "“Yes,” the mayor said." in raw.html
    assert any("does not fit" in w for w in raw.warnings)


# ----------------------------------------------------------------------------- bad files


def test_a_missing_path_fails_with_its_name() -> None:
    item = failure("no/such/article.txt")
    assert item.code == "E011"
    assert item.message == "no/such/article.txt: cannot read: No such file or directory"


def test_an_empty_file_fails() -> None:
    item = failure(INGEST / "empty.txt")
    assert item.code == "E012"
    assert item.message.endswith("empty.txt: file is empty")


def test_a_file_of_blanks_fails_as_empty() -> None:
    assert failure(INGEST / "blank.txt").code == "E012"


def test_a_png_fails_as_binary_and_says_what_it_is() -> None:
    item = failure(INGEST / "image.png")
    assert item.code == "E013"
    assert "image.png" in item.message and "PNG image" in item.message


def test_random_bytes_fail_as_binary_whatever_the_extension(tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(5000)
    for name in ("noise.txt", "noise.html", "noise.bin", "noise.jsonl", "noise.csv"):
        (tmp_path / name).write_bytes(noise)
        item = failure(tmp_path / name)
        assert item.code == "E013", name
        assert name in item.message


def test_a_50_mb_file_is_refused_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no time spent writing it either

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    item = failure(path)
    assert item.code == "E014"
    assert "huge.txt: file is 50.0 MB, over the 20.0 MB limit" in item.message


def test_the_size_limit_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("x" * 2000, "utf-8")
    assert failure(path, ReadOptions(max_bytes=1000)).code == "E014"
    assert isinstance(one(path, ReadOptions(max_bytes=5000)), RawArticle)


class Endless(io.RawIOBase):
    """A stream that never ends: ``line`` again and again; counts what was read."""

    def __init__(self, line: bytes = b"a") -> None:
        self.line = line
        self.read_bytes = 0
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = len(buffer)
        while len(self.pending) < n:
            self.pending += self.line * 1000
        buffer[:n], self.pending = self.pending[:n], self.pending[n:]
        self.read_bytes += n
        return n


def test_oversized_stdin_is_refused_after_reading_only_past_the_limit() -> None:
    endless = Endless()
    items = list(read_inputs(["-"], ReadOptions(max_bytes=100_000), stdin=endless))  # type: ignore[arg-type]
    assert [i.code for i in items if isinstance(i, Failure)] == ["E014"]
    assert endless.read_bytes <= 200_000


def test_a_directory_without_matching_files_fails(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an article", "utf-8")
    item = failure(tmp_path)
    assert item.code == "E019"
    assert str(tmp_path) in item.message and ".txt" in item.message


def test_one_bad_file_does_not_stop_the_others() -> None:
    items = read(INGEST / "empty.txt", INGEST / "article.txt", "missing.txt", INGEST / "page.html")
    assert [type(i).__name__ for i in items] == ["Failure", "RawArticle", "Failure", "RawArticle"]


# ----------------------------------------------------------------------------------- JSONL


def test_jsonl_records_keep_their_line_and_id() -> None:
    items = read(INGEST / "records.jsonl")
    lines = [(type(i).__name__, i.origin.line) for i in items]
    assert lines == [
        ("RawArticle", 1),
        ("Failure", 2),
        ("RawArticle", 3),
        ("Failure", 5),
        ("Failure", 6),
        ("RawArticle", 7),
    ]
    first = items[0]
    assert isinstance(first, RawArticle)
    assert first.origin.record == "a1"
    assert first.title == "Storm closes ports"
    assert first.url == "https://example.com/a1"
    assert first.published == "2023-03-10"
    assert first.text == "Ports along the coast closed on Friday as a storm approached."


def test_a_jsonl_line_that_is_not_json_is_one_failure() -> None:
    bad = read(INGEST / "records.jsonl")[1]
    assert isinstance(bad, Failure)
    assert bad.code == "E016"
    assert bad.message.endswith("records.jsonl, line 2: not JSON (Expecting value at column 1)")


def test_a_jsonl_value_that_is_not_an_object_fails() -> None:
    bad = read(INGEST / "records.jsonl")[3]
    assert isinstance(bad, Failure)
    assert bad.code == "E016" and "a JSON list" in bad.message


def test_a_record_without_text_names_the_fields_it_has() -> None:
    bad = read(INGEST / "records.jsonl")[4]
    assert isinstance(bad, Failure)
    assert bad.code == "E015"
    assert "'text'" in bad.message and "'headline'" in bad.message
    assert bad.origin.record == "a3"


def test_a_record_with_html_and_no_text_gives_html() -> None:
    raw = read(INGEST / "records.jsonl")[2]
    assert isinstance(raw, RawArticle)
    assert raw.text is None
    assert raw.html is not None and "Rail strike called off" in raw.html


def test_a_listed_body_is_joined_into_paragraphs_and_ids_become_strings() -> None:
    raw = read(INGEST / "records.jsonl")[5]
    assert isinstance(raw, RawArticle)
    assert raw.text == "First paragraph of a listed body.\n\nSecond paragraph."
    assert raw.origin.record == "4"


def test_jsonl_field_names_are_settings_and_may_be_dotted(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    record = {"body": "Body text.", "meta": {"link": "https://e.example/1", "day": "2021-02-03"}}
    path.write_text(json.dumps(record) + "\n", "utf-8")
    options = ReadOptions(text_field="body", url_field="meta.link", date_field="meta.day")
    raw = article(path, options)
    assert (raw.text, raw.url, raw.published) == (
        "Body text.",
        "https://e.example/1",
        "2021-02-03",
    )


def test_a_jsonl_line_with_bad_bytes_or_lone_surrogates_is_kept_with_warnings(
    tmp_path: Path,
) -> None:
    path = tmp_path / "dirty.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"text": "Bad \xff byte."}\n{"text": "Lone \\ud800 surrogate."}\n'
    )
    first, second = read(path)
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert first.text == "Bad \ufffd byte." and "line 1 is not valid UTF-8" in first.warnings[0]
    assert second.text is not None
    second.text.encode("utf-8")  # printable: no surrogate is left
    assert "surrogate" in second.warnings[0]


def test_a_jsonl_line_over_the_limit_is_skipped_and_the_next_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"text": "x" * 300_000})
    path.write_text(long_line + "\n" + json.dumps({"text": "short"}) + "\n", "utf-8")
    items = read(path, options=ReadOptions(max_bytes=100_000))
    assert isinstance(items[0], Failure) and items[0].code == "E014"
    assert items[0].origin.line == 1
    assert isinstance(items[1], RawArticle) and items[1].text == "short"
    assert items[1].origin.line == 2


def test_a_jsonl_file_of_blank_lines_has_nothing_to_read(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n  \n", "utf-8")
    assert failure(path).code == "E019"


def test_jsonl_is_streamed_not_loaded() -> None:
    endless = Endless(json.dumps({"id": 1, "text": "Body."}).encode() + b"\n")
    items = read_inputs(["-"], stdin=io.BufferedReader(endless))
    firsts = [next(items) for _ in range(1000)]
    assert all(isinstance(i, RawArticle) for i in firsts)
    assert firsts[-1].origin.line == 1000
    assert endless.read_bytes < 1_000_000


# ------------------------------------------------------------------------------------- CSV


def test_csv_rows_use_the_named_columns_and_keep_their_first_line() -> None:
    items = read(INGEST / "records.csv", options=ReadOptions(text_field="body"))
    assert [(type(i).__name__, i.origin.line, i.origin.record) for i in items] == [
        ("RawArticle", 2, "r1"),
        ("Failure", 5, "r2"),  # row 1's body spans lines 2-4
        ("RawArticle", 6, "r3"),
    ]
    first = items[0]
    assert isinstance(first, RawArticle)
    assert (
        first.text == "The new dam opened on Sunday, officials said.\n\nIt took six years to build."
    )
    assert (first.title, first.published) == ("Dam opens", "2024-05-05")
    assert isinstance(items[1], Failure) and items[1].code == "E015"


def test_a_csv_without_the_named_column_lists_its_columns() -> None:
    item = failure(INGEST / "records.csv")
    assert item.code == "E017"
    assert "records.csv: no column 'text'" in item.message
    assert "'id', 'title', 'body', 'published'" in item.message


def test_csv_delimiters_are_recognised(tmp_path: Path) -> None:
    assert article(INGEST / "semicolon.csv").text == "Ferry service resumes between the islands."
    path = tmp_path / "dump.tsv"
    path.write_text("title\ttext\nT\tTabbed, with commas, body.\n", "utf-8")
    raw = article(path)
    assert (raw.title, raw.text) == ("T", "Tabbed, with commas, body.")


def test_csv_fields_may_be_longer_than_the_csv_module_default(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    body = "word " * 100_000  # 500 kB, over csv's 128 kB default field limit
    path.write_text(f'id,text\n1,"{body}"\n', "utf-8")
    assert article(path).text == body


def test_a_csv_field_over_the_size_limit_fails_that_row_only(tmp_path: Path) -> None:
    path = tmp_path / "huge-cell.csv"
    path.write_text(f'id,text\n1,"{"y" * 5000}"\n2,Short row.\n', "utf-8")
    big, small = read(path, options=ReadOptions(max_bytes=1000))
    assert isinstance(big, Failure) and big.code == "E014" and big.origin.line == 2
    assert isinstance(small, RawArticle) and small.text == "Short row."


def test_a_csv_in_a_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes("text\nLe café de la gare a fermé.\n".encode("cp1252"))
    raw = article(path)
    assert raw.text == "Le café de la gare a fermé."
    assert any("cp1252" in w for w in raw.warnings)


def test_a_csv_html_column_gives_html(tmp_path: Path) -> None:
    path = tmp_path / "pages.csv"
    path.write_text('url,html\nhttps://e.example/p,"<p>Hello.</p>"\n', "utf-8")
    raw = article(path)
    assert (raw.html, raw.url, raw.text) == ("<p>Hello.</p>", "https://e.example/p", None)


def test_a_csv_with_only_a_header_has_nothing_to_read(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("id,text\n", "utf-8")
    assert failure(path).code == "E019"


def test_csv_is_streamed_not_loaded() -> None:
    endless = Endless(b'7,"A row, with a comma."\n')
    joined = io.BufferedReader(_Chain(b"id,text\n", endless))  # a header, then endless rows
    items = read_inputs(["-"], stdin=joined)
    firsts = [next(items) for _ in range(1000)]
    assert texts(firsts) == ["A row, with a comma."] * 1000
    assert endless.read_bytes < 1_000_000


class _Chain(io.RawIOBase):
    def __init__(self, first: bytes, rest: io.RawIOBase) -> None:
        self.first, self.rest = io.BytesIO(first), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.first.read(len(buffer))
        if data:
            buffer[: len(data)] = data
            return len(data)
        return self.rest.readinto(buffer) or 0


# ----------------------------------------------------------------------------- directories


def test_directories_are_walked_recursively_in_sorted_order() -> None:
    items = read(INGEST / "tree")
    names = [Path(i.origin.path or "").relative_to(INGEST / "tree").as_posix() for i in items]
    # files of a directory before its subdirectories; .md and hidden directories skipped
    assert names == ["b-first.txt", "sub/a-page.html", "sub/z.jsonl"]
    assert all(isinstance(i, RawArticle) for i in items)


def test_the_extensions_a_directory_walk_takes_are_a_setting() -> None:
    items = read(INGEST / "tree", options=ReadOptions(extensions=("MD",)))
    assert [Path(i.origin.path or "").name for i in items] == ["readme.md"]


# ------------------------------------------------------------------------------------ WARC


def warc_record(uri: str, kind: str, block: bytes, number: int) -> bytes:
    """One WARC/1.0 record, written out by hand."""
    msgtype = "request" if kind == "request" else "response"
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-01-02T03:04:05Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        f"Content-Type: application/http; msgtype={msgtype}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def http_response(
    body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8"
) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


PAGE_URLS = ["https://e.example/one", "https://e.example/two", "https://e.example/fr"]


def make_warc(path: Path, *, gz: bool) -> None:
    """A WARC holding two HTML pages, a 404, an image, a request and a cp1252 page."""
    one = http_response(b"<html><body><p>First page.</p></body></html>")
    two = http_response(b"<html><body><p>Second page.</p></body></html>")
    french = http_response(
        "<p>Déjà vu</p>".encode("cp1252"), ctype="text/html; charset=windows-1252"
    )
    records = [
        ("https://e.example/one", "response", one),
        ("https://e.example/gone", "response", http_response(b"<p>Gone</p>", "404 Not Found")),
        ("https://e.example/pic.png", "response", http_response(b"\x89PNG", ctype="image/png")),
        ("https://e.example/two", "request", b"GET /two HTTP/1.1\r\nHost: e.example\r\n\r\n"),
        ("https://e.example/two", "response", two),
        ("https://e.example/fr", "response", french),
    ]
    parts = [warc_record(uri, kind, block, n) for n, (uri, kind, block) in enumerate(records)]
    path.write_bytes(b"".join(gzip.compress(p) for p in parts) if gz else b"".join(parts))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    make_warc(path, gz=name.endswith(".gz"))
    items = read(path)
    assert all(isinstance(i, RawArticle) for i in items)
    assert urls(items) == PAGE_URLS
    first, second, third = items
    assert isinstance(first, RawArticle) and isinstance(third, RawArticle)
    assert first.html == "<html><body><p>First page.</p></body></html>"
    assert first.published is None  # WARC-Date is the crawl date
    assert first.origin.offset == 0
    assert first.origin.record == "<urn:uuid:00000000-0000-0000-0000-000000000000>"
    assert 0 < (second.origin.offset or 0) < (third.origin.offset or 0) < path.stat().st_size
    assert third.html == "<p>Déjà vu</p>"  # decoded by the HTTP charset


@pytest.mark.parametrize("gz", [False, True])
def test_warc_offsets_point_at_their_records(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / "crawl.warc"
    make_warc(path, gz=gz)
    data = path.read_bytes()
    for item in read(path):
        assert item.origin.offset is not None
        start = data[item.origin.offset :]
        assert (gzip.decompress(start) if gz else start).startswith(b"WARC/1.0")


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("into", [0.05, 0.5, 0.98])
def test_a_truncated_warc_yields_the_records_before_the_damage(
    tmp_path: Path, gz: bool, into: float
) -> None:
    whole = tmp_path / "whole.warc"
    make_warc(whole, gz=gz)
    last = read(whole)[-1]
    assert last.origin.offset is not None
    cut = tmp_path / "cut.warc"
    data = whole.read_bytes()
    end = last.origin.offset + int(into * (len(data) - last.origin.offset))
    cut.write_bytes(data[:end])  # the file ends inside the last record
    items = read(cut)
    assert urls(items) == PAGE_URLS[:2]
    damage = items[-1]
    assert isinstance(damage, Failure)
    assert damage.code == "E018"
    assert damage.origin.offset == last.origin.offset
    assert f"cut.warc, offset {last.origin.offset}:" in damage.message


def test_a_wrong_content_length_is_a_warning_on_that_record(tmp_path: Path) -> None:
    path = tmp_path / "off.warc"
    body = http_response(b"<p>First page, longer than its header says.</p>")
    short = warc_record("https://e.example/one", "response", body, 1).replace(
        f"Content-Length: {len(body)}".encode(), f"Content-Length: {len(body) - 6}".encode()
    )
    second = http_response(b"<p>Second page.</p>")
    path.write_bytes(short + warc_record("https://e.example/two", "response", second, 2))
    first, last = read(path)
    assert isinstance(first, RawArticle) and isinstance(last, RawArticle)
    assert any("Content-Length may be wrong" in w for w in first.warnings)
    assert last.html == "<p>Second page.</p>" and last.warnings == ()


def test_a_warc_record_without_its_headers_fails_with_a_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "bare.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nabc")
    item = failure(path)
    assert item.code == "E018" and "bare.warc" in item.message
    assert "NoneType" not in item.message and "attribute" not in item.message


def test_a_file_that_is_not_a_warc_fails(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("This is a plain note, not an archive.\n", "utf-8")
    item = failure(path)
    assert item.code == "E018" and "fake.warc" in item.message


def test_a_warc_without_html_responses_has_nothing_to_read(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    block = http_response(b"\x89PNG", ctype="image/png")
    path.write_bytes(gzip.compress(warc_record("https://e.example/a.png", "response", block, 1)))
    item = failure(path)
    assert item.code == "E019" and "no HTML responses" in item.message


# ----------------------------------------------------------------------------------- stdin


def test_stdin_text_is_sniffed_as_text() -> None:
    (raw,) = from_stdin(b"A plain story from stdin.\n")
    assert isinstance(raw, RawArticle)
    assert (raw.text, raw.origin.path) == ("A plain story from stdin.\n", "-")


def test_stdin_html_is_sniffed_as_html() -> None:
    (raw,) = from_stdin((INGEST / "page.html").read_bytes())
    assert isinstance(raw, RawArticle) and raw.html is not None and raw.text is None


def test_stdin_jsonl_is_sniffed_and_read_per_line() -> None:
    items = from_stdin((INGEST / "records.jsonl").read_bytes())
    assert len(items) == 6
    assert items[0].origin == Origin(path="-", line=1, record="a1")


def test_stdin_csv_is_sniffed_by_its_header() -> None:
    items = from_stdin((INGEST / "semicolon.csv").read_bytes())
    assert texts(items) == ["Ferry service resumes between the islands."]


def test_stdin_warc_gz_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    make_warc(path, gz=True)
    assert urls(from_stdin(path.read_bytes())) == PAGE_URLS


def test_empty_and_binary_stdin_fail_naming_stdin() -> None:
    (empty,) = from_stdin(b"")
    (binary,) = from_stdin((INGEST / "image.png").read_bytes())
    assert isinstance(empty, Failure) and empty.message == "-: stdin is empty"
    assert isinstance(binary, Failure) and binary.code == "E013"


def test_gzip_compressed_inputs_are_read(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl.gz"
    path.write_bytes(gzip.compress((INGEST / "records.jsonl").read_bytes()))
    assert len(read(path)) == 6
    (raw,) = from_stdin(gzip.compress(b"Compressed text."))
    assert isinstance(raw, RawArticle) and raw.text == "Compressed text."
    (png,) = from_stdin(gzip.compress((INGEST / "image.png").read_bytes()))
    assert isinstance(png, Failure) and "PNG image" in png.message


def test_damaged_gzip_is_one_failure_after_what_could_be_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    lines = b"".join(json.dumps({"text": f"Story {i}."}).encode() + b"\n" for i in range(5000))
    path.write_bytes(gzip.compress(lines)[:-200])
    items = read(path)
    assert all(isinstance(i, RawArticle) for i in items[:-1]) and len(items) > 1000
    assert isinstance(items[-1], Failure) and items[-1].code == "E011"
    assert "cut.jsonl.gz: cannot read: damaged gzip data" in items[-1].message


def test_pretty_printed_json_is_one_failure_not_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "pretty.jsonl"
    path.write_text(json.dumps({"text": "A", "title": "B"}, indent=2), "utf-8")
    item = failure(path)
    assert item.code == "E016" and "not JSON Lines" in item.message


def test_a_named_pipe_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # no writer: opening it for reading would wait forever
    item = failure(fifo)
    assert item.code == "E010" and "named pipe" in item.message and "stdin" in item.message


def test_an_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "export.data"
    path.write_bytes((INGEST / "records.jsonl").read_bytes())
    assert len(read(path)) == 6


def test_the_input_kind_can_be_forced(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<p>Markup kept as text.</p>", "utf-8")
    assert article(path).text == "<p>Markup kept as text.</p>"  # .txt is text
    assert article(path, ReadOptions(kind="html")).html == "<p>Markup kept as text.</p>"
