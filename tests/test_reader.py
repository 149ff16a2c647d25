"""The reader's stages on small texts of several kinds: question forms, cues, selection, the decision, follow-ups.

Selection and the decision need the real model (meaning is what they weigh), so those tests are `slow`: each
builds a one-document store with the bundled model on disk and asks it questions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answers import Answer
from assistant.evaluation.quotes import whole_sentence
from assistant.reader.extractive import ExtractiveGenerator, _by_surname, embedding_texts, load_model, resolved_reading
from assistant.reader.features import FEATURES, FINDING, PROCEDURE, PURPOSE, Candidate, question_form
from assistant.reader.questions import analyse, standalone, without_names
from assistant.reader.segment import segment
from assistant.service import Assistant

from .conftest import PROJECT, settings_for


@pytest.mark.parametrize(
    "question, form",
    [
        ("Why is the reef so dangerous?", "why"),
        ("What made the towers fail?", "why"),
        ("How does a Fresnel lens work?", "how"),
        ("How many keepers were there?", None),
        ("What did the study find?", "finding"),
        ("What were the main results?", "finding"),
        ("What is a lighthouse?", "definition"),
        ("What does CAR-T stand for?", "definition"),
        ("Which planets did it visit?", None),
        ("What kinds of lenses are there?", "list"),
        ("Does telephone counselling increase screening?", "yesno"),
        # A headline's question after its topic, and a question without a question word, ask yes or no.
        ("Storage of vaccines in the community: weak link in the cold chain?", "yesno"),
        ("Multidisciplinary breast cancer clinics. Do they work?", "yesno"),
        ("Lighthouse lenses: what are they made of?", None),
        ("Where was the first tower built?", None),
    ],
)
def test_question_forms(question, form):
    assert question_form(question) == form


@pytest.mark.parametrize(
    "sentence",
    [
        "We aimed to determine whether X lowers Y.",
        "The objective of the current study is to determine to what extent fatalities fell.",
        "This study examined the effect of fellowships on resident education.",
        "Whether X lowers Y is unknown.",
    ],
)
def test_aims_and_restatements_are_recognised(sentence):
    assert PURPOSE.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "X lowered Y by 12% compared with placebo.",
        "Enforcement was significantly associated with a decrease of 8% in fatalities.",
        "Residents in programs with fellowships reported more scans than those without.",
    ],
)
def test_findings_are_recognised(sentence):
    assert FINDING.search(sentence)


@pytest.mark.parametrize(
    "sentence, procedure",
    [
        ("Eighty-three consecutive patients were enrolled between 2001 and 2004.", True),
        ("We retrospectively reviewed the charts of all children treated for burns.", True),
        ("In this cross-sectional study, a questionnaire was sent to 300 general practices.", True),
        ("Only patients with isolated nasal fractures were included in the study.", True),
        ("Screening rose to 71% in the reminded group compared with 61% in the control group.", False),
        ("The dam holds back the river above the town.", False),
    ],
)
def test_how_a_study_was_done_is_recognised(sentence, procedure):
    assert bool(PROCEDURE.search(sentence)) is procedure


def _candidate(start: int, text: str, probability: float, source: str = "a.txt", finding: bool = False) -> Candidate:
    c = Candidate(0, start, start + len(text), text, text, "sentence", None, start, None, source)
    c.probability, c.embedded, c.values = probability, True, {"finding": float(finding)}
    return c


def test_a_question_from_the_askers_own_case_wants_no_finding():
    from langchain_core.documents import Document

    from assistant.retrieval import KeywordIndex
    from assistant.text import content_terms

    text = (
        "Before any treatment expected to cost more than 200 pounds we will give you a written estimate. "
        "Both branches take debit and credit cards, contactless payments and cash."
    )
    index = KeywordIndex(["a::0"], [text], [{"source": "a.md"}])
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: index)

    def finding_cues(question: str) -> list[tuple[float, float]]:
        candidates = reader.candidates([Document(page_content=text, metadata={"source": "a.md"})], widen=False)
        reader._words(question, content_terms(question), candidates, index)
        return [(c.values["finding"], c.values["form_match"]) for c in candidates]

    # "more than 200 pounds" reads as a reported comparison, which a research question may want ...
    assert finding_cues("Did the branches pay more than the estimate?")[0][0] == 1.0
    # ... but "can I ...?" asks what applies to the asker: no sentence is the better answer for reporting something.
    assert finding_cues("Can I pay by tapping my phone at the branch?") == [(0.0, 0.0), (0.0, 0.0)]
    assert finding_cues("can i pay more than the estimate")[0][0] == 0.0
    # "Stage I", "the US" and a research title's "we" are no asker.
    assert finding_cues("Is Stage I care in the US more than the estimate?")[0][0] == 1.0
    assert finding_cues("Branch payments: are we paying more than the estimate?")[0][0] == 1.0


def test_a_yes_no_answer_carries_the_finding_of_the_same_document():
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: None)
    background = _candidate(0, "Pressure ulcers are a frequent complication of long stays.", 0.8)
    methods = _candidate(100, "All 120 patients of two wards were examined weekly.", 0.7)
    finding = _candidate(200, "Ulcers were fewer on the ward with new mattresses (4% vs 12%).", 0.3, finding=True)
    elsewhere = _candidate(300, "Another study found more ulcers in winter (p < 0.05).", 0.6, source="b.txt", finding=True)
    typed = [background, methods, finding, elsewhere]
    asked = analyse("Do new mattresses prevent pressure ulcers?")
    chosen = reader._compose(background, typed, asked, typed)
    assert finding in chosen and elsewhere not in chosen
    assert chosen[0] is background and len(chosen) <= reader.max_sentences
    # Not for other forms, and not when an answer already reports a finding.
    assert finding not in reader._compose(background, typed, analyse("Where are pressure ulcers frequent?"), typed)
    with_finding = _candidate(50, "Ulcers fell by half (p = 0.01).", 0.75, finding=True)
    assert finding not in reader._compose(background, typed + [with_finding], asked, typed + [with_finding])


def test_the_shipped_model_weighs_every_feature_and_has_a_threshold():
    model = load_model()
    assert set(model["weights"]) == set(FEATURES)
    assert 0 < model["threshold"] < 1


def test_a_bare_why_after_a_yes_no_question_asks_why_of_it():
    history = [{"role": "user", "content": "Is the reef dangerous for ships?"}]
    assert standalone("Why?", history) == "Why is the reef dangerous for ships?"


def test_a_vague_follow_up_gets_the_earlier_topic():
    history = [{"role": "user", "content": "Who carried out the research?"}]
    assert standalone("And what did they find?", history) == "What did those who carried out the research find?"


# -- selection and decision with the real model ----------------------------------------------------------
ABSTRACT = (
    "Telephone reminders have been proposed to raise screening rates. The objective of this study was to "
    "determine whether telephone reminders increase mammography screening among older women.\n\n"
    "A randomised trial enrolled 1,099 women aged 50 and older at a health maintenance organisation.\n\n"
    "Women who received telephone reminders were screened significantly more often than controls (71% vs 61%, "
    "p < 0.01). The effect was largest in the first year."
)

MARKDOWN = """# Lighthouses of the Coast

## The Reef Tower

The first stone tower on the reef was finished in 1759 after three earlier towers had
failed. Its builder dovetailed every granite block into its neighbours, which is why the
tower survived storms that had destroyed the wooden ones before it.

## Lenses

A Fresnel lens bends light with rings of glass prisms. It was invented in 1822 by Augustin
Fresnel and let a small flame be seen more than twenty miles out at sea.

Lighthouse lenses came in several orders:

- First-order lenses, the largest, stood over two metres tall.
- Sixth-order lenses, the smallest, marked harbours and piers.
"""

TECHNICAL = (
    "The cache keeps at most 4,096 entries in memory. When it is full, it evicts the entry that was used least "
    "recently, so that frequently asked questions stay cached. Entries are keyed by the exact text of the question."
)

PDF = "Quarterly report\n\nRevenue grew by ten per-\ncent in the third quarter.\fCosts fell by two percent\nin the same period, mainly because\nfuel was cheaper."


def _reader(tmp_path: Path, embedder, name: str, text: str) -> Assistant:
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True)
    (corpus / name).write_text(text, encoding="utf-8")
    assistant = Assistant(settings_for(tmp_path), embedder=embedder)
    assistant.ingest()
    return assistant


def _answered(assistant: Assistant, question: str):
    """The answer to a question the document answers, and its quotes."""
    answer = assistant.ask(question)
    assert not answer.refused, answer.answer
    return answer, [c.quote for c in answer.citations]


def _cites(assistant: Assistant, question: str, text: str) -> None:
    """The question is answered, and one of its quotes holds `text`."""
    _, quotes = _answered(assistant, question)
    assert any(text in q for q in quotes), quotes


def _best_sentence(assistant: Assistant, question: str):
    """The sentence the reader thinks answers best, whether or not it then answers."""
    return assistant.generator.assess(analyse(question), assistant.retriever.invoke(question))[0]


def _verbatim(assistant: Assistant, answer) -> None:
    for c in answer.citations:
        assert assistant.store.document_text(c.source)[c.start : c.end] == c.quote


@pytest.mark.slow
def test_the_finding_beats_the_restated_aim(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "abstract.txt", ABSTRACT)
    answer, quotes = _answered(assistant, "Do telephone reminders increase mammography screening?")
    assert any("71% vs 61%" in q for q in quotes), quotes
    assert not quotes[0].startswith("The objective"), quotes
    _verbatim(assistant, answer)


@pytest.mark.slow
def test_hard_wrapped_markdown_is_quoted_in_whole_sentences_with_their_section(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "lighthouses.md", MARKDOWN)
    answer = assistant.ask("Who invented the Fresnel lens?")
    assert not answer.refused, answer.answer
    cited = next(c for c in answer.citations if "Augustin" in c.quote)
    assert cited.quote.startswith("It was invented in 1822 by Augustin\nFresnel") and cited.quote.endswith("at sea.")
    assert cited.section == "Lighthouses of the Coast > Lenses"
    assert "\n" not in answer.answer
    _verbatim(assistant, answer)


@pytest.mark.slow
def test_why_is_answered_with_the_cause(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "lighthouses.md", MARKDOWN)
    answer = assistant.ask("Why did the stone tower survive when the earlier ones did not?")
    assert not answer.refused, answer.answer
    assert any("dovetailed" in c.quote for c in answer.citations), answer.answer


@pytest.mark.slow
def test_a_list_question_quotes_the_list(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "lighthouses.md", MARKDOWN)
    answer = assistant.ask("What orders of lenses were there?")
    assert not answer.refused, answer.answer
    assert any("Sixth-order" in c.quote or "First-order" in c.quote for c in answer.citations), answer.answer


@pytest.mark.slow
def test_a_mechanism_question_on_technical_prose(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "cache.txt", TECHNICAL)
    answer = assistant.ask("How does the cache decide what to evict?")
    assert not answer.refused, answer.answer
    assert any("least" in c.quote for c in answer.citations), answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "How much did the reef tower cost to build?",  # a number the document does not give
        "Who invented the sixth-order lens?",  # an inventor is given only for the Fresnel lens
        "What is the capital of France?",
    ],
)
def test_facts_the_document_lacks_are_refused(tmp_path, real_embedder, question):
    assistant = _reader(tmp_path, real_embedder, "lighthouses.md", MARKDOWN)
    answer = assistant.ask(question)
    assert answer.refused, answer.answer


@pytest.mark.slow
def test_a_pdf_text_with_a_split_word_and_pages(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "report.txt", PDF)
    answer = assistant.ask("By how much did revenue grow?")
    assert not answer.refused, answer.answer
    cited = next(c for c in answer.citations if "Revenue" in c.quote)
    assert cited.quote == "Revenue grew by ten per-\ncent in the third quarter."
    assert cited.page == 1 and "ten percent" in answer.answer
    costs = assistant.ask("Why did costs fall?")
    assert any(c.page == 2 and "fuel was cheaper" in c.quote for c in costs.citations), costs.answer
    _verbatim(assistant, costs)


def test_model_file_is_valid_json():
    path = Path(__file__).resolve().parent.parent / "assistant" / "reader" / "model.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["weights"] and "threshold" in data


REPORT = """RIVERSIDE TRUST
Annual Report 2025

1. Boat Traffic

There were 1,146 boats licensed on the river at the end of 2025. Lock passages are counted
electronically at the top lock, which every boat crossing the summit must use.

Lock passages at Top Lock (Lock 21)

Month            2025      2024
January           118       131
February          142       127
September          46     1,021

2. Wildlife

Signs of otters were recorded at nine sites, compared with five in 2023. The summit was closed
to boats for 43 days in the summer.
"""


@pytest.mark.slow
def test_a_table_row_answers_with_its_header(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "report.txt", REPORT)
    answer, quotes = _answered(assistant, "How many lock passages were recorded at Top Lock in September 2025?")
    assert "September          46     1,021" in quotes and quotes[0] == "Month            2025      2024", quotes
    assert all(c.section and c.section.endswith("Lock passages at Top Lock (Lock 21)") for c in answer.citations[:2])
    _verbatim(assistant, answer)


ALLOTMENTS = """# Plots and rents

Rents are due on 1 October each year and are set at the annual general meeting.

| Plot size | Area | Annual rent | Rent for members over 65 |
|---|---|---|---|
| Full plot | 10 rods | £96 | £72 |
| Half plot | 5 rods | £52 | £39 |
| Quarter plot | 2.5 rods | £30 | £22 |

The rent covers membership of the society, water, and insurance for work on the plot.

A rod, also called a pole or a perch, is a square of ground 5.5 yards on each side.
"""


@pytest.mark.slow
def test_a_header_row_is_never_the_answer_and_a_definition_may_name_the_term_first(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "allotments.md", ALLOTMENTS)
    # The header names the rent's column; the sentence about what the rent covers answers.
    answer, quotes = _answered(assistant, "Does the rent include water?")
    assert quotes[0].startswith("The rent covers membership"), quotes
    # "10 rods (...)" in a row is no definition of a rod; "A rod, also called ..., is" is.
    answer, quotes = _answered(assistant, "what is a rod")
    assert quotes[0].startswith("A rod, also called"), quotes
    _verbatim(assistant, answer)


ANNUAL = """# Looking ahead

Work on the new visitor centre at Wrenford Basin begins in March 2026 and should be finished by the autumn.

Owen Treharne, the chief executive, said: "We begin 2026 with a canal in better condition than at any time since
it reopened, and with a clear plan to keep it in water whatever the weather brings."

Finally, 2027 will mark 230 years since the canal was opened, and the trust is planning a festival at Wrenford
Basin in May of that year.
"""


def test_a_sentence_naming_only_other_years_is_about_another_time():
    from assistant.reader.extractive import _only_other_years

    question = "What did the chief executive say about the canal going into 2026?"
    assert _only_other_years("Finally, 2027 will mark 230 years since the canal was opened.", question)
    assert not _only_other_years("We begin 2026 with a canal in better condition than in 2025.", question)
    assert not _only_other_years("The canal is in better condition.", question)  # names no year
    assert not _only_other_years("In 2027 the canal turns 230.", "What is planned for the canal?")  # asks of none


@pytest.mark.slow
def test_a_question_about_one_year_is_not_answered_from_another(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "annual.md", ANNUAL)
    answer, quotes = _answered(assistant, "What did the chief executive say about the state of the canal going into 2026?")
    assert quotes[0].startswith("Owen Treharne, the chief executive, said"), quotes
    assert not any("2027" in q for q in quotes), quotes
    _verbatim(assistant, answer)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "How many otters live on the river?",  # the only counts near otters are of sites; 43 counts days
        "Has the EPA approved the new locks?",  # a claim about a name the document never uses
    ],
)
def test_counts_of_something_else_and_claims_about_unknown_names_are_refused(tmp_path, real_embedder, question):
    assistant = _reader(tmp_path, real_embedder, "report.txt", REPORT)
    answer = assistant.ask(question)
    assert answer.refused, answer.answer


def test_an_unknown_subject_is_one_the_corpus_neither_names_nor_spells_out():
    from assistant.reader.extractive import _unknown_subject

    class Index:
        texts = ["The chief executive officer met the Food and Drug Administration.", "Harvard researchers"]

        @staticmethod
        def share(term):
            return 1.0 if term in ("harvard", "research") else 0.0

    index = Index()
    assert _unknown_subject("Has the EMA approved it?", index)
    assert not _unknown_subject("Has the FDA approved it?", index)  # spelled out in the documents
    assert not _unknown_subject("Did the CEO resign?", index)
    assert not _unknown_subject("Did Harvard publish it?", index)
    assert not _unknown_subject("Is it safe?", index)
    assert not _unknown_subject("What did the EMA say?", index)  # not a yes/no claim


KILN = """# Firing a Kiln

A kiln turns dried clay into ceramic by heating it slowly and letting it cool.

## Temperatures

Cone     Temperature     Typical use
018      717 C           lustres and decals
06       999 C           low-fire earthenware glaze
6        1222 C          mid-fire stoneware

The kiln must not be opened until it has cooled below 100 C, usually a day after the firing ends.
"""


@pytest.mark.slow
def test_a_row_of_a_plain_text_table_gives_a_measure_its_header_names(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "kiln.md", KILN)
    answer, quotes = _answered(assistant, "What temperature is used for lustres?")
    assert "018      717 C           lustres and decals" in quotes, quotes
    _, quotes = _answered(assistant, "When can I open the kiln?")  # a condition, not a date, answers it
    assert any("cooled below 100 C" in q for q in quotes), quotes
    assert assistant.ask("What temperature does a raku firing reach?").refused
    _verbatim(assistant, answer)


def _at(start: int, text: str, probability: float, block: int, section: str | None = "S", kind: str = "sentence") -> Candidate:
    c = Candidate(0, start, start + len(text), text, text, kind, section, block, None, "a.txt")
    c.probability, c.embedded, c.values = probability, True, {}
    return c


def test_a_why_answer_that_draws_the_consequence_brings_the_reason_before_it():
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: None)
    reason = _at(0, "By June the reservoir had fallen to a fifth of its capacity.", 0.3, block=1)
    worse = _at(70, "Every boat that crossed took two lockfuls out of it.", 0.2, block=1)
    closed = _at(200, "The trustees therefore closed the summit.", 0.9, block=2)
    typed = [reason, worse, closed]
    chosen = reader._compose(closed, typed, analyse("Why did the trust close the summit?"), typed)
    assert chosen == [reason, worse, closed]
    # Only for why: "when" wants the date, not the reasons before it.
    assert reader._compose(closed, typed, analyse("What did the trustees close?"), typed) == [closed]
    # The reason stays within the section.
    elsewhere = _at(200, "The trustees therefore closed the summit.", 0.9, block=2, section="Other")
    assert reader._compose(elsewhere, [reason, worse, elsewhere], analyse("Why did the trust close the summit?"), [reason, worse, elsewhere]) == [elsewhere]


def test_a_sentence_that_announces_causes_comes_with_the_sentences_that_give_them():
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: None)
    opening = _at(0, "The lock had been losing water for ten years.", 0.8, block=1)
    announces = _at(100, "The leaks had two causes.", 0.7, block=2)
    first = _at(130, "The oak gates had rotted where they are wet and dry in turn.", 0.4, block=2)
    second = _at(200, "The mortar had washed out of the brickwork.", 0.3, block=2)
    later = _at(300, "The lock reopened in March.", 0.6, block=3)
    typed = [opening, announces, first, second, later]
    assert reader._compose(opening, typed, analyse("Why was the lock leaking?"), typed) == [announces, first, second]
    # Not when the announcing sentence is far behind the best one.
    announces.probability = 0.3
    assert announces not in reader._compose(opening, typed, analyse("Why was the lock leaking?"), typed)


def test_a_list_told_in_prose_goes_on_in_its_paragraph_and_a_colon_brings_the_whole_list():
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: None)
    total = _at(0, "Income in 2025 was £2.8m.", 0.8, block=1)
    fees = _at(30, "Licences brought in £1.1m.", 0.4, block=1)
    grants = _at(60, "Grants came to £0.7m.", 0.3, block=1)
    unrelated = _at(90, "The weather was dry.", 0.1, block=1)
    typed = [total, fees, grants, unrelated]
    assert reader._compose(total, typed, analyse("List the sources of income."), typed) == [total, fees, grants]
    lead = _at(0, "Volunteers took part in the following activities:", 0.8, block=1)
    items = [_at(60 + 20 * i, f"task {i}", 0.1, block=2 + i, kind="item") for i in range(8)]
    chosen = reader._compose(lead, [lead, *items], analyse("What did volunteers do?"), [lead, *items])
    assert chosen == [lead, *items[:8]]  # the list, not the first two items only
    assert len(chosen) > reader.max_sentences


def test_a_definite_description_points_back_to_the_name_its_head_noun_has_in_the_section():
    from assistant.reader.extractive import _referent
    from assistant.reader.segment import segment

    text = (
        "# Works\n\nThe rebuilding of Kestle Lock was the largest project.\n\n"
        "The lock was drained in January. The work cost £412,000.\n\n"
        "Marden Lock has worn paddles. The lock was closed in November. Its repair cost £186,500.\n\n"
        "# Money\n\nThe lock keepers were paid. The budget was £2m.\n"
    )
    every = segment(text)
    by_reading = {s.reading: i for i, s in enumerate(every)}
    assert _referent(every, by_reading["The work cost £412,000."]) == {"kestl", "lock"}
    # The nearest name with that head wins: this paragraph is about Marden Lock.
    assert "marden" in _referent(every, by_reading["Its repair cost £186,500."])
    # A new section starts afresh, and a paragraph with no "the lock" points back to nothing.
    assert _referent(every, by_reading["The budget was £2m."]) == frozenset()
    assert _referent(every, by_reading["Marden Lock has worn paddles."]) == frozenset()


def test_a_year_the_question_gives_may_stand_anywhere_in_the_document_other_numbers_in_the_passage():
    from langchain_core.documents import Document

    from assistant.reader.extractive import _mentions

    passage = Document(page_content="The deficit was caused by the cost of the drought.")
    report = "Annual report 2025. ... The deficit was caused by the cost of the drought. 300 boats"
    assert not _mentions(passage, "Why did the trust end 2025 with a deficit?")
    assert _mentions(passage, "Why did the trust end 2025 with a deficit?", report)
    assert not _mentions(passage, "Why did the 300 boats leave?", report)
    from assistant.reader.extractive import _other_year

    assert _other_year("Finally, 2027 will mark 230 years since the canal was opened.", "How many people visited in 2025?")
    assert not _other_year("Income in 2025 was £2.8m.", "How much came in during 2025?")


def test_what_a_question_sets_aside_is_not_its_answer():
    from assistant.reader.extractive import _excluded_terms

    assert _excluded_terms("What else did he do for the canal besides engineering it?") == {"engineer"}
    assert _excluded_terms("Apart from the cost, what else held it back?") == {"cost"}
    assert _excluded_terms("Are there treatments other than surgery?") == frozenset()
    assert _excluded_terms("What did he do for the canal?") == frozenset()


def test_a_figure_for_another_time_does_not_answer():
    from assistant.reader.extractive import _same_time, _times

    def c(text: str, previous: str | None = None) -> Candidate:
        return Candidate(0, 0, len(text), text, text, "sentence", None, 0, previous, "a.txt")

    assert _times("in May and June, and again in the fall of 2024") == {"spring", "summer", "autumn", "2024"}
    winter = _times("How many eggs does the queen lay in winter?")
    assert not _same_time(c("The queen lays up to 2,000 eggs a day in May and June."), winter)
    assert _same_time(c("A colony holds 50,000 bees in midsummer but only 10,000 in winter."), winter)
    assert _same_time(c("The queen lays up to 2,000 eggs a day."), winter)  # names no time: may answer
    whole_year = _times("What was the total rainfall for the whole of 2025?")
    assert not _same_time(c("The gauge recorded 214 mm of rain between March and August."), whole_year)
    assert not _same_time(c("The gauge recorded 800 mm of rain in 2024."), whole_year)
    assert _same_time(c("September 46 1,021", previous="Month 2025 2024"), whole_year)
    assert _same_time(c("The gauge recorded 214 mm between March and August."), _times("How much rain fell in spring and summer?"))


def test_an_answer_to_what_is_x_opens_with_the_sentence_that_defines_x():
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: None)
    mention = _at(0, "Keepers first used an optic called a Fresnel lens in 1823.", 0.85, block=1)
    definition = _at(100, "A Fresnel lens is a lens made of concentric rings of glass.", 0.9, block=2)
    typed = [mention, definition]
    assert reader._compose(definition, typed, analyse("What is a Fresnel lens?"), typed) == [definition, mention]
    # A sentence continuing the definition stays with it, not after the mention.
    rings = _at(170, "It bends light from a lamp into a beam.", 0.3, block=2)
    rings.previous = definition.reading
    chosen = reader._compose(definition, [*typed, rings], analyse("What is a Fresnel lens?"), [*typed, rings])
    assert chosen == [definition, rings, mention]
    # Other answers keep document order.
    assert reader._compose(definition, typed, analyse("When was the Fresnel lens first used?"), typed)[0] is mention


REPLICAS = """# Database replicas

