"""Hostile inputs to the readers (issue 16): a NUL byte fails its record, not the file;
pipes, devices and sockets are refused unopened; directory walks stay in the tree unless
asked; deep HTML is parsed whole; the Python API names a wrong field type."""

from __future__ import annotations

import datetime
import json
import os
import socket
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.io import ReadOptions, read_inputs
from dateline.structure import build_article
from dateline.types import Failure, Origin, RawArticle


def read(*paths: str | Path, options: ReadOptions | None = None) -> list[RawArticle | Failure]:
    return list(read_inputs([str(p) for p in paths], options))


def records(n: int) -> list[bytes]:
    return [json.dumps({"id": str(i), "text": f"Story {i}."}).encode() for i in range(n)]


@pytest.mark.parametrize("where", [0, 5, 11])
def test_a_nul_byte_fails_only_its_jsonl_line(tmp_path: Path, where: int) -> None:
    lines = records(12)
    lines[where] = lines[where][:-2] + b"\x00" + lines[where][-2:]
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = read(path)
    failed = [i for i in items if isinstance(i, Failure)]
    assert len(items) == 12
    assert [(f.code, f.origin.line) for f in failed] == [("E013", where + 1)]


def test_a_jsonl_file_of_binary_lines_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\n".join(b"\x00\x01garbage%d" % i for i in range(40)))
    (item,) = read(path)
    assert isinstance(item, Failure) and item.code == "E013" and item.origin.line is None


def test_a_raw_del_character_in_a_json_string_is_text(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"text": "Story\x7f one."}\n')
    (item,) = read(path)
    assert isinstance(item, RawArticle)


def test_a_nul_byte_fails_only_its_csv_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"id,text\n1,First story.\n2,Second\x00 story.\n3,Third story.\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawArticle", "Failure", "RawArticle"]
    assert isinstance(items[1], Failure) and items[1].code == "E013"


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)
    (item,) = read(fifo)
    assert isinstance(item, Failure) and item.code == "E010" and "named pipe" in item.message


def test_a_device_is_refused() -> None:
    (item,) = read("/dev/null")
    assert isinstance(item, Failure) and item.code == "E010" and "device" in item.message


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        (item,) = read(path)
    assert isinstance(item, Failure) and item.code == "E010" and "socket" in item.message


def test_a_pipe_in_a_directory_does_not_stop_the_walk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First story.", "utf-8")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text("Third story.", "utf-8")
    items = read(tmp_path)
    assert [type(i).__name__ for i in items] == ["RawArticle", "Failure", "RawArticle"]


@pytest.fixture
def tree_with_links(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.txt").write_text("Out of the tree.", "utf-8")
    (outside / "deep" / "more.txt").write_text("Also out of the tree.", "utf-8")
    top = tmp_path / "top"
    top.mkdir()
    (top / "a.txt").write_text("In the tree.", "utf-8")
    (top / "inner.txt").symlink_to(top / "a.txt")
    (top / "out.txt").symlink_to(outside / "secret.txt")
    (top / "dir").symlink_to(outside / "deep")
    (top / "loop").symlink_to(top)
    return top


def test_a_walk_does_not_follow_links_out_of_the_tree(tree_with_links: Path) -> None:
    items = read(tree_with_links)
    texts = [i.text for i in items if isinstance(i, RawArticle)]
    assert texts == ["In the tree.", "In the tree."]  # a.txt and the link inside the tree
    (refused,) = [i for i in items if isinstance(i, Failure)]
    assert refused.code == "E010" and refused.origin.path.endswith("out.txt")
    assert "--follow-links" in refused.message


def test_a_walk_follows_links_when_asked_without_looping(tree_with_links: Path) -> None:
    items = read(tree_with_links, options=ReadOptions(follow_links=True))
    texts = sorted(i.text or "" for i in items if isinstance(i, RawArticle))
    assert texts == ["Also out of the tree.", "In the tree.", "In the tree.", "Out of the tree."]
    assert not [i for i in items if isinstance(i, Failure)]


def deep_page(paragraphs: int, shape: str) -> str:
    body = "".join(
        shape.format(f"Paragraph {i} of the deep page says the talks went on.")
        for i in range(paragraphs)
    )
    return f"<html><head><title>Deep</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("shape", ["<p><font>{}", "<font><p>{}</p>", "<div>{}"])
def test_html_deeper_than_lxml_default_limit_is_parsed_whole(shape: str) -> None:
    article = build_article(RawArticle(origin=Origin(), html=deep_page(300, shape)))
    assert article.text.count("Paragraph ") == 300
    assert not [w for w in article.warnings if "nested" in w]


def test_html_deeper_than_the_huge_limit_warns_what_was_cut() -> None:
    article = build_article(RawArticle(origin=Origin(), html=deep_page(2500, "<div>{}")))
    assert 2000 < article.text.count("Paragraph ") < 2500
    (warning,) = [w for w in article.warnings if "nested too deeply" in w]
    assert "was cut" in warning and "line 1, column" in warning


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("published", 20200101, "published must be a string, not int"),
        ("html", b"<p>A story.</p>", "html must be a string, not bytes"),
        ("text", b"A story.", "text must be a string, not bytes"),
        ("title", 3.5, "title must be a string, not float"),
    ],
)
def test_a_wrong_field_type_is_a_coded_input_error(field: str, value: object, words: str) -> None:
    with pytest.raises(InputError) as caught:
        RawArticle(origin=Origin(), **{field: value})  # type: ignore[arg-type]
    assert caught.value.code == "E010" and words in caught.value.message
    assert caught.value.hint


def test_a_date_object_is_taken_as_the_published_date() -> None:
    raw = RawArticle(origin=Origin(), text="A story.", published=datetime.date(2020, 1, 2))  # type: ignore[arg-type]
    assert raw.published == "2020-01-02"


def test_html_with_a_lone_surrogate_keeps_its_text() -> None:
    sentence = "The minister said the talks in Gen\ud800eva would go on next week. "
    html = f"<html><body><article><p>{sentence * 6}</p></article></body></html>"
    article = build_article(RawArticle(origin=Origin(), html=html))
    assert article.text.count("would go on next week") == 6
    assert any("surrogate" in w for w in article.warnings)
