"""The judge-free metrics on small hand-worked cases, including the ones that must fail."""

from __future__ import annotations

import math

import pytest

from assistant.evaluation import metrics

from .fakes import FakeEmbedder

EMBED = FakeEmbedder().encode_cached
SENTENCE = "Harvard researchers have recently achieved remarkable success in the battle against aggressive brain cancer."


def test_contains_verbatim_and_ignores_typographic_quotes_and_spacing():
    passage = "Intro line.\n" + SENTENCE.replace(" the ", "  the ") + " More text."
    assert metrics.contains(passage, SENTENCE)
    assert metrics.contains("the patient’s own immune system", "the patient's own immune system")


def test_contains_a_context_cut_by_a_chunk_boundary_only_when_half_of_it_is_there():
    words = SENTENCE.split()
    head = " ".join(words[: len(words) // 2 + 1])  # just over half the words, as one run
    assert metrics.contains("Some earlier text. " + head, SENTENCE)
    short = " ".join(words[:3])
    assert not metrics.contains("Some earlier text. " + short, SENTENCE)
    # The same words scattered (not one run) do not count.
    assert not metrics.contains(" ".join(reversed(words)), SENTENCE)


def test_hit_at_k_and_reciprocal_rank():
    passages = ["nothing here", "still nothing", "x " + SENTENCE, "y " + SENTENCE]
    assert metrics.first_relevant_rank(passages, [SENTENCE]) == 3
    assert metrics.hit_at(passages, [SENTENCE], 2) == 0.0
    assert metrics.hit_at(passages, [SENTENCE], 3) == 1.0
    assert metrics.reciprocal_rank(passages, [SENTENCE]) == pytest.approx(1 / 3)
    assert metrics.reciprocal_rank(passages[:2], [SENTENCE]) == 0.0


def test_context_recall_counts_each_reference_context():
    other = "Conventional treatment options, such as surgery, radiation therapy, and chemotherapy, have had limited success."
    assert metrics.context_recall([SENTENCE], [SENTENCE, other]) == 0.5
    assert metrics.context_recall([SENTENCE, other], [SENTENCE, other]) == 1.0
    assert metrics.context_recall([SENTENCE], []) == 0.0


def test_token_scores_follow_the_squad_definition():
    precision, recall, f1 = metrics.token_scores("The cat sat on the mat [1].", "A cat sat.")
    assert (precision, recall) == (0.5, 1.0)  # tokens: cat sat on mat vs cat sat
    assert f1 == pytest.approx(2 / 3)
    assert metrics.token_scores("cat sat [1][2]", "the cat sat") == (1.0, 1.0, 1.0)
    assert metrics.token_scores("dog ran", "cat sat") == (0.0, 0.0, 0.0)
    assert metrics.token_scores("", "cat") == (0.0, 0.0, 0.0)


def test_repeated_tokens_count_only_as_often_as_the_reference_has_them():
    precision, recall, _ = metrics.token_scores("cancer cancer cancer", "cancer therapy")
    assert precision == pytest.approx(1 / 3) and recall == 0.5


def test_correctness_weights_token_f1_and_similarity():
    assert metrics.correctness(1.0, 1.0) == pytest.approx(1.0)
    assert metrics.correctness(0.4, 0.8) == pytest.approx(0.75 * 0.4 + 0.25 * 0.8)
    assert metrics.correctness(0.0, -0.2) == 0.0  # a negative cosine adds nothing


def test_citation_validity_is_exact_text_at_exact_offsets():
    text = "First sentence. " + SENTENCE + " Last."
    start = text.index(SENTENCE)
    good = {"source": "a.txt", "quote": SENTENCE, "start": start, "end": start + len(SENTENCE)}
    assert metrics.citation_valid(good, text)
    assert not metrics.citation_valid({**good, "start": start + 1, "end": start + 1 + len(SENTENCE)}, text)
    assert not metrics.citation_valid({**good, "quote": SENTENCE.replace("Harvard", "Yale")}, text)
    assert not metrics.citation_valid({**good, "end": len(text) + 5}, text)
    assert not metrics.citation_valid({**good, "start": None}, text)
    assert not metrics.citation_valid(good, None)  # the source is not in the store


def test_statements_split_at_marker_groups_and_keep_uncited_text():
    found = metrics.statements("Glioblastoma is aggressive. [1] It grows fast. [2][3] And this is not cited.")
    assert [(s.text, s.markers) for s in found] == [
        ("Glioblastoma is aggressive.", [1]),
        ("It grows fast.", [2, 3]),
        ("And this is not cited.", []),
    ]
    assert metrics.statements("The documents don't say.") == [metrics.CitedStatement("The documents don't say.", [])]


def test_support_needs_the_words_and_the_meaning_of_what_is_cited():
    quote = SENTENCE
    backed = metrics.support(metrics.CitedStatement("Harvard researchers achieved remarkable success against aggressive brain cancer.", [1]), {1: quote}, EMBED)
    assert backed.supported and backed.lexical >= 0.5 and backed.semantic >= 0.5
    unrelated = metrics.support(metrics.CitedStatement("The treatment costs forty thousand dollars in Canada.", [1]), {1: quote}, EMBED)
    assert not unrelated.supported and unrelated.lexical < 0.5
    dangling = metrics.support(metrics.CitedStatement(quote, [7]), {1: quote}, EMBED)
    assert not dangling.supported and dangling.lexical == 0.0
    uncited = metrics.support(metrics.CitedStatement(quote, []), {1: quote}, EMBED)
    assert not uncited.supported


def test_aggregates_skip_items_a_metric_does_not_apply_to():
    assert metrics.mean([1.0, None, 0.0]) == 0.5
    assert metrics.mean([None, None]) is None
    assert metrics.rate([True, False, None, True]) == pytest.approx(0.6667)
    assert metrics.percentile([10.0, 20.0, 30.0], 50) == 20.0
    assert metrics.percentile([], 50) is None


def test_cosine_of_a_text_with_itself_is_one():
    assert math.isclose(metrics.cosine(EMBED, SENTENCE, SENTENCE), 1.0, rel_tol=1e-5)


# -- where a quote comes from, and whether it is whole sentences (assistant/evaluation/runner.py) ---------------
from assistant.evaluation import runner  # noqa: E402

SECTIONS = [
    {"label": "BACKGROUND", "text": "Screening is thought to help. Is it effective?"},
    {"label": "METHODS", "text": "We randomised 200 women."},
    {"label": "RESULTS", "text": "Screening rose from 61%\nto 71% (p < 0.01). No harm was seen."},
]


@pytest.mark.parametrize(
    ("label", "results", "background"),
    [
        ("RESULTS", True, False), ("METHODS AND RESULTS", True, False), ("PRINCIPAL FINDINGS", True, False),
        ("BACKGROUND AND AIMS", False, True), ("STUDY OBJECTIVE", False, True), ("PURPOSES", False, True),
        ("INTRODUCTION", False, True), ("CONTEXT", False, True), ("METHODS", False, False), ("results", True, False),
    ],
)
def test_section_label_groups(label, results, background):
    assert runner.is_results(label) is results and runner.is_background(label) is background


def test_a_quote_takes_the_label_of_the_section_holding_it_whitespace_normalised():
    assert runner.quote_labels("Screening rose from 61% to 71% (p < 0.01).", SECTIONS) == ["RESULTS"]
    assert runner.quote_labels("Is it\n effective?", SECTIONS) == ["BACKGROUND"]
    assert runner.quote_labels("Screening is thought to help.", SECTIONS) == ["BACKGROUND"]  # first occurrence


def test_a_quote_spanning_two_sections_takes_both_labels_and_a_foreign_quote_none():
    assert runner.quote_labels("Is it effective?\n\nWe randomised 200 women.", SECTIONS) == ["BACKGROUND", "METHODS"]
    assert runner.quote_labels("women. Screening rose", SECTIONS) == ["METHODS", "RESULTS"]
    assert runner.quote_labels("A sentence from another document.", SECTIONS) == []
    assert runner.quote_labels("   ", SECTIONS) == []


DOC = (
    "# Title\n\nFirst sentence here. Second one runs\nacross a line break.\n\n## Heading\nAfter a heading. "
    'He said "Stop." Then left.\n\n- Item one is whole.\n- item two\n\nEnd (of it.) Tail'
)


def _span(fragment: str) -> tuple[int, int]:
    start = DOC.index(fragment)
    return start, start + len(fragment)


@pytest.mark.parametrize(
    ("fragment", "whole"),
    [
        ("# Title", False),  # no sentence end
        ("First sentence here.", True),  # after a blank line
        ("Second one runs\nacross a line break.", True),  # after a sentence end, across a line break
        ("First sentence here. Second one runs\nacross a line break.", True),  # two sentences
        ("sentence here.", False),  # starts mid-sentence
        ("Second one runs", False),  # ends mid-sentence
        ("After a heading.", True),  # after a heading line
        ('He said "Stop."', True),  # ends with a closing quote after the full stop
        ("Then left.", True),  # after a closing quote that follows a full stop
        ("Item one is whole.", True),  # opens a list item
        ("End (of it.)", True),  # closing bracket after the full stop
        ("Tail", False),
    ],
)
def test_whole_sentence_quotes(fragment, whole):
    assert runner.whole_sentence(DOC, *_span(fragment)) is whole


def test_a_record_line_among_labelled_lines_is_whole():
    text = "Routes:\n\nRoute: Valley Path (easy); distance 6.5 km\nRoute: Kar Path (moderate); distance 5.8 km\n"
    line = "Route: Kar Path (moderate); distance 5.8 km"
    start = text.index(line)
    assert runner.whole_sentence(text, start, start + len(line))
    assert not runner.whole_sentence(text, start, start + len("Route: Kar Path (moderate)"))
    lone = "Note: the paths are waymarked\nin red and blue"
    assert not runner.whole_sentence(lone, 0, len("Note: the paths are waymarked"))


def test_whole_sentence_needs_valid_offsets_and_a_document():
    start, end = _span("First sentence here.")
    assert runner.whole_sentence(DOC, start, end + 1)  # a trailing space does not matter
    assert not runner.whole_sentence(None, start, end)
    assert not runner.whole_sentence(DOC, end, start)
    assert not runner.whole_sentence(DOC, start, len(DOC) + 5)
    assert not runner.whole_sentence(DOC, "0", end)
    assert runner.whole_sentence("Whole text.", 0, 11)  # the start of the text


TABLES = (
    "Volunteers took part in the following activities:\n\n- towpath work\n- weed clearing\n\n"
    "Its parts are these: a gate and a paddle.\n\n"
    "Month            2025      2024\nJanuary           118       131\n\nA line with  two spaces inside it\n\n"
    "Train | Depart | Arrive\n1 | 10:00 | 10:50\n\nCats | dogs\n"
)


@pytest.mark.parametrize(
    ("fragment", "whole"),
    [
        ("Volunteers took part in the following activities:", True),  # a lead-in a list follows
        ("Its parts are these:", False),  # a colon mid-sentence
        ("January           118       131", True),  # a plain-text table row, its columns aligned with spaces
        ("January           118", False),  # part of the row
        ("A line with  two spaces inside it", False),  # a wide gap on a line of its own is no table
        ("Month            2025      2024", True),
        ("Train | Depart | Arrive", True),  # a row of an HTML or Word table as read: cells joined by " | "
        ("1 | 10:00 | 10:50", True),
        ("Train | Depart", False),  # part of the row
        ("Cats | dogs", False),  # a line with a pipe, no table around it
    ],
)
def test_lead_ins_and_plain_text_rows_are_whole(fragment, whole):
    start = TABLES.index(fragment)
    assert runner.whole_sentence(TABLES, start, start + len(fragment)) is whole


@pytest.mark.parametrize("marker", ["• ", "(1) ", "a) ", "2. "])
def test_a_quote_opening_a_list_item_under_any_marker_the_reader_knows_is_whole(marker):
    text = f"Methods were these.\n\n{marker}Case number was not associated with blood loss (P= 0.78).\n"
    start = text.index("Case")
    assert runner.whole_sentence(text, start, text.index("0.78).") + len("0.78)."))


def test_a_page_break_bounds_a_list_item_and_a_sentence_as_a_blank_line_does():
    text = "Officers:\n\n• Gareth Pennock, treasurer\n\n• Fenella Marsh, training officer\f• Lowri Beckett, equipment officer\n\nThe end.\fNext page starts here."
    for fragment in ("Fenella Marsh, training officer", "Lowri Beckett, equipment officer", "Next page starts here."):
        start = text.index(fragment)
        assert runner.whole_sentence(text, start, start + len(fragment)), fragment
    start = text.index("starts here.")
    assert not runner.whole_sentence(text, start, start + len("starts here."))


CODE_DOC = "Install it with this command:\n\n```terminal\npip install linty\n```\n\nThen, to allow a lint, run\n\n~~~\nlinty --allow x\n~~~\n\n# Title\n\nDone"


@pytest.mark.parametrize(
    ("fragment", "whole"),
    [
        ("Install it with this command:", True),  # a colon that a code block follows
        ("pip install linty", True),  # a code block between its fences
        ("pip install", False),
        ("Then, to allow a lint, run", True),  # ends its paragraph, and a code block follows
        ("to allow a lint, run", False),  # starts mid-sentence
        ("linty --allow x", True),
        ("# Title", False),  # a heading is no sentence, though a blank line stands on either side
        ("Done", False),
    ],
)
def test_a_code_block_and_the_sentence_that_leads_in_to_it_are_whole(fragment, whole):
    start = CODE_DOC.index(fragment)
    assert runner.whole_sentence(CODE_DOC, start, start + len(fragment)) is whole


def test_a_lead_in_ending_its_paragraph_before_a_table_is_whole():
    text = "The museum holds forty presses. Four are in the hall:\n\nPress        Maker\nColumbian    Clymer\n"
    lead = "Four are in the hall:"
    start = text.index(lead)
    assert runner.whole_sentence(text, start, start + len(lead))
    clause = "Four are in the hall: the Columbian and the Albion."
    assert not runner.whole_sentence(clause, 0, len("Four are in the hall:"))  # the sentence goes on