The primary database runs in the Farnmoor data centre. Two replicas copy it and answer
reads. The first replica, read-1, sits in Farnmoor beside the primary, on a server with 64
processor cores. The second, read-2, is in Quayle Park and has 256 gigabytes of memory; it
answers the reads of the Quayle Park servers.
"""


def test_an_identifier_the_question_gives_must_be_in_the_sentence():
    """A sentence about read-2 says nothing of read-1, however alike the two words are."""
    from assistant.reader.extractive import _codes, _has_code

    assert _codes("How much memory does read-1 have?") == ["read-1"]
    assert _codes("Is CD19 on B cells, in the 1990s or the 2nd wave?") == ["CD19"]
    assert not _has_code("The second, read-2, has 256 gigabytes of memory.", "read-1")
    assert not _has_code("read-10 was added later.", "read-1")
    assert _has_code("The first replica, read-1, sits in Farnmoor.", "read-1")
    assert _has_code("Most anti-CD19 cells were CD19-positive.", "CD19")


@pytest.mark.slow
def test_a_fact_given_for_read_2_is_not_an_answer_for_read_1(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "replicas.md", REPLICAS)
    answer = assistant.ask("How much memory does read-1 have?")
    assert answer.refused or not any("256 gigabytes" in c.quote for c in answer.citations), answer.answer
    # Nor is a figure of something else about read-1: "how much memory" is measured in memory.
    assert answer.refused or not any("64\nprocessor cores" in c.quote for c in answer.citations), answer.answer


CLUB = """# Harrowfield Rowing Club: Members' Guide

This guide is for every member of the Harrowfield Rowing Club.

## History

The club was founded in 1889 by workers from the town's two boatyards. The club moved to its present boathouse
on the river in 1934, after a flood destroyed the first one. Membership of the club passed 300 for the first
time in 2012.

## The committee

The club is run by a committee of six, elected each March. The officers are the captain, Ruth Ellery, who has
led the crews since 2020; the treasurer, Imran Sethi, who collects the subscriptions; and the secretary,
Olive Brandt, who keeps the membership list. Complaints about the club's boats go to the captain in writing.

## Training plan

The club trains its new crews over a three-year plan:

- Year 1: sculling in single boats, on the sheltered reach below the weir.
- Year 2: coxed fours, with racing at the club regatta in June.
- Year 3: eights, and the river's head races in autumn.

Members of the club pay their subscriptions each April, and the club's boats are insured by the club.
"""


@pytest.mark.slow
def test_the_topic_every_passage_shares_does_not_have_to_stand_in_the_answer(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "club.md", CLUB)
    answer, quotes = _answered(assistant, "Who is the club's treasurer?")
    assert any("Imran Sethi" in q for q in quotes), quotes
    # "Which year of the plan" asks for a place in the sequence, not a calendar year.
    answer, quotes = _answered(assistant, "Which year of the training plan are coxed fours rowed in?")
    assert any(q.startswith("Year 2") for q in quotes), quotes
    _verbatim(assistant, answer)




RULES = """# Marsh Lane Moorings: Berth Holders' Guide

## Berths

The moorings lie on the quiet reach above Fenby Lock, with forty berths along the towpath side and a slipway at
the northern end. Water and electricity points stand at every fourth berth, and the pump-out station is beside
the slipway. The moorings are managed by a committee of five, elected by the berth holders each spring. Berth fees
are paid each April and cover the water, the electricity standing charge and the insurance of the pontoons.

## The rules

Every berth holder signs an agreement that includes the rules below.

- Engines may not be run at the berth between 8 p.m. and 8 a.m., except to leave or to arrive at the moorings.
- Every boat must carry a current safety certificate and third-party insurance, shown to the committee each April.
- Fenders must be hung on the towpath side only, and ropes must not be tied across the towpath or to the hedge.
- Washing may be hung out on the boat's roof only, and never on the railings of the pontoons or the towpath fence.
- Bonfires and barbecues on the bank are not allowed at any time, because the hedge and the reed bed catch easily.
- Dogs must be kept on a lead along the towpath, and their mess must be picked up and taken away by the owner.
- Any damage to a pontoon, a water point or an electricity post must be reported to the committee within a week.
"""


@pytest.mark.slow
def test_a_list_after_its_lead_in_is_quoted_to_its_end_even_past_the_passage(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "moorings.md", RULES)
    answer, quotes = _answered(assistant, "What rules does a berth holder agree to?")
    assert quotes[0].startswith("Every berth holder signs an agreement"), quotes
    assert any(q.startswith("Engines may not be run") for q in quotes) and any(q.startswith("Dogs must be kept") for q in quotes), quotes
    _verbatim(assistant, answer)


LOCKS = """# The Fenby Navigation

## Locks

### Fenby Lock

It was rebuilt in 1998 at a cost of £80,000, after its bottom gates failed in a flood.

### Marden Lock

It was rebuilt in 2004 at a cost of £95,000, and a new footbridge was added below it.
"""


@pytest.mark.slow
def test_the_heading_a_sentence_stands_under_says_what_it_is_about(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "navigation.md", LOCKS)
    # Neither sentence names its lock: the headings do.
    answer, quotes = _answered(assistant, "When was Marden Lock rebuilt?")
    assert any(q.startswith("It was rebuilt in 2004") for q in quotes), quotes
    answer, quotes = _answered(assistant, "How much did rebuilding Fenby Lock cost?")
    assert any(q.startswith("It was rebuilt in 1998") for q in quotes), quotes
    _verbatim(assistant, answer)


def test_this_is_why_brings_the_reason_from_the_paragraph_before_even_outside_the_passages():
    from assistant.reader.segment import segment

    text = (
        "# Summit closure\n\nThe feeder pump failed in June. Without it no water reached the top pound.\n\n"
        "That is why the summit was closed for a month. Boats waited at both ends.\n"
    )
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: None, documents=lambda source: text)
    every = [s for s in segment(text) if s.kind != "heading"]
    closed = next(s for s in every if s.reading.startswith("That is why"))
    best = Candidate(0, closed.start, closed.end, closed.text, closed.reading, closed.kind, closed.section, closed.block, None, "a.txt")
    best.probability, best.embedded = 0.9, True
    # Only the "That is why" sentence was retrieved: the reason comes from the document's text.
    chosen = reader._compose(best, [best], analyse("Why was the summit closed?"), [best])
    assert [c.reading for c in chosen] == ["The feeder pump failed in June.", "Without it no water reached the top pound.", closed.reading]
    assert all(text[c.start : c.end] == c.text for c in chosen)


MILL = """# Ashby Mill: Visitor Notes

## The mill

Ashby Mill was built in 1821 by the miller Thomas Venn, whose family worked it for three generations. Its
waterwheel is 18 feet across and turns two pairs of millstones. The mill was restored by volunteers between
1988 and 1994, at a cost of £96,000.

## The engines

The mill has two engines besides the wheel. The steam engine, a beam engine made in 1865, drives the saw bench.
Its flywheel is 12 feet across. The gas engine was added in 1910 to drive the sack hoist, and it weighs three
tonnes.

## Visiting

The mill is open on Sundays from Easter to October. Guided tours start at the millpond gate at 11 a.m. and
2 p.m.
"""


@pytest.mark.slow
def test_a_figure_of_a_sibling_or_of_another_thing_of_the_same_name_is_refused(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "mill.md", MILL)
    # "the gas engine's flywheel": the only flywheel the notes measure is the steam engine's.
    answer = assistant.ask("How wide is the gas engine's flywheel?")
    assert answer.refused or not any("12 feet" in c.quote for c in answer.citations), answer.answer
    # A date beside his name is the mill's, not his birth, of which the notes say nothing.
    answer = assistant.ask("In what year was Thomas Venn born?")
    assert answer.refused or not any("1821" in c.quote for c in answer.citations), answer.answer
    # Nor is "three generations" a number of his children: the notes never speak of children.
    answer = assistant.ask("How many children did Thomas Venn have?")
    assert answer.refused or not any("three generations" in c.quote for c in answer.citations), answer.answer
    # The same questions of what the notes do give are answered.
    answer, quotes = _answered(assistant, "How wide is the steam engine's flywheel?")
    assert any("12 feet across" in q for q in quotes), quotes
    answer, quotes = _answered(assistant, "How heavy is the gas engine?")
    assert any("three\ntonnes" in q for q in quotes), quotes
    _verbatim(assistant, answer)


@pytest.mark.slow
def test_each_ask_of_a_two_part_question_is_answered_and_a_missing_one_is_said(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "mill.md", MILL)
    answer, quotes = _answered(assistant, "What does the steam engine drive, and how much did the restoration cost?")
    assert any("saw bench" in q for q in quotes), quotes
    assert any("£96,000" in q for q in quotes), quotes
    assert "the rest of what was asked" not in answer.answer
    _verbatim(assistant, answer)
    answer, quotes = _answered(assistant, "Who built the mill, and how many visitors came in 2024?")
    assert any("Thomas Venn" in q for q in quotes), quotes
    assert answer.answer.endswith("The documents don't say the rest of what was asked."), answer.answer


def test_what_the_asker_does_is_not_what_a_named_question_asks_about():
    from types import SimpleNamespace

    from assistant.reader.extractive import _rest_terms

    index = SimpleNamespace(proper_nouns=frozenset({"Threads", "Tides", "Hesketh"}))
    assert _rest_terms("What's the last day I can see Threads and Tides?", index) == set()
    assert "wheel" in _rest_terms("What size are Hesketh's driving wheels?", index)  # what is asked of her stays
    assert _rest_terms("When can we see Hesketh's driving wheels turn?", index) >= {"wheel", "turn"}


QUILT = """# Notable objects

The Brandwell quilt is a patchwork quilt of about 2,400 six-sided pieces of printed
cotton, sewn at Brandwell Farm, three miles north of the town. It was given to the museum
in 1987 by Edith Farr, the last of the Farr family to farm at Brandwell.

## Threads and Tides

The Brandwell quilt is shown in the museum for the first time in Threads and Tides, an
exhibition curated by Ruth Annesley.
"""


@pytest.mark.slow
def test_who_is_answered_by_the_sentence_that_tells_the_event_asked_about(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "museum.md", QUILT)
    answer, quotes = _answered(assistant, "Who gave the Brandwell quilt to the museum?")
    # Not only the curator named beside the quilt in a sentence closer to the question in meaning.
    assert "Edith Farr" in quotes[0], quotes
    _verbatim(assistant, answer)


@pytest.mark.slow
def test_a_compound_of_a_word_the_documents_use_is_a_paraphrase_not_an_unknown_term(real_embedder):
    from types import SimpleNamespace

    known = {"school", "visit", "pupil"}
    index = SimpleNamespace(share=lambda term: 1.0 if term in known else 0.0)
    reader = ExtractiveGenerator(real_embedder, index_provider=lambda: index)
    assert reader._known_compound("schoolchildren", index)  # "school" is the documents' word
    assert not reader._known_compound("sourdough", index)  # two everyday words, neither of them the documents'
    assert not reader._known_compound("temozolomide", index)


def test_a_sentence_naming_another_of_a_numbered_series_is_about_that_one():
    from assistant.reader.extractive import _names_sibling, _numbered_names, _rest_terms

    names = frozenset({"Corrie"})
    asked = _numbered_names("What COP does the Corrie 11 reach at minus 7?", names)
    assert asked == [("Corrie", "11")]
    assert _names_sibling("At minus 7°C the Corrie 7 still reached a COP of 3.1.", *asked[0])
    assert not _names_sibling("Specification | Corrie 7 | Corrie 11", *asked[0])  # a header naming both
    assert not _names_sibling("The Corrie range is made in Wrenfold.", *asked[0])
    assert not _names_sibling("Any Corrie 7 or later can be fitted with it.", *asked[0])  # a bound that holds the 11
    assert not _numbered_names("How many tickets were sold in March 2024?", frozenset({"March"}))  # dates, not a series
    # A name the corpus writes with capitals, typed in lower case with its number, is still one of the series.
    assert _numbered_names("how much is a new filter for the corrie 11", names) == [("corrie", "11")]
    assert not _numbered_names("how much is a new filter for the big 11", names)
    # Or one the corpus labels with two numbers or more, though it also writes it in lower case ("pipit.conf").
    assert _numbered_names("how much is a new head for the pipit 40", frozenset(), lambda noun: frozenset({40, 62}) if noun == "pipit" else frozenset()) == [("pipit", "40")]
    assert not _numbered_names("what grade 6 pieces are there", frozenset(), lambda noun: frozenset({5}) if noun == "grade" else frozenset())
    assert not _numbered_names("What happened on Tuesday, March 12?", frozenset({"March", "Tuesday"}))
    # A letter labels one of a series too, as the user writes it inside the question ("fit out Studio A"); a sentence
    # under the heading of another ("### Studio B") is about that one.
    studio = _numbered_names("How much did it cost to fit out Studio A?", frozenset())
    assert studio == [("Studio", "A")]
    assert _names_sibling("Studio B It is on the first floor. It was added in 2019 at a cost of £14,200.", *studio[0])
    assert not _numbered_names("Can I bring a dog?", frozenset())  # "Can I": a question's first word and a pronoun
    # The number is part of the name, not what is asked of it.
    from types import SimpleNamespace

    assert "11" not in _rest_terms("What size of cylinder suits the Corrie 11?", SimpleNamespace(proper_nouns=names))


def test_a_compound_the_document_never_uses_is_not_answered_by_its_head_alone():
    from assistant.reader.extractive import _noun_compounds, _plural_in

    assert _noun_compounds("Is there a family ticket, and how much is it?", {"much"}) == [("family", "famili", "ticket")]
    # Not a verb after a noun, a verb's form, a describing word or a possessive.
    assert _noun_compounds("Where can members buy seed?", set()) == []
    assert _noun_compounds("How hot does the tank get during the weekly germ-killing run?", set()) == []
    assert _noun_compounds("Who is the society's secretary?", set()) == []
    # The first word is a noun of the document when it uses it in the plural ("families"), not a describing word ("old").
    assert _plural_in("family", "The toys were lent by local families.")
    assert not _plural_in("old", "The oldest coach is an old teak coach.")


FEES = """# Visiting

Adults pay £6.00 and children under 16 go free. Guided tours of the store cost £8.00 per person.

Many local families lent toys to the summer exhibition.

## Events

On 23 April the curator will give an evening talk on the quilt; tickets cost £5 and must be booked.
"""


@pytest.mark.slow
def test_a_price_of_another_ticket_does_not_answer_for_a_ticket_the_document_never_names(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "visiting.md", FEES)
    answer = assistant.ask("How much is a family ticket?")
    assert answer.refused or not any("£5" in c.quote for c in answer.citations), answer.answer
    answer, quotes = _answered(assistant, "How much does a guided tour of the store cost?")
    assert any("£8.00" in q for q in quotes), quotes
    _verbatim(assistant, answer)


def test_an_acronym_the_document_spells_out_stands_for_its_words():
    from assistant.reader.extractive import _acronyms

    found = _acronyms("The relative humidity (RH) is kept at 50%. The Hollinford Museum Trust (HMT) owns it. Use UV (ultraviolet) film.")
    assert found["RH"] == frozenset({"relat", "humid"})
    assert found["HMT"] == frozenset({"hollinford", "museum", "trust"})
    assert "UV" not in found  # spelled after, not before: not read
    # The words before the bracket must begin with its letters.
    assert _acronyms("It was measured by the team (RH) last year.") == {}
    # The parts of a hyphenated name are words of their own.
    assert _acronyms("It runs the Valley Dial-a-Ride (VDR) on Mondays.")["VDR"] == frozenset({"valley", "dial", "ride"})


def test_an_acronym_the_corpus_only_spells_out_is_read_as_its_words():
    from assistant.retrieval.keyword import spelling as _spelling

    texts = ["Its first shop in the United Kingdom opened in 1998.", "The National Lottery Heritage Fund paid for the roof."]
    assert _spelling("UK", texts) == "United Kingdom"
    assert _spelling("NLHF", texts) == "National Lottery Heritage Fund"  # "of", "and" may stand between the words
    assert _spelling("EU", texts) is None
    assert _spelling("UKs", texts) == "United Kingdom"
    # Commas may stand between the words too.
    assert _spelling("UNESCO", ["In 1997 the United Nations Educational, Scientific and Cultural Organization declared"]) == (
        "United Nations Educational, Scientific and Cultural Organization"
    )


CHARITY = """# Hartwell Book Aid

Hartwell Book Aid collects unwanted books and sends them to school libraries.
It began in Canada in 1991, where its founders ran a single warehouse in Halifax.
Its first shop in the United Kingdom opened in Leeds in 1998, and it now runs fourteen shops there.
The charity's warehouse in Halifax closed in 2009.
"""


@pytest.mark.slow
def test_a_question_s_acronym_finds_the_words_the_document_spells_it_with(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "charity.md", CHARITY)
    answer, quotes = _answered(assistant, "When did the charity open its first UK shop?")
    assert any("in 1998" in q for q in quotes), quotes
    _verbatim(assistant, answer)


HUT = """# Kessel Hut

## Prices

A night costs €26 for members and €42 for non-members. All prices include value added tax.
Packed lunches can be ordered the evening before for €11.

## Safety

Both huts keep a first-aid kit and a stretcher. The hut also has an automated external defibrillator in the hall.
In an emergency, give your position, read from a global positioning system device or a phone app.
"""


@pytest.mark.slow
def test_an_acronym_the_document_spells_out_in_lower_case_finds_its_words(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "hut.md", HUT)
    for question, expected in [
        ("Is VAT included in the prices?", "value added tax"),
        ("Is there an AED at the hut?", "automated external defibrillator"),
        ("Should I give my GPS position when I call?", "global positioning system"),
    ]:
        answer, quotes = _answered(assistant, question)
        assert any(expected in q for q in quotes), (question, quotes)
        _verbatim(assistant, answer)


HUTS = """# Our huts

The Lindwald Hut was built in 1912 on a meadow at the edge of the forest, and it sleeps 48.
The Kar Path links the Lindwald Hut with the Grauspitz Hut; snow often lies in its upper gully until late June.
Tobias Renner has been warden of the Lindwald Hut since 2019.
The Grauspitz Hut was designed by the architect Anna Weiss and built in 1988.
"""


@pytest.mark.slow
def test_who_did_a_deed_is_told_only_where_the_deed_is(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "huts.md", HUTS)
    answer = assistant.ask("Who built the Lindwald Hut?")
    assert answer.refused, answer.answer  # built in 1912, by whom it does not say: its warden did not build it
    answer, quotes = _answered(assistant, "Who designed the Grauspitz Hut?")
    assert any("Anna Weiss" in q for q in quotes), quotes


ORCHESTRA_REPORT = """# Kellerby Riverside Orchestra: Annual report 2025

This is the annual report of the committee to its members for the year 2025.

## Our history

The orchestra was founded in September 1987 by Harold Pennick, then head of music at Kellerby Grammar School.
It gave its first concert in the school hall in 1988.
"""


@pytest.mark.slow
def test_the_thing_a_document_s_title_names_is_what_its_sentences_call_the_thing(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "report.md", ORCHESTRA_REPORT)
    answer, quotes = _answered(assistant, "When was the Kellerby Riverside Orchestra founded?")
    assert any("September 1987" in q for q in quotes), quotes
    assert assistant.ask("When was the Kellerby Riverside Choir founded?").refused  # another one: not told


SPENDING = """# Kellerby Riverside Orchestra: Annual report

## Spending

In 2024 we spent £39,900 in total. In 2025 we spent £45,120, and the main items were:

- the music director's fee, £7,800;
- soloists' fees, £4,200;
- hire and purchase of music, £2,850.

## Concerts

The orchestra gave four concerts in 2025 and three in 2024.
"""


@pytest.mark.slow
def test_a_list_s_items_are_of_the_year_its_lead_in_names(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "report.md", SPENDING)
    answer, quotes = _answered(assistant, "How much did the orchestra pay its soloists in 2025?")
    assert any("£4,200" in q for q in quotes), quotes
    answer = assistant.ask("How much did the orchestra pay its soloists in 2024?")
    assert answer.refused, answer.answer  # only 2025's spending is itemised


MILLS = """# Windmills of England and the Netherlands

## Survivors

In England about 360 windmills survive in some form, but fewer than 50 can still turn their sails.
Today about 1,150 windmills survive in the Netherlands, most of them in working order.

## Example mills

| Mill | Country | Type | Built | Height |
|---|---|---|---|---|
| Sallow Green Mill | England | Post mill | 1742 | 13 metres |
| De Grauwe Reiger | Netherlands | Tower mill | 1867 | 26 metres |

De Grauwe Reiger was built by the millwright Jan Hoekstra for a cooperative of farmers.
"""


@pytest.mark.slow
def test_a_name_the_documents_never_use_and_a_table_s_column_names_tell_nothing(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "mills.md", MILLS)
    answer, quotes = _answered(assistant, "How many windmills survive in England?")
    assert any("about 360" in q for q in quotes), quotes
    answer = assistant.ask("How many windmills survive in Belgium?")
    assert answer.refused, answer.answer  # Belgium is never named: England's and the Netherlands' figures are not its
    answer = assistant.ask("Who built Sallow Green Mill?")
    assert answer.refused, answer.answer  # its row's "Built" column says when, not who
    answer, quotes = _answered(assistant, "Who built De Grauwe Reiger?")
    assert any("Jan Hoekstra" in q for q in quotes), quotes


BELLS = """# St Aldhelm's church

The church has stood on the green since 1342, and its tower was raised in 1611.

## The bells

The tower holds six bells, the oldest cast in 1611 and the newest in 1897.
Before the electric motor was fitted, the bells were rung by hand.
Six ringers stood in the chamber below the belfry, and each pulled a rope tied to the wheel of one bell.
The motor was fitted in 1958 and is switched on from the vestry.
"""


@pytest.mark.slow
def test_how_answered_by_a_sentence_that_restates_the_question_goes_on_to_the_next(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "church.md", BELLS)
    answer, quotes = _answered(assistant, "How were the bells rung before there was an electric motor?")
    assert any("rung by hand" in q for q in quotes), quotes
    assert any("Six ringers" in q for q in quotes), quotes
    _verbatim(assistant, answer)


CHANGELOG = """# Changelog

All notable changes to tidyfile are listed here, one section per release, newest first.
Version numbers follow semantic versioning.

## 2.1.0 (2025-03-14)

### Added
- A `--dry-run` option that prints what would be moved without moving anything.
- Support for Python 3.13.

## 2.0.1 (2024-11-02)

### Fixed
- Files whose names hold spaces are no longer skipped.

## 2.0.0 (2024-09-20)

### Changed
- The configuration file moved from `~/.tidyfile` to `~/.config/tidyfile/config.toml`.
"""


@pytest.mark.slow
def test_a_date_given_only_by_the_heading_of_what_was_asked_is_said_with_a_sentence_under_it(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "CHANGELOG.md", CHANGELOG)
    answer, quotes = _answered(assistant, "When was version 2.0.1 released?")
    assert answer.answer.startswith("2.0.1 (2024-11-02): "), answer.answer
    assert quotes == ["Files whose names hold spaces are no longer skipped."], quotes
    assert answer.citations[0].section == "Changelog > 2.0.1 (2024-11-02) > Fixed"
    _verbatim(assistant, answer)
    # A release the changelog does not list is not dated by another's heading, nor is an event it never tells.
    assert assistant.ask("When was version 1.9.0 released?").refused
    assert assistant.ask("When was version 2.0.1 withdrawn?").refused


FOUNDERS = """# Our history

The society was founded in 1962 by Edith Marlowe, a retired teacher, who chaired it until 1980.
Tom Brannock, the second chair, was born in 1921 and ran the annual show for twenty years.
Edith Marlowe stepped down in 1980 and was made the society's first honorary member.
"""


@pytest.mark.slow
def test_a_birth_or_a_death_is_dated_only_where_it_is_told(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "history.md", FOUNDERS)
    assert assistant.ask("What year was Edith Marlowe born?").refused
    answer, quotes = _answered(assistant, "When was Tom Brannock born?")
    assert any("born in 1921" in q for q in quotes), quotes


GARDEN = """# Ashby Community Garden

