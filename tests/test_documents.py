"""Loaders: each file type gives the text that citation offsets refer to, or one clear error."""

from __future__ import annotations

import pytest

from assistant.corpus.documents import iter_files, load
from assistant.errors import DocumentError, UnsupportedDocument

from .conftest import ARTICLE
from .pdfs import text_pdf


def test_article_keeps_its_text_and_metadata(tmp_path):
    doc = load(ARTICLE, ARTICLE.parent.parent)
    assert doc.source == "corpus/car-t-glioblastoma.txt"
    assert doc.text == ARTICLE.read_text(encoding="utf-8")
    assert doc.title == "Personalized Immunotherapy: A Breakthrough in Treating Aggressive Brain Cancer"
    assert doc.metadata["author"] == "Kathleen Smith"
    assert doc.kind == "txt"


def test_text_offsets_follow_open_read_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"First line.\r\nSecond line.\r\n")
    assert load(path, tmp_path).text == open(path).read()


def test_markdown_title_is_its_first_line(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes on T-cells\n\nT-cells are white blood cells.\n", encoding="utf-8")
    doc = load(path, tmp_path)
    assert doc.title == "# Notes on T-cells" and doc.kind == "md"


def test_html_text_drops_scripts_and_keeps_title(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>CAR-T page</title><script>alert(1)</script></head>"
        "<body><h1>Heading</h1><p>T-cells attack <b>cancer</b> cells.</p></body></html>",
        encoding="utf-8",
    )
    doc = load(path, tmp_path)
    assert doc.title == "CAR-T page"
    assert "alert" not in doc.text
    assert "T-cells attack" in doc.text and "cancer" in doc.text


def test_a_definition_list_is_read_as_items_each_term_with_its_description(tmp_path):
    path = tmp_path / "handbook.html"
    path.write_text(
        "<html><body><p>These are the varieties we grow most:</p><dl>"
        "<dt>Kettle Red</dt>\n  <dd>A sharp apple with red stripes,\n    grown in both orchards.</dd>"
        "<dt>Old Hobb</dt><dt>Hobb's Pippin</dt><dd>An eating apple. It is never used in our cider.</dd>"
        "<dt>Ashdown Gold</dt></dl><p>Our juice is pressed from them.</p></body></html>",
        encoding="utf-8",
    )
    text = load(path, tmp_path).text
    assert "\n- Kettle Red: A sharp apple with red stripes, grown in both orchards.\n" in text
    assert "\n- Old Hobb / Hobb's Pippin: An eating apple. It is never used in our cider.\n" in text
    assert "\n- Ashdown Gold\n" in text  # a term with no description
    assert text.index("grow most:") < text.index("Kettle Red") < text.index("Our juice")


def test_pdf_text_is_extracted(tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(text_pdf(["CAR-T cells target tumours.", "Second line of the paper."]))
    doc = load(path, tmp_path)
    assert "CAR-T cells target tumours." in doc.text and doc.kind == "pdf"


def test_corrupt_pdf_is_named(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(DocumentError, match="broken.pdf"):
        load(path, tmp_path)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "contains no text"),
        ("blank.md", b"  \n\n ", "contains no text"),
        ("binary.txt", b"\x00\x01\x02\x89PNG", "binary"),
        ("latin1.txt", "Café au lait".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_text_files_get_one_sentence(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        load(path, tmp_path)


def test_unknown_type_is_unsupported(tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK")
    with pytest.raises(UnsupportedDocument, match="unsupported file type .pptx"):
        load(path, tmp_path)


def test_iter_files_skips_sidecars_and_hidden_files(tmp_path):
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("h", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x", encoding="utf-8")
    assert [p.name for p in iter_files([tmp_path])] == ["a.txt"]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(DocumentError, match="does not exist"):
        list(iter_files([tmp_path / "nope"]))
