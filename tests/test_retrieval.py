"""Retrieval tuning: titles and whole documents in keyword search, convex fusion, and the older RRF kept."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.corpus.documents import SourceDocument
from assistant.retrieval import KeywordIndex, RetrievalConfig
from assistant.retrieval.keyword import _stitch
from assistant.service import Assistant
from assistant.corpus.store import make_client

from .conftest import settings_for
from .fakes import FakeEmbedder


def _meta(source: str, title: str, start: int, end: int) -> dict:
    return {"source": source, "title": title, "start": start, "end": end}


def test_documents_are_rebuilt_from_overlapping_chunks():
    text = "alpha beta gamma delta epsilon zeta"
    chunks = [(0, 16), (11, 30), (23, 35)]  # "alpha beta gamma", "gamma delta epsilon", "epsilon zeta"
    metas = [_meta("a", "Letters", s, e) for s, e in chunks]
    sources, docs = _stitch([text[s:e] for s, e in chunks], metas)
    assert sources == {"a": 0}
    assert docs[0].split() == ["Letters"] + text.split()  # each word once, the title first


def test_a_chunk_is_found_by_its_documents_title():
    texts = ["The trial enrolled adults with the disease.", "Vaccines protect infants from measles."]
    metas = [_meta("a", "Malaria vaccine trial", 0, len(texts[0])), _meta("b", "Measles", 0, len(texts[1]))]
    plain = KeywordIndex(["a::0", "b::0"], texts, metas)
    titled = KeywordIndex(["a::0", "b::0"], texts, metas, titles=True)
    assert plain.search("malaria", 5) == []
    assert [i for i, _ in titled.search("malaria", 5)] == [0]
    # Word rarity for the generator still comes from the chunks' own words only.
    assert titled.idf("malaria") == plain.idf("malaria")


def test_whole_document_evidence_lifts_every_chunk_of_the_document():
    texts = ["Statins lower cholesterol.", "The effect lasted years.", "Aspirin thins blood."]
    metas = [_meta("a", "", 0, 26), _meta("a", "", 27, 51), _meta("b", "", 0, 20)]
    ids = ["a::0", "a::1", "b::0"]
    alone = KeywordIndex(ids, texts, metas).scores("statins effect")
    pooled = KeywordIndex(ids, texts, metas, document_weight=2.0).scores("statins effect")
    assert alone[2] == 0 and pooled[2] == 0  # the other document gains nothing
    assert pooled[0] > alone[0] and pooled[1] > alone[1]
    assert pooled[0] - alone[0] == pytest.approx(pooled[1] - alone[1])  # the same document score for both


def _assistant(project, **overrides) -> Assistant:
    settings = settings_for(project, **overrides)
    return Assistant(settings, embedder=FakeEmbedder(), client=make_client(settings.data_path / "chroma"))


def _docs() -> list[SourceDocument]:
    texts = {
        "a": "Glioblastoma is an aggressive brain tumour. Surgery rarely removes it all.",
        "b": "CAR-T cells are engineered immune cells. They attack tumour cells.",
        "c": "Aspirin lowers the risk of heart attacks in older adults.",
    }
    return [SourceDocument(k, v, f"Doc {k}", "txt", len(v), k * 8) for k, v in texts.items()]


def test_convex_fusion_mixes_cosine_and_scaled_bm25(project):
    assistant = _assistant(project)
    assert assistant.retriever.config.fusion == "convex"
    assistant.ingestor.sync_documents(_docs())
    found = assistant.retriever.search("aggressive brain tumour", k=3)
    assert found[0].metadata["source"] == "a"
    share = assistant.retriever.config.keyword_share
    best = max(d.metadata["bm25_score"] for d in found)
    for doc in found:
        m = doc.metadata
        expected = (1 - share) * m["dense_score"] + share * m["bm25_score"] / best
        assert m["score"] == pytest.approx(expected, abs=1e-5)
    assert [d.metadata["score"] for d in found] == sorted((d.metadata["score"] for d in found), reverse=True)


def test_a_passage_two_files_hold_word_for_word_takes_one_place(project):
    assistant = _assistant(project)
    docs = _docs()
    copy = SourceDocument("a-copy", docs[0].text, "Doc a (copy)", "txt", len(docs[0].text), "a-copy-hash")
    assistant.ingestor.sync_documents([*docs, copy])
    found = assistant.retriever.search("aggressive brain tumour", k=3)
    texts = [" ".join(d.page_content.split()) for d in found]
    assert len(found) == 3 and len(set(texts)) == 3, texts
    sources = {d.metadata["source"] for d in found}
    assert {"b", "c"} < sources and len(sources & {"a", "a-copy"}) == 1, sources


def test_rrf_and_single_retrievers_remain_available(project):
    assistant = _assistant(project, fusion="rrf", bm25_titles=False, bm25_document_weight=0.0)
    assistant.ingestor.sync_documents(_docs())
    assert assistant.retriever.config == RetrievalConfig(fusion="rrf", bm25_titles=False, bm25_document_weight=0.0)
    found = assistant.retriever.search("aspirin heart attacks", k=2)
    assert found[0].metadata["source"] == "c"
    assert found[0].metadata["score"] == pytest.approx(2 / 61, abs=1e-6)  # first in both lists
    assistant.retriever.config.fusion = "bm25"
    only_keywords = assistant.retriever.search("aspirin", k=3)
    assert [d.metadata["source"] for d in only_keywords] == ["c"]  # no other chunk has the word


def test_empty_query_words_give_zero_keyword_scores(project):
    assistant = _assistant(project)
    assistant.ingestor.sync_documents(_docs())
    index = assistant.retriever.keyword_index()
    assert not np.any(index.scores("the of and"))
    assert assistant.retriever.search("the of and", k=2)  # dense search still answers


def test_exact_search_in_memory_ranks_as_chromas_index_does(project):
    """Below `exact_search_chunks` dense search runs over the vectors held in memory; it must find what Chroma's
    HNSW index finds (on a corpus this small HNSW is exact too), with the same similarities."""
    exact, indexed = _assistant(project), _assistant(project, exact_search_chunks=0)
    exact.ingestor.sync_documents(_docs())
    assert exact.retriever.keyword_index().vectors.shape == (exact.store.count(), FakeEmbedder().dimension)
    assert indexed.retriever.keyword_index().vectors is None
    for question in ("aggressive brain tumour", "engineered immune cells", "heart attacks", "the of and"):
        a, b = exact.retriever.search(question, k=3), indexed.retriever.search(question, k=3)
        assert [d.id for d in a] == [d.id for d in b]
        for x, y in zip(a, b):
            assert x.metadata["dense_score"] == pytest.approx(y.metadata["dense_score"], abs=1e-5)
            assert x.metadata["score"] == pytest.approx(y.metadata["score"], abs=1e-5)


def test_the_index_knows_which_words_each_document_uses():
    texts = ["Read-1 fell behind: its replication lag peaked at 412 seconds.", "Read-2 ran out of memory twice.", "Gates close at dusk."]
    metas = [{"source": "review.txt"}, {"source": "review.txt"}, {"source": "park.md"}]
    index = KeywordIndex(["r::0", "r::1", "p::0"], texts, metas)
    assert {"lag", "memori"} <= index.document_terms("review.txt")  # folded stems, as the reader's terms are
    assert "lag" not in index.document_terms("park.md") and index.document_terms("nowhere.txt") == frozenset()


def test_the_stems_keep_apart_words_the_english_stemmer_runs_together():
    from assistant.text import content_terms, keyword_tokens

    assert set(content_terms("engine")).isdisjoint(content_terms("engineering engineers"))
    assert keyword_tokens("engineer") == keyword_tokens("engineering") != keyword_tokens("engine")
    assert content_terms("business") != content_terms("busy") and content_terms("authority") != content_terms("author")


def test_carry_is_a_light_verb_only_in_carry_out():
    from assistant.reader.extractive import _deed
    from assistant.text import content_terms, keyword_tokens

    assert "carri" in content_terms("What should I carry on a day out?") and "carri" in keyword_tokens("Carry a map.")
    assert content_terms("Who carried out the research?") == ["research"]
    assert _deed("Who carried out the research?", set()) is None


def test_a_dotted_number_is_one_keyword():
    from assistant.text import keyword_tokens

    assert "3.4.0" in keyword_tokens("## [3.4.0](https://example.org/compare/3.3.2...3.4.0) (2024-10-08)")
    assert {"2.5", "v1.2"} <= set(keyword_tokens("Use 2.5 ml, as v1.2 did."))
    assert "3.4" not in keyword_tokens("version 3.4.0")  # the whole number, not a piece of it
    texts = ["## 3.4.0 (2024-10-08)\n- Support for Python 3.13", "## 3.3.2 (2023-10-31)\n- Fixed a memory regression"]
    index = KeywordIndex(["c::0", "c::1"], texts, [{"source": "CHANGES.md"}] * 2)
    assert index.scores("What was fixed in 3.3.2?").argmax() == 1 and index.scores("When was 3.4.0 released?").argmax() == 0


def test_an_acronym_the_corpus_only_spells_out_is_searched_as_its_words():
    texts = ["Its first shop in the United States opened in Boston.", "The NHS trust runs two hospitals.", "Advice from the Citizens Advice Bureau is free.", "Write to us."]
    index = KeywordIndex(["a::0", "a::1", "a::2"], texts, [{"source": "a.md"}] * 3)
    assert index.spelled_out("When did it open in the US?") == "When did it open in the United States?"  # "us" is no "US"
    assert index.spelled_out("Is the NHS involved?") == "Is the NHS involved?"  # written as such: left alone
    assert index.spelled_out("Does the EU fund it?") == "Does the EU fund it?"  # never spelled out: left alone
    assert index.scores(index.spelled_out("Can the CAB help me?")).argmax() == 2


def test_an_acronym_the_passages_spell_out_in_lower_case_is_read_as_their_words():
    from assistant.retrieval.keyword import lower_spelling

    nearby = ["All prices include value added tax.", "Call us and say what has happened and where you are."]
    assert lower_spelling("VAT", nearby) == "value added tax"
    assert lower_spelling("WHY", nearby) is None  # "what has happened ... you": everyday words spell nothing
    # Two letters, as the passages found for the question write them ("GA" of "under a general anaesthetic"); but
    # "OK" and "AM" are words, and two runs that spell the letters leave them alone.
    assert lower_spelling("GA", ["Extractions are done under a general anaesthetic at the hospital."]) == "general anaesthetic"
    assert lower_spelling("OK", ["Only keep the receipt."]) is None and lower_spelling("AM", ["all members"]) is None
    assert lower_spelling("GA", ["a general anaesthetic", "the gate attendant"]) is None
    # Two runs that spell it: which one is meant is not known, so neither is read.
    assert lower_spelling("GPS", ["A guide pulley steers the chain.", "Read it from a global positioning system."]) is None
    texts = ["All prices include value added tax.", "Valves and taps are checked yearly."]
    index = KeywordIndex(["a::0", "a::1"], texts, [{"source": "a.md"}] * 2)
    assert index.unspelled("Is VAT included?") and not index.unspelled("Is the UK included?")
    assert index.spelled_out("Is VAT included?") == "Is VAT included?"  # the whole corpus: too many chance runs
    assert index.spelled_out("Is VAT included?", texts[:1]) == "Is value added tax included?"



def test_a_sentence_s_opening_capital_and_a_small_word_at_either_end_spell_no_acronym():
    from assistant.retrieval.keyword import lower_spelling, spelling

    # "Three Ashgrove tutors ..." opens a sentence with an everyday word: no name that "TA" stands for.
    texts = ["Three Ashgrove tutors left early. We had three teaching assistants."]
    assert spelling("TA", texts) is None
    assert spelling("MMO", ["Marine Management Organisation staff visited. A marine licence is needed."]) is None
    assert spelling("MMO", ["A licence from the Marine Management Organisation is needed."]) == "Marine Management Organisation"
    # A run that ends with a small word is no name ("taken beside the" is no "TBT"); "over" may stand for the small "o".
    assert lower_spelling("TBT", ["Samples were taken beside the quay."]) is None
    assert lower_spelling("VoIP", ["Calls use voice over internet protocol."]) == "voice over internet protocol"


def test_a_list_a_new_sentence_or_a_comma_ends_the_run_an_acronym_is_spelled_with():
    from assistant.retrieval.keyword import lower_spelling, spelling

    # A comma before a small word lists things ("October, and the Sands"); a capitalised everyday word opens a new
    # sentence or heading ("Corran Airways" over "The Corran ..."): neither is part of one name.
    assert spelling("OS", ["The path shuts in October, and the Sands flood."]) is None
    assert spelling("OS", ["In October, and the Sands flood. Buy the Ordnance Survey map."]) == "Ordnance Survey"
    assert spelling("ATC", ["Corran Airways\nThe Corran route is short."]) is None
    assert spelling("ATC", ["Corran Airways\nThe pilot obeys Air Traffic Control."]) == "Air Traffic Control"
    # A comma before a capitalised word stays inside a name.
    assert spelling("DEFRA", ["the Department for Environment, Food and Rural Affairs"]) == "Department for Environment, Food and Rural Affairs"
    # Lower-case words broken by a comma are no name ("grandson, sold the mill" is no "GSM").
    assert lower_spelling("GSM", ["His grandson, sold the mill in 1990."]) is None


def test_an_acronym_may_keep_a_small_word_s_letter_and_a_hyphen_joins_words():
    from assistant.retrieval.keyword import _ACRONYM, lower_spelling, spelling

    assert _ACRONYM.findall("Did the DfT pay, and is the MOT due?") == ["DfT", "MOT"]
    assert spelling("DfT", ["a grant from the Department for Transport"]) == "Department for Transport"
    assert spelling("MOT", ["She takes her Ministry of Transport test each March."]) == "Ministry of Transport"
    assert lower_spelling("ABV", ["a cider of about 6 per cent alcohol by volume"]) == "alcohol by volume"
    assert lower_spelling("NAS", ["on the same machine or on network-attached storage"]) == "network-attached storage"
    # A small word kept whole: "DofE" is the Duke of Edinburgh's Award, "CofE" the Church of England.
    assert _ACRONYM.findall("Can our DofE group camp by the CofE school?") == ["DofE", "CofE"]
    assert spelling("DofE", ["Groups on Duke of Edinburgh's Award walks may stay."]) == "Duke of Edinburgh"


def test_an_acronym_is_spelled_by_a_whole_name_before_a_part_of_a_longer_one():
    from assistant.retrieval.keyword import spelling

    texts = ["The Fernleigh Community Woodland Trust owns both woods.", "The Fernleigh Community Woodland Trust met twice.",
             "The planting was paid for by the Forestry Commission."]
    assert spelling("FC", texts) == "Forestry Commission"  # "Fernleigh Community" is the start of a longer name
    assert spelling("NHS", ["The National Health Service pays."], whole=True) == "National Health Service"  # "The" is no name
    baths = ["Hollinsford Public Baths opened in 1936."]
    assert spelling("PB", baths, whole=True) is None and spelling("PB", baths) == "Public Baths"
    # The passages' own lower-case words then come before a part of a longer name: "personal best", not "Public Baths".
    texts = [*baths, "Swimmers who want to chase a personal best should use the fast lane."]
    index = KeywordIndex(["a::0", "a::1"], texts, [{"source": "a.md"}] * 2)
    assert index.spelled_out("Which lane for my PB?", texts[1:]) == "Which lane for my personal best?"


def test_an_acronym_may_be_spelled_by_per_by_very_and_by_a_compound_word():
    from assistant.retrieval.keyword import lower_spelling

    assert lower_spelling("DPI", ["Scans are made at a resolution of 600 dots per inch."]) == "dots per inch"
    assert lower_spelling("VHF", ["The launch carries a very\nhigh frequency radio."]) == "very high frequency"
    # One word may spell two letters as a compound does: "ultra" + "violet", "cardio" + "pulmonary".
    assert lower_spelling("UV", ["The case has an ultraviolet stabiliser."]) == "ultraviolet"
    assert lower_spelling("CPR", ["Every coach is trained in cardiopulmonary resuscitation."]) == "cardiopulmonary resuscitation"
    # A capital that opens a sentence or a list item is the same word: "Personal protective equipment ... is kept".
    assert lower_spelling("PPE", ["- Personal protective equipment is kept at every table."]) == "personal protective equipment"
    assert lower_spelling("IPA", ["We brew an India pale ale."]) is None  # a name's capital, inside a sentence
    # Not any word holding the letters: "universe" is no "UV", and a prefix must be one that compounds.
    assert lower_spelling("UV", ["The universe is large."]) is None
    assert lower_spelling("CP", ["The carpark is small."]) is None


@pytest.mark.parametrize(
    ("british", "american"),
    [("licence", "license"), ("colours", "colors"), ("centre", "center"), ("centred", "centered"), ("litres", "liters"),
     ("organisation", "organization"), ("recognised", "recognized"), ("analyse", "analyze"), ("catalogue", "catalog"),
     ("tumour", "tumor"), ("behaviour", "behavior"), ("paediatric", "pediatric"), ("haemoglobin", "hemoglobin"),
     ("programme", "program"), ("grey", "gray"), ("defence", "defense")],
)
def test_british_and_american_spellings_are_one_word(british, american):
    from assistant.text import content_terms, keyword_tokens

    assert content_terms(british) == content_terms(american) and keyword_tokens(british) == keyword_tokens(american)


@pytest.mark.parametrize(("short", "name"), [("kilo", "kilogram"), ("kg", "kilograms"), ("km", "kilometres"), ("cm", "centimetre"), ("kW", "kilowatts")])
def test_a_units_short_form_is_its_name(short, name):
    from assistant.text import content_terms, keyword_tokens

    assert content_terms(f"a {short} of tea") == content_terms(f"a {name} of tea")
    assert keyword_tokens(short) == keyword_tokens(name)
    assert content_terms("MM") != content_terms("millimetre")  # initials in capitals stay themselves


def test_spelling_rules_leave_other_words_alone_and_read_plurals_and_past_forms():
    from assistant.text import content_terms, stem

    assert [stem(w) for w in ("hour", "four", "flour", "promise", "noise", "real")] == ["hour", "four", "flour", "promis", "nois", "real"]
    assert content_terms("DVDs CDs") == content_terms("DVD CD")  # an acronym's plural
    assert content_terms("We lent 400 books") == content_terms("We lend 400 books")
    assert "win" not in content_terms("Which donations won't the library accept?")  # "won't" is "will not"


def test_an_acronym_its_documents_spell_out_in_a_passage_not_found_is_searched_as_their_words(project):
    paragraphs = [
        "The studio opens at nine on weekdays, and the studio closes at ten in the evening.",
        "Studio members book wheels in the studio diary, and the studio keeps two wheels free for classes.",
        "The studio kiln is fired on Fridays, and studio glazes are mixed on Thursdays.",
        "Members are given personal protective equipment free of charge: respirators, gloves and glasses.",
        "Clay is bought in bulk twice a year from a supplier in Stoke.",
    ]
    text = "\n\n".join(paragraphs)
    assistant = _assistant(project, chunk_tokens=18, chunk_overlap=0)
    assistant.ingestor.sync_documents([SourceDocument("studio.md", text, "Studio", "md", len(text), "s" * 8)])
    assert assistant.store.count() >= len(paragraphs)  # one passage each
    found = assistant.retriever.search("Does the studio supply PPE?", k=2)
    assert any("personal protective equipment" in d.page_content for d in found), [d.page_content for d in found]


def test_a_follow_up_brings_the_passage_the_last_answer_quoted(project):
    paragraphs = [
        "The studio opens at nine on weekdays, and the studio closes at ten in the evening.",
        "Studio members book wheels in the studio diary, and the studio keeps two wheels free for classes.",
        "The kiln is fired on Fridays, and glazes are mixed on Thursdays.\nA member who leaves the kiln\nroom unlocked is given a warning.",
        "Clay is bought in bulk twice a year from a supplier in Stoke.",
    ]
    text = "\n\n".join(paragraphs)
    assistant = _assistant(project, chunk_tokens=18, chunk_overlap=0)
    assistant.ingestor.sync_documents([SourceDocument("studio.md", text, "Studio", "md", len(text), "s" * 8)])
    found = assistant.retriever.search("When does the studio open?", k=1)
    assert not any("kiln" in d.page_content for d in found)
    # The quote as the chat showed it, on one line, though the document wraps it and a chunk's edge cuts it (the
    # reader widens a passage's sentences to the document's).
    extra = assistant.retriever.quoting(["A member who leaves the kiln room unlocked is given a warning."], found)
    assert len(extra) == 1 and "unlocked is given a warning" in extra[0].page_content
    assert extra[0].metadata["source"] == "studio.md" and extra[0].metadata["score"] == found[0].metadata["score"]
    # Nothing when the passages hold it already, or when no passage does (a quote of a removed document).
    assert assistant.retriever.quoting(["A member who leaves the kiln room unlocked is given a warning."], found + extra) == []
    assert assistant.retriever.quoting(["Nothing like this is written anywhere."], found) == []


def test_an_agent_noun_is_read_as_its_verb():
    from assistant.text import content_terms

    # "Drivers must be 25 or over" answers "how old do you have to be to drive": the stemmer keeps "drive" whole and
    # leaves "driv" of "driver"; a doubled consonant ("runner") or a silent e ("writer") is put back as the verb has it.
    assert content_terms("drivers") == content_terms("drive") == content_terms("driving")
    assert content_terms("runner") == content_terms("run") and content_terms("writer") == content_terms("write")
    assert content_terms("planner") == content_terms("plan") and content_terms("teacher") == content_terms("teach")
    # Not where the stem has two vowel groups, or the word is short: "opener" is "open", "water" stays "water".
    assert content_terms("opener") == content_terms("open") and content_terms("water") == ["water"]


def test_the_last_of_a_numbered_series_is_its_highest_number():
    texts = ["Stage 1 runs for 20 km.", "Stage 2 runs for 31 km, and Stage 3 is hilly.", "Stage 5 ends at the clock tower.",
             "Stage 4 is flat.", "Day 1 and Day 2 are free."]
    index = KeywordIndex([f"a::{n}" for n in range(5)], texts, [{"source": "a.md"}] * 5)
    assert index.ordinal("How long is the last stage?") == "How long is Stage 5?"
    assert index.ordinal("And the first stage, how hilly is it?") == "And Stage 1, how hilly is it?"
    # Not "the last stage of" something, and not a series of two (which "the other one" handles).
    assert index.ordinal("What is the last stage of the repair?") == "What is the last stage of the repair?"
    assert index.ordinal("What happens on the last day?") == "What happens on the last day?"


def test_the_bigger_model_is_the_one_of_two_with_the_higher_number():
    texts = [
        "The Corrie 7 suits a small home. The Corrie 11 suits a larger one. In Year 4 pupils visit the farm.",
        "The Corrie 7 weighs 62 kg and the Corrie 11 weighs 81 kg. In Year 6 they go to the coast; each year we go.",
    ]
    index = KeywordIndex(["a::0", "a::1"], texts, [{"source": "a.md"}] * 2)
    assert index.comparative("How heavy is the bigger model?") == "How heavy is the Corrie 11?"
    assert index.comparative("how loud is the smaller one") == "how loud is the Corrie 7"
    # "Year" is a word the corpus also writes in lower case: no product's name. A second series leaves "the bigger
    # one" unclear, unless the question names which.
    two = KeywordIndex(["a::0", "a::1"], [t + " The Kestrel 12 and the Kestrel 22 are dehumidifiers." for t in texts], [{"source": "a.md"}] * 2)
    assert two.comparative("How heavy is the bigger model?") == "How heavy is the bigger model?"
    assert two.comparative("Of the Kestrel dehumidifiers, how heavy is the bigger one?") == "Of the Kestrel dehumidifiers, how heavy is the Kestrel 22?"


def test_the_counterpart_of_a_name_is_the_one_name_set_beside_it():
    texts = [
        "We make two grinders: the Millstone Home and the Millstone Pro. Each step moves the burrs 0.03 mm on the Home\n"
        "and 0.015 mm on the Pro.",
        "Season the burrs with 250 g (Home) or 1 kg (Pro) of beans. The Pro's hopper holds 500 g.",
        "Rent at Brook Lane is £40 a year. Plots at Quarry Field and at Brook Lane are let in March.",
        "The water at Quarry Field comes from the mains, and the water at Brook Lane from butts.",
    ]
    index = KeywordIndex([f"a::{n}" for n in range(4)], texts, [{"source": "a.md"}] * 4)
    # Written after the same word in the same sentence, more than once: "the Home" beside "the Pro", "(Home)" beside
    # "(Pro)"; a possessive is the name ("The Pro's hopper").
    assert index.counterpart("Pro") == "Home" and index.counterpart("Home") == "Pro"
    assert index.counterpart("Brook") == "Quarry Field" and index.counterpart("Quarry") == "Brook Lane"
    # Set beside nothing twice: none.
    assert index.counterpart("Millstone") is None and index.counterpart("Season") is None
