"""Reading inputs: formats, encodings and bad files (each bad file is one clear failure, nothing else lost)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.ingest import expand_inputs, read_inputs, read_path
from kg.model import Document, Failure
from kg.normalise import normalise

DATA = Path(__file__).parent / "data"
SIMPLIFIED = "6月3日,县委书记杜涛来到临港新材料产业园项目现场,察看厂房建设进度。县长韦立陪同。"
TRADITIONAL = "6月3日,縣委書記杜濤來到臨港新材料產業園項目現場,察看廠房建設進度。縣長韋立陪同。"


def read_one(path: Path) -> Document | Failure:
    items = list(read_path(str(path)))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("utf-8", SIMPLIFIED),
        ("utf-8-sig", SIMPLIFIED),
        ("gb18030", SIMPLIFIED),
        ("gbk", SIMPLIFIED),
        ("big5", TRADITIONAL),
        ("utf-16", SIMPLIFIED),  # with BOM
        ("utf-16-le", SIMPLIFIED),  # without BOM
        ("utf-16-be", SIMPLIFIED),
        ("utf-16-le", TRADITIONAL),
    ],
)
def test_encodings(tmp_path, encoding, text):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.raw == text


def test_the_same_article_in_two_encodings_is_one_document(tmp_path):
    (tmp_path / "a.txt").write_bytes(SIMPLIFIED.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(SIMPLIFIED.encode("gbk"))
    assert len([item for item in read_inputs([str(tmp_path)]) if isinstance(item, Document)]) == 1


def test_png_renamed_txt_is_one_clear_failure(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert failure.source == str(path) and failure.stage == "ingest"
    assert "PNG" in failure.error and "\n" not in failure.error


def test_undecodable_bytes_are_one_clear_failure(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 64)
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert "cannot decode" in failure.error


def test_empty_file_is_a_failure(tmp_path):
    for name, content in [("empty.txt", b""), ("blank.txt", b" \n\r\n\t")]:
        path = tmp_path / name
        path.write_bytes(content)
        failure = read_one(path)
        assert isinstance(failure, Failure) and "empty" in failure.error


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_truncated_last_character_is_dropped_and_the_rest_kept(tmp_path, encoding):
    """A download cut inside the last multi-byte character keeps everything before it."""
    path = tmp_path / "cut.txt"
    path.write_bytes(SIMPLIFIED.encode(encoding)[:-1])
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.raw == SIMPLIFIED[:-1]


def test_a_damaged_byte_in_utf8_does_not_lose_the_article(tmp_path):
    data = bytearray((SIMPLIFIED * 20).encode("utf-8"))
    data[30] = 0xFF
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    document = read_one(path)
    assert isinstance(document, Document)
    assert "临港新材料产业园" in normalise(document).text
    assert "\ufffd" not in normalise(document).text


def test_jsonl_broken_line_is_a_failure_and_the_others_are_kept():
    items = list(read_path(str(DATA / "articles.jsonl")))
    documents = [item for item in items if isinstance(item, Document)]
    failures = [item for item in items if isinstance(item, Failure)]
    assert [d.source.rsplit(":", 1)[1] for d in documents] == ["1", "3"]
    assert documents[0].meta == {
        "url": "https://example.cn/a/1.html", "title": "韩冰调研锂电池材料项目", "date": "2024-04-10",
        "source": "示例日报",
    }
    assert "\u2028" in documents[1].raw  # a line separator inside a JSON string does not split the record
    assert sorted(f.source.rsplit(":", 1)[1] for f in failures) == ["2", "4"]
    assert all(f.stage == "ingest" and f.source.startswith(str(DATA)) for f in failures)


def test_jsonl_date_gives_the_year():
    document = next(item for item in read_path(str(DATA / "articles.jsonl")) if isinstance(item, Document))
    result = normalise(document)
    assert result.date == "2024-04-09"
    assert result.headline == "韩冰调研锂电池材料项目"


def test_html_page_keeps_the_article_and_drops_the_page():
    document = read_one(DATA / "page.html")
    assert isinstance(document, Document)
    assert document.meta["title"] == "县委书记周海波调研重点项目建设"
    for kept in ("临澧经开区新型建材产业园项目", "合口镇农产品冷链物流中心项目", "道水河综合治理工程"):
        assert kept in document.raw
    for dropped in ("广告脚本", "统计代码", "font-family", "招商热线", "政务公开", "相关文章", "一季度经济运行",
                    "版权所有", "分享到"):
        assert dropped not in document.raw
    result = normalise(document)
    assert result.date == "2023-04-17"
    assert "发布时间" not in result.text


def test_html_page_gives_its_canonical_address_and_site_name(tmp_path):
    page = tmp_path / "c3.html"
    body = "".join(f"<p>{sentence}</p>" for sentence in (
        "3月2日，县长孙立来到宾川县桃园村冷库项目现场调研，详细了解项目建设进度和投资情况，要求加快推进项目建设。",
        "孙立强调，要坚持项目为王，抓好要素保障，推动项目早开工、早建成、早投产，为县域经济发展提供有力支撑。"))
    page.write_text(f'<html><head><title>县长调研冷库项目</title><link rel="canonical" href="https://news.example.cn/c/3.html">'
                    f'<meta property="og:site_name" content="宾川融媒"></head><body><article>{body}</article></body></html>',
                    encoding="utf-8")
    result = normalise(read_one(page))
    assert (result.url, result.publisher) == ("https://news.example.cn/c/3.html", "宾川融媒")


def test_html_without_article_text_is_a_failure(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><nav>首页</nav></body></html>")
    failure = read_one(path)
    assert isinstance(failure, Failure) and "HTML" in failure.error


def test_inputs_folders_globs_and_missing(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "5月1日,镇长马平调研。"}\n', encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "INDEX.md").write_text("# the corpus", encoding="utf-8")  # a folder's notes, no article
    paths, failures = expand_inputs([str(tmp_path), str(tmp_path / "*.jsonl"), str(tmp_path / "missing.txt")])
    assert paths == [str(tmp_path / "b.jsonl"), str(tmp_path / "sub" / "a.txt")]
    assert [f.source for f in failures] == [str(tmp_path / "missing.txt")]


def test_a_file_that_disappears_is_a_failure(tmp_path):
    path = tmp_path / "gone.txt"
    path.write_text(SIMPLIFIED, encoding="utf-8")
    paths, _ = expand_inputs([str(tmp_path)])
    path.unlink()
    failure = read_one(Path(paths[0]))
    assert isinstance(failure, Failure) and "cannot read" in failure.error


def test_a_five_megabyte_single_line_file_is_read(tmp_path):
    """Detection looks at a sample, decoding is one pass (normalising it: test_normalise)."""
    line = SIMPLIFIED.replace("。", ",") * (5_000_000 // len(SIMPLIFIED))
    path = tmp_path / "huge.txt"
    path.write_text(line, encoding="gb18030")
    started = time.perf_counter()
    document = read_one(path)
    assert time.perf_counter() - started < 10
    assert document.raw == line
