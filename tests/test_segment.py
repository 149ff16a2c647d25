"""Sentences as a reader sees them, on texts of several shapes: offsets are always the document's own."""

from __future__ import annotations

import pytest

from assistant.reader.segment import blocks, heading_pairs, reading_form, section_at, segment, sentences_in

NEWS = """Big News Today

Researchers at a university have found a new way to recycle plastic. The method, described on
Monday, uses enzymes. It breaks bottles down in hours.

About the Author

Jane Doe writes about science.
"""

ABSTRACT = (
    "Little is known about the effect of X on Y. We aimed to determine whether X lowers Y.\n\n"
    "A randomised trial of 120 adults (e.g. aged 30-60 y.) was run in the U.S. over 2 yr.\n\n"
    "X lowered Y by 12% compared with placebo (p < 0.01). No serious adverse events occurred."
)

MARKDOWN = """# Lighthouses of the Coast

Lighthouses guided ships for centuries, and the first stone tower on the reef was finished in
1759 after three earlier towers had failed, which is why engineers studied it for a hundred
years.

## Lenses

A Fresnel lens bends light with rings of glass prisms. It was invented in 1822 by Augustin
Fresnel.

- First-order lenses stood over two metres tall and weighed
  several tonnes.
- Sixth-order lenses were the smallest.

| Order | Height |
|-------|--------|
| First | 2.6 m |

Keepers trimmed the wicks every night; the work was long and hard-
ly ever ended before dawn.
"""

PDF_TEXT = "Annual report\n\nRevenue grew by ten per-\ncent in the third quarter. Costs fell.\fThe second page says\nmore about costs. It ends here."