The garden opened in 2015 on land leased from the parish council. It is run by volunteers and is open to everyone.

## Getting involved

Most people start by coming to a Saturday work morning, and many stay for years.

### Volunteer roles

- Growers look after the vegetable beds and decide what is sown each spring.
- Compost keepers turn the heaps every fortnight and sieve finished compost for the beds.
- Hosts welcome visitors at the gate on open days and show them round.

### Who to ask

Ask any volunteer in a green apron, or write to the secretary.

## Membership

There are two kinds of membership:

- Full members pay £10 a year and may rent a bed.
- Friends pay £5 a year and receive the newsletter.

## Rules

- Children must be supervised at all times.
- Dogs are welcome on a lead.
"""


@pytest.mark.slow
def test_a_list_question_is_answered_by_the_list_its_heading_names(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "garden.md", GARDEN)
    answer, quotes = _answered(assistant, "What kinds of volunteer roles are there?")
    assert [q.split()[0] for q in quotes] == ["Growers", "Compost", "Hosts"], quotes
    assert all(c.section == "Ashby Community Garden > Getting involved > Volunteer roles" for c in answer.citations)
    _verbatim(assistant, answer)


ACCOUNTS = """# Money

In 2024 the library's income was £41,200 and its spending was £38,700. The largest costs were heating the
building, at £9,100, and new books, at £6,500.

In 2023 our income was £36,900 and our spending £37,400, because the lift had to be rebuilt.
"""


BOOK_BUYING = """# Money

We buy new books every month from two local booksellers, and members may suggest titles.

In 2023 our income was £36,900 and our spending £37,400, because the lift had to be rebuilt.
"""


@pytest.mark.slow
def test_a_sentence_without_a_year_is_of_the_year_its_paragraph_named(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "accounts.md", ACCOUNTS)
    # "The largest costs were ... new books, at £6,500" follows "In 2024 ...": it is no answer for 2023.
    assert assistant.ask("How much did the library spend on new books in 2023?").refused
    answer, quotes = _answered(assistant, "How much did the library spend on new books in 2024?")
    assert any("£6,500" in q for q in quotes), quotes


@pytest.mark.slow
def test_a_sum_spent_on_something_is_not_told_by_the_total(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "accounts.md", BOOK_BUYING)
    answer = assistant.ask("How much did the library spend on new books in 2023?")
    assert answer.refused, answer.answer  # "our spending £37,400" is all of it


HUMIDITY = """# Care of the collection

The store keeps the relative humidity (RH) between 45% and 55%, and the temperature between 16 and 19 degrees.
Visitors cannot enter the store without a guide.

If the RH is too high, mould can grow and metal corrodes; if it is too low, wood and ivory crack.
"""


@pytest.mark.slow
def test_why_is_answered_by_a_sentence_that_speaks_of_the_thing_by_its_acronym(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "care.md", HUMIDITY)
    answer, quotes = _answered(assistant, "Why does the store bother controlling the humidity?")
    assert any("mould can grow" in q for q in quotes), quotes
    _verbatim(assistant, answer)


LINE = """# The Ashcombe line

At its busiest, in the years before the First World War, the line carried around 180,000 passengers a year.
The line closed in 1963 and was reopened by volunteers in 1987.

The railway runs on weekends from Easter to October.
"""


@pytest.mark.slow
def test_a_figure_from_a_time_gone_by_does_not_answer_what_is_so_now(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "line.md", LINE)
    answer = assistant.ask("How many passengers does the railway carry each year now?")
    assert answer.refused or not any("180,000" in c.quote for c in answer.citations), answer.answer
    answer, quotes = _answered(assistant, "How many passengers did the line carry before the First World War?")
    assert any("180,000" in q for q in quotes), quotes
    _verbatim(assistant, answer)


COMPOST = """# Compost

To build a compost heap, start with a layer of coarse, woody stems about 15 cm deep so that air can reach the
base of the heap. Put greens and browns on the compost heap in roughly equal amounts by volume, in layers no more
than 20 cm deep. Turn the heap after four to six weeks, moving the outside material to the middle.

A heap that is built well gets hot. Never add cooked food, meat or dairy products to the heap: they attract rats.

## Bonfires

Bonfires are not allowed between 1 April and 30 September.
"""


@pytest.mark.slow
def test_what_must_not_be_done_is_answered_by_the_sentence_that_forbids_it(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "compost.md", COMPOST)
    answer, quotes = _answered(assistant, "Which things should I never put on a compost heap?")
    assert any("cooked food" in q for q in quotes), quotes  # not only the steps of building it
    _verbatim(assistant, answer)


def test_what_does_x_verb_looks_for_the_question_s_own_words_in_order():
    from assistant.reader.extractive import _says, _subject_and_verb

    assert ["seat", "map", "record"] in _subject_and_verb("What does the seat map record?")
    assert _subject_and_verb("How did the society survive the sale?") == [["societi", "surviv"], ["societi", "surviv", "sale"]]
    assert _subject_and_verb("Who wrote the guide?") == []
    assert _says("The seat map records which seats are free, held or sold.", ["seat", "map", "record"])
    assert not _says("On a normal day 97% of seat map requests are answered from the cache.", ["seat", "map", "record"])
    # The verb is inflected as a statement inflects it: "seat map requests" is no seat map that "maps".
    assert not _says("On a normal day 97% of seat map requests are answered.", ["seat", "map"])
    assert _says("The study found that reminders helped.", ["studi", "find"])  # "found" is "find"


SEATS = """# How booking works

On a normal day 97% of seat map requests are answered from the cache; this figure is called the hit rate. Each
seat map is cached for 30 seconds, so seat maps are read from a replica at most twice a minute.

## Seats

The seat map records which seats are free, held or sold.
"""


@pytest.mark.slow
def test_what_does_x_verb_is_answered_by_the_sentence_where_x_does_it(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "booking.md", SEATS)
    answer, quotes = _answered(assistant, "What does the seat map record?")
    assert any("records which seats" in q for q in quotes), quotes
    _verbatim(assistant, answer)


PRICES = """# Visiting the museum

## Tickets

- Adults: £6.00
- Annual pass: £15.00, for unlimited entry for twelve months from the day of purchase
- Ropewalk Store guided tour: £8.00 per person, including entry to the Old Corn Exchange on the same day

Tickets are valid for the whole day, so visitors may leave and come back.

## Shop and café

The café opens at the same times as the museum, and the shop and café can be visited without a ticket.

## Volunteers

Volunteers receive free entry for a guest, 10% off in the shop and their travel expenses.
"""


@pytest.mark.slow
def test_a_sentence_holding_the_question_s_key_word_beats_a_close_one_holding_none(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "visiting.md", PRICES)
    answer, quotes = _answered(assistant, "Can I go to the shop and café without buying a ticket?")
    assert any("can be visited without a ticket" in q for q in quotes), quotes
    _verbatim(assistant, answer)


def test_a_number_the_question_gives_below_zero_is_not_the_same_number_above_it():
    from assistant.reader.extractive import _NEGATIVE, _other_sign

    assert [m.group(1) for m in _NEGATIVE.finditer("What COP does it reach at minus 7, or at -15°C?")] == ["7", "15"]
    assert not _NEGATIVE.search("What did read-1 do in 2014-16?")  # a hyphen inside a word or a range is no sign
    assert _other_sign("COP at 7°C outside and 35°C flow | 4.6 | 4.3", "7")
    assert not _other_sign("At an outdoor temperature of minus 7°C it still reached a COP of 3.1.", "7")
    assert not _other_sign("It heats a home down to −20°C.", "7")  # not the number at all


BUS47 = """# Dale Community Transport

## How it began

Until the autumn of 1995 the valley had a commercial bus, the number 47 from Kelsworth, which ran twice a day.
The company withdrew it in October 1995 because it carried too few passengers to pay its way.
A public meeting in February 1996 agreed to start a community bus.

## The minibus

The first minibus was bought in May 1996 for £8,500.
"""


@pytest.mark.slow
def test_a_why_answer_that_gives_no_reason_brings_the_next_sentence_that_does(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "bus.md", BUS47)
    answer, quotes = _answered(assistant, "Why did the old number 47 bus service stop?")
    assert any("because it carried too few passengers" in q for q in quotes), quotes
    _verbatim(assistant, answer)


FARES = """# Dale Community Bus: Fares

An adult single costs £3.20 and a return £5.
Children aged 5 to 15 pay half the adult fare, and children under 5 travel free.
Children under 12 must travel with an adult.
Holders of a county bus pass travel free on both routes.
"""


def test_the_age_of_someone_the_user_speaks_of_is_no_number_the_documents_must_use():
    from assistant.reader.extractive import _asked_names

    assert _asked_names("is it cheaper for kids? my grandson is 7 and he'd be coming along with me")[0] == []
    assert _asked_names("My 13-year-old wants to join. Are the coaches checked?")[0] == []
    assert _asked_names("Did the 300 patients improve?")[0] == ["300"]


@pytest.mark.slow
def test_a_question_telling_the_age_of_the_asker_s_grandson_is_answered(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "fares.md", FARES)
    answer, quotes = _answered(assistant, "is it cheaper for kids? my grandson is 7 and he'd be coming along with me")
    assert any(q.startswith("Children aged 5 to 15 pay half") for q in quotes), quotes
    _verbatim(assistant, answer)


CHECKS = """# Looking after the heat pump

The heat pump needs little care, but a few checks keep it running well.

## Checks for the owner

Once a month, look at the pressure gauge on the indoor unit. When the system is cold it should read between
1.0 and 2.0 bar.

Once a month, look through the clear bowl of the strainer. If debris covers more than a third of the mesh, ask
your installer to clean it.

## Servicing

The installer services the heat pump once a year and checks the refrigerant circuit for leaks.
"""


@pytest.mark.slow
def test_words_that_only_say_how_a_question_is_put_do_not_make_it_a_paraphrase(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "care.md", CHECKS)
    answer, quotes = _answered(assistant, "what checks am i supposed to do myself as the owner")
    assert any("pressure gauge" in q or "strainer" in q for q in quotes), quotes
    _verbatim(assistant, answer)


def test_the_verb_of_a_compound_with_a_particle_says_nothing_of_what_is_asked():
    from assistant.reader.extractive import _phrasal_compound_terms

    assert _phrasal_compound_terms("How much is it for a grown-up to get in?") == {"grow"}
    assert _phrasal_compound_terms("Where is the drop-off point for the walk-in clinic?") == {"drop", "walk"}
    assert _phrasal_compound_terms("How does the anti-legionella cycle work?") == set()


SITES = """# Our sites

## Millbrook Primary School

The school roof is ours to use under a 25-year lease from the Westmere Schools Trust, which runs until 2042.

## Fernhollow Leisure Centre

The leisure centre array was paid for by a share offer and by a ten-year loan from the town council.
Its income goes first to repaying the town council's loan, which will be cleared in 2033.

## The backup heater

The backup heater is used only when the heat pump alone cannot meet demand.
"""


@pytest.mark.slow
def test_a_date_in_a_sentence_without_the_noun_asked_about_is_of_something_else(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "sites.md", SITES)
    # The loan's date is not the lease's, and the school's lease is not the leisure centre's.
    answer = assistant.ask("when does the lease on the leisure centre roof run out")
    assert answer.refused or not any("2033" in c.quote or "2042" in c.quote for c in answer.citations), answer.answer
    answer, quotes = _answered(assistant, "When does the lease on the school roof run out?")
    assert any("2042" in q for q in quotes), quotes
    _verbatim(assistant, answer)


BOARD = """# The board

Hester Quaile, the chair, is a retired electrical engineer. She has chaired the board since 2019 and looks after
our dealings with the roof owners.

Tomasz Greaves joined the board in 2021 as treasurer.

## Joining the co-op

Anyone over 16 who lives in the county can join the co-op by buying shares.
"""


@pytest.mark.slow
def test_when_a_named_subject_did_something_is_not_dated_by_another_of_her_events(tmp_path, real_embedder):
    from assistant.reader.extractive import _named_event

    assert _named_event("What year did Hester Quaile join the board?") == "join"
    assert _named_event("When did Harold Pyke become warden?") is None  # a light verb may be told otherwise
    assistant = _reader(tmp_path, real_embedder, "board.md", BOARD)
    answer = assistant.ask("What year did Hester Quaile join the board?")
    assert answer.refused or not any("2019" in c.quote for c in answer.citations), answer.answer
    answer, quotes = _answered(assistant, "What year did Tomasz Greaves join the board?")
    assert any("2021" in q for q in quotes), quotes
    _verbatim(assistant, answer)


def test_how_many_people_is_answered_by_a_count_of_people():
    from types import SimpleNamespace

    from assistant.reader.extractive import _PEOPLE, _counts

    def said(text):
        return _counts(SimpleNamespace(reading=text, previous=None, kind="sentence"), set(_PEOPLE))

    assert not said("It has 42 locks, one tunnel and four aqueducts.")
    assert said("The visitor centre welcomed 12,400 visitors in 2025.")
    assert said("The co-op is run by a board of seven directors, all of them unpaid.")
    assert said("The trust has about 1,100 members, of whom around 320 are active volunteers.")


# -- added in the twelfth session, from the on-topic traps of eval/datasets/dev-traps.jsonl ---------------------------
def test_a_month_or_a_name_a_question_gives_names_no_one():
    from assistant.reader.answer_types import has_answer_type

    nouns = frozenset({"Pellham", "Lock", "February", "Tuesday"})
    firm = analyse("Which firm is repairing Pellham Lock?")
    assert firm.answer_type == "name"
    assert not has_answer_type("Pellham Lock will be reopened by 27 February.", firm, nouns)
    assert not has_answer_type("The work on Pellham Lock stops every Tuesday.", firm, nouns)
    assert has_answer_type("Pellham Lock is being repaired by Arden Marine.", firm, nouns)
    # A firm, not the person or the place a sentence names: by a word for a firm, or as the one that did the deed asked.
    coach = analyse("Which coach company takes the pupils to Pellham?")
    assert not has_answer_type("The trip was started in 1990 by Mr Tom Hale, who took 20 pupils to Pellham Youth Hostel.", coach, nouns)
    assert has_answer_type("Hale Brothers of Pellham have run the coach since 2004.", coach, nouns)
    assert has_answer_type("The coach is run by Tarrant Travel, a family firm.", coach, nouns)


def test_a_name_after_the_or_a_place_word_is_no_person():
    from assistant.reader.answer_types import has_answer_type

    nouns = frozenset({"Esk", "Pellham", "Rowan", "Hale", "Corn", "Exchange", "Boat", "Club"})
    who = analyse("Who is the coach of the rowing club?")
    assert not has_answer_type("The rowing club met in the Pellham Corn Exchange in 1968.", who, nouns)
    assert not has_answer_type("Our boats race from the market town of Pellham to the weir.", who, nouns)
    assert has_answer_type("The rowing club's coach is Rowan Hale.", who, nouns)
    # The name of a person is no place: a boatbuilder "from the Esk valley" is not named.
    named = analyse("What is the name of the boatbuilder who repairs the hulls?")
    assert not has_answer_type("The hulls are repaired each winter by a boatbuilder from the Esk valley.", named, nouns)
    assert has_answer_type("The hulls are repaired each winter by a boatbuilder, Rowan Hale.", named, nouns)


def test_a_body_may_say_who_did_something_but_holds_no_role():
    from assistant.reader.answer_types import has_answer_type

    nouns = frozenset({"Pellham", "Rowing", "Club", "Rivers", "Sports", "Fund"})
    grant = "The new boats were paid for by a grant from the Rivers Sports Fund."
    assert has_answer_type(grant, analyse("Who paid for the new boats?"), nouns)
    assert not has_answer_type("The boats belong to the Pellham Rowing Club.", analyse("Who is the chair of the club?"), nouns)


def test_how_long_is_a_thing_asks_its_length_and_how_long_is_a_wait_a_time():
    from assistant.reader.answer_types import has_answer_type

    nouns = frozenset()
    boat = analyse("How long is the club's oldest boat?")
    assert not has_answer_type("The oldest boat was built about 130 years ago.", boat, nouns)
    assert has_answer_type("The oldest boat is 11 metres long.", boat, nouns)
    notice = analyse("How long is the notice period?")
    assert has_answer_type("Members must give three months' notice.", notice, nouns)


def test_what_the_subject_of_a_when_question_did_or_had_done_to_it():
    from assistant.reader.extractive import _kind_nouns, _named_event

    assert _named_event("When did the Rowan family open their boatyard?") == "open"
    assert _named_event("When was version 2.0 of the timing software released?") == "releas"
    assert _named_event("When was Pellham boathouse built?") == "build"
    assert _named_event("When did the club take over the boathouse?") is None  # a light verb may be told otherwise
    assert _kind_nouns("When was Pellham boathouse built?") == {"boathous"}
    assert _kind_nouns("When did Rowan Hale join the club?") == set()  # a verb follows the name
    assert _kind_nouns("When was Lady Margaret withdrawn?") == set()


def test_a_who_question_naming_a_role_needs_a_sentence_speaking_of_it():
    from types import SimpleNamespace

    from assistant.reader.answer_types import asked_roles
    from assistant.reader.extractive import _holds_role
    from assistant.text import content_terms

    roles = asked_roles("Who is the chair of the rowing club?")
    assert roles == {"chair"}
    assert asked_roles("Who are the people behind the club?") == set()
    assert asked_roles("Which engineer designed the lock?") == set(content_terms("engineers"))  # as a sentence's terms
    assert asked_roles("Who chairs the Fernley Allotment Society?") == roles  # who holds the chair
    # A noun for someone who does something, after "who is the": "the station master at Westerby".
    assert asked_roles("Who is the station master at Westerby?") == set(content_terms("master"))
    assert asked_roles("Who's the organist now?") == set(content_terms("organist"))
    assert asked_roles("Who is the other one?") == set()

    def holds(text):
        return _holds_role(SimpleNamespace(reading=text, terms=frozenset(content_terms(text)), context=frozenset()), roles)

    assert holds("Rowan Hale has chaired the club since 2019.")
    assert holds("The chairman, Rowan Hale, opened the boathouse.")
    assert not holds("Its coach is Rowan Hale, who rowed for the county.")


BOATHOUSE = """# Pellham Rowing Club

## The boathouse

The club's boathouse stands on the river below Pellham weir. It was built in 1923 by the boatbuilder Rowan Hale, who
also made the club's first four boats. The boathouse was repaired after the flood of 2007.

The oldest boat in regular use is a wooden four built in 1931 for the club itself, which was found stored in a barn
at Pellham in 1995 and restored by members. Visitors come by train: the boathouse is a short walk from the station.

## People

The club's coach is Imogen Tarrant, who rowed for the county for ten years. She trains the junior crews on Tuesday
and Thursday evenings. The club is run by a committee of volunteers, whose chair is elected each March.
"""


@pytest.mark.slow
def test_a_role_the_sentence_does_not_speak_of_and_a_kind_it_does_not_name_are_refused(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "club.md", BOATHOUSE)
    # The document names a coach and a boatbuilder, and speaks of a chair without naming one.
    answer = assistant.ask("Who is the chair of the club?")
    assert answer.refused, answer.answer
    answer, quotes = _answered(assistant, "Who is the club's coach?")
    assert any("Imogen Tarrant" in q for q in quotes), quotes
    _verbatim(assistant, answer)
    # A boat was built in 1931 and found at Pellham; when the station was built, it does not say.
    answer = assistant.ask("When was Pellham station built?")
    assert answer.refused or not any("1931" in c.quote or "1923" in c.quote for c in answer.citations), answer.answer


def test_a_question_that_capitalises_names_writes_its_other_words_in_lower_case():
    from assistant.reader.extractive import _named_words

    nouns = frozenset({"Ashcombe", "Moor", "Preservation"})
    asked = "On what date did the first train reach Ashcombe Moor after preservation?"
    assert _named_words(asked, nouns) == ["Ashcombe", "Moor"]
    assert _named_words("when did the first train reach ashcombe moor", nouns) == ["ashcombe", "moor"]


def test_a_verb_with_a_particle_and_how_much_money_are_ways_of_asking():
    from assistant.reader.extractive import _asking_terms, _phrasal_verb_terms

    assert _phrasal_verb_terms("How many people need to turn up for the meeting to go ahead?") == {"turn", "go", "ahead"}
    assert _phrasal_verb_terms("Who signed off on the review?") == {"sign"}
    assert _phrasal_verb_terms("What is at the back of the unit?") == set()
    assert "money" in _asking_terms("How much money was handed back to the customers?")
    assert "money" not in _asking_terms("Where is the money kept?")
    # "grant money": the grants are asked about, the money is how they are counted.
    asked = _asking_terms("How much grant money did the orchestra get in 2024?")
    assert "money" in asked and "grant" not in asked


def test_the_particle_verb_of_a_question_is_not_what_it_asks_about():
    from assistant.reader.extractive import ExtractiveGenerator
    from assistant.retrieval import KeywordIndex

    chunks = [
        "Turn left at the gate to reach the meeting hut.",
        "The annual meeting is held on the first Monday of May, and a quorum is 15 members.",
        "The committee meeting is held monthly, and the minutes of each meeting are pinned on the door.",
        "Plans for a second hut went ahead in 2020, after the annual meeting voted for it.",
        "The seed swap is held at the annual meeting.",
        "Members who need a key can ask at the annual meeting.",
    ]
    index = KeywordIndex([str(i) for i in range(len(chunks))], chunks, [{"source": "notes.md"}] * len(chunks))
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: index)  # key words need no model
    key, named = reader._key_terms(analyse("How many people need to turn up for the annual meeting to go ahead?"), index)
    assert not named and not key & {"turn", "ahead"}, key


def test_who_did_it_is_not_told_by_a_document_that_never_speaks_of_the_deed():
    from assistant.reader.extractive import _deed

    assert _deed("Who founded the boatyard?", set()) == "found"
    assert _deed("Who is the chair?", set()) is None
    assert _deed("Who made the first boats?", set()) is None  # a light verb may be told otherwise
    assert _deed("Who signed off on the review?", {"sign"}) is None  # "approved by" says it in a word of its own
    # "Which company ...?" asks who did it, too, by the kind of body that did.
    assert _deed("Which company installed the lift?", set()) == "instal"
    assert _deed("Which company is the export buyer?", set()) is None


def test_the_words_that_name_things_are_key_before_verbs_and_adverbs():
    from assistant.reader.extractive import ExtractiveGenerator, _verb_terms
    from assistant.retrieval import KeywordIndex

    assert _verb_terms("Who looks after the panels when they need fixing?") == {"look"}
    assert _verb_terms("What IP rating does the indoor unit have?") == set()  # "rating" is a noun
    chunks = [
        "Look at the meter each month and write down the reading.",
        "All maintenance is done by our contractor, who inspects the panels twice a year and cleans them each spring.",
        "The panels on the school roof were the first to be fitted.",
        "The panels on the barn were cleaned twice in 2025.",
        "Members who never attend a meeting still receive the newsletter.",
        "The panels produce most in June and the panels produce least in December.",
    ]
    index = KeywordIndex([str(i) for i in range(len(chunks))], chunks, [{"source": "faq.md"}] * len(chunks))
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: index)
    key, _ = reader._key_terms(analyse("Who looks after the panels on the barn when they never work?"), index)
    assert key == {"panel", "barn"}, key


LINTER = """# Linty

Linty checks Python code for common mistakes and reports each one with its line number.

## Installing

Linty needs Python 3.10 or later. Install it from the package index with this command:

```terminal
# the user's own environment is enough
pip install linty
```

## Silencing a check

Each check has a short name such as `unused-import`. To silence one check for a whole project, run

```terminal
linty --disable unused-import
```

A check can also be silenced on one line with a comment that names it.
"""

LINTER_HTML = (
    "<html><head><title>Linty</title></head><body><h1>Linty</h1><h2>Configuration</h2>"
    "<p>Settings are read from <code>linty.toml</code> in the project folder.</p>"
    "<pre># a comment, not a heading\nmax-line-length = 100</pre>"
    "<p>The maximum line length is 100 characters unless the settings file says otherwise.</p></body></html>"
)


@pytest.mark.slow
def test_a_sentence_that_leads_in_to_a_command_is_answered_with_the_command(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "linty.md", LINTER)
    answer, quotes = _answered(assistant, "How do I install Linty?")
    assert "# the user's own environment is enough\npip install linty" in quotes, quotes
    assert "\n# the user's own environment is enough\npip install linty [" in answer.answer, answer.answer  # shown line by line
    assert next(c for c in answer.citations if "pip install" in c.quote).section == "Linty > Installing"
    _verbatim(assistant, answer)
    text = assistant.store.document_text(answer.citations[0].source)
    assert all(whole_sentence(text, c.start, c.end) for c in answer.citations)
    # A paragraph ending without a stop before its command is completed by it.
    answer, quotes = _answered(assistant, "How can I silence one check for the whole project?")
    assert "linty --disable unused-import" in quotes, quotes
    assert all(whole_sentence(text, c.start, c.end) for c in answer.citations)


@pytest.mark.slow
def test_preformatted_html_is_code_its_comments_no_headings(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "linty.html", LINTER_HTML)
    answer, quotes = _answered(assistant, "Which file are the settings read from?")
    cited = next(c for c in answer.citations if "linty.toml" in c.quote)
    assert cited.section == "Linty > Configuration"  # not "a comment, not a heading"
    assert not any(q.startswith("max-line-length") for q in quotes)  # code is quoted only after its lead-in
    _verbatim(assistant, answer)


SECURITY = """# Security

