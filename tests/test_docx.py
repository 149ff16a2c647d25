"""Word files made here with python-docx, and HTML: headings as "#" lines, list items as "- " lines (numbered ones as
"1. "), table rows as
cells joined by " | ", blocks apart by a blank line; title and author from the file's properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.corpus.documents import SUPPORTED_SUFFIXES, load
from assistant.corpus.uploads import UploadRefused, check
from assistant.errors import DocumentError
from assistant.reader.segment import segment

REPORT_TEXT = (
    "# Otter census\n\n"
    "Otters were counted along the river in spring.\n\n"
    "## Where they live\n\n"
    "- Rivers with clean water\n"
    "1. Estuaries and coasts\n\n"
    "The count was repeated in autumn.\n\n"
    "### Counts\n\n"
    "Site | Otters\n"
    "North bank | 12\n"
    "South bank | 7\n\n"
    "Sea otters were not part of the census."
)


def _report(path: Path, title: str | None = "The otter report", author: str | None = "Ada Fielding") -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = title or ""  # python-docx's template names itself as the author otherwise
    document.core_properties.author = author or ""
    document.add_heading("Otter census", 0)  # the "Title" style
    document.add_paragraph("Otters were counted along the river in spring.")
    document.add_heading("Where they live", 2)
    document.add_paragraph("Rivers with clean water", style="List Bullet")
    document.add_paragraph("Estuaries and coasts", style="List Number")
    document.add_paragraph("")  # empty paragraphs leave nothing behind
    document.add_paragraph("The count was repeated in autumn.")
    document.add_heading("Counts", 3)
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("Site", "Otters"), ("North bank", "12"), ("South bank", "7")]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    document.add_paragraph("Sea otters were not part of the census.")
    document.save(path)
    return path


def test_word_file_keeps_headings_lists_and_tables(tmp_path):
    doc = load(_report(tmp_path / "otters.docx"), tmp_path)
    assert doc.text == REPORT_TEXT
    assert doc.title == "The otter report" and doc.metadata["author"] == "Ada Fielding" and doc.kind == "docx"


def test_the_title_stands_over_heading_1_sections(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Pupil handbook", 0)  # the "Title" style
    document.add_heading("About the school", 1)
    document.add_paragraph("The school was founded in 2004.")
    document.add_heading("Our instructors", 2)
    document.add_paragraph("Six instructors teach here.")
    path = tmp_path / "handbook.docx"
    document.save(path)
    text = load(path, tmp_path).text
    assert text.startswith("# Pupil handbook\n\n## About the school\n\n")
    assert "### Our instructors" in text
    # So each sentence's section path starts at the title, as in a Markdown file.
    assert {s.section for s in segment(text) if s.kind != "heading"} == {
        "Pupil handbook > About the school", "Pupil handbook > About the school > Our instructors",
    }


def test_numbered_list_items_carry_the_numbers_word_shows(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Opening the bakehouse:")
    for step in ("Disarm the alarm.", "Check the deck oven.", "Wash your hands."):
        document.add_paragraph(step, style="List Number")
    document.add_paragraph("Before leaving, check that:")
    document.add_paragraph("the yard door is locked", style="List Bullet")
    path = tmp_path / "steps.docx"
    document.save(path)
    text = load(path, tmp_path).text
    assert "1. Disarm the alarm.\n2. Check the deck oven.\n3. Wash your hands." in text
    assert "- the yard door is locked" in text


def test_sidecar_wins_over_the_properties_and_the_first_line_is_the_last_resort(tmp_path):
    path = _report(tmp_path / "otters.docx")
    path.with_name("otters.docx.meta.json").write_text(json.dumps({"title": "Census 2024", "author": "K. Smith"}))
    doc = load(path, tmp_path)
    assert doc.title == "Census 2024" and doc.metadata["author"] == "K. Smith"
    bare = load(_report(tmp_path / "bare.docx", title=None, author=None), tmp_path)
    assert bare.title == "Otter census" and "author" not in bare.metadata


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04 truncated zip", b"PK\x05\x06" + b"\x00" * 18])
def test_corrupt_word_file_is_one_sentence(tmp_path, content):
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        load(path, tmp_path)
    message = str(caught.value)
    assert message.startswith("broken.docx: is not a readable Word file") and message.endswith(".") and "\n" not in message


def test_word_files_can_be_uploaded_and_the_refusal_lists_every_type(tmp_path):
    assert ".docx" in SUPPORTED_SUFFIXES
    path = _report(tmp_path / "otters.docx")
    assert check("Otters.docx", path, 10**7) == "Otters.docx"
    with pytest.raises(UploadRefused) as caught:
        check("slides.pptx", path, 10**7)
    assert all(suffix in str(caught.value) for suffix in SUPPORTED_SUFFIXES)


def test_a_word_file_is_ingested_and_cited(fake_assistant):
    _report(fake_assistant.settings.corpus_path / "otters.docx")
    assert "corpus/otters.docx" in fake_assistant.ingest().added
    answer = fake_assistant.ask("When was the otter count repeated?")
    cited = [c for c in answer.citations if c.source == "corpus/otters.docx"]
    assert not answer.refused and any("in autumn" in c.quote for c in cited), answer.answer  # "in autumn" answers when
    text = fake_assistant.store.document_text("corpus/otters.docx")
    assert text == REPORT_TEXT and all(text[c.start : c.end] == c.quote for c in cited)


def test_html_keeps_headings_lists_and_tables(tmp_path):
    path = tmp_path / "otters.html"
    path.write_text(
        "<html><head><title>Otters</title></head><body><h1>Otter <i>census</i></h1><p>Otters were counted.</p>"
        "<h3>Where</h3><ul><li>Rivers with <b>clean</b> water</li><li>Coasts<ul><li>Estuaries</li></ul></li></ul>"
        "<table><thead><tr><th>Site</th><th>Otters</th></tr></thead><tbody><tr><td>North</td><td><p>12</p></td></tr>"
        "</tbody></table><!-- a comment --><p>Sea otters were not counted.</p></body></html>",
        encoding="utf-8",
    )
    doc = load(path, tmp_path)
    assert doc.text == (
        "# Otter census\n\nOtters were counted.\n\n### Where\n\n- Rivers with clean water\n- Coasts\n- Estuaries\n\n"
        "Site | Otters\nNorth | 12\n\nSea otters were not counted."
    )
    assert doc.title == "Otters"


def test_html_paragraphs_are_laid_out_as_a_browser_does(tmp_path):
    """Source line breaks and inline tags inside a paragraph do not break it; <pre> keeps its lines, between code
    fences, so that they are read as code."""
    path = tmp_path / "guide.html"
    path.write_text(
        "<body><p>\nThe line runs for 9.5 miles from\nPellingford to <a href='#'>Ashcombe\nMoor</a>, and <em>most</em> of it\n"
        "is single track.\n</p><div>A loose <b>note</b>.<p>Inside.</p>After it.</div><pre>step 1\n  step 2</pre></body>",
        encoding="utf-8",
    )
    assert load(path, tmp_path).text == (
        "The line runs for 9.5 miles from Pellingford to Ashcombe Moor, and most of it is single track.\n\n"
        "A loose note.\n\nInside.\n\nAfter it.\n\n```\nstep 1\n  step 2\n```"
    )


def test_html_without_a_title_is_named_by_its_first_heading(tmp_path):
    path = tmp_path / "untitled.html"
    path.write_text("<h2>Field notes</h2><p>Otters again.</p>", encoding="utf-8")
    assert load(path, tmp_path).title == "Field notes"


def test_inline_html_code_is_kept_in_backticks_so_its_punctuation_ends_no_sentence(tmp_path):
    path = tmp_path / "crate.html"
    path.write_text("<p>Use <code>//!</code> at the top of the crate. Then run <code>cargo doc</code>.</p>", encoding="utf-8")
    text = load(path, tmp_path).text
    assert text == "Use `//!` at the top of the crate. Then run `cargo doc`."
    assert [s.text for s in segment(text)] == ["Use `//!` at the top of the crate.", "Then run `cargo doc`."]


def test_code_inside_an_html_list_item_comes_after_the_item_s_words_as_code(tmp_path):
    path = tmp_path / "levels.html"
    path.write_text(
        "<ul><li><code>--force-warn</code> forces a lint to warn.<pre>rustc --force-warn x lib.rs</pre></li>"
        "<li>Second item.</li></ul>",
        encoding="utf-8",
    )
    text = load(path, tmp_path).text
    assert text == "- `--force-warn` forces a lint to warn.\n\n```\nrustc --force-warn x lib.rs\n```\n\n- Second item."
    assert [s.kind for s in segment(text)] == ["item", "code", "item"]


def test_a_page_s_chrome_is_not_its_text(tmp_path):
    """Navigation, menus, buttons, search boxes, pop-ups and hidden parts are left out; the article stays."""
    path = tmp_path / "book.html"
    path.write_text(
        "<body><div id='book-help-popup'><h2>Keyboard shortcuts</h2><p>Press S to search.</p></div>"
        "<nav aria-label='Table of contents'><ol><li>Intro</li><li>Options</li></ol></nav>"
        "<ul class='theme-list' role='menu'><li><button>Light</button></li><li><button>Dark</button></li></ul>"
        "<div role='search'><input placeholder='Search'></div><p hidden>Loading...</p><div aria-hidden='true'>x</div>"
        "<main><h1>Options</h1><p>All options are passed with <code>-C</code>.</p>"
        "<div role='tabpanel'><p>The tab's own text stays.</p></div></main></body>",
        encoding="utf-8",
    )
    assert load(path, tmp_path).text == "# Options\n\nAll options are passed with `-C`.\n\nThe tab's own text stays."
