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