## Reporting a bug

Report bugs in the server through the tracker. Normally, your report will be acknowledged within 5 days,
and you will receive a fuller response within 10 days.

## Third-party plugins

Bugs in third-party plugins should be reported to their maintainers.

## Releases

A fixed release is published 72 hours after the security advisory.
"""


@pytest.mark.slow
def test_the_document_s_title_says_what_every_sentence_of_it_is_about(tmp_path, real_embedder):
    # "security" is the title's word, not the sentence's: the sentence is still about security reports.
    assistant = _reader(tmp_path, real_embedder, "security.md", SECURITY)
    answer, quotes = _answered(assistant, "How long does it take to acknowledge a security report?")
    assert any("within 5 days" in q for q in quotes), quotes
    _verbatim(assistant, answer)
    answer, quotes = _answered(assistant, "Where should I report a security bug in a third-party plugin?")
    assert any("reported to their maintainers" in q for q in quotes), quotes


def test_a_runner_up_that_leads_in_to_a_command_comes_with_its_command():
    from langchain_core.documents import Document

    text = (
        "# Linty\n\nLinty is installed with the package manager of your system.\n\nOn other systems, run the following "
        "command:\n\n```\npip install linty\n```\n\nThen check the version.\n"
    )
    reader = ExtractiveGenerator(embedder=None, index_provider=lambda: None, documents=lambda source: text)
    candidates = reader.candidates([Document(page_content=text, metadata={"source": "a.md", "start": 0})])
    manager, lead, then = candidates  # the code block is no candidate of its own
    assert lead.code is not None and lead.code.text == "pip install linty" and "linti" in lead.terms
    assert manager.code is None and then.code is None  # a sentence that ends with a stop leads in to nothing
    for c, probability in ((manager, 0.9), (lead, 0.85), (then, 0.1)):
        c.probability, c.embedded = probability, True
    chosen = reader._compose(manager, candidates, analyse("How is Linty installed?"), candidates)
    assert [c.text for c in chosen] == [manager.text, lead.text, "pip install linty"]

# -- added in the sixteenth session, from eval/datasets/dev-bridges.jsonl and dev-clocks.jsonl ------------------------
TRAMWAYS = """Tramways of Portlow and Ashby
=============================

The Lines

Line           Town     Opened   Length   Notes                 Stops
Harbour Line   Portlow  1891     6 km     First electric cars   12
Hill Line      Ashby    1902     4 km     Cable-hauled          7

Harbour Line trams were the first in the region to be driven by electricity.
On weekdays it kept 14 of its cars in service.

The Ashby depot opened in 1903, but the Portlow depot, built by a rival
company, had opened a year earlier with a floor area of 900 square metres.

Thomas Gedge, a railway contractor from the north, built the Kellow Viaduct
for the Hill Line, which was opened by the mayor in 1899 with a span of 120
metres.

Inspections

Every spring the inspectors look in particular for:

* worn rails on the curves;
* cracked poles along the overhead line;
* loose bolts in the car bodies.

The inspectors grade each rail in four stages, from stage 1, where it is only
polished, to stage 4, where more than 30 per cent of its head has worn away.
They write their report for the town council in May, and the repairs are paid
for out of the fares.

People

Professor Edith Marr of the University of Portlow filmed the last run of the
Hill Line in 1961. Car 9 of the Hill Line, built by Jacob Brill in Philadelphia
in 1902, was the line's oldest car and the last to be withdrawn. Its drivers
nicknamed it Old Rattler.
"""


@pytest.mark.slow
def test_figures_and_names_belong_to_what_they_stand_beside(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "tramways.txt", TRAMWAYS)
    # A row's "First electric cars" cell counts no cars; the sentence's "14 cars" does.
    answer, quotes = _answered(assistant, "How many cars did the Harbour Line keep in service?")
    assert any("14 of its cars" in q for q in quotes), quotes
    _verbatim(assistant, answer)
    # The floor area after "but" is the Portlow depot's, not Ashby's.
    answer = assistant.ask("What is the floor area of the Ashby depot?")
    assert answer.refused, answer.answer
    answer, quotes = _answered(assistant, "What is the floor area of the Portlow depot?")
    assert any("900 square metres" in q for q in quotes), quotes
    # "a span of 120 metres" stands far from the viaduct's name, beside the measure's own noun.
    answer, quotes = _answered(assistant, "What was the span of the Kellow Viaduct?")
    assert any("span of 120" in q for q in quotes), quotes
    # A professor "of the University of Portlow" is a person, not a university.
    answer, quotes = _answered(assistant, "Who filmed the last run of the Hill Line?")
    assert any("Edith Marr" in q for q in quotes), quotes
    # A question put as a noun phrase asks for a date.
    answer, quotes = _answered(assistant, "year the Ashby depot opened")
    assert any("1903" in q for q in quotes), quotes


@pytest.mark.slow
def test_a_lead_in_that_says_the_question_back_answers_with_its_items(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "tramways.txt", TRAMWAYS)
    answer, quotes = _answered(assistant, "what do the inspectors look for every spring")
    assert any("worn rails" in q for q in quotes) and any("loose bolts" in q for q in quotes), quotes
    _verbatim(assistant, answer)


def test_questions_put_as_noun_phrases_and_nicknames_ask_for_their_kind_of_fact():
    assert analyse("year the lower deck was added to the bridge").answer_type == "date"
    assert analyse("Date of the first crossing?").answer_type == "date"
    assert analyse("year 2 pupils: what do they learn?").answer_type is None
    nickname = analyse("What nickname was the bridge given?")
    assert (nickname.answer_type, nickname.focus) == ("name", "nickname")
    assert analyse("What is the main span of the Humber Bridge?").answer_type == "measure"


def test_a_person_s_name_ends_where_his_employer_s_begins():
    from assistant.reader.answer_types import has_answer_type

    who = analyse("Who filmed the collapse?")
    nouns = frozenset({"Professor", "Frederick", "Farquharson", "University", "Washington", "Bank", "England"})
    assert has_answer_type("Professor Frederick Farquharson of the University of Washington filmed much of it.", who, nouns)
    assert not has_answer_type("A loan from the Bank of England paid for the film.", analyse("Who is the chair?"), nouns)


def test_a_figure_in_a_clause_about_another_named_thing_is_not_the_asked_one_s():
    from assistant.reader.extractive import _told_of_another

    nouns = frozenset({"Great", "Belt", "East", "Bridge", "Denmark", "Akashi", "Kaikyo", "Kobe", "Humber"})
    span = analyse("What is the main span of the Great Belt East Bridge?")
    key = {"great", "belt"}
    sentence = (
        "The Great Belt East Bridge in Denmark opened in June 1998, but the Akashi Kaikyo Bridge, linking Awaji to Kobe, "
        "had opened two months earlier with a main span of 1,991 metres."
    )
    assert _told_of_another(sentence, span, key, nouns)
    assert not _told_of_another("The Great Belt East Bridge opened in 1998 with a main span of 1,624 metres.", span, key, nouns)
    # The asked name in the clause that gives the figure: it is its own.
    assert not _told_of_another(
        "The Humber Bridge opened in 1981, but the Great Belt East Bridge, with a main span of 1,624 metres, opened in 1998.",
        span, key, nouns,
    )


def test_a_row_s_figures_count_what_its_header_or_first_cell_names():
    from types import SimpleNamespace

    from assistant.reader.extractive import _counts
    from assistant.text import content_terms

    def row(text, header):
        return SimpleNamespace(kind="row", text=text, reading=" ".join(text.split()), terms=frozenset(content_terms(f"{text} {header}")), previous=header)

    bakes = row("| Butter croissant | Rack | 90 | 150 |", "Item Oven Weekday Saturday")
    assert _counts(bakes, {"croissant"})  # the row's own name: its figures count croissants
    assert _counts(bakes, {"saturday"}) and not _counts(bakes, {"rack"})
    lines = row("Harbour Line   Portlow  1891   First electric cars   12", "Line Town Opened Notes Stops")
    assert _counts(lines, {"stop"}) and not _counts(lines, {"car"})  # a note's word counts nothing


def test_the_words_that_ask_how_it_works_and_the_subject_after_does_are_no_verbs_of_the_question():
    from assistant.reader.extractive import _asking_terms, _verb_terms

    assert _verb_terms("How does dehumidification of a cable work?") == set()
    assert _verb_terms("Who looks after the hut?") == {"look"}
    assert _verb_terms("Where do I go to report it?") == {"report"}
    assert "work" in _asking_terms("How does dehumidification of a cable work?")
    assert "work" not in _asking_terms("How much work does the volunteer team do?")


ENGINEERS = """# Two engineers of Calder Mill

Mary Aldous, a mill engineer from Leeds, invented the self-oiling bearing in 1851. It let the mill's shafts run for
weeks without attention.

Aldous also invented a governor for steam engines in 1858, which held their speed steady under changing loads.

Peter Crane, her partner, designed the firm's new foundry in 1860. The foundry cast bells and cogwheels for mills
across the county.

Crane also ran the town's fire brigade for twenty years. Joseph Hind, the mill's manager, designed its chimney in
1865.
"""


def _said(question: str, quote: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": f'The document says: "{quote}"'}]


def _quotes_for(assistant: Assistant, follow_up: str, question: str, quote: str) -> tuple[Answer, list[str]]:
    """A follow-up asked after an answer that quoted `quote` for `question`: the answer and its quotes."""
    answer = assistant.ask(follow_up, _said(question, quote))
    return answer, [c.quote for c in answer.citations]


@pytest.mark.slow
def test_what_else_is_not_what_the_last_answer_told(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "engineers.md", ENGINEERS)
    told = "Mary Aldous, a mill engineer from Leeds, invented the self-oiling bearing in 1851."
    answer = assistant.ask("What else did she invent?", history=_said("Who invented the self-oiling bearing?", told))
    assert not answer.refused and any("governor" in c.quote for c in answer.citations), answer.answer
    assert not any("self-oiling" in c.quote for c in answer.citations), answer.answer
    told = "Peter Crane, her partner, designed the firm's new foundry in 1860."
    answer = assistant.ask("What else did he design?", history=_said("Who designed the foundry?", told))
    assert answer.refused, answer.answer  # no other design of his: he ran the brigade, and Hind designed the chimney
    answer = assistant.ask("What else did he do?", history=_said("Who designed the foundry?", told))
    assert not answer.refused and any("fire brigade" in c.quote for c in answer.citations), answer.answer


def test_a_question_asking_for_something_else_carries_what_the_last_answer_told():
    from assistant.reader.questions import told_before

    history = _said("Who invented the bearing?", "Mary Aldous invented the self-oiling bearing in 1851.")
    assert told_before("What else did she invent?", history) == "Mary Aldous invented the self-oiling bearing in 1851."
    assert told_before("When did she invent it?", history) == ""
    assert told_before("What else did she invent?", []) == ""


FARMS = """# Farms of the Swale valley

## Hollin and Marrick

Hollin Farm lies on the ridge above the river, where the wind keeps the grass short. The farm keeps 300 sheep and
sells its wool to the mill at Reeth.

Marrick Farm stands on the valley floor beside the ford. It was founded in 1790 by the Swale Company. Its fields
flood most winters, so its cattle are kept indoors from November to March.
"""


@pytest.mark.slow
def test_a_heading_naming_two_things_binds_a_sentence_to_the_one_its_paragraph_speaks_of(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "farms.md", FARMS)
    answer, quotes = _answered(assistant, "Who founded Marrick Farm?")
    assert any("Swale Company" in q for q in quotes), quotes
    answer = assistant.ask("Who founded Hollin Farm?")
    assert answer.refused, answer.answer  # "It was founded ..." is Marrick's, under "Hollin and Marrick"


def test_the_part_of_a_two_part_heading_a_sentence_is_about():
    from assistant.reader.extractive import _heading_said
    from assistant.reader.segment import segment
    from assistant.text import content_terms

    heading = "Linotype and Monotype"
    assert _heading_said(heading, frozenset(content_terms("The Monotype cast single letters.")), ()) == frozenset(content_terms("Monotype"))
    before = tuple(segment("The Linotype was invented by Ottmar Mergenthaler."))
    assert _heading_said(heading, frozenset(content_terms("One operator set as much type as six.")), before) == frozenset(content_terms("Linotype"))
    assert _heading_said(heading, frozenset(content_terms("Both machines cast hot metal.")), ()) == frozenset(content_terms(heading))


GAZETTES = """Newspapers of Portlow
=====================

The Portlow Gazette was printed in the old corn hall from 1891 until it closed. Its presses were sold to a printer in
Leeds.

The Ashby Herald, its rival across the river, closed down in 1962 after its owner retired.
"""


@pytest.mark.slow
def test_an_event_told_only_where_a_span_ends_is_not_dated_by_the_span_s_start(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "gazettes.txt", GAZETTES)
    answer = assistant.ask("In what year did the Portlow Gazette close down?")
    assert answer.refused, answer.answer  # "from 1891 until it closed": 1891 is when the printing began
    answer, quotes = _answered(assistant, "When did the Ashby Herald close down?")
    assert any("1962" in q for q in quotes), quotes


def test_until_and_a_particle_after_the_event_verb():
    from assistant.reader.extractive import _dated_until, _named_event

    assert _named_event("In what year did the Portlow Gazette close down?") == "close"
    when = analyse("When did the mill close?")
    assert _dated_until("The mill ground corn from 1742 until it closed.", "close", when)
    assert not _dated_until("The mill ground corn from 1742 until it closed in 1931.", "close", when)
    assert not _dated_until("The mill closed in 1931, until then it had ground corn.", "close", when)


DEPOTS = """Tram depots
===========

The tramway company built four depots in all. Three of them are still standing:

Depot       Town      Opened   Cars
Quay Road   Portlow   1891     14
Hill Top    Ashby     1902     7
Mill Lane   Ashby     1904     5

The fourth, at Fenwick, burned down in 1931.
"""


@pytest.mark.slow
def test_a_lead_in_before_a_table_comes_with_its_rows(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "depots.txt", DEPOTS)
    for question in ("Which depots are still standing?", "Which depots are still standing, and when did the fourth burn down?"):
        answer, quotes = _answered(assistant, question)
        assert any("Quay Road" in q for q in quotes) and any("Mill Lane" in q for q in quotes), (question, quotes)
        _verbatim(assistant, answer)


def test_a_pronoun_is_read_as_the_name_its_paragraph_gave_last():
    text = (
        "The trust bought the Kestrel for £900 in 1975, making her its first boat. Her boiler was replaced in 2011.\n"
        "Because she is quick and quiet, she is the launch most often hired for weddings.\n\n"
        "It opens the paragraph and names nothing before it. The Heron carries sixty people; it runs on Sundays.\n"
    )
    every = segment(text)
    read = {s.reading: resolved_reading(s, [t for t in every[:i] if t.block == s.block]) for i, s in enumerate(every)}
    assert read["Her boiler was replaced in 2011."] == "Kestrel's boiler was replaced in 2011."
    assert read["Because she is quick and quiet, she is the launch most often hired for weddings."] == (
        "Because Kestrel is quick and quiet, Kestrel is the launch most often hired for weddings."
    )
    assert read["The trust bought the Kestrel for £900 in 1975, making her its first boat."] is None  # it names its own
    assert read["It opens the paragraph and names nothing before it."] is None  # nothing before it to point back to
    assert read["The Heron carries sixty people; it runs on Sundays."] is None
    assert "Because Kestrel is quick and quiet, Kestrel is the launch most often hired for weddings." in embedding_texts(text)


@pytest.mark.parametrize(
    ("text", "sentence", "resolved"),
    [
        # "it" stands for the name the sentence before opens with, when that names a thing ...
        ("Fenwick Drove Mill stands by a drain. It drove a scoop wheel until 1880.", "It drove a scoop wheel until 1880.",
         "Fenwick Drove Mill drove a scoop wheel until 1880."),
        ("Marden Lock is the deepest. It was rebuilt in 2004 on the Severn pattern. Its gates are oak.", "Its gates are oak.",
         "Marden Lock's gates are oak."),
        # ... not for a person's name, nor for a name the sentence before only mentions, nor when it stands for nothing
        ("Thomas Telford designed the bridge. It opened in 1826.", "It opened in 1826.", None),
        ("The lock was rebuilt by Ann Hale. It cost £4,000.", "It cost £4,000.", None),
        ("Marden Lock is the deepest. It is likely that it leaks.", "It is likely that it leaks.", "It is likely that Marden Lock leaks."),
        # a sentence that opens with a place is not about the place
        ("In England, the clock at Salisbury strikes. It has no dial.", "It has no dial.", None),
        # "they" mostly stands for plural nouns
        ("Quarry Field has two sheds. They are locked at night.", "They are locked at night.", None),
        # "his" stands for the person, "her" before a noun is whose
        ("Ann Hale became warden in 2009. Her husband and his dog help her on Sundays.", "Her husband and his dog help her on Sundays.",
         "Ann Hale's husband and Ann Hale's dog help Ann Hale on Sundays."),
    ],
)
def test_which_pronouns_are_read_as_a_name(text, sentence, resolved):
    every = segment(text)
    i = next(i for i, s in enumerate(every) if s.reading == sentence)
    assert resolved_reading(every[i], [t for t in every[:i] if t.block == every[i].block]) == resolved


LAUNCHES = """# Boats of the Orrin Lake Steam Trust

The Kestrel is a steam launch built in 1902 for a timber merchant on Lake Orrin.
The trust bought her in 1975, when she was lying half sunk at a boatyard in
Pellow. Her boiler was replaced in 2011 at a cost of £48,000. Because she is
quick and quiet, she is the boat most often hired for weddings and evening
cruises.

The Heron is a larger passenger launch, built in 1911 for the lake's ferry
company. She carries up to sixty people and runs the scheduled trips around the
lake on summer weekends. Her saloon was rebuilt by volunteers in 1998.

The Dipper, the smallest of the three, was built in 1920 as a fishing tender. She
is kept in the boathouse at Pellow and steamed only on the trust's open day.
"""


@pytest.mark.slow
def test_a_sentence_that_speaks_of_the_boat_as_she_answers_what_it_is_used_for(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "boats.md", LAUNCHES)
    answer, quotes = _answered(assistant, "What is the Kestrel mostly used for these days?")
    assert any("most often hired for weddings" in q for q in quotes), quotes
    _verbatim(assistant, answer)


CHEESE = """# How Wensley cheese is made

## Pressing and salting

The curd is packed into moulds and pressed overnight under a weight of about
200 kilograms. The next morning the young cheeses are turned out and floated in
brine for two days.

## Ripening

The cheeses ripen for three to nine months on pine shelves in a cellar kept at
11 degrees Celsius, and each is turned by hand once a week. After ripening, the
cheeses are tasted and sorted by the age of their rind into classes. The
classes are:

- Young, ripened for three months, mild and soft.
- Mature, ripened for six months, with a firmer texture.
- Vintage, ripened for nine months, crumbly and sharp.
"""


@pytest.mark.slow
def test_an_answer_handing_over_to_a_lead_in_brings_its_list(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "cheese.md", CHEESE)
    answer, quotes = _answered(assistant, "What classes are the cheeses sorted into after ripening?")
    assert any(q.startswith("Young, ripened for three months") for q in quotes), quotes
    assert any(q.startswith("Vintage, ripened for nine months") for q in quotes), quotes
    _verbatim(assistant, answer)


OPEN_DAYS = """# Mills Trust: the 2025 season

## Visitors

The trust opened its three mills to the public on four days in 2025. The table below
gives the audience at each open day and the number of guided tours given. The
difference between the two is made up of visitors who walked round on their own.

| Date | Mill | Programme | Audience | Guided tours |
| --- | --- | --- | --- | --- |
| Saturday 12 April 2025 | Hollin Mill | Milling demonstration and bread baking | 410 | 38 |
| Sunday 15 June 2025 | Brackley Windmill | Sails turning, children's trail and a brass band | 655 | 51 |
| Saturday 9 August 2025 | Hollin Mill | Harvest fair with craft stalls | 720 | 64 |

## Volunteers

The mills are run by 46 volunteers, who gave 5,300 hours of work in 2025.
"""


@pytest.mark.slow
def test_a_row_is_about_what_the_sentence_introducing_its_table_says_it_gives(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "mills.md", OPEN_DAYS)
    answer, quotes = _answered(assistant, "How many people came to the June open day at Brackley Windmill?")
    assert any(q.startswith("Sunday 15 June 2025") for q in quotes), quotes
    _verbatim(assistant, answer)


def test_an_audience_or_a_turnout_is_a_count_of_people():
    from assistant.reader.extractive import _PEOPLE, _counts

    def said(text: str) -> Candidate:
        return Candidate(0, 0, len(text), text, text, "prose", None, 0)

    assert _counts(said("An audience of 214 heard the concert."), set(_PEOPLE))
    assert _counts(said("Turnout was 3,100 on the day."), set(_PEOPLE))
    assert not _counts(said("The concert lasted 95 minutes."), set(_PEOPLE))


WOODLAND = """# Hollow Wood Trust: annual report 2025

## Volunteers

The trust had 540 registered volunteers at the end of the year, and together they
gave 18,200 hours of work. Volunteer days were
held every Saturday and on the first Wednesday of each month, and our volunteers
planted 4,000 trees, cleared 2 kilometres of ditches and rebuilt the bird hide.

New volunteers are trained by the volunteer coordinator, Ruth Okoro, and every
volunteer is insured by the trust while working in the wood.
"""

TRAMWAY = """# Fellside Heritage Tramway: a visitor's guide

## The trust

The tramway is owned by the Fellside Tramway Trust, a charity founded in 1968. The
trust has about 900 members, of whom around 150 are active volunteers. They drive
and conduct the trams, staff the depot shop and maintain the track.

## Trams

The oldest tram in service was built in 1903 for the Blackmere Corporation.
"""


@pytest.mark.slow
def test_a_document_ranks_as_high_as_its_closest_sentence_puts_it(tmp_path, real_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "woodland.md").write_text(WOODLAND, encoding="utf-8")
    (corpus / "tramway.md").write_text(TRAMWAY, encoding="utf-8")
    assistant = Assistant(settings_for(tmp_path), embedder=real_embedder)
    assistant.ingest()
    # The woodland report, which speaks of volunteers throughout, is retrieved first.
    assert assistant.retriever.invoke("How many active volunteers does the trust have?")[0].metadata["source"].endswith("woodland.md")
    answer, quotes = _answered(assistant, "How many active volunteers does the trust have?")
    assert any("around 150 are active volunteers" in q for q in quotes), quotes


GUILD = """# The Orrin Valley Weavers' Guild

## History

The guild was founded on 3 March 1952 in the back room of the Swan Inn at Orrin by
Margaret Foyle, a mill overlocker, and eleven other weavers. The founders wanted to
share the cost of two looms, so that members who had lost their mill jobs could
still weave at home. The guild moved to the old school at Kelby in 1968.

## Today

Today the guild has about 140 members and meets on the first Thursday of the month.
"""


@pytest.mark.slow
def test_a_follow_up_asking_what_for_is_not_answered_with_the_sentence_just_quoted(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "guild.md", GUILD)
    first = assistant.ask("Who started the guild?")
    told = first.citations[0].quote
    assert told.startswith("The guild was founded on 3 March 1952"), told
    for question in ("Why did she and the others start it?", "What were she and the others hoping to achieve?"):
        answer = assistant.ask(question, history=_said("Who started the guild?", told))
        # Another sentence, or the documents don't say: the founding again tells nothing more.
        assert answer.refused or answer.citations[0].quote.startswith("The founders wanted to"), answer.answer
    # A date the quoted sentence holds is still its answer.
    again = assistant.ask("When was that?", history=_said("Who started the guild?", told))
    assert any("3 March 1952" in c.quote for c in again.citations), again.answer


CRANES = """# Harbour Cranes of the Orrin Estuary