def _verbatim(text: str) -> None:
    for s in segment(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()


@pytest.mark.parametrize("text", [NEWS, ABSTRACT, MARKDOWN, PDF_TEXT])
def test_every_sentence_is_a_verbatim_slice_of_the_document(text):
    _verbatim(text)


def test_hard_wrapped_prose_splits_at_sentence_ends_not_at_line_ends():
    sentences = [s for s in segment(MARKDOWN) if s.kind == "prose"]
    first = sentences[0]
    assert first.text.startswith("Lighthouses guided ships") and first.text.endswith("for a hundred\nyears.")
    assert "\n" not in first.reading and "1759 after three earlier towers" in first.reading
    assert any(s.reading == "It was invented in 1822 by Augustin Fresnel." for s in sentences)


def test_headings_are_never_statements_and_every_sentence_knows_its_section():
    by_text = {s.reading: s for s in segment(MARKDOWN)}
    assert by_text["Lenses"].kind == "heading"
    lens = next(s for s in segment(MARKDOWN) if s.reading.startswith("A Fresnel lens"))
    assert lens.section == "Lighthouses of the Coast > Lenses"
    news = segment(NEWS)
    assert [s.reading for s in news if s.kind == "heading"] == ["Big News Today", "About the Author"]
    assert next(s for s in news if s.reading.startswith("Jane Doe")).section == "Big News Today > About the Author"
    assert section_at(MARKDOWN, MARKDOWN.index("Sixth-order")) == "Lighthouses of the Coast > Lenses"


def test_list_items_and_table_rows_are_units_without_their_markup():
    units = segment(MARKDOWN)
    items = [s for s in units if s.kind == "item"]
    assert items[0].text == "First-order lenses stood over two metres tall and weighed\n  several tonnes."
    assert items[0].reading == "First-order lenses stood over two metres tall and weighed several tonnes."
    rows = [s.text for s in units if s.kind == "row"]
    assert rows == ["Order | Height", "First | 2.6 m"]


def test_lines_that_each_open_with_a_label_are_records_of_their_own():
    text = (
        "Walking times are for an average adult.\n\n"
        "Route: Valley Path (easy); distance 6.5 km; ascent 520 m; time 2 h 15 min\n"
        "Route: Kar Path (moderate); distance 5.8 km; ascent 745 m; time 3 h\n\n"
        "Note: the paths are\nwaymarked in red.\n"
    )
    units = [s for s in segment(text) if s.kind != "heading"]
    assert [s.kind for s in units] == ["prose", "item", "item", "prose"]
    assert units[1].text == "Route: Valley Path (easy); distance 6.5 km; ascent 520 m; time 2 h 15 min"
    assert units[3].text == "Note: the paths are\nwaymarked in red."  # wrapped prose: one line opens with a label


def test_a_word_split_at_a_line_end_is_one_word_for_the_reader():
    pdf = segment(PDF_TEXT)
    revenue = next(s for s in pdf if s.reading.startswith("Revenue"))
    assert revenue.text == "Revenue grew by ten per-\ncent in the third quarter."
    assert revenue.reading == "Revenue grew by ten percent in the third quarter."
    assert reading_form("hard-\nly ever") == "hardly ever"
    assert reading_form("T-\nCells") == "T-\nCells".replace("\n", " ")  # a capital after the break: a real hyphen


def test_abbreviations_and_numbers_do_not_end_sentences():
    readings = [s.reading for s in segment(ABSTRACT)]
    assert "A randomised trial of 120 adults (e.g. aged 30-60 y.) was run in the U.S. over 2 yr." in readings
    assert "X lowered Y by 12% compared with placebo (p < 0.01)." in readings


def test_pages_are_blocks_of_their_own():
    pdf = segment(PDF_TEXT)
    assert any(s.reading == "Costs fell." for s in pdf)
    second = next(s for s in pdf if s.reading.startswith("The second page"))
    assert PDF_TEXT.count("\f", 0, second.start) == 1


def test_a_chunk_boundary_inside_a_sentence_widens_to_the_whole_sentence():
    cut = MARKDOWN.index("three earlier towers")
    found = sentences_in(MARKDOWN, cut, cut + 10)
    assert len(found) == 1 and found[0].text.startswith("Lighthouses guided") and found[0].text.endswith("years.")


def test_blocks_of_a_plain_text_without_markup():
    kinds = [b.kind for b in blocks(NEWS)]
    assert kinds == ["heading", "prose", "heading", "prose"]


def test_a_title_over_two_lines_in_capitals_is_a_heading_not_a_sentence():
    text = "WRENFORD CANAL TRUST\nAnnual Report for the Year 2025\n\nThe year was dry. Boats waited.\n"
    sentences = segment(text)
    assert sentences[0].kind == "heading" and [s.text for s in sentences[1:]] == ["The year was dry.", "Boats waited."]
    # Hard-wrapped prose whose lines lack closing punctuation is still prose.
    prose = "The canal runs for 31 miles from\nWrenford Basin to the river\n\nMore text follows here.\n"
    assert segment(prose)[0].kind == "prose"


REPORT = """1. Boat Traffic

Lock passages are counted at the top lock.

Lock passages at Top Lock (Lock 21)

Month            2025      2024
January           118       131
February          142       127
September          46     1,021

2. Water Supply

The reservoirs were full in April.
"""


def test_a_plain_text_table_aligned_with_spaces_is_read_row_by_row_under_its_header():
    sentences = segment(REPORT)
    rows = [s for s in sentences if s.kind == "row"]
    assert [r.reading for r in rows] == ["Month 2025 2024", "January 118 131", "February 142 127", "September 46 1,021"]
    assert all(REPORT[r.start : r.end] == r.text for r in rows)
    assert rows[0].header is None
    assert {(r.header, r.header_start) for r in rows[1:]} == {("Month 2025 2024", rows[0].start)}
    # The caption ends in a bracket, not a stop: it is the heading the table stands under.
    assert rows[-1].section.endswith("Lock passages at Top Lock (Lock 21)")


def test_numbered_section_headings_are_headings_and_numbered_lists_stay_lists():
    headings = [s.reading for s in segment(REPORT) if s.kind == "heading"]
    assert headings[0] == "Boat Traffic" and "Water Supply" in headings
    steps = "Fit the wheel:\n\n1. Open the brake\n2. Drop the wheel in\n3. Close the lever\n\nThen ride.\n"
    assert [s.kind for s in segment(steps)] == ["prose", "item", "item", "item", "prose"]


def test_wrapped_prose_with_two_spaces_after_a_stop_is_not_a_table():
    text = "The lock was drained in January.  The gates were replaced\nby new ones of oak.  Work ended in March\nand the lock reopened to boats on time.\n"
    assert {s.kind for s in segment(text)} == {"prose"}


def test_a_timeline_whose_last_column_is_prose_is_still_a_table():
    text = (
        "All times are in UTC.\n\n"
        "Time    Event\n"
        "08:41   Cache client library upgrade deployed to all 48 servers\n"
        "10:03   Seat cache hit rate falls to 4%; booking errors pass 20%\n"
        "10:14   The on-call engineer declares a major incident\n\n"
        "The first hours were spent on the database.\n"
    )
    rows = [s for s in segment(text) if s.kind == "row"]
    assert [r.reading for r in rows][1:] == [
        "08:41 Cache client library upgrade deployed to all 48 servers",
        "10:03 Seat cache hit rate falls to 4%; booking errors pass 20%",
        "10:14 The on-call engineer declares a major incident",
    ]
    assert all(r.header == "Time Event" for r in rows[1:])


def test_a_page_break_after_a_finished_sentence_starts_a_block_and_one_inside_a_sentence_does_not():
    text = (
        "Fundraising went well this year. Events raised\f£12,310, of which half came from the fell race.\n\n"
        "The team thanks every donor.\fVehicles and kit\n\nThe team bought a second stretcher in the spring.\n"
    )
    sentences = segment(text)
    across = next(s for s in sentences if s.reading.startswith("Events raised"))
    assert across.text == "Events raised\f£12,310, of which half came from the fell race."
    heading = next(s for s in sentences if s.reading == "Vehicles and kit")
    assert heading.kind == "heading"
    stretcher = next(s for s in sentences if "stretcher" in s.reading)
    assert stretcher.section.endswith("Vehicles and kit")


def test_a_numbered_heading_in_sentence_case_is_a_heading_but_the_last_item_of_a_list_is_not():
    text = (
        "Annual Report 2025\n\nThe year in brief.\n\n2. Call-outs\n\nWe were called out 74 times.\n\n"
        "The priorities are these:\n\n1. Raise the funds for a new vehicle\n\n2. Train two more managers\n\nWe will also run an open day.\n"
    )
    kinds = {s.reading: s.kind for s in segment(text)}
    assert kinds["Call-outs"] == "heading"
    assert kinds["Train two more managers"] == "item" and kinds["Raise the funds for a new vehicle"] == "item"


CODE_README = """# Linting

## Usage

Install the linter with your package manager:

```terminal
# this comment is no heading
pkg install linty
```

To allow one lint, run

~~~
linty --allow name
~~~

Use `#![deny(all)]` in your crate to make every warning an error. Nothing else is needed.
"""


def test_a_fenced_code_block_is_one_block_of_code_not_sentences_or_headings():
    every = segment(CODE_README)
    code = [s for s in every if s.kind == "code"]
    assert [s.text for s in code] == ["# this comment is no heading\npkg install linty", "linty --allow name"]
    assert all(CODE_README[s.start : s.end] == s.text for s in every)
    assert [s.reading for s in every if s.kind == "heading"] == ["Linting", "Usage"]  # not the comment in the code
    assert {s.section for s in code} == {"Linting > Usage"}


def test_a_paragraph_that_leads_in_to_code_is_a_sentence_not_a_heading():
    lead = next(s for s in segment(CODE_README) if s.reading.startswith("To allow"))
    assert lead.kind == "prose" and lead.section == "Linting > Usage"


def test_punctuation_inside_inline_code_ends_no_sentence():
    readings = [s.reading for s in segment(CODE_README) if s.kind == "prose"]
    assert "Use `#![deny(all)]` in your crate to make every warning an error." in readings


def test_a_code_block_left_open_runs_to_the_end_and_a_longer_fence_holds_a_shorter_one():
    text = "Intro.\n\n````\n```\ninner\n```\n````\n\nAfter.\n\n```\nnever closed\n# still code"
    code = [s.text for s in segment(text) if s.kind == "code"]
    assert code == ["```\ninner\n```", "never closed\n# still code"]
    assert [s.reading for s in segment(text) if s.kind == "heading"] == []


def test_a_bullet_alone_on_its_line_starts_the_item_on_the_next_line():
    # PDF text often puts the bullet glyph on a line of its own.
    text = "Rules:\n\n•\nKeep dogs on a lead.\n•\nClose the gates.\n\nThat is all."
    items = [s.reading for s in segment(text) if s.kind == "item"]
    assert items == ["Keep dogs on a lead.", "Close the gates."]
    assert not any(s.kind == "heading" for s in segment(text))


def test_contents_and_index_lines_with_dot_leaders_are_no_sentences():
    text = (
        "Table of Contents\n\n1 Introduction . . . . . . . . . . . 1\n2.1 Naming. . . . . . . . . . . . . 3\n"
        "asn1_create_element. . . . . . . . . . 10\n\nThe library parses definitions at run time."
    )
    readings = [s.reading for s in segment(text) if s.kind != "heading"]
    assert readings == ["The library parses definitions at run time."]


def test_markdown_front_matter_is_not_the_document_s_text():
    text = "---\nlanguage: en\ntags:\n- similarity\n- search\n---\n\n# Model card\n\nThis model maps sentences to vectors.\n"
    every = segment(text)
    assert [s.reading for s in every] == ["Model card", "This model maps sentences to vectors."]
    # A document that opens with a rule and prose keeps its prose.
    assert [s.reading for s in segment("---\nJust a note.\n---\n\nMore.")] == ["Just a note.", "More."]


def test_a_short_numbered_title_with_a_full_stop_is_a_heading_a_numbered_step_is_not():
    text = (
        "TERMS AND CONDITIONS\n\n  8. Termination.\n\n  You may not propagate a covered work except as provided.\n\n"
        "  9. Acceptance Not Required for Having Copies.\n\n  You are not required to accept this License.\n\n"
        "Steps\n\n1. Open the valve.\n\nThen wait for the pressure to settle.\n"
    )
    every = segment(text)
    assert [s.reading for s in every if s.kind == "heading"] == [
        "TERMS AND CONDITIONS", "Termination.", "Acceptance Not Required for Having Copies.", "Steps",
    ]
    propagate = next(s for s in every if s.reading.startswith("You may not"))
    assert propagate.section == "TERMS AND CONDITIONS > Termination."
    assert any(s.kind == "item" and s.reading == "Open the valve." for s in every)


def test_clauses_numbered_in_levels_are_items_and_an_underlined_numbered_line_a_heading():
    # Plain-text licences and contracts: "1.1. "Term"" then its meaning on wrapped lines; "2. Grants" underlined.
    text = (
        "Public Licence\n==============\n\n1. Definitions\n--------------\n\n1.1. \"Contributor\"\n"
        "    means each person who creates the work.\n\n1.2. \"Licence\"\n    means this document.\n"
    )
    every = segment(text)
    assert [s.reading for s in every if s.kind == "heading"] == ["Public Licence", "Definitions"]
    items = [s for s in every if s.kind == "item"]
    assert [s.reading for s in items] == ['"Contributor" means each person who creates the work.', '"Licence" means this document.']
    assert {s.section for s in items} == {"Public Licence > Definitions"}


def test_a_sentence_that_runs_on_past_a_blank_line_is_one_sentence():
    # PDF text often breaks a paragraph with a blank line in mid-sentence.
    text = (
        "NOTE: The docs component is not usually built for tier 2 targets, so the installer may install\n\n"
        "the documentation for a similar tier 1 target instead.\n\nThe next paragraph starts here."
    )
    readings = [s.reading for s in segment(text)]
    assert readings == [
        "NOTE: The docs component is not usually built for tier 2 targets, so the installer may install the documentation "
        "for a similar tier 1 target instead.",
        "The next paragraph starts here.",
    ]
    # Not a short unpunctuated line (a heading), nor into a table row, a web address or a list item.
    assert len(segment("Getting started\n\nthe tool runs on any system.")) == 2
    assert len(segment("You may obtain a copy of the License at\n\n   http://example.org/LICENSE\n\nMore.")) == 3


def test_a_table_keyed_by_identifiers_is_read_row_by_row_and_ends_at_a_page_break():
    text = (
        "target   notes\naarch64-apple-darwin   ARM64 macOS (11.0+, Big Sur+)\n"
        "aarch64-unknown-linux-gnu   ARM64 Linux (kernel 4.1+, glibc 2.17+)\n"
        "x86_64-pc-windows-msvc   64-bit MSVC (Windows 10+, Windows Server 2016+)\ftarget\n\nThe tier 2 list follows."
    )
    every = segment(text)
    rows = [s for s in every if s.kind == "row"]
    assert [s.text for s in rows][1] == "aarch64-apple-darwin   ARM64 macOS (11.0+, Big Sur+)"
    assert len(rows) == 4 and all(s.header == "target notes" for s in rows[1:])


def test_a_title_block_with_its_web_address_is_a_heading():
    text = "                Apache License\n           Version 2.0, January 2004\n        http://www.apache.org/licenses/\n\nTERMS AND CONDITIONS\n\nSome text here."
    assert [s.kind for s in segment(text)][0] == "heading"


def test_an_answer_shows_markdown_links_and_bold_as_their_words():
    from assistant.reader.segment import shown_form

    assert shown_form("This is a [sentence-transformers](https://www.SBERT.net) model.") == "This is a sentence-transformers model."
    assert shown_form("**Eco mode** lowers the curve; see ![the diagram](img/a.png) or <https://example.org>.") == (
        "Eco mode lowers the curve; see the diagram or https://example.org."
    )
    assert shown_form("Call __init__ with 2**10 items [as shown].") == "Call __init__ with 2**10 items [as shown]."


def test_markup_in_a_markdown_file_is_no_text():
    text = (
        '<p align="center"><img src="logo.png" alt="Zstandard"></p>\n\nZstandard is a fast compression algorithm.\n\n'
        "<!-- YAML\nadded: v7.0.0\n-->\n\n[travisLink]: https://travis-ci.com/x \"CI\"\n\n"
        "uid   | name  | description\n------+-------+------------\n64001 | mysql | mysql-server\n"
    )
    every = segment(text)
    assert [s.reading for s in every if s.kind != "row"] == ["Zstandard is a fast compression algorithm."]
    rows = [s for s in every if s.kind == "row"]
    assert [s.reading for s in rows] == ["uid | name | description", "64001 | mysql | mysql-server"]
    assert rows[1].header == "uid | name | description"


def test_a_heading_s_link_is_read_as_its_words_in_the_section_path():
    text = "# Changelog\n\n## [3.4.0](https://example.org/compare/3.3.2...3.4.0) (2024-10-08)\n\n### Added\n\n- Support for Python 3.13.\n"
    item = next(s for s in segment(text) if s.kind == "item")
    assert item.section == "Changelog > 3.4.0 (2024-10-08) > Added"


def test_an_inline_enumeration_stays_in_its_sentence_and_the_sentences_after_it_are_split():
    # From a PubMedQA abstract: the splitter used to end a sentence before "a)" and then run "c) ... shame." together
    # with every sentence after it.
    text = (
        "Three themes were identified: a) Supporting one's wife; b) Marital needs and obligations; c) Constrained by a\n"
        "culture of destiny and shame. The first theme was built on men's feelings of responsibility. The second theme\n"
        "emerged from men's views (in (a) and (b) alike) about rejection.\n"
    )
    found = [s.text for s in segment(text)]
    assert found[0].startswith("Three themes were identified: a)") and found[0].endswith("destiny and shame.")
    assert found[1] == "The first theme was built on men's feelings of responsibility."
    assert found[2].startswith("The second theme") and len(found) == 3


def test_a_title_underlined_with_tildes_is_a_heading_and_a_tilde_fence_still_opens_code():
    text = "How the Charity Began\n~~~~~~~~~~~~~~~~~~~~~\n\nThe bus first ran in 1996. It had twelve seats.\n"
    found = segment(text)
    assert [(s.kind, s.reading) for s in found][:2] == [("heading", "How the Charity Began"), ("prose", "The bus first ran in 1996.")]
    assert found[1].section == "How the Charity Began"
    fenced = segment("Run this:\n\n~~~\nmake run\n~~~\n\nThen open the page.\n")
    assert [s.kind for s in fenced] == ["prose", "code", "prose"]


def test_sections_that_hold_two_sections_of_their_own_are_pairs():
    text = (
        "# Handbook\n\n## Our two locomotives\n\n### No. 4 Lady Ursula\n\nShe was built in 1911.\n\n"
        "### No. 11 Brackenfell\n\nHe was built in 1924.\n\n## Stations\n\n### Carrow\n\nA.\n\n### Westerby\n\nB.\n\n"
        "### Ashby\n\nC.\n\n## Contact\n\nWrite to us.\n"
    )
    # "Stations" holds three: which is "the other" is not clear.
    assert heading_pairs(text) == (("Our two locomotives", "No. 4 Lady Ursula", "No. 11 Brackenfell"),)


def test_two_names_the_paragraphs_under_a_heading_of_two_open_with_are_a_pair():
    text = (
        "# Campsite\n\n## The two camping fields\n\nBeech Field is the upper field. It takes 120 campers.\n\n"
        "Heron Meadow is the lower field. It takes 60 campers.\n\nNo vehicle may drive onto either field.\n\n"
        "## Fees\n\nCamping costs £6 a night.\n\n## Contact\n\nWrite to the warden.\n"
    )
    assert heading_pairs(text) == (("The two camping fields", "Beech Field", "Heron Meadow"),)


def test_plain_text_ranks_its_heading_styles_by_first_use():
    # Capitals first, then underlined: the underlined headings are sections inside the capital ones.
    text = (
        "TOLLGATE MAKERSPACE\n===================\n\nOUR TWO WORKSHOPS\n\nThe makerspace has two workshops.\n\n"
        "The Wood Shop\n-------------\n\nIt is on the ground floor.\n\n"
        "The Metal Shop\n--------------\n\nIt is in Unit 3.\n\nOPENING HOURS\n\nBoth open at 9 am.\n\nCONTACT\n\nWrite to us.\n"
    )
    sections = {s.reading: s.section for s in segment(text)}
    assert sections["It is in Unit 3."] == "TOLLGATE MAKERSPACE > OUR TWO WORKSHOPS > The Metal Shop"
    assert sections["Both open at 9 am."] == "TOLLGATE MAKERSPACE > OPENING HOURS"
    assert heading_pairs(text) == (("OUR TWO WORKSHOPS", "The Wood Shop", "The Metal Shop"),)