## Early cranes

Treadwheel cranes were worked by men walking inside a large wooden wheel. They were slow, and
a heavy load needed a whole gang.

## Ellis Varley and his steam crane

Ellis Varley built his first steam crane at Gorran in 1851, after ten years as a millwright.
Varley sold more than two hundred cranes to ports on the east coast.

### Driving the crane

A good driver could lift about 30 to 40 loads an hour, and the fastest could manage 50.

## Harker and Dunmore cranes

### On the quay

The Harker crane was built in Leeds from 1870 and worked by hydraulic pressure from the town mains.
One driver could do the work of eight dock labourers, but a burst pipe stopped all work on the quay.

The Dunmore crane, built at Pellow from 1874, carried its own boiler and was preferred on small
quays with no mains. Dunmore and Harker cranes often worked side by side at Gorran.
"""


@pytest.mark.slow
def test_a_heading_naming_one_thing_binds_its_sentences_to_it_one_naming_two_does_not(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "cranes.md", CRANES)
    # The sentence does not name Varley; the section it stands under is about him and his crane.
    answer, quotes = _answered(assistant, "How many loads an hour could a good Varley crane driver lift?")
    assert quotes[0].startswith("A good driver could lift about 30 to 40 loads"), quotes
    _verbatim(assistant, answer)
    # A heading naming two cranes does not say which one a sentence under it is about: the figure is the Harker's.
    refused = assistant.ask("How many dock labourers could one Dunmore driver replace?")
    assert refused.refused, refused.answer


FOUNDRY = """# The Ashby Foundry

## Beginnings

The foundry was started in 1822 by Hannah Pollitt, a brassfounder from Wigan, with money lent by her brother.
Its first workshop stood beside the Ashby brook, which turned a small wheel for the lathes.

In 1830 the first Pollitt engine was sold to the Leigh mill, which ran it for forty years.

## The Marrows

The foundry's first steam crane was built in 1841 by John Marrow.
His son, Edwin Marrow, took charge in 1860 and moved the works to the canal.

The Marrow works closed in 1902, the year Marrow retired.
"""


@pytest.mark.slow
def test_a_person_named_in_full_is_found_by_surname_unless_another_shares_it(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "foundry.md", FOUNDRY)
    question = "Which mill bought Hannah Pollitt's first engine?"
    _answered(assistant, question)
    # The sentence the reader thinks answers is the one about the engine, though only the one before names her in full.
    best = _best_sentence(assistant, question)
    assert best.text.startswith("In 1830 the first Pollitt engine"), best.text


def test_a_given_name_is_left_out_of_the_key_words_only_when_no_one_else_has_the_surname():
    names = frozenset({"Hannah", "Pollitt", "John", "Edwin", "Marrow"})
    # Two Marrows: "Marrow" alone does not say which one.
    assert _by_surname("When did John Marrow take charge?", {"john", "marrow"}, [FOUNDRY], names) == {"john", "marrow"}
    assert _by_surname("Which mill bought Hannah Pollitt's first engine?", {"hannah", "pollitt"}, [FOUNDRY], names) == {"pollitt"}
    # A name of a place or a thing is no person's: the bridge is not "Bridge".
    assert _by_surname("When did Kelby Bridge open?", {"kelbi", "bridg"}, [FOUNDRY], names | {"Kelby", "Bridge"}) == {"kelbi", "bridg"}


BOATS = """# The Orrin Lake Launches

The steam launch Heron, known on the lake as the old lady, was bought in 1975 for £900 with a gift from the parish.
A trip on a launch is booked at £6 a seat, because coal costs more than the diesel the Heron's rival burns.
The trust's volunteers clean the boiler every winter.
"""


@pytest.mark.slow
def test_a_question_asking_only_a_sum_is_answered_by_a_sum_told_in_other_words(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "launches.md", BOATS)
    # "cost" is how the question asks for a sum; "bought ... for £900" gives it without the word.
    answer, quotes = _answered(assistant, "How much did the Heron cost?")
    assert any("£900" in q for q in quotes), quotes


RIDGE = """# Ridge Hut: Guest Notes

## Prices

A bunk costs €24 for members and €40 for others, and dinner costs an extra €30 because food comes up by cable car.
Pay a deposit of €15 per person within a week; otherwise the booking lapses.
Sheet liners can be bought from the warden for €6.

## House rules

Dogs are not allowed inside the hut, except guide dogs.
Quiet hours run from 10 pm to 6 am, so that climbers who leave before dawn can sleep.
Camping is not allowed within 300 metres of the hut.
"""


@pytest.mark.slow
def test_a_sentence_far_from_the_question_gives_way_to_a_much_closer_one_the_model_thinks_nearly_as_well_of(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "ridge.md", RIDGE)
    question = "can i bring my pooch into the hut"
    _answered(assistant, question)
    # The camping rule is about the hut too, but far from the question; the rule about dogs is much closer to it.
    best = _best_sentence(assistant, question)
    assert best.text.startswith("Dogs are not allowed"), best.text


SHARE = """# Brookford Bike Share: Rules for Riders

## Joining

Anyone aged 16 or over can join the bike share with the app or a key card.
Each account may hire one bike at a time.

## Charges

A bike not returned within 24 hours: the account is suspended, and a charge of £900 is made if it is not found.
A trip ended outside a parking zone costs a £25 fee, because a member of staff has to fetch the bike.

## Cargo bikes

Each cargo bike comes with two children's helmets in its box, and any child carried in the box must wear a helmet.
Cargo bikes are kept at the station and cost £4 an hour.

## Tips

Bring a lock of your own if you plan to stop along the way.
"""


@pytest.mark.slow
def test_a_best_sentence_holding_little_of_the_question_gives_way_to_the_closest_in_meaning(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "share.md", SHARE)
    question = "Can a toddler come along on one of the bikes?"
    # The charge for a lost bike shares only "bike" with the question; the sentence about children on cargo bikes is
    # much closer to it in meaning. (Asked from the asker's own case, "Can I bring my toddler ...?", the finding cue
    # of "a charge of £900" no longer lifts the charge to the model's best, and the closest sentence is reached as a
    # question in other words, beside runners-up: keeping those out there too cost 46 development answers.)
    best = _best_sentence(assistant, question)
    assert best.text.startswith("Each cargo bike comes with two children's helmets"), best.text
    _, quotes = _answered(assistant, question)
    assert any(q.startswith("Each cargo bike") for q in quotes), quotes
    # What gave way does not come back beside it.
    assert not any(q.startswith("A bike not returned") for q in quotes), quotes


STAFF = """# Hollin Baths: Who's Who

Marcus Oyelaran joined the baths as centre manager in 2021, after ten years at a leisure trust.
The head of swimming is Hannah Brightwell, who taught lessons at the old baths from 2009 and has led the swimming programme since 2017.
The café is run by Dev Patel, who opened it in 2019.
"""


@pytest.mark.slow
def test_a_date_of_taking_a_role_is_not_the_date_of_another_role(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "staff.md", STAFF)
    answer, quotes = _answered(assistant, "In what year did Marcus Oyelaran take over as centre manager?")
    assert any("2021" in q for q in quotes), quotes
    # She leads the swimming programme; the document never says she became centre manager.
    refused = assistant.ask("In what year did Hannah Brightwell take over as centre manager?")
    assert refused.refused, refused.answer


def test_a_which_question_among_things_the_corpus_never_names_is_about_nothing_it_says():
    from assistant.reader.extractive import _unknown_which
    from assistant.retrieval import KeywordIndex

    texts = ["Joan Petrie learned to swim in the old baths in 1948 and later swam for Great Britain."]
    index = KeywordIndex(["a::0"], texts, [{"source": "a.md"}])
    assert _unknown_which("Which Olympic Games did Joan Petrie swim in?", index)
    assert not _unknown_which("Which Great Britain team did Joan Petrie swim for?", index)  # named in the corpus
    assert not _unknown_which("which baths did she learn in?", index)  # no name: a kind of thing the corpus may word otherwise


LIGHTSHIPS = """# Lightships of the North Sea

## Two services

In the United Kingdom, Trinity House took over the last privately owned lightships in 1836 and painted them red.
In the Netherlands, the state pilotage service moored its first lightship off Terschelling in 1855.
Both services moved their crews ashore in the 1980s, when the ships were made automatic.

## Life on board

A crew of seven lived on each ship for a month at a time, keeping the lamp lit and the foghorn sounding.
British and Dutch lightships were built to the same pattern, with a lantern on a single mast.
"""


@pytest.mark.slow
def test_a_country_is_named_by_its_people_as_by_its_name(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "lightships.md", LIGHTSHIPS)
    # "British" is the United Kingdom's, "Dutch" and "Holland" the Netherlands' (names the document uses, so the
    # question's key words).
    answer, quotes = _answered(assistant, "When did the British service take over the private lightships?")
    assert "1836" in quotes[0], answer.answer
    answer, quotes = _answered(assistant, "In what year was the first Dutch lightship moored?")
    assert "1855" in quotes[0], answer.answer
    answer, quotes = _answered(assistant, "When did Holland moor its first lightship?")
    assert "1855" in quotes[0], answer.answer
    # A country the document never names is still not one it speaks of.
    assert assistant.ask("When did the Danish service moor its first lightship?").refused


def test_country_terms_name_each_country_in_every_form():
    from assistant.text import content_terms, country_terms

    assert set(content_terms("British")) <= country_terms("In the United Kingdom, Trinity House ...")
    assert set(content_terms("Holland")) <= country_terms("the Netherlands") and set(content_terms("Dutch")) <= country_terms("Holland")
    assert country_terms("Tell us about it") == frozenset()  # "us" is no country
    assert country_terms("the polish on the brass") == frozenset()


def test_a_country_is_unknown_only_when_no_name_of_it_is():
    from assistant.text import unknown_country

    corpus = {"unit", "kingdom", "netherland"}.__contains__
    assert not unknown_country("a book published in the UK", corpus)  # "United Kingdom": both its words are known
    assert not unknown_country("When did Holland moor its first lightship?", corpus)
    assert unknown_country("When did the Danish service start?", corpus)
    assert not unknown_country("When did the service start?", corpus)


def test_a_place_after_a_preposition_named_in_another_form_is_known():
    from assistant.reader.extractive import _unknown_place_or_name

    class Index:
        def share(self, term):
            return 1.0 if term in {"unit", "kingdom", "book"} else 0.0

    assert not _unknown_place_or_name("How many books were published in Britain?", Index())  # "United Kingdom"
    assert _unknown_place_or_name("How many books were published in Belgium?", Index())


# -- added in the twentieth session ----------------------------------------------------------------------------------
LIGHT = """# Harbour Light: a short history

## The first light

The first lighthouse on Carrow Point was a wooden tower lit by candles. In 1821 the harbour board voted 4,000
pounds for Carrow Light, a stone tower on the point, about 18 metres tall. The stone came from the quarry at
Bellmoor, and the keepers' cottages beside it were added later.

## The builders

Ambrose Fenn was a mason from Trelowan who settled at the harbour. The finest work he left is Keepers Row, the
terrace of four cottages that Ambrose Fenn built for the keepers in 1834. His son Walter Fenn later became the
first keeper, and he served until 1870.

## Visiting

The tower is open on Saturdays from May to September. Tours start at 11 am and 3 pm and last 40 minutes.
Up to 12 people can climb the tower at a time, and there are 112 steps to the lantern room.
"""


@pytest.mark.slow
def test_a_date_or_a_time_is_of_every_thing_the_question_names(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "light.md", LIGHT)
    # A year beside Ambrose Fenn is of Keepers Row, which he built; of Carrow Light the notes give none of his.
    answer = assistant.ask("In what year did Ambrose Fenn build Carrow Light?")
    assert answer.refused or not any("1834" in c.quote for c in answer.citations), answer.answer
    answer, quotes = _answered(assistant, "In what year did Ambrose Fenn build Keepers Row?")
    assert any("1834" in q for q in quotes), quotes
    # "What time" asks a time of day: the days the tower opens are none.
    answer = assistant.ask("What time does the tower close on Saturdays?")
    assert answer.refused, answer.answer
    answer, quotes = _answered(assistant, "What time do the tours start?")
    assert any("11 am" in q for q in quotes), quotes
    _verbatim(assistant, answer)


@pytest.mark.slow
def test_a_two_ask_question_one_sentence_answers_is_answered_with_it(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "light.md", LIGHT)
    # "When did he build the cottages?" on its own is answered with where he came from; the whole question finds the
    # sentence that dates the cottages.
    answer, quotes = _answered(assistant, "When and where did Ambrose Fenn build the cottages?")
    assert "1834" in quotes[0], quotes
    _verbatim(assistant, answer)


def test_what_time_asks_a_time_of_day():
    from assistant.reader.answer_types import has_answer_type

    asked = analyse("What time does the café close on Sundays?")
    assert asked.answer_type == "date"
    assert analyse("What time of year do the bees swarm?").answer_type is None
    nouns = frozenset({"Sunday", "Sundays"})
    assert has_answer_type("It closes at 4 pm on Sundays.", asked, nouns)
    assert has_answer_type("On Sundays the doors close at 16:30.", asked, nouns)
    assert not has_answer_type("The café is open on Sundays from May to September.", asked, nouns)
    assert not has_answer_type("A pot of tea costs £2.50 on Sundays.", asked, nouns)


def test_a_figure_of_them_counts_what_them_points_back_to_and_a_place_seats_people():
    from assistant.reader.extractive import _PEOPLE, _counts

    def said(text: str) -> Candidate:
        return Candidate(0, 0, len(text), text, text, "prose", None, 0)

    windmills = {"windmil"}
    assert _counts(said("When the number of windmills in England was at its height, there were around 10,000 of them."), windmills)
    assert not _counts(said("When the number of windmills in England was at its height, the country had 40 counties."), windmills)
    assert _counts(said("Two concerts were held in the Corn Exchange, which seats 420."), set(_PEOPLE))
    assert not _counts(said("The Corn Exchange stands on the market square and has 14 windows."), set(_PEOPLE))


def test_an_age_is_no_count_of_the_people_it_is_the_age_of():
    from assistant.reader.extractive import _counts

    def said(text: str) -> Candidate:
        return Candidate(0, 0, len(text), text, text, "prose", None, 0)

    volunteers = {"volunt"}
    assert not _counts(said("New volunteers must be 18 or over, and they train on three nights."), volunteers)
    assert not _counts(said("Volunteers aged 16 may help in the shop."), volunteers)
    assert _counts(said("The observatory has 45 volunteers, who run every open night."), volunteers)


def test_a_clipped_word_the_corpus_never_uses_is_read_as_the_word_it_is_cut_from():
    from assistant.text import content_terms, unclipped

    known = set(content_terms("demonstrations bicycle glassblowing gym")).__contains__
    assert unclipped("who does the glassblowing demos", known) == "who does the glassblowing demonstrations"
    assert unclipped("can I bring my bike", known) == "can I bring my bicycle"
    assert unclipped("is the gym open", known) == "is the gym open"  # the corpus's own word
    soon = set(content_terms("report a cracked shelf as soon as possible")).__contains__
    assert unclipped("Do I need to tell someone ASAP?", soon) == "Do I need to tell someone as soon as possible?"
    assert unclipped("what is the phone number", known) == "what is the phone number"  # "telephone" unknown too


def test_how_old_must_one_be_asks_an_age_limit():
    from assistant.reader.answer_types import has_answer_type

    asked = analyse("how old do you have to be to join the volunteers")
    assert asked.answer_type == "duration"
    assert has_answer_type("New volunteers must be 18 or over.", asked, frozenset())
    assert has_answer_type("Under-5s swim free with an adult.", asked, frozenset())
    assert not has_answer_type("Each session is limited to 8 people.", asked, frozenset())


@pytest.mark.slow
def test_a_question_the_documents_are_not_about_is_refused_though_a_sentence_shares_a_word(tmp_path, real_embedder):
    guide = PROJECT / "eval" / "corpora" / "dev17" / "observatory-visitor-guide.md"
    assistant = _reader(tmp_path, real_embedder, "guide.md", guide.read_text(encoding="utf-8"))
    # "Keep to the gravel paths, which are edged with low red lights." holds "red" and nothing else of the question.
    answer = assistant.ask("What's the best way to get red wine out of a carpet?")
    assert answer.refused, answer.answer
    answer, quotes = _answered(assistant, "Why must visitors use a red torch?")
    _verbatim(assistant, answer)


def test_the_kind_of_a_thing_the_documents_name_besides_the_one_asked_about():
    from assistant.retrieval.keyword import KeywordIndex

    texts = ["The main pool is 25 metres long. The learner pool is warmer than the main pool.",
             "The learner pool has a movable floor. Each pool has a lifeguard, and both pools close in September."]
    index = KeywordIndex(["a", "b"], texts, [{"source": "guide"}, {"source": "guide"}])
    assert index.sibling("pool", frozenset({"how", "deep", "is", "the", "main", "pool"})) == "learner pool"
    assert index.sibling("pool", frozenset({"main", "learner"})) is None  # no other kind is named twice
    studios = ["Studio A is on the ground floor. Studio B is upstairs.", "Live programmes go out from Studio A; Studio B is for training."]
    index = KeywordIndex(["a", "b"], studios, [{"source": "manual"}, {"source": "manual"}])
    assert index.sibling("studio", frozenset(), "A") == "Studio B"
    assert index.sibling("studio", frozenset(), "B") == "Studio A"
    assert index.sibling("studio", frozenset(), "C") is None  # two others, neither of them the one


def test_how_deep_is_not_answered_by_a_length_and_a_width():
    from assistant.reader.answer_types import has_answer_type

    nouns = frozenset({"Petrie", "Pool"})
    deep = analyse("How deep is the learner pool?")
    assert deep.answer_type == "measure"
    assert not has_answer_type("The learner pool, the Petrie Pool, is 13 metres long and 7 metres wide.", deep, nouns)
    assert has_answer_type("The learner pool is 1.2 metres deep.", deep, nouns)
    # Its depth, after a sentence naming it, however many figures it gives.
    assert has_answer_type(
        "It has a movable floor, so its depth can be set anywhere between 0.3 metres and 1.2 metres; it is usually set at 0.9 metres.",
        deep, nouns, "The learner pool, the Petrie Pool, is 13 metres long and 7 metres wide.",
    )
    assert has_answer_type("The tower is 31 metres tall and 18 metres wide at the base.", analyse("How wide is the tower?"), nouns)


@pytest.mark.slow
def test_what_are_the_rules_is_answered_with_the_list_a_lead_in_after_the_best_sentence_introduces(tmp_path, real_embedder):
    guide = PROJECT / "eval" / "corpora" / "dev17" / "observatory-visitor-guide.md"
    assistant = _reader(tmp_path, real_embedder, "guide.md", guide.read_text(encoding="utf-8"))
    # The section opens with the dark sky zone; its second sentence ends "... to follow these rules:" and the list follows.
    answer, quotes = _answered(assistant, "what are the dark sky rules")
    assert any("red torch" in q for q in quotes) and any("laser pointers" in q for q in quotes), quotes
    _verbatim(assistant, answer)


GLASS = """# Skelby Glass Museum

## Demonstrations

Glassblowing demonstrations take place in the old cone at 11 am and 2.30 pm on every day the museum is open,
and each lasts about 40 minutes. The demonstration furnace was built in 1999 and burns gas, because the museum
cannot store coal safely.

The demonstrations are given by Tom Ackroyd, who became the last apprentice at the works in 1967, and by his
former student, Grace Whitlow. Visitors watch from behind a rail 3 metres from the furnace.

## The shop

The shop sells glass made in the workshop, and the cafe next to it serves tea and cake.
"""


@pytest.mark.slow
def test_the_demonstrations_are_the_kind_the_paragraph_before_named_and_demos_are_demonstrations(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "museum.md", GLASS)
    answer, quotes = _answered(assistant, "who does the glassblowing demos")
    assert any("Tom Ackroyd" in q for q in quotes), quotes
    _verbatim(assistant, answer)


def test_the_world_wars_by_their_short_names():
    from assistant.text import content_terms, unclipped

    known = set(content_terms("the Second World War and the First World War")).__contains__
    assert unclipped("What was made during WWII?", known) == "What was made during Second World War?"
    assert unclipped("Who served in WW1?", known) == "Who served in First World War?"


def test_a_definite_kind_points_back_to_the_kind_the_paragraph_before_named():
    from assistant.reader.extractive import _referent
    from assistant.reader.segment import title_of

    every = list(segment(GLASS))
    at = next(i for i, s in enumerate(every) if s.reading.startswith("The demonstrations are given"))
    assert {"glassblow", "demonstr"} <= _referent(every, at, title_of(GLASS))
    shop = next(i for i, s in enumerate(every) if s.reading.startswith("The shop sells"))
    assert _referent(every, shop, title_of(GLASS)) == frozenset()  # a new section: nothing before it to point back to


OFFICERS = """# Castlemere Beekeepers: officers

## The committee

The association is run by a committee of six, elected at the annual general meeting in March. Priya Ashdown has
been secretary since 2019; she keeps the minutes and the membership list. Colin Barraclough has been treasurer
since 2021; he collects subscriptions and manages the loan of the honey extractor.

## Meetings

Winter meetings are held on the second Tuesday of each month in the village hall.
"""


@pytest.mark.slow
def test_a_date_of_being_elected_to_a_role_is_told_only_by_a_sentence_naming_the_role(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "officers.md", OFFICERS)
    answer = assistant.ask("In what year was Colin Barraclough elected secretary?")
    assert answer.refused or not any("2021" in c.quote for c in answer.citations), answer.answer
    answer, quotes = _answered(assistant, "When did Priya Ashdown become secretary?")
    assert any("since 2019" in q for q in quotes), quotes
    _verbatim(assistant, answer)


ORCHARD_HTML = """<!DOCTYPE html><html><head><title>Orchard handbook</title></head><body>
<h1>Members' handbook of the Hollin Cider Club</h1>
<h2>Our apple varieties</h2>
<p>Cider apples are sorted into four groups by their taste. Sharps are high in acid and sweets are
low in acid. A good cider needs a balance of these, because acid keeps it fresh. These are the
varieties we grow most:</p>
<dl>
  <dt>Kettle Red</dt>
  <dd>A sharp apple with red stripes, grown in both orchards and ready in September.</dd>
  <dt>Ashdown Gold</dt>
  <dd>A sweet yellow apple grown only in the lower orchard.</dd>
  <dt>Old Hobb</dt>
  <dd>An eating apple that members may pick and take home. It is never used in our cider.</dd>
</dl>
<h2>Pressing days</h2>
<p>We press on Saturdays from September to November. Members bring their own apples to the barn.</p>
<h2>Studios of the club radio</h2>
<h3>Studio A</h3>
<p>Studio A is the main studio. It is on the ground floor.</p>
<h3>Studio B</h3>
<p>Studio B is the training studio. It is on the first floor. It was fitted out in 2019 at a cost of £14,200.</p>
</body></html>
"""


@pytest.mark.slow
def test_an_item_of_a_definition_list_hands_over_to_its_lead_in_and_a_sibling_s_cost_is_refused(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "handbook.html", ORCHARD_HTML)
    answer, quotes = _answered(assistant, "Which apple varieties do you grow?")
    assert quotes[0].startswith("These are the"), quotes
    assert all(any(name in q for q in quotes) for name in ("Kettle Red", "Ashdown Gold", "Old Hobb")), quotes
    _verbatim(assistant, answer)
    # "It was fitted out ..." under "### Studio B" is about Studio B, not Studio A.
    assert assistant.ask("How much did it cost to fit out Studio A?").refused
    answer, quotes = _answered(assistant, "How much did it cost to fit out Studio B?")
    assert any("£14,200" in q for q in quotes), quotes


HARBOUR_FAQ = """Kelby Harbour Users' Association: Questions and Answers

The Kelby Harbour Users' Association looks after the small tidal harbour at
Kelby on behalf of its 140 members. These are the questions we are asked most
often.

MOORINGS

How do I get a mooring?
Moorings are allocated by the harbour committee each March from the waiting
list. There are 46 swinging moorings and 12 berths on the inner wall.

How long is the waiting list?
At the start of 2025 there were 31 names on the list, and most people wait
about four years for a swinging mooring.

What does a mooring cost?
A swinging mooring costs £420 a year and a berth on the inner wall costs £610
a year, because the wall berths have water and electricity.

SAFETY

Can children fish from the harbour wall?
Children under 12 may fish from the wall only with an adult beside them,
because the wall has no railing on the seaward side.

What should I do if I see someone in the water?
Throw the nearest lifebuoy, keep your eyes on the person and call 999 for the
coastguard. Lifebuoys hang at four points along the wall.
"""


@pytest.mark.slow
def test_a_question_the_document_asks_is_never_quoted_and_says_what_the_sentences_after_it_answer(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "faq.txt", HARBOUR_FAQ)
    for question in ("what if someone falls in", "What should I do if I see someone in the water?", "how do I get a mooring"):
        answer = assistant.ask(question)
        assert not any(c.quote.rstrip().endswith("?") for c in answer.citations), answer.answer
    answer, quotes = _answered(assistant, "What should I do if I see someone in the water?")
    assert any("Throw the nearest lifebuoy" in q for q in quotes), quotes
    _verbatim(assistant, answer)


STATION_MANUAL = """# Volunteer manual

## Swearing and offensive language

The station does not allow swearing on air at any time of day, not even after 9 pm. Many of our listeners tune
in with children in the car or in the kitchen, and we would rather be a little old-fashioned than lose their
trust. If a guest or a caller swears, apologise on air straight away and tell the duty manager. In the main
studio you can press the red dump button on the delay unit, which deletes the last 8 seconds.

## Training

Presenters must be 16 or over. Presenters under 18 need the written consent of a parent.
"""


@pytest.mark.slow
def test_why_after_an_answer_is_answered_by_the_reason_told_beside_what_it_said(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "manual.md", STATION_MANUAL)
    history = [
        {"role": "user", "content": "Can presenters swear after 9 pm?"},
        {"role": "assistant", "content": 'The document says: "The station does not allow swearing on air at any time of day, not even after 9 pm."'},
    ]
    answer = assistant.ask("Why so strict?", history)
    assert not answer.refused, answer.answer
    assert "Many of our listeners" in answer.citations[0].quote, answer.answer
    _verbatim(assistant, answer)


PRESS_HISTORY = """# The cider presses

The Oak Press is the older of our two presses. It was built in 1921 by Jabez Morrow, the wheelwright at Fenny
Stoke, for the Hallam works. Volunteers led by Tobias Wren, a retired joiner, restored it over the winter of 2008
to 2009. It now stands in the Cider Barn.
"""


@pytest.mark.slow
def test_a_date_is_of_the_deed_its_own_sentence_tells_not_of_the_one_the_sentence_before_tells(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "presses.md", PRESS_HISTORY)
    assert assistant.ask("In what year did Tobias Wren build the Oak Press?").refused  # he restored it
    answer, quotes = _answered(assistant, "When was the Oak Press built?")
    assert any("1921" in q for q in quotes), quotes
    answer, quotes = _answered(assistant, "When did Tobias Wren restore the Oak Press?")
    assert any("2008" in q for q in quotes), quotes


@pytest.mark.slow
def test_how_to_make_a_thing_the_documents_never_name_is_refused(tmp_path, real_embedder):
    handbook = (
        "# Cider making\n\nWe make cider the traditional way, with no added sugar. An apple is ripe when it comes away from "
        "the branch with a gentle twist. The apples are washed and then ground into a coarse pulp called pomace. Red apples "
        "give a darker juice, and any bruised fruit is picked out by hand.\n"
    )
    assistant = _reader(tmp_path, real_embedder, "cider.md", handbook)
    assert assistant.ask("how do i make an apple crumble").refused  # apples, but never a crumble
    assert assistant.ask("How do I get red wine out of a carpet?").refused  # neither is named
    assert assistant.ask("What's the best way to get apple juice out of a cream carpet?").refused  # no carpet is named
    answer, quotes = _answered(assistant, "how do you make cider")
    assert any("traditional way" in q or "pomace" in q for q in quotes), quotes
    # What is made is named before the clause that says when: a claim, not "something".
    from assistant.reader.extractive import _MAKE_WHAT

    assert _MAKE_WHAT.match("How do I make an insurance claim if something in my unit gets damaged?").group(1) == "insurance claim"


HALL_REPORT = """# Annual report of the Marlow Green village hall

## The roof

The hall's roof was replaced in the summer of 2024. The Marlow Green Community Fund gave £21,000 towards the roof, and
the parish council lent the rest. The builders, recommended by the diocese, took eleven weeks.

## Regular users

The sequence dance club, run by Elsie Partridge and her husband Tom, meets on Tuesdays at 7 pm. The chess club meets on
Thursdays in the committee room. The summer fair, organised by the parish council and the school, is held on the last
Saturday of June. While the roof was being replaced, the dance club and the bridge club moved to Marlow
Green Primary School, whose head lent its hall free of charge.

## The old stage

The old stage was removed in 2023. Its removal took three months. The timber under it had rotted through, so the
floor beneath had to be rebuilt before anything could stand on it.

## The kitchen

The kitchen was refitted in 2019 by volunteers from the Lions club. The work took six weekends, and the new cooker was
given by a local bakery.
"""


@pytest.mark.slow
def test_when_where_why_and_what_for_read_the_sentence_the_question_is_about(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "report.md", HALL_REPORT)
    # "on Tuesdays at 7 pm" answers when, though an aside stands between the club and its days; "on Thursdays" alone too.
    answer, quotes = _answered(assistant, "When does the sequence dance club meet?")
    assert any("Tuesdays" in q for q in quotes), quotes
    answer, quotes = _answered(assistant, "When does the chess club meet?")
    assert any("Thursdays" in q for q in quotes), quotes
    answer, quotes = _answered(assistant, "When is the summer fair?")
    assert any("last\nSaturday of June" in q or "last Saturday of June" in q for q in quotes), quotes
    # A place whose name ends in "School" answers where.
    answer, quotes = _answered(assistant, "Where did the bridge club meet while the roof was being replaced?")
    assert any("Primary School" in q for q in quotes), quotes
    # A sentence that says the question back hands over to the one after it.
    answer, quotes = _answered(assistant, "Why did the removal of the old stage take three months?")
    assert any("rotted through" in q for q in quotes), quotes
    # The sum given towards the roof is not what was given towards the kitchen.
    assert assistant.ask("How much did the Marlow Green Community Fund give towards the kitchen?").refused
    answer, quotes = _answered(assistant, "How much did the Marlow Green Community Fund give towards the roof?")
    assert any("£21,000" in q for q in quotes), quotes


OBSERVATORY_NOTES = """# The telescopes

## Our history

The old refractor was made in 1887 by Thomas Cooke of York for a mill owner's private observatory. It came to the
trust in 1961, and its restoring was the volunteers' first big project. The refractor was taken apart and restored in
1998 by volunteer engineers from the Kelderby Model Engineering Club. The work took 14 months, in which they cleaned
the lens and rebuilt the clockwork drive. Restoring the old refractor's mounting was the hardest part of restoring it.
The old refractor had been restored once before, in 1962, by the mill owner's grandson.

## The reflector

The reflector was bought new in 2012 and took two days to set up.
"""


@pytest.mark.slow
def test_how_long_did_that_take_is_answered_by_the_sentence_after_the_one_just_quoted(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "telescopes.md", OBSERVATORY_NOTES)
    history = [
        {"role": "user", "content": "Who restored the old refractor?"},
        {"role": "assistant", "content": 'The document says: "The refractor was taken apart and restored in 1998 by volunteer engineers from the Kelderby Model Engineering Club."'},
    ]
    answer = assistant.ask("how long did that take?", history)
    assert not answer.refused, answer.answer
    assert any("14 months" in c.quote for c in answer.citations), answer.answer
    _verbatim(assistant, answer)


SHOP_NOTES = """# The farm shop

## Prices

A 750 millilitre bottle of apple juice costs £3.20. A dozen eggs cost £4.

## The new barn

Work on the barn began on 3 May 2024 and was due to finish on 28 June 2024, but it was not finished until 9 August,
six weeks late. The shop stayed open throughout.

There were two reasons. First, a pair of barn owls was found nesting in the old roof, and work on that end stopped
until the chicks had flown. Second, the steel frame arrived three weeks late from the supplier.
"""


@pytest.mark.slow
def test_a_sibling_s_price_and_the_causes_a_paragraph_announces(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "shop.md", SHOP_NOTES)
    # The price of a bottle of juice is not the price of a bottle of cider, which the notes never give.
    assert assistant.ask("How much is a bottle of your cider?").refused
    answer, quotes = _answered(assistant, "How much is a bottle of apple juice?")
    assert any("£3.20" in q for q in quotes), quotes
    # The sentence telling the delay hands over to the one announcing its causes, and they come with it.
    answer, quotes = _answered(assistant, "Why was the barn finished six weeks late?")
    assert any("two reasons" in q for q in quotes) and any("barn owls" in q for q in quotes), quotes


CLUB_FAQ = """VOLUNTEERING

When are the work parties?

There is a work party on the first Saturday of every month, from 10 am to 3 pm.

What should I bring to a work party?

Please come ready for a day outdoors:

- Strong boots.
- A waterproof jacket.
- A packed lunch.

SAFETY WARNINGS

- Never use a chainsaw without the training certificate.
- Keep children away from the bonfire site.
"""


@pytest.mark.slow
def test_a_faq_question_on_its_own_line_speaks_for_the_list_after_it_and_list_asks(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "faq.txt", CLUB_FAQ)
    answer, quotes = _answered(assistant, "what do i need to bring for a work party")
    assert sum(any(item in q for q in quotes) for item in ("boots", "waterproof", "lunch")) >= 2, quotes
    answer, quotes = _answered(assistant, "list all the safety warnings")
    assert any("chainsaw" in q for q in quotes) and any("bonfire" in q for q in quotes), quotes


def test_the_sentence_closest_in_meaning_answers_when_the_best_one_holds_little_of_the_question():
    from assistant.reader.extractive import _closer_in_meaning
    from assistant.reader.features import Candidate

    def sentence(text, probability, similarity, coverage, source="a.md"):
        c = Candidate(0, 0, len(text), text, text, "prose", None, 0, source=source)
        c.probability, c.values = probability, {"similarity": similarity, "coverage": coverage}
        return c

    charge = sentence("A bike not returned within 24 hours: a charge of £900 is made.", 0.86, 0.25, 0.25)
    helmets = sentence("Each cargo bike comes with two children's helmets.", 0.51, 0.49, 0.25)
    elsewhere = sentence("Children ride free on the ferry.", 0.50, 0.70, 0.0, source="b.md")
    # Holding little of the question (coverage 0.25), the best gives way to the closest of its own document.
    assert _closer_in_meaning(charge, [charge, helmets, elsewhere], "yesno") is helmets
    # Not to one the model thinks far worse of.
    helmets.probability = 0.2
    assert _closer_in_meaning(charge, [charge, helmets], "yesno") is None
    # Holding more of it, the best gives way only to a much closer sentence the model thinks nearly as well of, and
    # not for a why-question, whose answer need not resemble it.
    retired = sentence("He retired after the concert of 2011 and was made honorary president.", 0.85, 0.41, 0.6)
    surplus = sentence("The orchestra ended 2025 with a surplus of £3,230.", 0.72, 0.62, 0.5)
    assert _closer_in_meaning(retired, [retired, surplus], "yesno") is surplus
    assert _closer_in_meaning(retired, [retired, surplus], "why") is None
    surplus.values["similarity"] = 0.5
    assert _closer_in_meaning(retired, [retired, surplus], "yesno") is None


# -- added in the twenty-fourth session ------------------------------------------------------------------------------
WORKS = """# Marsh End Rope Works

## Staff

The works manager is Daniel Ashby, who joined in 2018 after ten years at a canal museum, and the head ropemaker is
Imogen Farrow, who first came to the works as a volunteer and has led the rope walk since 2011.

## Bins and caddies

The food caddy is emptied every week. You have two: a small 5 litre caddy for the kitchen worktop and a lockable
23 litre caddy that goes out at the kerb. The garden bin holds 240 litres.

## History

Rope was made at Marsh End from 1790, and in a good year around 1860 the works made about 900 tons of rope. Trade fell
away after the war. It closed the works on 30 September 1938, at
the end of that year's season.

## Opening times

The table below shows the opening times of the two sheds.

| Day | Rope shed | Tar shed |
|---|---|---|
| Monday to Friday | 9 am to 5 pm | 10 am to 4 pm |
| Saturday | 10 am to 4 pm | 11 am to 3 pm |
"""


@pytest.mark.slow
def test_a_date_told_of_another_role_a_size_before_a_noun_a_set_phrase_and_a_table_below(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "works.md", WORKS)
    # The role and the person asked about stand in different clauses: not when she became manager.
    answer = assistant.ask("When did Imogen Farrow become the works manager?")
    assert answer.refused, answer.answer
    _cites(assistant, "When did Daniel Ashby become the works manager?", "2018")
    # "23 litre" says how big the caddy is, not which caddy: it is still the food caddy.
    _cites(assistant, "how big is the food caddy that goes out at the kerb", "23 litre")
    # "for good" says how it closed, not what: the works closed in 1938.
    _cites(assistant, "When did the rope works close for good?", "1938")
    # "The table below shows ..." brings the rows it introduces.
    _cites(assistant, "Can you give me the opening times of both sheds for every day of the week?", "Saturday")


def test_a_set_phrase_is_no_word_of_what_is_asked_and_a_size_names_no_kind():
    from assistant.reader.answer_types import without_sizes
    from assistant.reader.extractive import _asking_terms, _neighbours

    assert "good" in _asking_terms("When did the salt works close for good?")
    assert "good" not in _asking_terms("Which apples are good for cider?")
    assert ("liter", "caddi") in _neighbours("a lockable 23 litre caddy")
    assert not {pair for pair in _neighbours(without_sizes("a lockable 23 litre caddy")) if pair[1] == "caddi"}


def test_a_place_whose_last_word_the_corpus_never_uses_is_of_something_it_does_not_speak_of():
    from assistant.reader.extractive import _unknown_place_or_name

    class Index:
        def share(self, term):
            return 1.0 if term in {"harrowbi", "stage", "high", "kettlebi", "cent", "tip"} else 0.0

    assert _unknown_place_or_name("How high is the top of Harrowby Downs on the last stage?", Index())
    assert not _unknown_place_or_name("How far is it to Harrowby?", Index())
    assert not _unknown_place_or_name("When does the tip at Kettleby Centre open?", Index())


def test_a_role_told_only_in_another_clause_than_the_person():
    from assistant.reader.extractive import _role_beside_another

    sentence = ("The works manager is Daniel Ashby, who joined in 2018, and the head ropemaker is Imogen Farrow, who has led "
                "the rope walk since 2011.")
    assert _role_beside_another(sentence, {"imogen", "farrow"}, {"manag"})
    assert not _role_beside_another(sentence, {"ashbi"}, {"manag"})
    assert not _role_beside_another("She became manager in 2019.", {"imogen"}, {"manag"})


def test_a_time_before_another_a_span_of_years_a_count_of_these_and_places_between():
    from assistant.reader.answer_types import counted, has_answer_type
    from assistant.reader.extractive import _of_them

    nouns = frozenset({"Corran", "Airways", "Elspeth", "Rowan", "Skerrin", "Aberstow"})
    closes = analyse("When does check-in close for Corran Airways?")
    assert has_answer_type("The Corran Airways desk opens 90 minutes before each departure.", closes, nouns)
    assert not has_answer_type("The Corran Airways desk is beside the café.", closes, nouns)
    charge = analyse("How long was Elspeth Rowan in charge of the airport?")
    assert has_answer_type("Elspeth Rowan ran the airport from 1979 to 2006.", charge, nouns)
    assert not has_answer_type("Elspeth Rowan ran the airport in 1979.", charge, nouns)
    assert _of_them(["Of", "these", "188", "at", "Brackenfield"], 2)
    assert not _of_them(["In", "all", "188", "at", "Brackenfield"], 2)
    assert counted("How many students completed both measurement periods?") == ["students"]
    places = analyse("Which places can you fly to from Skerrin?")
    assert has_answer_type("Corran Airways flies between Skerrin and Aberstow on the mainland.", places, nouns)


SURGERY = """# Westgate Dental Practice: patient information

## Opening hours

The practice is open on weekdays and closed at weekends. Late appointments are kept on Monday for patients who
work, and staff training is held on Friday mornings once a month.

- Monday: 8.30 am to 5.30 pm
- Friday: 8.30 am to 4 pm

## Emergencies

We keep two emergency appointments free each weekday morning and one each weekday afternoon.

## The film club

Members meet in the waiting room on Thursdays. The film club was founded in 2013 by Lorna Fairweather, a retired
librarian. The club starts each evening at 7 pm and watches one film a month.
"""


@pytest.mark.slow
def test_hours_tell_when_a_place_closes_a_rate_is_no_day_and_founding_is_starting(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "surgery.md", SURGERY)
    # "8.30 am to 4 pm" tells when it closes, and the title says it is the practice's.
    _cites(assistant, "what time does the practice close on fridays", "4 pm")
    # "each day" says how the count is taken, not what it is of.
    _cites(assistant, "how many emergency appointments do you keep free each day", "two emergency appointments")
    # Founding a club is starting it.
    _cites(assistant, "who started the film club", "Lorna Fairweather")


def test_a_rate_s_time_is_no_word_of_what_is_counted():
    from assistant.reader.extractive import _asking_terms

    assert "day" in _asking_terms("how many emergency appointments do you keep free each day")
    assert "day" not in _asking_terms("how many visitors came on the open day")


def test_the_title_says_what_a_named_question_s_other_words_are_about():
    from assistant.reader.extractive import _about_rest
    from assistant.reader.features import Candidate

    class Index:
        def document_terms(self, source):
            return frozenset({"practic", "close", "friday"})

    row = Candidate(0, 0, 23, "Friday: 8.30 am to 4 pm", "Friday: 8.30 am to 4 pm", "item", None, 0, source="a.md")
    row.terms = frozenset({"friday", "8", "30", "4"})
    # "What time does the practice close on Fridays?" of a dental practice's leaflet: its title names the practice.
    assert _about_rest(row, {"practic", "close"}, Index(), frozenset({"westgat", "dental", "practic"}))
    assert not _about_rest(row, {"practic", "close"}, Index())


RIVERSIDE = """# Riverside Community Garden: a guide for plot holders

## Plots

Each plot holder pays a yearly fee of £40, due on 1 March. Plots are
5 metres by 10 metres, and a half plot costs £22. New holders are given
a key to the tool shed at their first visit. The waiting list is kept
by the secretary, Ruth Ollerton, who answers emails within a week.

## Watering

Hosepipes may not be used between June and August, because the mains
supply to the site is shared with the houses on Mill Lane. Watering cans
are filled from the four tanks by the gate. The tanks are refilled by
rainwater from the pavilion roof, and in a dry spell the committee
orders a delivery from the water company.

## Pests

Slugs are the main problem in wet summers. We ask members not to use
slug pellets, because they poison hedgehogs and the thrushes that nest
in the hawthorn hedge. Beer traps and copper tape are allowed. Pigeons
eat brassicas in winter, so cabbages and sprouts should be netted from
October.

## Bonfires

Bonfires are not allowed on any day. Woody waste goes in the green
skip, which is emptied on the first Monday of each month. A member who
lights a fire is first given a written warning. If it happens again, the
committee may end their tenancy with one month's notice.

## The pavilion

The pavilion was built in 1987 by volunteers from the Mill Lane
residents' association. It has a kitchen, a toilet and a meeting room
for twenty people. The meeting room can be booked by members for
birthday parties at £15 an afternoon.
"""


def test_a_question_in_other_words_is_answered_by_the_sentence_closest_in_meaning(real_assistant):
    # "altered", "go after" and "tumour" are no words of the article: the word measures prefer what shares
    # "immune cells", and meaning picks the sentence that says how the cells attack.
    _cites(real_assistant, "how do the altered immune cells go after the tumour", "seek out and destroy cancer cells")


def test_meaning_does_not_lift_a_refusal_to_an_answer(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "riverside.md", RIVERSIDE)
    # Closest in meaning to "a barbecue on my plot" are the plot's fee and size, which the decision would not trust
    # as an answer any more than the sentence they displace: still "the documents don't say".
    assert assistant.ask("can I have a barbecue on my plot?").refused


def test_in_other_words_is_a_share_of_words_the_corpus_never_uses():
    from assistant.reader.extractive import _in_other_words

    from assistant.text import content_terms

    never = set(content_terms("altered go tumour"))  # words the article never uses

    class Index:
        def share(self, term):
            return 0.0 if term in never else 0.1

    assert _in_other_words("how do the altered immune cells go after the tumour", Index())
    assert not _in_other_words("how do the modified T-cells attack the cancer cells", Index())


def test_a_follow_up_is_answered_beside_what_the_last_answer_said(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "riverside.md", RIVERSIDE)
    history = _said("What is in the pavilion?", "It has a kitchen, a toilet and a meeting room\nfor twenty people.")
    answer = assistant.ask("can we hire it?", history)
    quotes = [c.quote for c in answer.citations]
    # The sentence after the one just quoted tells it; the one just quoted is not said again.
    assert any("can be booked by members" in q for q in quotes), quotes
    assert not any("It has a kitchen" in q for q in quotes), quotes


HARBOUR = """# Wendle Harbour: notes for visiting sailors

## The club's boats

The club keeps two boats for the use of its members. The Kittiwake is a
six-metre launch with an inboard diesel engine, and she is moored on the
east pontoon beside the fuel berth. The Puffin is a small sailing dinghy,
and she is kept on a trolley in the boat park behind the clubhouse.
Members may take either boat out between 9 am and 6 pm, after signing
the book in the office.

## Fees

A mooring costs £18 a night for boats up to ten metres and £24 a night
for longer boats. Showers are free for visitors who pay for a mooring.
The harbour office is open from 8 am to 8 pm in summer.

## Safety

Lifejackets must be worn in both boats at all times. The harbour master,
Ewan Pask, may close the harbour mouth in an easterly gale, because the
swell breaks across the bar.
"""


@pytest.mark.slow
def test_the_other_one_is_answered_by_the_sentence_most_like_the_one_quoted(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "harbour.md", HARBOUR)
    history = _said(
        "Where is the Kittiwake kept?",
        "The Kittiwake is a\nsix-metre launch with an inboard diesel engine, and she is moored on the\neast pontoon beside the fuel berth.",
    )
    # "the smaller one" names nothing the documents call so: the sentence most like the one quoted, of the kind of fact
    # the last question asked (a place), is about the other boat.
    answer = assistant.ask("and the smaller one?", history)
    quotes = [c.quote for c in answer.citations]
    assert not answer.refused and quotes and "kept on a trolley in the boat park" in quotes[0], (answer.answer, quotes)
    _verbatim(assistant, answer)


SCHOOLS = """Later school start times in Marrowby

In September 2023 Brackenfield Academy moved the start of its school day
from 8.35 am to 9.15 am. The change followed a consultation with parents in
the spring of 2022, after which the board agreed that from the autumn term
of 2023 the school would start at 9.15 am. St Oswin's High School, on the
other side of the town, kept its start time of 8.40 am. Pupils at both
schools wore sleep trackers for two weeks in May 2024.
"""


@pytest.mark.slow
def test_the_other_one_is_not_a_sentence_repeating_the_figure_quoted(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "schools.txt", SCHOOLS)
    history = _said("What time does Brackenfield start now?", "In September 2023 Brackenfield Academy moved the start of its school day\nfrom 8.35 am to 9.15 am.")
    # "... the school would start at 9.15 am" is much like the sentence quoted, but tells its figure again: it is about
    # the same school. The other school's start time is another figure.
    answer = assistant.ask("And the other one?", history)
    quotes = [c.quote for c in answer.citations]
    assert not answer.refused and quotes and "kept its start time of 8.40 am" in quotes[0], (answer.answer, quotes)


FIELDS = """# Camping at Hollin Wood

## The fields

Beech Field is the upper field, 2 hectares of level grass by the main gate,
with a belt of beech trees along its north side. It takes up to 100 campers,
in up to three groups at a time, and it is open all year.

Heron Meadow is the lower field, 1 hectare of flat grass beside the river,
300 metres down the track from Beech Field. It takes up to 40 campers and is
let to one group at a time, so that a troop can have the meadow to itself.

## Booking

All bookings are made on the district website, and bookings open 12 months
before the first night of a camp.
"""


@pytest.mark.slow
def test_the_other_one_is_about_what_its_pronoun_stands_for(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "fields.md", FIELDS)
    # "It takes up to 40 campers" follows a sentence that names Beech Field, but its "It" is Heron Meadow: it is the
    # other field's, not more of Beech Field's.
    told = "It takes up to 100 campers,\nin up to three groups at a time, and it is open all year."
    answer, quotes = _quotes_for(assistant, "and the other field?", "How many people can camp in Beech Field?", told)
    assert not answer.refused and quotes and "It takes up to 40 campers" in quotes[0], (answer.answer, quotes)


EVENTS = """# Harl Park

## Events

The Ridge Run has been held on the first Saturday of May every year since 2009,
apart from 2021, when it was called off. The Ridge Run has been organised since
2012 by Tam Oakes, one of the wardens. The Ridge has been a nature reserve since
1998, and the whole Ridge has been mown every September since then.

The Meadow Fair is held on the last Sunday of July and was first run in 2016,
a year after the Meadow opened. Stalls at the fair cost £15 and are booked
through the park office.
"""


def test_what_a_sentence_says_of_its_names_keeps_its_days_and_months():
    # "The other one" is told like the one quoted but for its names; the days and months are what is told.
    assert without_names("The Bowl Bash has been held on the second Saturday of June since 2010.") == (
        "The has been held on the second Saturday of June since 2010."
    )
    assert without_names("In Brackenfold, walks started from Larchfield Community Centre on Tuesdays.") == "In , walks started from on Tuesdays."


PONTOONS = """# Berths at Pellow Marina

## The pontoons

The residents' pontoon has 60 berths for boats up to 12 metres long. Every berth
on the residents' pontoon has a 16 amp socket with its own meter. Electricity on
the residents' pontoon costs 34 pence a unit, and the meters are read each quarter.

The visitors' pontoon takes boats of up to 15 metres, which berth alongside. On the
visitors' pontoon there is a 16 amp socket on a pillar for every two boats, with no
meter, and the electricity is included in the nightly fee.
"""


THEMES = """# Themes

Quillby comes with two built-in themes, Harbour and Lantern. A built-in theme can be
changed by copying it into your site's own folder.

## Harbour

Harbour is the default theme, with a search box and a sidebar. A typical Harbour page
weighs about 48 KB before images.

## Lantern

Lantern is made for blogs and has no search box. A typical Lantern page weighs about
31 KB before images.
"""


MODES = """# Running fg-migrate

fg-migrate has two modes, and you choose one each time you run it.

With `--dry-run` the tool prints a report of the changes it would make and touches
nothing. With `--write` it edits your files in place, so run it only on code that is
committed to version control.

On the 62 test projects the tool made about 93 per cent of the necessary changes on
its own; most of the rest were sizes stored in variables.
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, text, follow_up, question, told, expected",
    [
        # The sentences about the Ridge look closer to the one quoted by their names alone; what the other event's
        # sentence says is what the quoted one says.
        ("events.md", EVENTS, "and the other event?", "When is the Ridge Run held?",
         "The Ridge Run has been held on the first Saturday of May every year since 2009,\napart from 2021, when it was called off.",
         "The Meadow Fair is held on the last Sunday of July"),
        # The visitors' pontoon has a 16 amp socket too: a figure told again, but of another kind of pontoon, so the
        # sentence is the other one's, not more of the residents' pontoon's.
        ("pontoons.md", PONTOONS, "and on the other pontoon?", "What's the electricity set-up on the residents' pontoon?",
         "Every berth\non the residents' pontoon has a 16 amp socket with its own meter.", "On the\nvisitors' pontoon there is a 16 amp socket"),
        # A page's weight in KB is no weight in kilograms: the other theme's figure is of the kind the quoted one gave,
        # not of the kind "how heavy" asks for.
        ("themes.md", THEMES, "and the other theme?", "How heavy is a typical page with the Harbour theme?",
         "A typical Harbour page\nweighs about 48 KB before images.", "A typical Lantern page weighs about\n31 KB"),
        # A follow-up that asks its own question of the other one without naming it: what is told like the last answer
        # is still the best guess.
        ("modes.md", MODES, "ok and what does the other mode do?", "What does fg-migrate do with --dry-run?",
         "With `--dry-run` the tool prints a report of the changes it would make and touches\nnothing.", "With `--write` it edits your files in place"),
    ],
)
def test_the_other_one_is_what_is_told_like_the_quote(tmp_path, real_embedder, name, text, follow_up, question, told, expected):
    answer, quotes = _quotes_for(_reader(tmp_path, real_embedder, name, text), follow_up, question, told)
    assert not answer.refused and any(expected in q for q in quotes), (answer.answer, quotes)


GRINDERS = """# The Millstone grinders

Pellow & Daughters make two grinders: the Millstone Home and the Millstone Pro.

## Millstone Home

The Home has 48 mm conical burrs of hardened steel and a 250 g hopper. Conical
burrs turn slowly and make little heat, which suits a home kitchen.

## Millstone Pro

The Pro has 64 mm flat burrs of steel with a titanium coating and a 500 g hopper.
The Pro's burrs are steel with a titanium coating, so they stay sharp for about 1,200 kg of coffee.
The Pro also has a built-in scale for grinding by weight. The Pro has a dial on the
side that sets the burr speed from 600 to 1,400 turns a minute.
"""


@pytest.mark.slow
def test_the_other_one_is_not_the_one_the_last_question_named(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "grinders.md", GRINDERS)
    history = _said("What kind of burrs does the Pro have?", "The Pro has 64 mm flat burrs of steel with a titanium coating and a 500 g hopper.")
    # "The Pro's burrs are steel ..." is much like the sentence quoted, but it is more of the Pro's, and so is no part of
    # the answer. (The document sets the Home beside the Pro only once: the follow-up is not rewritten to name it.)
    answer = assistant.ask("and the other one?", history)
    quotes = [c.quote for c in answer.citations]
    assert not answer.refused and quotes and "The Home has 48 mm conical burrs" in quotes[0], (answer.answer, quotes)
    assert not any("Pro" in q for q in quotes), quotes



TRANSPORT = """# Getting to Port Ellery

## The bus

Bus 7 runs from the airport to the harbour in Port Ellery after every flight. The
journey takes 20 minutes, and a single ticket costs £2.80, paid to the driver.

## Taxis

Two firms serve the airport, Harbour Cars and Kilbride Taxis. There is no taxi rank,
so book a taxi before you fly.
"""


@pytest.mark.slow
def test_a_price_is_of_the_thing_its_sentence_or_heading_speaks_of(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "transport.md", TRANSPORT)
    # The bus fare is no taxi fare: the document speaks of taxis, but prices none.
    answer = assistant.ask("How much is a taxi from the airport into Port Ellery?")
    assert answer.refused, answer.answer
    answer, quotes = _answered(assistant, "How much is a bus ticket from the airport into Port Ellery?")
    assert any("£2.80" in q for q in quotes), quotes


def test_the_thing_a_question_asks_the_price_of():
    from assistant.reader.extractive import _priced
    from assistant.text import content_terms

    assert _priced("How much is a taxi from the airport?") == content_terms("taxi")[0]
    assert _priced("what does a day pass cost") == content_terms("pass")[0]
    assert _priced("What is the price of a large sheet?") == content_terms("sheet")[0]
    # Not a thing the question names (names bind a sentence of their own), not the cost of something done once, and not
    # "the fee for a junior member", whose member pays.
    assert _priced("How much does the Brookside Dental Plan cost each month?") is None
    assert _priced("How much did the lock rebuild cost?") is None
    assert _priced("What's the yearly fee for a junior member?") is None and _priced("How much is it?") is None


def test_a_sentence_saying_the_opposite_of_a_question_word_is_no_answer():
    from assistant.reader.extractive import _opposite_word

    question = "Once I've opened a bottle of the juice, how long will it keep?"
    assert _opposite_word("An unopened bottle keeps for at least a year in a cool, dark place.", question)
    assert not _opposite_word("Once a bottle has been opened, drink it within five days.", question)
    # The word itself beside its opposite is no opposite: "opened or unopened".
    assert not _opposite_word("Opened or unopened, keep it out of the sun.", question)
    assert _opposite_word("Non-members pay £5.", "How much do members pay?")


def test_a_count_of_people_stands_by_a_word_for_them_not_a_verb_of_the_same_stem():
    from assistant.reader.extractive import _PEOPLE, _counts

    people = set(_PEOPLE)
    assert _counts(_at(0, "The plant employs 35 workers on two shifts.", 0.9, 1), people, people=True)
    assert not _counts(_at(0, "Margaret Ellery had worked for 14 years as a forecaster.", 0.9, 1), people, people=True)
    assert not _counts(_at(0, "The team played 20 matches and held 3 open days.", 0.9, 1), people, people=True)
    # What a place holds is a count of people: "which seats 420".
    assert _counts(_at(0, "The concert is at the Corn Exchange, which seats 420.", 0.9, 1), people, people=True)
    # A role noun counts as itself ("35 engineers"), not as a verb of its stem ("builds": no builders).
    assert not _counts(_at(0, "The plant now builds up to 90 cabinets a week.", 0.9, 1), people, people=True)
    assert _counts(_at(0, "The design centre has 35 engineers.", 0.9, 1), people, people=True)


PETS = """# Vaccinations

We vaccinate cats and dogs at both of our surgeries. Cats and dogs both need a first
course when they are young.

Every pet needs the yearly booster vaccination. For dogs the kennel cough vaccine is
given every year as well, as drops up the nose. Kittens have their first injection at
nine weeks and a second at twelve weeks.
"""


@pytest.mark.slow
def test_a_fact_of_what_the_document_pairs_with_the_thing_asked_about_is_no_answer(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "pets.md", PETS)
    # The document speaks of "cats and dogs": the kennel cough vaccine is told of dogs only.
    answer = assistant.ask("How often do cats need the kennel cough vaccine?")
    assert answer.refused, answer.answer
    answer, quotes = _answered(assistant, "How often do dogs need the kennel cough vaccine?")
    assert any("kennel cough" in q for q in quotes), quotes


def test_a_sentence_is_of_the_one_of_a_series_a_heading_above_it_names():
    from assistant.reader.extractive import _names_sibling, _series_text

    # "3.15 pm on the Friday" stands under "Getting there", under "The Year 4 farm stay": it is that trip's time, though
    # the heading right over it names neither trip.
    c = _at(0, "The coach comes back to the school gate at 3.15 pm on the Friday.", 0.9, 1,
            section="Wrenfield Primary School > The Year 4 farm stay > Getting there")
    assert _names_sibling(_series_text(c), "Year", "6") and not _names_sibling(_series_text(c), "Year", "4")
    # The document's title, over everything, names none in particular.
    top = _at(0, "The coach leaves at 9 am.", 0.9, 1, section="Year 4 and Year 6 trips > Getting there")
    assert not _names_sibling(_series_text(top), "Year", "6")


def test_a_sentence_is_of_the_one_of_a_series_the_sentence_before_it_names():
    from assistant.reader.extractive import _names_sibling, _sentences_before, _series_text

    # "that costs about 47p a day" does not continue the sentence before it as "It ..." would, but the paragraph is
    # telling of the Kestrel 12: it is no answer about the Kestrel 22.
    tested = _at(0, "In our tests a Kestrel 12 used about 1.7 kilowatt-hours a day.", 0.5, 1)
    cost = _at(70, "At 28p per kilowatt-hour, that costs about 47p a day.", 0.9, 1)
    other = _at(200, "Both models use less than 0.5 watts on standby.", 0.4, 2)
    before = _sentences_before([cost, tested, other])
    assert before == {id(cost): tested.reading}
    assert _names_sibling(_series_text(cost, before.get(id(cost))), "Kestrel", "22")
    assert not _names_sibling(_series_text(cost, before.get(id(cost))), "Kestrel", "12")
    assert not _names_sibling(_series_text(other, before.get(id(other))), "Kestrel", "22")  # a paragraph of its own


def test_a_why_question_is_answered_by_what_comes_before_so():
    from assistant.reader.features import CAUSE

    # "X, so Y": X is why Y; "so far" and "and so on" give no reason.
    assert CAUSE.search("From May to August the sky never grows fully dark, so there are no evening nights.")
    assert not CAUSE.search("So far, twelve boats have been restored, and so on.")
    assert not CAUSE.search("Twelve boats have been restored, so far, by volunteers.")


SHARES = """# The herd

Our Alder goats give about 3 litres of milk a day, and their milk has about 5 per cent butterfat.
Our Birch goats give a lot of milk, often 5 litres a day, but it is fairly thin.
"""


@pytest.mark.slow
def test_a_percentage_is_answered_by_a_share_not_by_another_figure(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "herd.md", SHARES)
    answer, quotes = _answered(assistant, "What's the butterfat percentage of the Alder goats' milk?")
    assert any("5 per cent butterfat" in q for q in quotes), quotes
    # The Birch goats' milk is given a figure, but no share: the document does not say its butterfat.
    answer = assistant.ask("What's the butterfat percentage of the Birch goats' milk?")
    assert answer.refused or not any("5 litres" in c.quote for c in answer.citations), answer.answer


def test_a_verb_with_a_particle_is_no_event_the_sentence_must_name():
    from assistant.reader.extractive import _named_event

    # "switch on", "paid off": the document may tell them in words of their own ("It runs only when ...", "the last
    # payment is due in ..."); "close down" is still closing, and "open their shop" has no particle.
    assert _named_event("When does the backup heater switch on?") is None
    assert _named_event("when will the loan be paid off") is None
    assert _named_event("In what year did the Kettleford Courier close down?") == "close"
    assert _named_event("When did the family open their shop?") == "open"


def test_who_paid_is_told_by_who_gave():
    from assistant.reader.extractive import _deed, _same_deed
    from assistant.text import content_terms

    deed = _deed("Who paid for the new minibus?", set())
    # "The Coalbrook Foundation gave £44,000, ..." tells who paid; so do "funded" and "donated", not "drove".
    assert {content_terms(w)[0] for w in ("gave", "funded", "donated")} <= _same_deed(deed)
    assert content_terms("drove")[0] not in _same_deed(deed)
    assert _same_deed("sail") == frozenset({"sail"})


WORKS_HISTORY = """# Brindle Glassworks

## The Old Cone

The Old Cone was built in 1811 for making bottles by hand.
Its furnace held eight clay pots, and a team of five worked at each pot.
Glass was melted overnight and worked from six in the morning.

## The Tank House

The Tank House opened in 1924 beside the canal.
It could make up to 90,000 bottles a week with its two machines.
Coal for the furnace came by barge from the Heyton pits.
"""


def test_a_sentence_under_another_named_part_s_heading_is_about_that_part(tmp_path, real_embedder):
    from assistant.reader.extractive import _named_parts, _parts, _under_another_part

    # Headings the prose uses as names are the document's parts; a question naming one ("the old cone", in any case)
    # is not answered by a sentence under the other's heading that does not name it.
    assert _parts(WORKS_HISTORY) == ("Old Cone", "Tank House")
    asked = _named_parts(WORKS_HISTORY, "how many bottles a week could the old cone produce")
    assert asked == (("Old Cone",), ("Old Cone", "Tank House"))
    made = _at(0, "It could make up to 90,000 bottles a week with its two machines.", 0.9, 2, section="Brindle Glassworks > The Tank House")
    assert _under_another_part(made, *asked)
    assert not _under_another_part(made, *_named_parts(WORKS_HISTORY, "How many bottles could the Tank House make?"))
    assert not _under_another_part(_at(0, "The Old Cone closed when the Tank House opened.", 0.9, 2, section="Brindle Glassworks > The Tank House"), *asked)
    # Headings in title case that the prose does not use as names are no parts.
    assert _parts("# Guide\n\n## Safety Rules\n\nRead the safety rules before you start.\n") == ()
    # A sentence naming the other part, and not the one asked about, is about the other.
    from assistant.reader.extractive import _names_another_part

    named = _at(0, "The Tank House made up to 90,000 bottles a week.", 0.9, 2, section="Brindle Glassworks > Output")
    assert _names_another_part(named, *asked)
    assert not _names_another_part(_at(0, "The Old Cone made half as many as the Tank House.", 0.9, 2, section="Brindle Glassworks > Output"), *asked)
    # A heading with an aside in brackets, or in lower case where the prose speaks of it again and again, names a part.
    lodges = "# Lodges\n\n## The main lodge (the Old Mill)\n\nThe main lodge sleeps 12.\n\n## The Byre (Low Barn)\n\nThe Byre sleeps 6. Guests of the main lodge and of the Byre share the yard.\n"
    assert _parts(lodges) == ("main lodge", "Byre")

    assistant = _reader(tmp_path, real_embedder, "works.md", WORKS_HISTORY)
    answer = assistant.ask("how many bottles a week could the old cone produce")
    assert not any("90,000" in c.quote for c in answer.citations), answer.answer
    answer, quotes = _answered(assistant, "How many bottles a week could the Tank House make?")
    assert any("90,000" in q for q in quotes), quotes


def test_a_sentence_under_the_other_of_two_sections_set_side_by_side_is_about_the_other():
    from assistant.reader.extractive import _under_the_other
    from assistant.reader.questions import named_of_pairs
    from assistant.reader.segment import heading_pairs

    # "The outdoor pool" is no name the prose uses (it says "the lido"), yet it is set beside "The indoor pool".
    pools = (
        "# Pools\n\n## The two pools\n\n### The indoor pool\n\nIt is 25 metres long.\n\n"
        "### The outdoor pool\n\nThe lido opened in 1936. It holds about 1.9 million litres of water.\n\n## Prices\n\nA swim costs £4.\n"
    )
    named = named_of_pairs("How many litres does the indoor pool hold?", heading_pairs(pools))
    held = _at(0, "It holds about 1.9 million litres of water.", 0.9, 2, section="Pools > The two pools > The outdoor pool")
    assert _under_the_other(held, named)
    assert not _under_the_other(held, named_of_pairs("How many litres does the outdoor pool hold?", heading_pairs(pools)))
    # A sentence there that names the asked one speaks of it too.
    assert not _under_the_other(_at(0, "It is warmer than the indoor pool.", 0.9, 2, section="Pools > The two pools > The outdoor pool"), named)


def test_a_closer_sentence_answers_when_the_decision_trusts_it_enough_to_make_up_for_the_one_it_displaces(tmp_path, real_embedder):
    guide = PROJECT / "eval" / "corpora" / "dev6" / "mountain-huts-guide.txt"
    assistant = _reader(tmp_path, real_embedder, guide.name, guide.read_text(encoding="utf-8"))
    # In other words than the guide's ("curfew", "night-time noise"), the sentence closest in meaning answers ...
    _, quotes = _answered(assistant, "whats the night-time noise curfew in the huts")
    assert any("Quiet hours run from 10 pm to 6 am" in q for q in quotes), quotes
    # ... and a question about something else is still refused.
    assert assistant.ask("What causes the northern lights?").refused


UPGRADE_GUIDE = """# Nightwing Backup: Administrator's Guide

## Installing

Nightwing runs on Linux and macOS. It needs Python 3.10 or later and about 200 MB of disk space.

## Upgrading from 2.4 to 3.0

Version 3.0 changes the repository format, so every server must be upgraded with care.

1. With 2.4 still installed, run a last backup and then a full check with `nightwing check --read-all`.
2. Install 3.0 from the package repository and run `nightwing migrate` once on each repository.
3. Run a test restore of one directory before you delete any 2.4 snapshots.

## Troubleshooting

If a repository is locked, wait for the other backup to finish before you run another.
"""


def test_the_steps_of_a_procedure_are_the_list_under_a_heading_that_names_it(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "guide.md", UPGRADE_GUIDE)
    # The heading says nothing the question does not ("Upgrading from 2.4 to 3.0"), though the question says more.
    _, quotes = _answered(assistant, "What are the steps for upgrading a server from 2.4 to 3.0?")
    assert any("last backup" in q for q in quotes) and any("nightwing migrate" in q for q in quotes), quotes


POOLS_SOCIETY = """# Wendle Pools Society

## The two pools

### The indoor pool

The indoor pool is 25 metres long and 10 metres wide. At least two lifeguards are on duty in every indoor session.

### The outdoor pool

The lido opened in 1936 and is 50 metres long. It needs at least four lifeguards during day swims, because it is much
larger than the indoor pool.

## The board

Peggy Allard was the society's first chair, from 2016 to 2021. She was followed by Rosalind Teague, a chartered
accountant who has been chair since 2021.
"""


def test_the_other_one_of_two_sections_and_the_person_a_pronoun_stands_for(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "pools.md", POOLS_SOCIETY)
    history = [
        {"role": "user", "content": "How many lifeguards are on duty at the indoor pool?"},
        {"role": "assistant", "content": 'The document says: "At least two lifeguards are on duty in every indoor session."'},
    ]
    # The documents set "The indoor pool" and "The outdoor pool" side by side: the other one is the outdoor pool.
    answer = assistant.ask("And the other one?", history)
    assert answer.standalone_question == "How many lifeguards are on duty at the outdoor pool?"
    assert any("four lifeguards" in c.quote for c in answer.citations), answer.answer
    # "She was followed by Rosalind Teague": who "she" is comes from the sentence before, which is quoted first.
    answer, quotes = _answered(assistant, "Who was chair before Rosalind Teague?")
    assert "Peggy Allard" in quotes[0], quotes


PILOT_NOTES = """# Harbour pilots

Before a ship berths, a harbour pilot is taken out to it by launch. A pilot's work includes:

- Climbing the rope ladder to the bridge two miles out.
- Steering the ship through the channel to its berth.
- Ordering the tugs and telling them where to push.

Pilots train for seven years before they may take the largest tankers.
"""


def test_the_sentence_that_answers_hands_over_to_the_lead_in_after_it_and_its_items(tmp_path, real_embedder):
    # "A pilot's work includes:" closes the paragraph of the sentence that answers and speaks of what was asked: its
    # items come with it, though the question is no list question.
    assistant = _reader(tmp_path, real_embedder, "pilots.md", PILOT_NOTES)
    answer, quotes = _answered(assistant, "What does a harbour pilot have to do before a ship berths?")
    assert all(any(item in q for q in quotes) for item in ("work includes", "Climbing", "Steering", "tugs")), quotes


BUS_REVIEW = """# A report on the village bus

## What we found

Passenger numbers rose by a fifth in the first year. Most passengers were over 65, and most journeys were to
the market town on Tuesdays.

## Recommendations

1. Keep the Tuesday service and add a second return journey in the afternoon.
2. Ask the parish council to pay for a shelter at the school stop.
3. Train two more volunteer drivers before the winter timetable starts.
4. Print the timetable in the parish magazine every quarter.
5. Repeat the passenger count next spring.
"""


def test_a_list_under_a_one_word_heading_the_question_asks_with_answers_it(tmp_path, real_embedder):
    # "What does the report recommend ...?" is answered by the list under "Recommendations", all of it, as a lead-in
    # would bring it; not by the one item closest to the question's words.
    assistant = _reader(tmp_path, real_embedder, "review.md", BUS_REVIEW)
    answer, quotes = _answered(assistant, "What does the report recommend the parish should do next?")
    assert all(any(item in q for q in quotes) for item in ("Tuesday service", "shelter", "volunteer drivers", "magazine", "passenger count")), quotes


BACKUP_NOTES = """# Tallyman backups

## The S3 back-end

The S3 back-end writes to any bucket that speaks the S3 protocol. Tallyman uploads 4 packs at once by default,
and you can raise `upload_threads` to at most 16.

## Replicas

The first replica, rep-1, sits beside the primary on a server with 64 processor cores. The second, rep-2, is in
the other data centre and has 256 gigabytes of memory.
"""


def test_an_identifier_is_given_by_the_heading_or_the_sentence_before_unless_the_sentence_names_a_sibling(tmp_path, real_embedder):
    from assistant.reader.extractive import _names_sibling_code

    assert _names_sibling_code("The second, rep-2, is in the other data centre.", "rep-1")
    assert not _names_sibling_code("It uploads 4 packs at once.", "S3")
    # "Tallyman uploads 4 packs at once" stands under "The S3 back-end": it answers of S3 though it does not say it.
    assistant = _reader(tmp_path, real_embedder, "backups.md", BACKUP_NOTES)
    answer, quotes = _answered(assistant, "how many packs does the s3 backend upload at once?")
    assert any("4 packs" in q for q in quotes), quotes
    # The sentence before names rep-1, but this one names rep-2: its memory is not rep-1's.
    answer = assistant.ask("How much memory does rep-1 have?")
    assert not any("256 gigabytes" in c.quote for c in answer.citations), answer.answer


def test_a_number_the_question_gives_is_held_by_a_range_the_passage_gives():
    from assistant.reader.extractive import _in_a_range

    # "a member who is 23" is among "members aged 21 to 24"; "aged 25 or over" holds 30; a year is no age.
    assert _in_a_range("23", "The excess is £350 for members aged 25 or over and £600 for members aged 21 to 24.")
    assert _in_a_range("30", "Only members aged 25 or over may book the van.")
    assert not _in_a_range("22", "Only members aged 25 or over may book the van.")
    assert not _in_a_range("2019", "The club ran from 2010 to 2020.")
    # "between 5 and 10" is a range; "children aged 5 and 10" names two ages.
    assert _in_a_range("7", "for children between 5 and 10")
    assert not _in_a_range("7", "Our two children, aged 5 and 10, came too.")


def test_the_hours_of_the_asker_s_own_day_are_no_number_the_documents_must_use():
    from assistant.reader.extractive import _asked_names

    # "I work 9 to 5", "we won't get there till 11 at night": the asker's situation, as their child's age is.
    assert _asked_names("I work 9 to 5 every day. Is there any chance of getting seen after work?")[0] == []
    assert _asked_names("we won't get to the hostel till about 11 at night, what do we do")[0] == []
    assert _asked_names("My flight is at 7 in the morning. Why can't I sleep in the terminal?")[0] == []
    # A time the question asks about is still one the documents must give.
    assert _asked_names("Is the museum open at 9 pm?")[0] == ["9"]


def test_ok_and_the_asker_s_own_family_are_no_names_the_documents_must_use():
    from assistant.reader.extractive import _asked_names

    assert _asked_names("My sister doesn't eat anything from animals. Is the bitter OK for her?")[1] == []
    assert _asked_names("We want to scatter Mum's ashes over Dad's grave at the Old Cemetery. Is that ok?")[1] == ["Old", "Cemetery"]
    assert _asked_names("Can my Gran come to the Harvest Supper?")[1] == ["Harvest", "Supper"]


def test_a_price_told_in_a_clause_of_its_own_is_not_the_price_of_the_thing_another_clause_speaks_of():
    from assistant.reader.extractive import _costed, _priced_elsewhere
    from assistant.text import content_terms

    gate = _costed("How much did the new iron gate at Mill Field cost?")
    assert gate == content_terms("gate")[0]
    assert _priced_elsewhere("The trust put in an iron gate with a keypad, and the key fob deposit was raised to £20 in May.", gate)
    assert not _priced_elsewhere("The iron gate cost £640, and the fence was mended by volunteers.", gate)
    assert not _priced_elsewhere("The iron gate went in during May, and it cost £640.", gate)  # "it" is the gate
    assert not _priced_elsewhere("A new iron gate cost £640.", gate)  # one clause
    assert _costed("How much rent do you pay for St Mary's Hall?") is None  # a name binds its own sentences


def test_whether_a_named_thing_has_something_is_told_only_by_a_sentence_speaking_of_it():
    from assistant.reader.extractive import _thing_had
    from assistant.text import content_terms

    assert _thing_had("Does the Meadow Stage have a hearing loop for people with hearing aids?") == content_terms("loop")[0]
    assert _thing_had("Is there wifi in the Bunkhouse Barn?") == content_terms("wifi")[0]
    # After what the asker tells first.
    assert _thing_had("My dad wears hearing aids - is there a hearing loop in the Walled Garden Pavilion?") == content_terms("loop")[0]
    assert _thing_had("I use a wheelchair. Is there a lift at the Ropewalk store?") == content_terms("lift")[0]
    # Not what one must do, not a thing the question names no place or part for, not "anywhere".
    assert _thing_had("Do I have to wear gloves in the Search Room?") is None
    assert _thing_had("Is there a hearing loop upstairs?") is None
    assert _thing_had("Is there anywhere to park at Mill Lane?") is None
    # A research question names no place with capitals: "Is there a role for CRP ...?" asks whether a finding holds.
    assert _thing_had("Is there a role for CRP measurements in the diagnosis of appendicitis?") is None


STAGES = """# Festival guide

## The Tithe Barn

The Tithe Barn seats 300 people. A hearing loop covers all the seats in the barn.

## The Meadow Stage

The Meadow Stage is the festival's biggest stage, in the top field. It has a raised viewing platform for wheelchair
users, to the right of the sound desk. Music on the Meadow Stage stops at 11 pm.
"""


def test_a_named_stage_s_hearing_loop_is_not_told_by_sentences_on_other_things(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "stages.md", STAGES)
    answer = assistant.ask("Does the Meadow Stage have a hearing loop for people with hearing aids?")
    assert answer.refused or all("loop" in c.quote for c in answer.citations), answer.answer
    answer = assistant.ask("My dad wears hearing aids - is there a hearing loop at the Meadow Stage?")
    assert answer.refused or all("loop" in c.quote for c in answer.citations), answer.answer
    answer, quotes = _answered(assistant, "Does the Tithe Barn have a hearing loop?")
    assert any("hearing loop" in q for q in quotes), quotes


def test_a_time_told_for_other_days_of_the_week_does_not_answer_a_question_about_one():
    from assistant.reader.extractive import _days, _same_days

    assert _days("open Tuesday to Saturday") == {"tuesday", "wednesday", "thursday", "friday", "saturday"}
    assert _days("Mon-Fri, and at weekends by appointment") == {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    saturdays = _days("What time does the quiet swim start on Saturdays?")
    assert saturdays == {"saturday"}
    assert not _same_days(_at(0, "Quiet swim | Indoor | Wednesday | 7 pm to 8 pm", 0.9, 1, kind="row"), saturdays)
    assert _same_days(_at(0, "The pool is open Tuesday to Saturday from 7 am.", 0.9, 1), saturdays)
    assert _same_days(_at(0, "The quiet swim starts at 7 pm.", 0.9, 1), saturdays)  # no day named: may be any


def test_a_size_or_a_list_label_counts_nothing():
    from assistant.reader.extractive import _counts

    labels = {"label"}
    assert not _counts(_at(0, "We also sell 62 x 100 mm shipping labels in packs of four rolls.", 0.9, 1), labels)
    assert _counts(_at(0, "Each roll holds 250 labels.", 0.9, 1), labels)
    from assistant.text import content_terms

    harbours = set(content_terms("harbours"))
    assert not _counts(_at(0, "`3`: the harbour was not found in the list of harbours.", 0.9, 1, kind="item"), harbours)
    assert _counts(_at(0, "Predictions cover 140 harbours.", 0.9, 1), harbours)


def test_a_day_of_the_week_in_the_plural_is_the_day_the_documents_name():
    from assistant.reader.extractive import _asked_names

    assert _asked_names("What time does the reading room close on Thursdays?")[1] == ["Thursday"]
    assert _asked_names("Do the Wardens meet on Sundays?")[1] == ["Wardens", "Sunday"]  # only a day loses its "s"
    assert _asked_names("Is the museum open on Monday?")[1] == ["Monday"]  # and only from its plural


def test_a_slip_of_the_keys_is_read_as_the_documents_word_and_a_real_word_or_a_name_is_not():
    from assistant.retrieval.keyword import KeywordIndex

    texts = [
        "The garden's oldest tree is a cedar planted in 1834. Researchers may ask for the raw data.",
        "Exhibits are judged on Wednesday. Students who receive a bursary pay £270. The liver clinic opens at 9 am.",
        "Dr Smith runs the gardens' research programme. Report a fallen branch to the office.",
    ]
    index = KeywordIndex(["a", "b", "c"], texts, [{"source": "guide"}] * 3)
    assert index.corrected("whats the most ancient tree in the gardn?") == "whats the most ancient tree in the garden?"
    assert index.corrected("Can reserchers get the data?") == "Can researchers get the data?"
    assert index.corrected("when are exibits judged, wedensday?") == "when are exhibits judged, wednesday?"
    assert index.corrected("how much with a bursery") == "how much with a bursary"
    # English words the documents do not use are asked as written: "river" is no slip for "liver".
    assert index.corrected("is there a river nearby") == "is there a river nearby"
    assert index.corrected("how do I repot an orchid") == "how do I repot an orchid"  # to pot again, no "report"
    # So are the documents' own words in another form, British spellings, and names (a trap's "Dr Smyth" is not
    # Dr Smith).
    assert index.corrected("who plants cedars in the centre") == "who plants cedars in the centre"
    assert index.corrected("What does Dr Smyth run?") == "What does Dr Smyth run?"
    # A slip two of the documents' words are one key from, used as often, is left as typed: which was meant is a guess.
    tied = KeywordIndex(["a"], ["The barns and the burns are old."], [{"source": "farm"}])
    assert tied.corrected("where are the bxrns") == "where are the bxrns"


@pytest.mark.slow
def test_a_misspelt_question_is_answered_from_the_sentence_its_right_spelling_finds(tmp_path, real_embedder):
    text = (
        "# Fernbrook Gardens\n\nFernbrook Gardens opened in 1828 on the edge of the town. Its oldest tree is a cedar of\n"
        "Lebanon planted in 1834, six years after the gardens were founded. The tallest is a giant redwood of 38\n"
        "metres.\n\n## Visiting\n\nThe gardens open at 10 am every day except Christmas Day. Entry costs £9 for adults.\n"
    )
    assistant = _reader(tmp_path, real_embedder, "gardens.md", text)
    _cites(assistant, "whats the oldset tree in the gardns", "cedar of\nLebanon")


def _holds(question: str, sentence: str) -> bool:
    """Does the sentence hold the kind of fact the question asks for?"""
    from assistant.reader.answer_types import has_answer_type

    return has_answer_type(sentence, analyse(question), frozenset())


def test_a_phone_number_email_or_website_asked_for_is_given_only_by_a_sentence_holding_one():
    assert analyse("What's the phone number for reception?").answer_type == "contact"
    assert _holds("What's the phone number for reception?", "The shop's telephone number is 01632 960275.")
    assert _holds("What's the phone number for reception?", "Call the helpline on +44 20 7946 0958 between 9 am and 5 pm.")
    # Times and sums are figures, not a number to ring.
    assert not _holds("What's the phone number for reception?", "Reception is open from 9 am to 8.30 pm Monday to Thursday.")
    assert not _holds("What's the phone number for reception?", "The new roof cost £1,250,000 in total.")
    email = "What email address do I use to contact customer care?"
    assert analyse(email).answer_type == "contact"
    assert _holds(email, "Write to care@tollbeck.co.uk with your order number.")
    assert not _holds(email, "Call the Care Centre on 01632 960257.")
    assert analyse("what's the website?").answer_type == "contact"
    assert _holds("what's the website?", "Booking opens at www.fellgate-learning.org.uk on 1 August.")
    # To e-mail a thing is no ask for an address.
    assert analyse("Can I email my entry form?").answer_type is None
    # Nor is a question about URLs as things: "the URL object", "Which URL schemes count as special?".
    assert analyse("Does it percent-encode characters the same way the URL object itself does?").answer_type is None
    assert analyse("Which URL schemes count as special?").answer_type != "contact"
    assert analyse("What's the URL of the booking page?").answer_type == "contact"


@pytest.mark.slow
def test_on_a_place_is_no_purpose_but_money_spent_on_another_thing_is(tmp_path, real_embedder):
    text = (
        "# Kettleby Angling Club\n\n## The river\n\nThe Sallow Beat is 2.6 kilometres of the north bank of the River Wendle.\n"
        "The brown trout season on the Sallow Beat runs from 1 April to 30 September. Members may keep two trout a day.\n\n"
        "## Money\n\nIn 2025 the club spent £4,200 on the new fishing platforms and £900 on the car park gate. The lake\n"
        "was restocked in March.\n"
    )
    assistant = _reader(tmp_path, real_embedder, "club.md", text)
    _cites(assistant, "When does the trout season start on the river?", "1 April")
    _cites(assistant, "How much did the club spend on the fishing platforms?", "£4,200")
    assert assistant.ask("How much did the club spend on the lake restocking?").refused


def test_figures_written_as_readers_write_them_hold_the_kind_asked_for():
    # A span joined to its unit.
    assert _holds("how long is the warranty on the Wren 180", "The Wren 180 comes with a 12-month warranty.")
    # A fraction is a number of members.
    assert _holds("how many members have to be there for a meeting to make decisions", "A meeting can make decisions if at least one third of the members are present.")
    assert not _holds("how many members have to be there", "The meeting is held on the third Saturday of May.")
    # How often: a range of spans, a month each year.
    assert _holds("how often should the tubes be changed", "They harden with age, so they should be changed every three to four months.")
    assert _holds("does the bubble tube get tested, and how often", "The bubble tube has a portable appliance test every October.")
    # Where to keep or tip a thing: "where am I supposed to ...".
    assert _holds("where am i supposed to keep my gas bottles", "Keep bottles of gas in a locker that drains overboard.")
    assert _holds("Where do we tip out our washing-up water?", "Waste water must be poured into the grey water pits.")
    # Where a thing is had, or sent: a common noun's place, a posting told as a sending.
    assert _holds("where do I get my splits once I've finished", "Go straight to the download tent, where you are given a printout.")
    assert _holds("Where do I post the paper form?", "Paper forms should be sent to our office at 12 Millrace Yard.")
    assert not _holds("Where do I post the paper form?", "Paper forms are checked within a week.")


def test_who_a_rule_lets_in_is_told_by_what_they_are():
    assert _holds("Who can get the discount on leisure courses?", "learners aged 65 or over on the first day of the course;")
    assert _holds("who is eligible for a place", "Places are open to children who live in the parish.")
    assert _holds("who qualifies for a home visit", "Home visits are available to households on a low income.")
    # Not a sentence that names no one and no kind of people.
    assert not _holds("Who can sign off the accounts?", "The accounts are checked every spring.")
    # Nor does a description answer who holds a role.
    assert not _holds("Who is the chair?", "Members aged 18 or over may stand.")


def test_words_that_frame_a_question_are_not_what_it_asks_about(tmp_path, real_embedder):
    from assistant.reader.extractive import _framing_terms

    assert _framing_terms("how many layers can i have on each of the two boards") == {"two", "board"}
    assert _framing_terms("What does it cost to use one of the giant dryers?") == {"one"}
    assert _framing_terms("how wide do I have to keep the path next to my plot") == {"next"}
    assert _framing_terms("Who are the officers at the moment? Give me the whole list please.") >= {"moment", "list"}
    # A word that names a thing stays: the waiting list, the whole hostel, a two-bedroom flat.
    assert _framing_terms("How many people are on the waiting list?") == set()
    assert _framing_terms("How much is it to hire the whole main hostel?") == set()
    assert _framing_terms("How much is the two-bedroom flat?") == set()
    text = (
        "# Keyboard firmware guide\n\nThe firmware runs on two keyboards: the Wren-32, a compact keyboard with 32 keys, and the\n"
        "Kestrel-2040, a full-size one.\n\n## Layers\n\nThe Wren-32 allows up to 8 layers and the Kestrel-2040 up to 16. Each\n"
        "layer can remap every key.\n"
    )
    assistant = _reader(tmp_path, real_embedder, "firmware.md", text)
    # "two" is a word the document uses, but not what the question asks about: the sentence giving each board's
    # layers is the one that answers, though it does not say "two".
    best = _best_sentence(assistant, "how many layers can i have on each of the two boards")
    assert best is not None and "up to 8 layers" in best.text


def test_how_long_so_far_is_told_by_the_year_it_began_and_where_the_asker_does_something_by_a_common_noun():
    assert _holds("How long has Ravi Sandhu been with the pharmacy?", "Ravi Sandhu, pharmacist manager, who joined us in 2011;")
    assert _holds("how long has she been lead maintainer?", "She has been lead maintainer since the first public release in March 2018.")
    # Not how long a thing lasts, nor by a year of something else.
    assert not _holds("How long is the course?", "Ravi Sandhu, pharmacist manager, who joined us in 2011;")
    assert not _holds("How long has Ravi Sandhu been with the pharmacy?", "The pharmacy was refitted in 2011.")
    assert not _holds("How long's the wait for a plot?", "Ravi joined the waiting list in 2019.")  # "how long is"
    assert _holds("I put a ding in one of the boats. Where do I note that down?", "Write any damage in the damage book by the workshop door.")
    assert _holds("where can I grab some lunch on a saturday?", "Sandwiches are sold in the café inside the main entrance.")
    assert not _holds("where can I grab some lunch on a saturday?", "Lunch is served until 2 pm.")


def test_a_date_a_year_or_a_version_counts_no_people(tmp_path, real_embedder):
    text = (
        "# Wiki server guide\n"
        "\n"
        "## Storage\n"
        "\n"
        "The wiki can keep its pages in SQLite or in PostgreSQL. Use PostgreSQL for teams of more than\n"
        "50 active accounts.\n"
        "\n"
        "## Version history\n"
        "\n"
        "- 2.6, 3 June 2025: added the doctor command; dropped support for PostgreSQL 13.\n"
        "- 2.0, 20 January 2021: added the PostgreSQL backend and a new editor; version 1 wikis must be\n"
        "  converted before upgrading.\n"
        "- 1.4, 2 September 2019: added directory sign-in.\n"
        "\n"
        "## Team\n"
        "\n"
        "The project has 4 maintainers. Dafydd joined the project in 2021, shortly after version 2.0 added\n"
        "PostgreSQL support.\n"
    )
    assistant = _reader(tmp_path, real_embedder, "wiki.md", text)
    assert assistant.ask("How many people can edit at the same time on the PostgreSQL backend?").refused
    _cites(assistant, "How many maintainers does the project have?", "4 maintainers")


def test_a_labelled_kind_the_question_capitalises_is_not_told_by_its_sibling(tmp_path, real_embedder):
    text = (
        "# Support\n\nTwo support contracts are offered.\n\n- Standard support costs £1,400 a year per server and includes help\n"
        "  by email on working days.\n- Extended support adds help with upgrades and a named engineer.\n"
    )
    assistant = _reader(tmp_path, real_embedder, "support.md", text)
    assert assistant.ask("How much does the Extended support contract cost per year?").refused
    _cites(assistant, "How much does the Standard support contract cost per year?", "£1,400")


def test_he_after_asking_whether_anyone_helps_is_the_one_the_answer_brings_in():
    # "he" after "Does anyone help Sunita ...?" is the one the answer brings in, not Sunita (asked) or a weekday.
    history = [
        {"role": "user", "content": "Does anyone help Sunita on the Vale van?"},
        {"role": "assistant", "content": 'The document says: "On Tuesdays and Wednesdays Sunita Khatri is joined on the Vale van by a library assistant, Callum Reid."'},
    ]
    assert standalone("how long has he been doing that job?", history) == "How long has Callum Reid been doing that job?"


def test_a_follow_up_about_someone_named_is_answered_by_the_sentence_naming_them(tmp_path, real_embedder):
    text = (
        "# Our pharmacy\n\n## Travel health\n\nThe Travel Health Clinic runs at Cornmarket on Tuesdays, and is led by Ravi Sandhu.\n"
        "Please book at least six weeks before you travel, because some vaccines need time to take effect.\n\n## Our team\n\n"
        "- Helena Marchetti, superintendent pharmacist and owner;\n- Ravi Sandhu, pharmacist manager at Cornmarket, who joined us in\n"
        "  2011;\n- Nkechi Obi, pharmacy technician.\n"
    )
    assistant = _reader(tmp_path, real_embedder, "pharmacy.md", text)
    history = [
        {"role": "user", "content": "Who runs the travel clinic?"},
        {"role": "assistant", "content": 'The document says: "The Travel Health Clinic runs at Cornmarket on Tuesdays, and is led by Ravi Sandhu."'},
    ]
    # The sentence after the one quoted gives a length of time too, but not of him.
    answer = assistant.ask("how long has he been with the pharmacy?", history)
    assert not answer.refused and any("joined us in" in c.quote for c in answer.citations), answer.answer


def test_when_something_happened_is_not_told_by_when_it_recurs():
    assert not _holds("When did Owen start doing the safety tests?", "The items have a safety test every October, carried out by Owen.")
    assert not _holds("When was the club's first match?", "The club plays on Saturdays.")
    assert _holds("When did Owen start doing the safety tests?", "Owen started doing the safety tests in October 2019.")
    # When it recurs answers when it is.
    assert _holds("When is the AGM?", "The AGM is held every October.")


HUB_GUIDE = """# Kestrel Home Hub: User Guide

## The two hub models

The Hub Mini is a white square unit 9 cm across. Its recommended price is £79, and it comes with a two-year
warranty.

The Hub Pro is a charcoal-grey unit 14 cm across. Its recommended price is £169, and it comes with a three-year
warranty.

## Firmware release history

- 3.2.1, 14 March 2025: fixed a fault that made some blind motors stop short.
- 3.2.0, 27 January 2025: added soil moisture probes.
- 3.0.0, 18 June 2024: the first release for the Hub Pro.
"""


@pytest.mark.slow
def test_a_version_the_question_gives_is_that_release_and_each_model_frames_the_question(tmp_path, real_embedder):
    from assistant.reader.extractive import _codes, _framing_terms, _has_code

    # A version's number is an identifier of its own: "3.2.1" is another release, "1.0.0" is version 1.0.
    assert _codes("When did firmware 3.2.0 come out?") == ["3.2.0"] and _codes("what changed in version 2.4") == ["2.4"]
    assert _codes("How long is a 2.5 metre pole?") == []
    assert not _has_code("3.2.1, 14 March 2025", "3.2.0") and _has_code("1.0.0, 12 March 2019", "1.0")
    # "each model" at the question's end: the sentence giving a model's figure need not say "model".
    assert _framing_terms("What's the recommended price of each model?") == {"model"}
    assistant = _reader(tmp_path, real_embedder, "hub.md", HUB_GUIDE)
    _, quotes = _answered(assistant, "When did firmware 3.2.0 come out?")
    assert quotes[0].startswith("3.2.0"), quotes
    _, quotes = _answered(assistant, "What's the recommended price of each model?")
    assert any("£79" in q for q in quotes) and any("£169" in q for q in quotes), quotes


SCHOOL_HANDBOOK = """# Lanthorn Driving School: Pupil Handbook

## About the school

Lanthorn Driving School was founded in 2004 by Helen Marchbank. It has six instructors and eight cars.

## Safety in our cars

The school's cars are all less than three years old, and the school replaces each of its cars in its fourth year.
The school's cars are cleaned inside and out before every lesson, and the school's instructors check them each
morning. All our cars have dual controls, so that your instructor can brake if needed. Every car is serviced every
10,000 miles or every six months, whichever comes first.

## Theory workshops

Samuel Adeyemi runs a free theory workshop at the office every Tuesday from 6.30 pm to 8 pm. The workshops follow a
four-week cycle.

## Insurance claims

To make a claim, tell the office within 30 days of the damage.
"""


@pytest.mark.slow
def test_held_says_only_that_an_event_takes_place(tmp_path, real_embedder):
    assistant = _reader(tmp_path, real_embedder, "school.md", SCHOOL_HANDBOOK)
    _cites(assistant, "How often are the school's cars serviced?", "every six months")
    # "held" says only that the workshop takes place: "runs ... every Tuesday" tells when.
    from assistant.reader.extractive import _named_event

    assert _named_event("When is the theory workshop held?") is None and _named_event("When was the school founded?") is not None
    _cites(assistant, "When is the theory workshop held?", "every Tuesday")
    # What is made is a claim, named before the clause that says when.
    _cites(assistant, "How do I make an insurance claim if something gets damaged?", "within 30 days")


def test_the_verb_after_a_named_subject_is_not_what_a_measure_is_of():
    # "What temperature does Slow Cook run at?" measures Slow Cook, not "run": figures beside its settings answer.
    assert _holds(
        "What temperature does Slow Cook run at on Low and on High?",
        "It has two settings: Low, which holds the food at about 85 °C, and High, which holds it at about 95 °C.",
    )
    from assistant.reader.answer_types import _measured

    assert "run" not in _measured("What temperature does Slow Cook run at?", frozenset())
    assert _measured("How deep is the Kestle pool?", frozenset()) == {"pool"}


def test_in_charge_a_one_standing_for_a_noun_and_the_askers_age_are_no_words_of_what_is_asked_about():
    from assistant.reader.extractive import _asking_terms
    from assistant.text import content_terms

    assert content_terms("charge")[0] in _asking_terms("Who is in charge of the engine repair shop?")
    assert content_terms("one")[0] in _asking_terms("and with the directory one?")
    assert content_terms("one")[0] in _asking_terms("what number do i put the cheaper one on for a stovetop espresso maker")
    assert content_terms("old")[0] in _asking_terms("how much is the ARC for a 15 year old")
    # A number is still one: "one bedroom", "one of the vans" (which the framing words handle).
    assert content_terms("one")[0] not in _asking_terms("Is one bedroom enough for us?")
    assert content_terms("charge")[0] not in _asking_terms("Is there a charge for parking?")


def test_i_is_no_name_whose_next_word_names_a_kind():
    from assistant.reader.extractive import _kind_nouns

    # "if I want £5,000 of cover": no kind ("want") of a named thing the answer must speak of.
    assert _kind_nouns("How much does Goods Protection Cover cost if I want £5,000 of cover?") == set()
    assert _kind_nouns("When was Marrowby station built?") == {"station"}
