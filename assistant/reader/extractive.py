"""The offline generator: quotes the whole sentences of the retrieved documents that give what was asked.

Like a careful reader with a highlighter: the retrieved passages are read as sentences of their documents
(`segment.py`: whole sentences even where a chunk boundary cuts one, headings apart, each with its section);
each sentence is measured against the question (`features.py`: meaning, the question's words by rarity, what it
adds beyond restating the question, the cue the question's form asks for); a small linear model turns those
measures into the probability that the sentence answers (`model.json`, fitted by `eval/train_reader.py`); and one
calibrated threshold decides between answering with the best one to three sentences and refusing.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files

import numpy as np
from langchain_core.documents import Document

from ..answers import Draft, Statement
from ..embeddings import Embedder, StoredVectors
from ..retrieval import KeywordIndex
from ..text import (
    DOTTED_NUMBER, ENDS_SENTENCE, IRREGULAR, MONTHS, STOPWORDS, WEEKDAYS, content_terms, country_terms, normalize, term_sequence, unclipped, unknown_country, words,
)
from .features import (
    ASKS_PROCEDURE, CAUSE, CONTINUES, DECISION, FEATURES, FINDING, MECHANISM, NUMBER, PAST, PROCEDURE, PURPOSE,
    RESULTS_SECTION, SETUP_SECTION, Candidate, question_form,
)
from .answer_types import (
    _AUTHORSHIP, _DAY_OF_MONTH, _MONEY, _QUESTION_NAME, AUXILIARIES, _calls, _definition_subject, _defines, asked_roles, asks_money, counted, has_answer_type,
    money_words, unit_words, without_sizes,
)
from .questions import (
    CONTACT_ASKED, NOT_A_PERSON, ROLE_NOUNS, Request, analyse, capitalised_runs, form_words, named_of_pairs, parts, topic_of, without_names, word_in,
)
from .segment import Sentence, heading_pairs, segment, sentences_in, shown_form, title_of

DocumentText = Callable[[str], "str | None"]
# The asker or the one asked, in a question: "I'm 22 - can I borrow the van?", "do you take cards?".
# "I" as a word ("Can I", "i work 9 to 5"), not a numeral ("Stage I"); "us", not "the US"; not a bare "we", which a
# research title uses of everyone ("Are we seeing the real picture?").
_ASKER = re.compile(
    r"\b(?:i'm|i've|i'd|i'll|me|my|myself|we're|we've|our|ours|you|your|yours|yourself)\b|(?-i:\bus\b)"
    r"|(?:^|\b(?:can|could|do|did|should|shall|will|would|may|must|am|have|if|when|and|so|but|because|what|where|how)\s+)i\b"
    r"|\bi\s+(?:am|have|had|was|want|wanted|need|needed|can|could|will|would|don't|didn't|do|did|think|live|work|got|just|only"
    r"|also|really|should|must|may|might)\b",
    re.I,
)
_SUBJECT_PRONOUN = re.compile(r"^\W*(?:he|she|they)\b", re.I)
# A sentence joins the best one when the sentence model gives it at least this (half of it for a continuation).
COMPANION = 0.5
# A sentence that says a list follows without a colon: "... includes the rules below.", "... are as follows."
_LEADS_IN = re.compile(r"\b(?:below|as\s+follows|the\s+following)\W*$", re.I)
# "The table below shows the opening times of the two pools.": its rows follow (they give figures, not reasons).
_TABLE_BELOW = re.compile(r"\b(?:table|list|chart|timetable)\s+below\b", re.I)
LIST_ITEMS = 6  # list items a lead-in ending in a colon may bring beyond the answer's sentence limit (items are short)
_YEAR_NUMBER = re.compile(r"^(?:1[5-9]|20)\d\d$")
_YEAR_IN_TEXT = re.compile(r"(?<![\d,.])((?:1[5-9]|20)\d\d)(?!\d|,\d)")  # "in 2024, up from", not "2024,500"
# A why-answer that draws the consequence ("The trustees therefore closed ...") has its reason in the sentence before.
_CONSEQUENCE = re.compile(
    r"\b(?:therefore|thus|hence|consequently|accordingly|as\s+a\s+result|for\s+(?:this|that|these|those)\s+reasons?)\b|^\W*so\b"
    r"|^\W*(?:this|that)\s+(?:is|was)\s+(?:why|the\s+reason)\b", re.I)
# A sentence that announces what follows ("The leaks had two causes.", "There are three reasons:").
_ANNOUNCES = re.compile(
    r"\b(?:two|three|four|five|several|a\s+few|a\s+number\s+of)\s+(?:\w+\s+)?(?:causes|reasons|factors|problems|faults|"
    r"explanations|ways|steps|stages|parts|kinds|types|changes|effects|consequences)\b", re.I)
# "what grades is it sorted into", "what varieties of apple do you grow"
_ASKS_PLURAL = re.compile(
    r"^\W*(?:what|which)\s+(?:\w+\s+)?\w+(?<!s)s\s+(?:of\s+(?:the\s+)?\w+\s+)?(?:is|are|was|were|do|does|did|can|should|must)\b", re.I
)
_LISTED_KIND = re.compile(r"^\W*(?:what|which)\s+(?:\w+\s+)?(\w+(?<!s)s)\b", re.I)
# "What are the dark sky rules?": the things of a kind, which a list may give (not "What are T-cells?").
_WHAT_ARE_THE = re.compile(r"^\W*(?:and\s+)?what\s+are\s+the\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+(?<!s)s\W*$", re.I)
_DESCRIBING = re.compile(r"(?:able|ible|ic|ical|al|ous|ive|ful|less|ed|ish|ary|ern)$", re.I)  # adjective endings
PART_SENTENCES = 2  # sentences each ask of a two-ask question may bring
EVENT_PREFERENCE = 0.5  # a who-answer telling more of the question's event may have this share of the best one's probability
PARAPHRASE_SHARE = 0.2  # a question with at least this share of words the corpus never uses is read for its meaning ...
REPEATED_FIGURE = 0.3  # "the other one": a sentence repeating a figure of the one quoted counts as this much less alike
SAID_AROUND_SHARE = 0.3  # a follow-up's answer beside what the last answer said may have this share of the best one's probability
SAID_AROUND_UNNAMED_SHARE = 0.4  # ... and, not naming whom a follow-up names where the best one does, this share
SAID_NEAR_SHARE = 0.6  # for "why?" after an answer, a sentence beside what it said may have this share of the best one's probability
CLOSE_SECOND = 0.85  # a sentence holding a key word of the question may have this share of the best one's probability
LEAD_CLOSER = 0.2  # a lead-in ending in a colon answers when it is this much closer to the question than the best sentence
LEAD_COVERAGE = 0.5  # and holds this share of the question's words (by rarity)
UNRELATED = 0.2  # below this cosine of the best passage, a best sentence with none of the question's key words is refused
# A sentence chosen by meaning alone (the question in other words than the documents') answers on the mean of the two
# decisions only this close to the question; less close, on the lower. ("can I have a barbecue on my plot?" of an
# allotment's rules would be answered with "Beer traps and copper tape are allowed.", at 0.30; no decision on the
# development sets changes between no floor and this one.)
MEANING_ALONE = 0.35
FAR = 0.5  # a best sentence less similar than this to the question gives way to one ...
FAR_CLOSER = 0.2  # ... this much more similar, holding a key word of the question, ...
FAR_SHARE = 0.6  # ... that the model gives at least this share of the best one's probability
LOOSE_COVERAGE = 0.3  # a best sentence holding at most this share of the question's words (by rarity) gives way to one ...
LOOSE_CLOSER = 0.05  # ... this much more similar to the question, the most similar of all, ...
LOOSE_SHARE = 0.3  # ... that the model gives at least this share of the best one's probability
MUCH_CLOSER = 0.15  # any best sentence gives way to one this much more similar, the most similar of all, ...
MUCH_SHARE = 0.8  # ... that the model gives at least this share of its probability (not for why, how and list questions)
PARTNER_CACHE = 64  # documents whose coordinated pairs of words are kept
PARTNERED = 2  # two words a document joins with "and" or "or" this often are partners ("cats and dogs")
CLOSEST = 3  # a typed sentence holding one of two key words answers when it is among this many closest to the question
_WORDS_ONLY = np.array([0.0 if "similarity" in name else 1.0 for name in FEATURES])  # the prior leaves meaning out

@lru_cache(maxsize=1)
def load_model() -> dict:
    """The shipped weights, bias and answer threshold (package data written by eval/train_reader.py)."""
    return json.loads(files("assistant.reader").joinpath("model.json").read_text(encoding="utf-8"))


class ExtractiveGenerator:
    """`inputs -> Draft`: the sentences that answer, or a refusal saying which kind of fact is missing."""

    name = "extractive"

    def __init__(
        self,
        embedder: Embedder,
        index_provider: Callable[[], KeywordIndex],
        documents: DocumentText | None = None,
        threshold: float | None = None,
        max_sentences: int = 3,
        max_embedded: int = 24,
        model: dict | None = None,
        stored: StoredVectors | None = None,
        focus_k: int = 5,
    ) -> None:
        self.embedder = embedder
        self.stored = stored  # texts -> vectors stored at ingest (see `embedding_texts`); the rest are embedded
        self.index_provider = index_provider  # () -> KeywordIndex: word rarity and the corpus's names
        self.documents = documents  # source -> the document's whole text, to quote whole sentences
        self.model = model or load_model()
        self.weights = np.array([self.model["weights"].get(name, 0.0) for name in FEATURES])
        self.bias = float(self.model["bias"])
        decision = self.model.get("decision") or {"weights": {}, "bias": 0.0}
        self.decision_weights = np.array([decision["weights"].get(name, 0.0) for name in DECISION])
        self.decision_bias = float(decision["bias"])
        self.threshold = float(self.model["threshold"] if threshold is None else threshold)
        self.max_sentences = max_sentences
        self.max_embedded = max_embedded
        self._tokenizer = None
        self.focus_k = focus_k  # keyword passages that show a question's topic (the retriever's k)
        self._last_focus: tuple[tuple[str, KeywordIndex], tuple[set[str], str]] | None = None
        self._partners: dict[str, dict[str, set[str]]] = {}  # a document's text -> each word's partners (`_of_its_partner`)

    # -- the answer -----------------------------------------------------------------------------------
    def __call__(self, inputs: dict) -> Draft:
        request: Request = inputs["request"]
        passages: list[Document] = inputs["passages"]
        if request.refusal:
            return Draft.refusal(request.refusal)
        if not passages:
            return Draft.refusal("no_passages")
        asks = parts(request.text)
        if len(asks) > 1:
            draft = self._answer_parts(asks, request, passages)
            if draft is not None:
                return draft
        found = self.assess(request, passages)
        if found is None:
            return Draft.refusal("not_found")
        best, typed, eligible, candidates, confidence = found
        if best is None or confidence < self.threshold:
            closest = max(eligible or candidates, key=lambda c: c.probability)
            on_topic = bool(eligible) and closest.values.get("coverage", 0.0) >= 0.5
            reason = _reason(request) if on_topic and request.answer_type else "not_found"
            # A pointer to the closest sentence only when the question is on the documents' topic (the sentence holds
            # most of its words): "the documents don't say" about the World Cup needs no quote about something else.
            return Draft.refusal(reason, closest=_support(closest) if on_topic and closest.embedded else None)
        return Draft(statements=[_statement(c) for c in self._compose(best, typed, request, candidates)])

    def _answer_parts(self, asks: list[str], request: Request, passages: list[Document]) -> Draft | None:
        """Two asks in one question ("Who signed it off, and when?"), each answered on its own terms (its own kind of
        fact, its own confidence), the answers joined in the order asked; None when neither is answered. An ask the
        documents do not answer is said to be unanswered."""
        chosen: list[Candidate] = []
        unanswered = 0
        requests = [replace(analyse(ask), refusal=request.refusal) for ask in asks]
        for part in requests:
            found = self.assess(part, passages)
            if found is None or found[0] is None or found[4] < self.threshold:
                unanswered += 1
                continue
            best, typed, _, candidates, _ = found
            seen = {(c.source, c.start) for c in chosen}
            # A lead-in ("Four of them are shown in the main hall:") comes with what it introduces.
            limit = PART_SENTENCES + LIST_ITEMS if best.reading.rstrip().endswith(":") else PART_SENTENCES
            chosen += [c for c in self._compose(best, typed, part, candidates)[:limit] if (c.source, c.start) not in seen]
        if not chosen:
            return None
        if unanswered:
            # "How much did Congress vote for the line, and how long was it?": one sentence may tell both ("voted 30,000
            # dollars for an experimental line ..., about 64 kilometres long"), though neither ask on its own finds
            # it. Where an ask went unanswered, the sentence the whole question trusts comes first.
            found = self.assess(request, passages)
            if found is not None and found[0] is not None and found[4] >= self.threshold:
                whole, typed, _, candidates, _ = found
                index = self.index_provider()
                if all(part.answer_type is not None and self._has_type(whole, part, index) for part in requests):
                    # It holds the kind of fact every ask wants (a sum and a length; a time and a place): it answers
                    # the whole question, and what the asks found on their own is not needed.
                    return Draft(statements=[_statement(c) for c in self._compose(whole, typed, request, candidates)])
                if (whole.source, whole.start) not in {(c.source, c.start) for c in chosen}:
                    chosen = [whole, *chosen]
        return Draft(statements=[_statement(c) for c in chosen], unanswered=unanswered)

    def assess(self, request: Request, passages: list[Document]):
        """(best answering candidate or None, those holding the asked-for kind of fact, those about what was asked,
        all candidates, the confidence that the best one answers); None when the passages hold no sentence.

        The one decision is `confidence >= threshold`: the decision model's probability over what the best sentence
        and the corpus say of the question (`features.DECISION`)."""
        index = self.index_provider()  # once per answer: each call checks the store's generation
        # "US" for "the United States" where the corpus only spells it out, "VAT" for "value added tax" where the passages
        # do: read as they write it.
        # "in the gardn" as "in the garden": a slip of the keys is no word the documents lack.
        spelled = index.spelled_out(index.corrected(request.text), [p.page_content for p in passages])
        # "who does the glassblowing demos" of a guide that says "demonstrations": read in the corpus's word.
        spelled = unclipped(spelled, lambda t: index.share(t) > 0)
        # "How long is the last stage?" of stages numbered 1 to 5 asks of Stage 5; "And the last one?" then names which
        # one, and is no "another" like the one quoted.
        numbered = index.comparative(index.ordinal(spelled))  # and "the bigger model" as "the Corrie 11"
        if numbered != spelled and request.another:
            request = replace(request, another="")
        spelled = numbered
        request = request if spelled == request.text else replace(request, text=spelled)
        candidates = self.score(request, passages, index)
        if not candidates:
            return None
        used = {c.passage for c in candidates}
        mentioned = {p: _mentions(passages[p], request.text) for p in used}
        # A year the question gives may be the scope of the whole document (an annual report), so it need not be in
        # the passage, but then the sentence must not be about another year.
        scoped = {p: mentioned[p] or _mentions(passages[p], request.text, self._text_of(passages[p])) for p in used}
        # An identifier the question gives ("read-1", "CD19") and the passages use: a sentence about "read-2" says
        # nothing of it.
        codes = [code for code in _codes(request.text) if any(_has_code(p.page_content, code) for p in passages)]
        # A table's header row names its columns ("Plot size | Area | Annual rent"): it is shown with the row that
        # answers, and says nothing on its own.
        headers = {(c.source, c.header_start) for c in candidates if c.header_start is not None}

        # A sentence that names no year is of the year its paragraph named before it: "The largest costs were ..." after
        # "In 2024 the library's income was ..." is of 2024.
        asked_years = {n for n in _asked_names(request.text)[0] if _YEAR_IN_TEXT.fullmatch(n)}
        paragraph_year = _paragraph_years(candidates) if asked_years else {}

        def in_scope(c: Candidate) -> bool:
            # Its passage holds what the question names, and the sentence does not name only other years; or its
            # document holds it and the sentence names no other year; or the sentence names the document's author.
            inherited = paragraph_year.get((c.source, c.start))
            if inherited and not inherited & asked_years:
                return False
            if mentioned[c.passage] and not _only_other_years(c.reading, request.text):
                return True
            return (scoped[c.passage] and not _other_year(c.reading, request.text)) or _names_author(c, request, passages)

        # A name with a number ("the Corrie 11"): a sentence naming another of the series ("the Corrie 7 still
        # reached a COP of 3.1") and not this one is about the sibling.
        series = _numbered_names(request.text, index.proper_nouns, index.labelled_numbers)
        # (The sentence before in the paragraph tells which one even where this one does not continue it: "At an
        # electricity price of 28p ..., that costs about 47p a day" after "... a Kestrel 12 ran its compressor ...".)
        before = _sentences_before(candidates) if series or codes else {}
        # "When it's minus 7 outside": "COP at 7°C outside" is at plus 7.
        negative = [m.group(1) for m in _NEGATIVE.finditer(request.text)]
        # A part of the document with a section of its own ("The Old Cone"): a sentence under another part's heading
        # ("The Tank House") that does not name it is about that other part.
        had = _thing_had(request.text)
        parts_asked, pairs_asked = {}, {}
        for c in candidates:
            if c.source not in parts_asked:
                text = self.documents(c.source) if self.documents else None
                parts_asked[c.source] = _named_parts(text, request.text) if text else ((), ())
                pairs_asked[c.source] = named_of_pairs(request.text, heading_pairs(text)) if text else []
        eligible = [
            c for c in candidates
            if c.embedded and (c.source, c.start) not in headers and in_scope(c)
            # (Or the heading it stands under, or the sentence before it in its paragraph: "Nightjar uploads 4 packs at once"
            # under "The S3 back-end"; "Larcum Kendall made an exact copy" after "... H4 ...".)
            and all(_has_code(c.reading, code) or (not _names_sibling_code(c.reading, code) and _has_code(_series_text(c, before.get(id(c))), code))
                    for code in codes)
            and not _under_another_part(c, *parts_asked[c.source])
            and not _under_the_other(c, pairs_asked[c.source])
            and not _names_another_part(c, *parts_asked[c.source])
            and not any(_names_sibling(_series_text(c, before.get(id(c))), *pair) for pair in series)
            and not any(_other_sign(c.reading, number) for number in negative)
            # "Does the Meadow Stage have a hearing loop?": a sentence that speaks of no hearing loop, where the document
            # speaks of one elsewhere, does not say whether it has one.
            and not (had and had in index.document_terms(c.source) and had not in c.terms | c.context | frozenset(content_terms(c.section or "")))
        ]
        key, named = self._key_terms(request, index)
        if named:
            # "Friedrich Koenig" is "Koenig" once a document has named him: "on a pair of Koenig's machines".
            texts = {str(p.metadata.get("source", "")): self._text_of(p) for p in passages}
            key = _by_surname(request.text, key, [t for t in texts.values() if t], index.proper_nouns)
        # A number, date, name or place answers only in a sentence about what was asked, not in a sibling entity's
        # sentence: one that holds (or continues one holding) the question's key words. Names may also stand in the
        # sentence before it ("The work cost £412,000" after "the rebuilding of Kestle Lock"), unless it names
        # another entity of its own.

        closest = {id(c) for c in sorted(eligible, key=lambda c: -c.values.get("similarity", 0.0))[:CLOSEST]}

        # Of two key words, one may be the topic every passage shares ("the outage" in an outage review): the other
        # is then enough to say what a sentence is about.
        topic = self._topic_and_focus(request.text, index)[0] if not named else set()
        # Besides its names, what a named question asks about ("Hesketh's driving wheels"): its other words.
        rest = _rest_terms(request.text, index) if named else set()
        if rest and rest <= set(content_terms(" ".join(money_words(request.text)))):
            # "How much did the Kestrel cost?" asks only a sum, which "bought in 2015 for £7,200" gives in its own
            # words; "How much did the Kestle Lock rebuild cost?" asks the sum of the rebuild, which "The work cost
            # £412,000" gives.
            rest = set()
        # "When was Marrowby station built?" asks of the station, not of anything at Marrowby.
        kinds = _kind_nouns(request.text) if named else set()
        # When, how many, how much: a figure or date is of one event or thing, which the sentence must speak of; a
        # place or a name may be told in other words ("runs from ... to" for "where does it start and finish").
        strict = request.answer_type in ("date", "quantity", "measure", "duration")
        telling = key - topic or key
        asking = _asking_terms(request.text)
        # Noun compounds of the question ("session cache"): a describing word ("inflatable tyre") may be a synonym of
        # the document's ("pneumatic tyre"), a noun ("session", "seat") names a kind of its own.
        # A describing word the question capitalises inside it names a kind, as a noun would: "the Extended support
        # contract" beside "Standard support".
        tokens = words(request.text)
        describing = {
            content_terms(w)[0] for i, w in enumerate(tokens)
            if _DESCRIBING.search(w) and content_terms(w) and not (i > 0 and w[:1].isupper())
        }
        asked_pairs = [(a, b) for a, b in _neighbours(request.text) if not {a, b} & asking and a not in describing]
        noun_pairs = _noun_compounds(request.text, asking)

        title_words: dict[str | None, frozenset[str]] = {}

        def titled(c: Candidate) -> frozenset[str]:
            # The words of the heading over the whole document that are no names: its names must be bound as any are.
            if c.title not in title_words:
                title_words[c.title] = frozenset(
                    t for w in words(c.title or "")
                    if w not in index.proper_nouns and not (w.isupper() and len(w) > 1) and not any(ch.isdigit() for ch in w)
                    for t in content_terms(w)
                )
            return title_words[c.title]

        heading_words: dict[str | None, frozenset[str]] = {}

        def headed(c: Candidate) -> frozenset[str]:
            # The name a heading the sentence stands under is about, below the document's title (which names what all
            # of it is about): a heading naming one thing ("Samuel Morse and his code"), not two ("Linotype and
            # Monotype", whose paragraphs are each about one of them).
            if c.section not in heading_words:
                found: set[str] = set()
                for heading in (c.section or "").split(" > ")[1:]:
                    runs = _name_runs(heading, index.proper_nouns)
                    if len(runs) == 1:
                        found |= {t for w in runs[0] for t in content_terms(w)}
                heading_words[c.section] = frozenset(found)
            return heading_words[c.section]

        # "In what year did Josiah Hartle build the Tank House?" names two things: a date beside one of them alone
        # ("Cullet Row, the cottages that Josiah Hartle built for his workers in 1872") is of something else.
        # A name it writes in lower case where it capitalises others is none ("after preservation").
        runs: list[frozenset[str]] = []
        if named and strict:
            as_named = set(_named_words(request.text, index.proper_nouns))
            runs = [frozenset(t for w in run for t in content_terms(w)) for run in _name_runs(request.text, index.proper_nouns) if set(run) <= as_named]
            runs = [run for run in runs if run and any(index.share(t) > 0 for t in run)]
        paragraphs: dict[tuple[str, int], list[Candidate]] = {}
        if len(runs) > 1:
            for x in candidates:
                paragraphs.setdefault((x.source, x.block), []).append(x)

        # In a follow-up, the sentence right after the one the last answer quoted goes on about what it said: "The work
        # took 14 months" after "The refractor was taken apart and restored in 1998 ..." (for "how long did that take?").
        said_next = _said_next(request.said, candidates)
        framing = _framing_terms(request.text)

        def bound(c: Candidate) -> bool:
            if id(c) in said_next:
                return True
            # Only the key words the sentence's own document uses can be asked of it: "machines" is no word of an
            # incident review that says "servers", though the corpus's bicycle manual uses it.
            if self._sibling(c, asked_pairs, passages):
                return False
            if len(runs) > 1:
                # Each name told in the sentence, its paragraph before it ("The Golden Gate Bridge ... . Its deck ... .
                # In 1994 the ASCE named it ..."), or the headings over it.
                told = c.terms | c.context | c.referent | headed(c) | frozenset(content_terms(c.title or ""))
                told = told.union(*(x.terms for x in paragraphs.get((c.source, c.block), ()) if x.start < c.start))
                if not all(run & told for run in runs):
                    return False
            # (The document's title says what all of it is about: "the practice" of a dental practice's leaflet.)
            if named and strict and not (_about_rest(c, rest, index, titled(c)) and _of_its_kind(c, kinds, index)):
                # "What size are Hesketh's driving wheels?": a sentence about Hesketh that says nothing of driving
                # wheels, which the document speaks of elsewhere, gives a figure of something else of hers.
                return False
            used = {t for t in telling if t in index.document_terms(c.source)}
            # Words that frame the question ("each of the two boards", "one of the vans", "roughly", "altogether", "the
            # whole list", "at the moment", "next to my plot") say how much or how it is asked, not what the figure is
            # of: the sentence need not hold them.
            used = (used - framing) or used
            if _HOURS.search(c.reading) and used - _OPENING_TERMS:
                used -= _OPENING_TERMS  # "Friday: 8.30 am to 4 pm" tells when a place opens and when it closes
            if not named and self._loose_compound(c, noun_pairs, passages, index):
                # "How much is a family ticket?" of a guide that speaks of families and of tickets, never of family
                # tickets: "tickets cost £5" is the price of another ticket.
                return False
            title = titled(c)
            if used and used <= c.terms | c.referent | title:
                return True  # the document's title says what all of it is about: "Security" over "report within 5 days"
            if not named and id(c) in closest and (
                used <= c.terms | c.context | title
                or (key & c.terms and not (strict and self._nouns_missing(c, used - c.terms - c.context - title, request.text, passages)))
            ):
                # A paraphrase ("the older of the two storage lakes" for "Blackmoss Reservoir", "the store" for "the
                # shop") keeps one of the question's key words at best (in the sentence or the one before it), or
                # none: one of the three sentences closest to the question in meaning may answer. Not with none
                # when its document uses them elsewhere: then the sentence is about something beside what was
                # asked ("It ... can survive for up to 20 years" of clubroot, next to the paragraph on white rot;
                # read-2's restarts, where read-1's lag is told).
                return True
            if named and key <= c.terms | c.referent:
                return True  # "The work cost £412,000" in a paragraph about "the lock" that Kestle Lock is
            # A section is about what its heading names: "A good operator could send ... 25 to 30 words per minute" under
            # "Samuel Morse and his code" speaks of Morse operators.
            return named and key <= c.terms | c.context | headed(c) and not _other_names(c.reading, request.text, index.proper_nouns)

        counting = _counted_terms(request, index) if request.answer_type == "quantity" else set()
        if request.answer_type == "quantity" and _HOW_MANY_PEOPLE.search(request.text):
            # "How many people ...?" counts people ("12,400 visitors", "a board of seven directors"), not "42 locks,
            # one tunnel and four aqueducts".
            counting = set(_PEOPLE)
        measured = bool(_HOW_MUCH.search(request.text))
        # "How many passengers does it carry each year now?" is not answered by what it carried "in the years before
        # the First World War".
        asks_now = request.answer_type is not None and bool(_NOW.search(request.text))
        # "What year did Hester Quaile join the board?" asks when she joined: "She has chaired the board since 2019"
        # dates something else, where the document speaks of joining elsewhere.
        event_verb = _named_event(request.text) if request.answer_type == "date" else None
        # "Who founded Tellwyn Heating?" of a manual that never speaks of founding: whoever it names did something else.
        deed = _deed(request.text, phrasal=_phrasal_verb_terms(request.text)) if request.answer_type in ("person", "name") else None
        deed_done = deed is not None and _DONE.match(request.text) is not None and not _AUTHORSHIP.search(request.text)
        # "When was she born?", "What year did he die?": a birth or a death is dated only where it is told ("born in
        # 1931", "(1931-2019)"), not by another date of the same person's.
        life = request.answer_type == "date" and bool(_LIFE_ASKED.search(request.text))
        # "How much did the library spend on new books?": the sum is of what it was spent on; "our spending £37,400" is
        # all of it (when the document speaks of books elsewhere).
        spent_on = _spent_on(request.text) if request.answer_type == "quantity" else None
        # "How much is a taxi from the airport?": a price in a sentence that speaks of no taxi, under no heading that
        # does, is the price of something else (the bus), where the document speaks of taxis elsewhere.
        priced = _priced(request.text) if request.answer_type == "quantity" else None
        # "How much did the new steel gate cost?": "... replaced the old gate with a steel gate ..., and the key deposit
        # was raised to £15" prices the deposit, in a clause of its own.
        costed = _costed(request.text) if request.answer_type == "quantity" and asks_money(request.text) else None
        asked_times = _times(request.text) if request.answer_type in ("quantity", "measure", "duration") else frozenset()
        # "What time does the quiet swim start on Saturdays?" is not answered by the Wednesday session's times.
        asked_days = _days(request.text) if request.answer_type in ("quantity", "measure", "duration", "date") else frozenset()
        # "Who is the chair of the trust?" asks who holds that role: a sentence naming someone else ("Its engineer was
        # Samuel Ridd") does not answer, and a document that never speaks of a chair does not say.
        roles = asked_roles(request.text) if request.answer_type in ("person", "name") else set()
        # "In what year did Hannah Brightwell take over as centre manager?" is not dated by when she began to lead the
        # swimming programme (after a sentence on the manager): the sentence itself must speak of the role she took.
        taken = {t for m in _AS_ROLE.finditer(request.text) for t in asked_roles(m.group(1))} if request.answer_type in ("date", "duration") else set()
        # "When was 3.4.0 released?": a changelog dates a release in its heading, "3.4.0 (2024-10-08)", not in the
        # sentences under it.
        numbers = [n for n in _asked_names(request.text)[0] if not _YEAR_NUMBER.match(n)]
        # "What percentage of the sessions took place?" is answered by a share ("84 per cent", "about half"), not by
        # another figure of the sessions.
        shares = request.answer_type == "quantity" and bool(_ASKS_SHARE.search(request.text))
        typed = [
            c for c in eligible
            if _counts(c, counting & index.document_terms(c.source), measured, people=counting == set(_PEOPLE))
            and (self._has_type(c, request, index) or self._typed_by_heading(c, request, index, numbers))
            and (not asked_times or _same_time(c, asked_times))
            and (not asked_days or _same_days(c, asked_days))
            and not (shares and not _SHARE.search(c.reading if c.kind != "row" else f"{c.previous or ''} {c.reading}"))
            and not (asks_now and _PAST_TIME.search(c.reading) and not _NOW.search(c.reading))
            # A heading naming the very number asked about ("3.4.0 (2024-10-08)") binds its sentences to it, and the
            # date a version's heading gives is when it came out.
            and not (event_verb and _dated_until(c.reading, event_verb, request))
            # (The sentence before tells it only for a sentence that continues it: "It was built in 1921 by Jabez Morrow"
            # does not make "Volunteers led by Tobias Wren ... restored it over the winter of 2008" a building.)
            and not (event_verb and event_verb in index.document_terms(c.source) and event_verb not in c.terms | (c.context if c.previous else frozenset())
                     and not (c.heading is not None and event_verb in _RELEASE_TERMS)
                     # "Friday: 8.30 am to 4 pm" tells when it opens and when it closes.
                     and not (event_verb in _OPENING_TERMS and _HOURS.search(c.reading)))
            and not (deed and deed not in index.document_terms(c.source))
            # "Who built the hut?" where the document tells that it was built: a sentence that does not tell it names
            # whoever did something else (the byline answers who wrote).
            and not (deed_done and deed in index.document_terms(c.source) and not _same_deed(deed) & _told_terms(c)
                     # "Who started the film club?": "The film club was founded in 2013 by Lorna Fairweather".
                     and not (deed in _FOUNDING_TERMS and _FOUNDING_TERMS & _told_terms(c)))
            and not (life and not _LIFE_TOLD.search(c.reading if c.previous is None else f"{c.previous} {c.reading}"))
            and not (spent_on and spent_on in index.document_terms(c.source) and spent_on not in c.terms | (c.context if c.previous else frozenset()))
            and not _opposite_word(c.reading, request.text)
            and not (request.answer_type is not None and self._of_its_partner(c, request, passages, index))
            and not (costed and _priced_elsewhere(c.reading, costed))
            and not (priced and priced in index.document_terms(c.source) and priced not in c.terms | (c.context if c.previous else frozenset()) | frozenset(content_terms(c.section or "")))
            and (request.answer_type is None or c.heading is not None or bound(c) or _names_author(c, request, passages))
            and (not roles or _holds_role(c, roles))
            and not (taken and not any(t.startswith(role) for t in c.terms for role in taken))
            and not (taken and named and _role_beside_another(c.reading, key, taken))
            and not (named and strict and _told_of_another(c.reading, request, key, index.proper_nouns))
        ]
        for c in typed:
            if c.heading is not None:
                self._read_with_heading(c, request, index)
        excluded = _excluded_terms(request.text)
        if excluded:
            # "What else did he do besides engineering it?": the sentence that says he engineered it is what the
            # question already knows.
            typed = [c for c in typed if not excluded <= c.terms] or typed
        if request.told:
            # "What else did he invent?" after an answer that told one invention: what it said is known, and another
            # sentence must tell something else of whom or what the question names.
            told = _flat(request.told)
            typed = [c for c in typed if _flat(c.text) not in told]
            if named:  # the sentence itself names him, not only the one before it (which the answer may have quoted)
                typed = [c for c in typed if key <= c.terms | c.referent]
            done = _ELSE_DONE.search(request.text)
            verb = IRREGULAR.get(done.group(1).lower(), done.group(1).lower()) if done else None
            if verb and verb not in _LIGHT_VERBS and content_terms(verb):
                typed = [c for c in typed if content_terms(verb)[0] in c.terms]  # and tells the deed: "invented"
        best = max(typed, key=lambda c: c.probability, default=None)
        top = best.probability if best is not None else 0.0  # the preferences below look at sentences near the model's best
        if best is not None and request.said and request.answer_type is None:
            # "What were she and the others hoping to achieve?" after an answer that told who founded the society: the
            # sentence just quoted is not what a follow-up asking why, how or what for wants; the best of the others
            # answers, if the decision trusts it. (A date, name or figure may stand in it: "When?" after "It was
            # invented by Clymer in 1813" is answered by it again.)
            said = _flat(request.said)
            fresh = [c for c in typed if _flat(c.text) not in said]
            if _flat(best.text) in said and fresh:
                typed = fresh
                best = max(typed, key=lambda c: c.probability)
                top = best.probability
        if best is not None and key:
            # Of the sentences the model thinks nearly as well of, the one holding more of the question's key words
            # answers: for "Can I go to the shop and café without buying a ticket?", "... the shop and café can be
            # visited without a ticket", not "Ropewalk Store guided tour: £8.00 ..." (none) or "Volunteers receive
            # ... 10% off in the shop" (one).
            holding = [c for c in typed if c.probability >= CLOSE_SECOND * top]
            best = max(holding, key=lambda c: (len(key & (c.terms | c.context)), c.probability))
        if best is not None and request.answer_type == "person":
            # "Who gave the quilt to the museum?": of the sentences naming someone, the one that tells more of the
            # question's event ("was given to the museum ... by Edith Farr") answers before one that names someone
            # near the quilt ("Curated by Ruth Annesley, it ... shows the quilt"), when the model does not think it
            # much worse.
            event = _rest_terms(request.text, index)
            told = {id(c): len(event & (c.terms | c.context)) for c in typed}
            near = [c for c in typed if c.probability >= EVENT_PREFERENCE * top]
            best = max(near, key=lambda c: (told[id(c)], c.probability))
        said = _subject_and_verb(request.text)
        if best is not None and said:
            # "What does the seat map record?" asks what follows "the seat map records", "How did the society
            # survive?" how "the society survived": of the sentences the model thinks nearly as well of, one that
            # says it in the question's words ("The seat map records which seats are free") answers before one that
            # only speaks of seat maps.
            near = [c for c in typed if c.probability >= EVENT_PREFERENCE * top]
            best = max(near, key=lambda c: (max((len(terms) for terms in said if _says(c.reading, terms)), default=0), c.probability))
        if best is not None and _PROHIBITION.search(request.text):
            # "Which things should I never put on a compost heap?": of the sentences the model thinks nearly as
            # well of, one about what was asked that forbids ("Never add cooked food ...") answers before one that
            # only says what to do ("Add greens and browns ...") or forbids something else ("Bonfires are not allowed").
            near = [c for c in typed if c.probability >= EVENT_PREFERENCE * top]
            best = max(near, key=lambda c: (bool(_PROHIBITION.search(c.reading) and key & (c.terms | c.context)), c.probability))
        if best is not None and request.answer_type is None:
            # "What do the inspectors look for on their rounds?" of "On their rounds the inspectors look in particular
            # for:" and its list: a lead-in that says the question back answers with the items it introduces, though
            # the model, which finds nothing new in it, thinks better of a sentence further from the question.
            closest = max(typed, key=lambda c: c.values.get("similarity", 0.0))
            if (
                closest.reading.rstrip().endswith(":") and closest.values.get("coverage", 0.0) >= LEAD_COVERAGE
                and closest.values.get("similarity", 0.0) >= best.values.get("similarity", 0.0) + LEAD_CLOSER
            ):
                best = closest
            elif (
                question_form(request.text) in ("how", "why") and closest is not best and _restates(closest, request.text)
                and closest.values.get("coverage", 0.0) >= LEAD_COVERAGE
                and closest.values.get("similarity", 0.0) >= best.values.get("similarity", 0.0) + LEAD_CLOSER
                and _next_in_paragraph(closest, candidates) is not None
            ):
                # "Why did Lady Margaret's restoration take fourteen years?" of "Her restoration took fourteen years.
                # The copper firebox had cracked badly, ...": a sentence that says the question back tells why, or how,
                # in the sentence after it in its paragraph, which comes with it.
                best = closest
        beside = False
        if best is not None and request.said:
            # A follow-up ("and if they keep doing it?", "what did she do before that?") is mostly answered beside what
            # the last answer said: of the sentences the model thinks at least `SAID_AROUND_SHARE` as well of as its
            # best, one of the three after it (or the one before it) in its section answers.
            around = _said_around(request.said, candidates)
            near = [c for c in typed if id(c) in around and c.probability >= SAID_AROUND_SHARE * top]
            if named and key <= best.terms | best.referent:
                # A sentence beside what was said that does not name whom the follow-up asks about ("Please book at
                # least six weeks before you travel", after "... is led by Ravi Sandhu") needs more of the model's trust
                # to displace one that does ("Ravi Sandhu, ..., who joined us in 2011" for "How long has he been with
                # the pharmacy?").
                near = [c for c in near if key <= c.terms | c.referent or c.probability >= SAID_AROUND_UNNAMED_SHARE * top]
            if near:
                best = max(near, key=lambda c: (c.probability, -around[id(c)]))
                beside = True
        if best is not None and request.said and question_form(request.text) == "why":
            # "Why so strict?" after "PCR does not allow swearing on air at any time of day": the reason is told next to
            # what was said ("Many of our listeners tune in with children in the car ..."); of the sentences the model
            # thinks about as well of, the one in its section nearest to it answers.
            said = _flat(request.said)
            anchor = next((c for c in candidates if _flat(c.text) in said), None)
            near = [
                c for c in typed if anchor is not None and c.source == anchor.source and c.section == anchor.section
                and c.probability >= SAID_NEAR_SHARE * top and _flat(c.text) not in said
            ]
            best = min(near, key=lambda c: min(abs(c.start - anchor.end), abs(anchor.start - c.end)), default=best)
            beside = beside or bool(near)  # the reason need not be near the question's words: nothing closer displaces it
        # (Not for a follow-up that asks its own question of the other one, named: "And how deep would Option 2 leave
        # things?" after an answer about why Option 1 is preferred wants a depth, not a sentence like that answer. Where
        # the other one is not named, "what does the other mode do?", what is told like the answer is still the best
        # guess.)
        own = request.another == request.text and not re.search(r"\bother\b", request.text, re.I)
        found = self._parallel(request, candidates, headers, index) if request.another and request.said and not own else None
        parallel, repeating = found if found is not None else (None, set())
        if parallel is not None:
            best, beside = parallel, True
        displaced = None
        blind = False  # the words measured nothing: only meaning chose the sentence that answers
        if best is not None and request.answer_type is None and best.values.get("similarity", 0.0) < FAR and not beside:
            # "can i bring my pooch into the hut": the model may think about as well of a sentence far from the question
            # ("A night costs €26 ...") as of one much closer to it that holds one of its key words ("Dogs are not
            # allowed inside the huts"); the closer one answers. It answers only if the decision would trust the one it
            # displaces as well: for "What side effects did the patients have?" of the article (which names none),
            # "... the long-term response observed in some patients", closer than "... the effectiveness of this
            # approach in a group of patients", must not lift a refusal to an answer by being closer.
            floor = best.values.get("similarity", 0.0) + FAR_CLOSER
            closer = [c for c in typed if c.probability >= FAR_SHARE * top and c.values.get("similarity", 0.0) >= floor and key & (c.terms | c.context)]
            if closer:
                displaced = best
            best = max(closer, key=lambda c: c.probability, default=best)
        loose = None
        nearest = _closer_in_meaning(best, typed, question_form(request.text)) if best is not None and not beside else None
        if nearest is not None:
            # "Can I bring my toddler along on one of the bikes?": the model's best sentence ("A bike not returned within
            # 24 hours: the account is suspended ...") gives way to the one closest in meaning ("Each cargo bike comes
            # with two children's helmets ..."). As above, it answers only if the decision would trust the one it
            # displaces as well.
            loose = best
            displaced = displaced or best
            best = nearest
        if best is not None and not beside and _in_other_words(request.text, index):
            # "Can I bring my pint into the upstairs screen?": a question in other words than the documents' leaves
            # the word measures blind, and the sentence closest to it in meaning (and to its focus) answers. As above,
            # only if the decision would trust the one it displaces as well: "Can I have a barbecue on my plot?" of a
            # garden's rules is not answered with the plot's fee because the fee is what the question is closest to.
            closest_meaning = max(typed, key=lambda c: c.values.get("similarity", 0.0) + c.values.get("focus_similarity", 0.0))
            if closest_meaning is not best:
                displaced = displaced or best
                best = closest_meaning
                blind = True
        asks_list = question_form(request.text) in ("list", "finding") or _ASKS_STEPS.search(request.text)
        listed = self._listed_under_heading(request, eligible, index) if asks_list else None
        if listed is not None:
            # "What kinds of volunteer roles are there?" of a guide whose "### Volunteer roles" is a list: the heading
            # says what its items are, as a lead-in would.
            best, displaced = listed, None
        values = dict(zip(DECISION, self.decision_values(request, best, passages, index))) if best is not None else {}
        confidence = self._confidence(list(values.values())) if best is not None else 0.0
        if parallel is not None:
            # "And the other kind?" asks the last question of the other one: the decision may trust the sentence as an
            # answer to that question ("How long will fresh juice keep?" for "Pasteurised juice ... keeps for at least a
            # year"), whose words the standalone form of the follow-up lacks.
            confidence = max(confidence, self._confidence(self.decision_values(replace(request, text=request.another), best, passages, index)))
        if values and not values["key_terms"] and values["dense"] < UNRELATED and not request.said:
            # "What's the best way to get red wine out of a carpet?" of an observatory's guide: the best sentence holds
            # none of the question's key words ("Keep to the gravel paths, which are edged with low red lights.") and no
            # passage is near the question in meaning; the documents are about something else. (Not a follow-up: the
            # conversation is about them, and its key words may be in the sentence before: "What were she and the
            # others hoping to achieve?" of "The founders wanted ...".)
            confidence = 0.0
        if displaced is not None:
            # Half the trust in the sentence it displaces, half in itself: a sentence closer to the question lifts a
            # refusal only when the decision thinks well enough of it to make up for the other ("What causes the
            # northern lights?" of a festival guide is not answered with "a torch, because the camping fields are not
            # lit at night"; "whats the night-time noise curfew in the huts" is, with "Quiet hours run from 10 pm to 6
            # am, ..."). Where meaning alone chose it (a question in other words than the documents') and it is not
            # close to the question, the lower.
            other = self._confidence(self.decision_values(request, displaced, passages, index))
            alone = blind and best.values.get("similarity", 0.0) < MEANING_ALONE
            confidence = min(confidence, other) if alone else (confidence + other) / 2
        if listed is not None:
            confidence = max(confidence, self.threshold)
        if best is not None and best.heading is not None and any(DOTTED_NUMBER.fullmatch(n) for n in numbers) and all(index.share(t) > 0 for t in content_terms(request.text)):
            # "When was version 2.0.1 released?" under "2.0.1 (2024-11-02)": the heading names the very version or
            # section asked about and gives the date or figure asked for; the sentence under it has nothing else to
            # share with the question, so the decision model, which reads the sentence, is not asked.
            confidence = max(confidence, self.threshold)
        if best is not None and request.answer_type is not None and _unknown_place_or_name(request.text, index):
            # "How many windmills are still standing in Belgium?" of documents that never name Belgium: a figure
            # for England or the Netherlands says nothing of it.
            confidence = 0.0
        if best is not None and unknown_country(request.text, lambda t: index.share(t) > 0):
            # "When did the Danish service moor its first lightship?" of documents that never name Denmark in any form:
            # a date they give for the Dutch one says nothing of it.
            confidence = 0.0
        if best is not None and _unknown_which(request.text, index):
            # "Which Olympic Games did Joan Petrie swim in?" of documents that never name any Olympic Games: what the
            # question asks is chosen among things they do not speak of.
            confidence = 0.0
        if best is not None and request.answer_type is not None and _other_purpose(request.text, best, index):
            # "How much did the RCBF give towards the heating?" of "The RCBF gave £38,500 towards the roof": the figure
            # is for a sibling of what was asked.
            confidence = 0.0
        if best is not None and _unknown_removed(request.text, index):
            # "How do I get red wine out of a carpet?" of documents that name neither: not what they are about, though
            # they speak of red flags and of taking boats out.
            confidence = 0.0
        if best is not None and _unknown_made(request.text, index):
            # "How do I make an apple crumble?" of a cider cooperative's handbook, which speaks of apples but never of a
            # crumble: how to make a thing the documents never name is nothing they say.
            confidence = 0.0
        if best is not None and _unknown_subject(request.text, index):
            # "Has the FDA approved X?": the documents cannot confirm or deny a claim about a name they never use.
            confidence = 0.0
        if best is not None and _names_author(best, request, passages) and all(index.share(t) > 0 for t in content_terms(request.text)):
            # "Who wrote this?", every word of it known to the corpus (not "Who wrote Pride and Prejudice?"), and the
            # sentence names the author the document's metadata gives.
            confidence = 1.0
        if loose is not None:
            # What gave way to the closer sentence does not come back as a runner-up.
            typed = [c for c in typed if c is not loose]
        if parallel is not None:
            # "The other one" is answered of the other: not with what was said, or a sentence repeating its figure.
            said = _flat(request.said)
            typed = [c for c in typed if c is parallel or (_flat(c.text) not in said and id(c) not in repeating)]
        return best, typed, eligible, candidates, confidence

    def _parallel(self, request: Request, candidates: list[Candidate], headers: set, index: KeywordIndex) -> tuple[Candidate, set[int]] | None:
        """For "and the bigger one?" after an answer quoting "The Tidewell 6 weighs 74 kg ...": the sentence of its
        document most like the one quoted ("The Tidewell 12 weighs 148 kg ..."), of the kind of fact the question wants.
        The question's own words cannot find it: "the other one" names nothing, and "the bigger one" nothing the
        documents call so. Also the ids of the sentences that repeat a figure of the one quoted, or name what the last
        question named: they are about it."""
        said = _flat(request.said)
        anchor = next((c for c in candidates if c.embedded and _flat(c.text) in said), None)
        if anchor is None:
            return None
        wanted = analyse(request.another)
        # The other one's fact is of the kind the quoted one gave: of the kind asked for, unless the quoted one was not
        # ("A typical Harbour page weighs about 48 KB" answered "How heavy is a page?" with no weight).
        typed = wanted.answer_type is not None and self._has_type(anchor, wanted, index)
        pool = [
            c for c in candidates
            if c.embedded and c.source == anchor.source and (c.source, c.start) not in headers and _flat(c.text) not in said
            and (not typed or self._has_type(c, wanted, index))
        ]
        # The other one is not the one the last question named: "Brackenfield students woke 41 minutes later" is more of
        # Brackenfield's, after "What time does Brackenfield start now?". (Not a name with a number or letter: "Studio
        # B" shares "Studio" with "Studio A".)
        # The name whole, as the question writes it: "Junior Colts", not "Colts" (the "Youth Colts" are the other ones).
        asked = [
            set(content_terms(run)) for run in capitalised_runs(request.another)
            if not any(len(w) == 1 for w in run.split()) and not re.search(rf"\b{re.escape(run)}\s+(?:[A-Z]|\d{{1,3}})\b", request.another)
        ]
        # A sentence that points back ("It takes up to 60 campers") is about the name its pronoun stands for, not every
        # name of the sentence before ("Heron Meadow is the lower field, ... down the hill from Beech Field").
        own = {id(c) for c in pool if any(run and run <= (set(content_terms(c.resolved)) if c.resolved else c.terms) for run in asked)}
        pool = [c for c in pool if id(c) not in own] or pool
        if not pool:
            return None
        # Told alike is told in the same words but for the names: "The Plaza Jam is held on the last Sunday of August"
        # is like "The Bowl Bash has been held on the second Saturday of June", whose names make every sentence about
        # the Bowl look closer.
        vectors = self.embedder.encode_cached([without_names(anchor.reading)] + [without_names(c.reading) for c in pool])
        alike = np.asarray(vectors[1:] @ vectors[0], dtype=float)
        # Another one's fact is another figure: "the school would start at 9.15 am from the autumn term of 2023" tells
        # again what "... moved the start of its school day from 8.35 am to 9.15 am" said. A figure is read with the
        # word after it: "8 seconds" is no "8-channel".
        figures = _figures(anchor.reading)
        # (Unless the sentence names another kind of what was asked about: "On the visitors' pontoon there is a 16 amp
        # socket" is the other pontoon's, after "What's the electricity set-up on the residents' pontoon?".)
        other_kind = _other_kind(request.another)
        repeats = {id(c) for c in pool if figures & _figures(c.reading) and not (other_kind and other_kind.search(c.reading))}
        alike -= np.array([REPEATED_FIGURE if id(c) in repeats else 0.0 for c in pool])
        return pool[int(np.argmax(alike))], repeats | own

    def decision_values(self, request: Request, best: Candidate | None, passages: list[Document], index: KeywordIndex | None = None) -> list[float]:
        """`features.DECISION` for a question and its best sentence."""
        if best is None:
            return [0.0] * len(DECISION)
        index = index or self.index_provider()
        # The words that ask ("what kind of", "how much", "which university") are not what the corpus must know.
        asking = _asking_terms(request.text) | _VAGUE
        terms = [t for t in content_terms(request.text) if t not in asking] or content_terms(request.text)
        weights = {t: index.idf(t) for t in terms}
        total = sum(weights.values()) or 1.0
        unknown = sum(w for t, w in weights.items() if index.share(t) == 0) / total
        # An unknown everyday word is likely a paraphrase ("deadly" for "malignant"); an unknown specific term
        # ("temozolomide", or an acronym: "FDA") is likely a thing the documents do not discuss.
        specific = {
            t for w in words(request.text) for t in content_terms(w)
            if index.share(t) == 0 and (self._pieces(w) >= 3 and not self._known_compound(w, index) or _ACRONYM.match(w))
        }
        unknown_specific = sum(w for t, w in weights.items() if t in specific) / total
        known = sorted(self._key_terms(request, index)[0])
        dense = max((float(p.metadata.get("dense_score", 0.0)) for p in passages), default=0.0)
        missing = _missing_names(passages[best.passage], request.text, best.referent)
        v = best.values
        logit = math.log(max(best.probability, 1e-6) / max(1 - best.probability, 1e-6)) / 5
        key = sum(t in best.terms | best.referent for t in known) / len(known) if known else 0.0
        return [
            logit, v.get("similarity", 0.0), v.get("focus_similarity", 0.0), v.get("coverage", 0.0), key, unknown, unknown_specific,
            dense, missing, float(request.answer_type is not None), float(unknown == 0 and v.get("coverage", 0.0) >= 0.999),
            v.get("phrase", 0.0),
        ]

    def _key_terms(self, request: Request, index: KeywordIndex) -> tuple[set[str], bool]:
        """(the question's key words, whether they are names): the two rarest of its words that name something the
        corpus names ("Marden Lock", "Smeaton"), or else its two rarest words that the corpus uses."""
        names = [
            t for w in _named_words(request.text, index.proper_nouns) for t in content_terms(w) if index.share(t) > 0
        ]
        if names:
            return set(sorted(dict.fromkeys(names), key=lambda t: -index.idf(t))[:2]), True
        # Not the words that ask ("how much", "on what day", "which hospital"): the words of what is asked about.
        asking = _asking_terms(request.text) | _phrasal_compound_terms(request.text)
        terms = [t for t in content_terms(request.text) if index.share(t) > 0 and t not in asking]
        # A verb with a particle ("turn up", "go ahead", "handed back") says how the thing is put, which the document
        # may say in a word of its own ("a quorum", "refunded"): what is asked about are the other words.
        terms = [t for t in terms if t not in _phrasal_verb_terms(request.text) | _ADVERBS] or terms
        # Of those, the words that name things before the verbs ("fixing", "looks", "paid"): a document says what a
        # question asks about in its nouns, and its verbs often in words of its own.
        doing = _verb_terms(request.text)
        return set(sorted(terms, key=lambda t: (t in doing, -index.idf(t)))[:2]), False

    def _sibling(self, c: Candidate, asked_pairs: list[tuple[str, str]], passages: list[Document]) -> bool:
        """Is the sentence about a sibling of what was asked: "the seat cache" where the question asks about "the
        session cache", a compound its document also uses? Its head word stands after another word of its own."""
        if not asked_pairs:
            return False
        text = self._text_of(passages[c.passage])
        if text is None:
            return False
        # (A size before the head names no kind: "a lockable 23 litre caddy" is the food caddy, not a "litre caddy".)
        own = _neighbours(without_sizes(c.reading)) | (_neighbours(without_sizes(c.previous)) if c.previous else frozenset())  # "Its flywheel" of "the steam engine"
        asked = {t for pair in asked_pairs for t in pair}
        return any(
            modifier not in c.terms and head in c.terms and (modifier, head) in _compounds(text)
            and any(h == head and z not in asked for z, h in own)
            for modifier, head in asked_pairs
        )

    def _of_its_partner(self, c: Candidate, request: Request, passages: list[Document], index: KeywordIndex) -> bool:
        """Is the sentence about what its document pairs with a thing the question asks about, and not about that thing:
        "for dogs the kennel cough vaccine as well" for "How often do cats need the kennel cough vaccine?", where the
        document speaks of "cats and dogs"?"""
        text = self._text_of(passages[c.passage])
        if text is None:
            return False
        if text not in self._partners:
            if len(self._partners) > PARTNER_CACHE:
                self._partners.clear()
            pairs: Counter[tuple[str, str]] = Counter()
            for m in _COORDINATED.finditer(text.lower()):
                a, b = content_terms(m.group(1)), content_terms(m.group(2))
                if a and b and a[-1] != b[-1]:
                    pairs[(a[-1], b[-1])] += 1
                    pairs[(b[-1], a[-1])] += 1
            partners: dict[str, set[str]] = {}
            for (a, b), n in pairs.items():
                if n >= PARTNERED:
                    partners.setdefault(a, set()).add(b)
            self._partners[text] = partners
        partners = self._partners[text]
        asked = set(content_terms(request.text))
        paired = [a for a in asked if a in partners and a not in c.terms and partners[a] & c.terms - asked]
        if not paired:
            return False
        told = (c.context if c.previous else frozenset()) | frozenset(content_terms(c.section or ""))
        return any(a not in told and a in index.document_terms(c.source) for a in paired)

    def _nouns_missing(self, c: Candidate, missing: set[str], question: str, passages: list[Document]) -> bool:
        """Is a key word the sentence lacks a noun its document uses ("the lease", "a market town")? Then a date or a
        figure in it is of something else ("the loan ... cleared in 2033" for when the lease runs out); a verb it
        lacks ("tightened", "switch on") may be told in other words."""
        text = self._text_of(passages[c.passage])
        if text is None or not missing:
            return False
        asked = [w for w in words(question) if set(content_terms(w)) & missing]
        return any(
            re.search(rf"\b(?:the|a|an|its|their|this|that|each|every|our|your)\s+(?:[\w-]+\s+)?{re.escape(w.lower())}s?\b", text, re.I)
            for w in asked
        )

    def _loose_compound(self, c: Candidate, asked_pairs: list[tuple[str, str, str]], passages: list[Document], index: KeywordIndex) -> bool:
        """Does the question name a compound ("a family ticket") whose words the sentence's document uses but never
        together, while the sentence holds only its head ("tickets cost £5")? The document speaks of families and of
        tickets, not of family tickets."""
        text = self._text_of(passages[c.passage])
        if text is None:
            return False
        used = index.document_terms(c.source)
        # What the document or the section is about need not be said again: "The count was repeated in autumn" under
        # "Otter census" is the otter count.
        about = set(content_terms(f"{c.section or ''} {passages[c.passage].metadata.get('title', '')}"))
        return any(
            head in c.terms and modifier not in c.terms and modifier not in about and modifier in used
            and (modifier, head) not in _compounds(text) and _plural_in(word, text)
            for word, modifier, head in asked_pairs
        )

    def _text_of(self, passage: Document) -> str | None:
        """The whole text of a passage's document, when the store keeps it."""
        return self.documents(str(passage.metadata.get("source", ""))) if self.documents else None

    def _pieces(self, word: str) -> int:
        """How many pieces the embedding model's tokenizer cuts a word into (1 for everyday words)."""
        return _pieces(self._word_tokenizer(), word.lower())

    def _word_tokenizer(self):
        if self._tokenizer is None:
            tokenizer = self.embedder.tokenizer
            self._tokenizer = tokenizer() if callable(tokenizer) and not hasattr(tokenizer, "tokenize") else tokenizer
        return self._tokenizer

    def _known_compound(self, word: str, index: KeywordIndex) -> bool:
        """Is the word two everyday words run together, one of which the documents use ("schoolchildren" where they
        speak of school visits): a paraphrase of their wording, not a thing they never discuss ("sourdough" in a
        railway guide)?"""
        if not word.isalpha() or len(word) < 6:
            return False
        tokenizer = self._word_tokenizer()
        return any(
            _pieces(tokenizer, head) == 1 and _pieces(tokenizer, tail) == 1 and any(index.share(t) > 0 for t in content_terms(f"{head} {tail}"))
            for head, tail in ((word[:i].lower(), word[i:].lower()) for i in range(3, len(word) - 2))
        )

    def _confidence(self, values: list[float]) -> float:
        z = float(self.decision_weights @ np.array(values)) + self.decision_bias
        return 1.0 / (1.0 + math.exp(-z))

    def _items_after(self, lead: Candidate, candidates: list[Candidate]) -> list[Candidate]:
        """The list items, table rows (or the code block) after a lead-in, in order (a list often runs on past the passage
        that holds its lead-in): "run the following command:" is answered by the command, "Four of them are shown in the
        main hall:" by the table after it."""
        return self._around(lead, candidates, lambda x: x.kind in ("item", "code", "row") and x.start > lead.start and x.block > lead.block)

    def _section_before(self, best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
        """The sentences before `best` in its section, in order (the paragraph before may lie in another passage)."""
        return self._around(best, candidates, lambda x: x.kind not in ("heading", "code") and x.section == best.section and x.start < best.start)

    def _around(self, anchor: Candidate, candidates: list[Candidate], keep: Callable) -> list[Candidate]:
        """The sentences of `anchor`'s document that `keep` accepts, in document order: read from the document's text
        when the store keeps it (cited through `anchor`'s passage), else those among the candidates."""
        known = {c.start: c for c in candidates if c.source == anchor.source}
        text = self.documents(anchor.source) if self.documents else None
        if text is None:
            return sorted((c for c in known.values() if keep(c)), key=lambda c: c.start)
        return [
            known.get(x.start) or Candidate(anchor.passage, x.start, x.end, x.text, x.reading, x.kind, x.section, x.block, None, anchor.source)
            for x in segment(text) if keep(x)
        ]

    def _compose(self, best: Candidate, typed: list[Candidate], request: Request, candidates: list[Candidate]) -> list[Candidate]:
        """The best sentence, the sentence it continues or that continues it, and close runners-up: at most three.
        A sentence that introduces a list ("The main kinds are:") comes with the list's items (up to `LIST_ITEMS` more)."""
        form = question_form(request.text)
        chosen = [best]
        header = next(
            (c for c in candidates if best.header_start is not None and c.source == best.source and c.start == best.header_start), None
        )
        if header is not None:
            # A table row means what its header says its columns are: "Month 2025 2024" above "September 46 1,021".
            chosen.insert(0, header)
        if request.answer_type == "person" and _PERSON_PRONOUN_OPENS.match(best.reading):
            # "Who did the job before Rosalind Teague?" of "Peggy Allard was the society's first chair, from 2016 to
            # 2021. She was followed by Rosalind Teague ...": "she" is named in the sentence before, which comes first.
            before = [c for c in candidates if c.source == best.source and c.block == best.block and c.end <= best.start]
            if before:
                chosen.insert(0, max(before, key=lambda c: c.start))
        if best.listed:
            # The list a heading names: its items in order, read from the document when it runs past the passages.
            items = self._around(best, candidates, lambda x: x.kind == "item" and x.section == best.section and x.start >= best.start)
            return items[: self.max_sentences + LIST_ITEMS]
        # "To allow a lint, run" ends its paragraph without a stop: the code block after it finishes the sentence.
        leads = best.reading.endswith(":") or bool(_LEADS_IN.search(best.reading)) or best.code is not None
        leads = leads or (bool(_TABLE_BELOW.search(best.reading)) and form != "why")
        # (Not for why and how: a list after the sentence that gives the reason or the way is about something else.)
        nxt = None if leads or form in ("why", "how") else min(self._around(best, candidates, lambda x: x.block == best.block and x.start > best.start), key=lambda c: c.start, default=None)
        if (
            nxt is not None and (nxt.reading.rstrip().endswith(":") or _LEADS_IN.search(nxt.reading))
            and set(content_terms(nxt.reading)) & (set(content_terms(request.text)) - _asking_terms(request.text)) and self._items_after(nxt, candidates)[:1]
        ):
            # "What grades is tea sorted into?" of "... sorted by the size of its pieces into grades. The main grades
            # are:" and its list; "What does a broker have to do?" of "... brokers receive samples of every lot. A
            # broker's work includes:": the sentence that answers hands over to a lead-in that closes its paragraph and
            # speaks of what was asked, which brings the items.
            chosen.append(nxt)
            best, leads = nxt, True
        if not leads and (form == "list" or _ASKS_PLURAL.match(request.text) or _WHAT_ARE_THE.match(request.text)):
            if best.kind == "item":
                # "Which apple varieties do you grow?" of "These are the varieties we grow most:" and its items: an item
                # that answers hands over to its list's lead-in, when that speaks of what was asked, which brings them all.
                before = self._section_before(best, candidates)
                while before and before[-1].kind == "item":
                    before.pop()
                lead = before[-1] if before else None
                kind = _LISTED_KIND.match(request.text)  # "varieties" of "which apple varieties": what the items are
                asked = set(content_terms(kind.group(1) if kind else request.text))
                if lead is not None and lead.reading.rstrip().endswith(":") and set(content_terms(lead.reading)) & asked:
                    chosen = [lead]
                    best, leads = lead, True
        if leads:
            items = self._items_after(best, candidates)
            block = best.block
            for item in items:
                # The next item, or the next sentence of the same one ("Use only a red torch. We lend red torches ...").
                if item.block not in (block, block + 1) or len(chosen) >= self.max_sentences + LIST_ITEMS:
                    break
                chosen.append(item)
                block = item.block
                if item.kind == "code":
                    break  # the command a lead-in announces; what follows it is the next step
            return chosen
        margin = 0.25 if form in ("list", "how", "finding", "why") else 0.12
        announcer = next(
            (c for c in sorted(typed, key=lambda c: -c.probability) if c.probability >= best.probability - margin
             and c.header_start is None and len(words(c.reading)) <= 12 and _ANNOUNCES.search(c.reading)),
            None,
        ) if form in ("why", "how", "list") else None
        if announcer is None and form == "why" and not _gives_reason(best.reading):
            # "Why did the roof job end up six weeks late?" of "..., but it was not finished until 27 September, six
            # weeks late." and, next, "The delay had three causes.": the sentence that tells the fact hands over to
            # the one announcing its causes, which brings them.
            # (The rest of its paragraph, or the first sentence of the next.)
            following = sorted(self._around(best, candidates, lambda x: x.kind == "prose" and x.section == best.section and x.start > best.start),
                               key=lambda c: c.start)
            opening = next((x for x in following if x.block == best.block + 1), None)
            near = [x for x in following if x.block == best.block] + ([opening] if opening is not None else [])
            nxt = next((x for x in near if len(words(x.reading)) <= 12 and _ANNOUNCES.search(x.reading)), None)
            if nxt is not None:
                block = sorted(self._around(nxt, candidates, lambda x: x.block == nxt.block and x.start > nxt.start), key=lambda c: c.start)
                return [best, nxt] + block[: self.max_sentences - 1]
        if announcer is not None:
            # "The leaks had two causes." says what follows: the next sentences of its paragraph give them.
            block = sorted((c for c in candidates if c.source == announcer.source and c.block == announcer.block), key=lambda c: c.start)
            return [announcer] + [c for c in block if c.start > announcer.start][: self.max_sentences - 1]
        if form == "why" and _CONSEQUENCE.search(best.reading):
            # "The trustees therefore closed the section": the reason is what comes before (its paragraph's sentence
            # before it, or the end of the paragraph before).
            section = self._section_before(best, candidates)
            same = [c for c in section if c.block == best.block]
            before = same[-1:] or ([c for c in section if c.block == section[-1].block][-(self.max_sentences - 1) :] if section else [])
            chosen[:0] = before
        followers = [c for c in typed if c.block == best.block and c.start > best.start and c.previous is not None]
        follower = min(followers, key=lambda c: c.start, default=None)
        after = _next_in_paragraph(best, candidates)
        continuation = None
        if form in ("how", "why") and after is not None and _restates(best, request.text):
            # "Before electric timers, the flashing was produced mechanically." says little more than the question
            # asked: how, or why, is in the sentence right after it in its paragraph.
            chosen.append(after)
            continuation = after
        elif (
            form == "why" and after is not None and not _gives_reason(best.reading) and _gives_reason(after.reading)
        ):
            # "Why did the old number 47 bus stop?" of "Until 1995 the valley had a commercial bus, the number 47 ...":
            # a best sentence that gives no reason is followed by the one after it in its paragraph that does ("The
            # company withdrew it ... because it carried too few passengers ...").
            chosen.append(after)
            continuation = after
        elif follower is not None and follower.probability >= COMPANION / 2 and CONTINUES.match(follower.reading):
            # "It involves ..." completes "X is ...": keep a continuing sentence with the one it continues.
            chosen.append(follower)
            continuation = follower
        elif form == "list":
            # A list told in prose goes on in the sentences after the best one ("Boat licences ... brought in
            # £1,118,000 ... Grants amounted to £742,000 ..."): the next sentences of its paragraph that are about it.
            rest = sorted((c for c in typed if c.source == best.source and c.block == best.block and c.start > best.start), key=lambda c: c.start)
            for c in rest:
                if len(chosen) >= self.max_sentences or c.probability < COMPANION / 2:
                    break
                chosen.append(c)
        for c in sorted(typed, key=lambda c: -c.probability):
            if len(chosen) >= self.max_sentences:
                break
            if c not in chosen and c.probability >= max(COMPANION, best.probability - margin):
                chosen.append(c)
        if form in ("finding", "yesno") and not any(c.values.get("finding") for c in chosen):
            # What was found bears on a yes/no or "what did they find" question: the best sentence of the same document
            # that reports a finding joins the answer (in place of the last runner-up when the answer is full).
            found = [c for c in typed if c.source == best.source and c.values.get("finding") and c not in chosen]
            finding = max(found, key=lambda c: c.probability, default=None)
            if finding is not None and finding.probability >= COMPANION / 2:
                if len(chosen) >= self.max_sentences:
                    chosen.pop()
                chosen.append(finding)
        # In document order, except that an answer to "What is X?" opens with the sentence that defines X, and the
        # sentence continuing it ("It involves ...") stays right after it.
        subject = _definition_subject(request.text) if form == "definition" else None
        opening = {id(best), id(continuation)} if subject and _defines(best.reading, subject) else set()
        # A sentence a document repeats word for word ("The default priority is 50." in two sections) is said once.
        said: set[str] = set()
        unique = [c for c in chosen[: self.max_sentences] if not (c.reading in said or said.add(c.reading))]
        # "... run the following command:" among them is said with its command, as when it answers on its own.
        quoted = {(c.source, c.start) for c in unique}
        unique += [c.code for c in unique if c.code is not None and (c.code.source, c.code.start) not in quoted]
        return sorted(unique, key=lambda c: (id(c) not in opening, c.source != best.source, c.source, c.start))

    def _typed_by_heading(self, c: Candidate, request: Request, index: KeywordIndex, numbers: list[str]) -> bool:
        """Does a heading the sentence stands under (below the document's title, nearest first) give what a date or
        figure question asks, and name the number it asks about ("When was 3.4.0 released?" under "3.4.0
        (2024-10-08) > Added")? The heading is then said with the sentence."""
        if not numbers or not c.section or " > " not in c.section or request.answer_type not in ("date", "quantity", "measure", "duration"):
            return False
        for heading in reversed(c.section.split(" > ")[1:]):
            if all(re.search(rf"(?<![\w.]){re.escape(n)}(?![\w]|\.\d)", heading) for n in numbers) and has_answer_type(
                heading.replace(numbers[0], " ", 1) if len(numbers) == 1 else heading, request, index.proper_nouns
            ):
                c.heading = heading
                return True
        return False

    def _listed_under_heading(self, request: Request, eligible: list[Candidate], index: KeywordIndex) -> Candidate | None:
        """The first item of a list whose heading (below the title) holds every word of a list question that is not a way
        of asking ("volunteer roles" of "what kinds of volunteer roles are there"), when the list has two items or more
        among the passages; of several, the one the sentence model thinks best of."""
        asked = set(content_terms(request.text)) - _asking_terms(request.text) - _VAGUE
        if not asked:
            return None
        steps = bool(_ASKS_STEPS.search(request.text))
        # What the steps are of: "upgrading a server" of "the steps for upgrading a server from 2.4 to 3.0". A heading of
        # one word must name it ("Upgrading from 2.4 to 3.0"), not merely share a word ("The tutors" of "a typical
        # tutoring session, step by step").
        of = _STEPS_OF.search(request.text)
        procedure = set(content_terms(of.group(1))) if of else set()
        list_form = question_form(request.text) == "list" or steps
        groups: dict[tuple[str, str], list[Candidate]] = {}
        for c in eligible:
            if c.kind == "item" and c.section and " > " in c.section:
                heading = c.section.rsplit(" > ", 1)[-1]
                named = _heading_terms(heading)
                # Or a heading of one word the question asks with: "What does the report recommend?" of a list under
                # "Recommendations".
                one_word = len(re.sub(r"^[\d.]+\s+", "", heading).split()) == 1  # "Recommendations", not "Setting up"
                # Or, for the steps of a procedure, a heading that says nothing the question does not: "Upgrading from
                # 2.4 to 3.0" for "What are the steps for upgrading a server from 2.4 to 3.0?", "Upgrade steps" for
                # "What are the steps for upgrading from Fernglass 2 to 3?". (Not for any list: "Black tea" is no heading
                # of "the four stages that orthodox black tea goes through".)
                within = steps and bool(named) and named <= set(content_terms(request.text)) and (len(named) >= 2 or named <= procedure)
                if (list_form and asked <= named | (c.title and _heading_terms(c.title) or frozenset())) or (one_word and len(named) == 1 and named <= asked) or within:
                    groups.setdefault((c.source, c.section), []).append(c)
        found = [items for items in groups.values() if len({c.block for c in items}) >= 2]
        if not found:
            return None
        items = max(found, key=lambda items: max(c.probability for c in items))
        first = min(items, key=lambda c: c.start)
        first.listed = True
        return first

    def _read_with_heading(self, c: Candidate, request: Request, index: KeywordIndex) -> None:
        """A sentence whose heading gives the fact asked for is measured as the heading and the sentence together, as a
        table row is with its header: the heading's words are its words, its meaning with the heading's."""
        c.terms = c.terms | _heading_terms(c.heading)
        c.context = c.context | _heading_terms(c.heading)
        weights = _known_weights(content_terms(request.text), index)
        c.values["coverage"] = sum(w for t, w in weights.items() if t in c.terms) / (sum(weights.values()) or 1.0)
        question, together = self.embedder.encode_cached([request.text, f"{c.heading} {c.reading}"])
        c.values["similarity"] = max(c.values.get("similarity", 0.0), float(together @ question))
        c.probability = self._probability(c)

    def _has_type(self, c: Candidate, request: Request, index: KeywordIndex) -> bool:
        # A table row is read with its caption and header: "Cone Temperature ... 6 1222 C" measures a cone. Not for a
        # name: the header's capitalised column names ("Year Event") name no one.
        named = request.answer_type in ("person", "name", "location")
        row = c.kind == "row" and c.previous and not named
        if has_answer_type(f"{c.previous} {c.reading}" if row else c.reading, request, index.proper_nouns, None if row else c.previous):
            return True
        # "Who ...?": "She is a seasoned author" names her through the sentence it continues (a subject pronoun
        # stands for a person; "Their study ..." is about the study, not about who did something to it).
        return (
            request.answer_type == "person" and c.previous is not None and bool(_SUBJECT_PRONOUN.match(c.reading))
            and has_answer_type(f"{c.previous} {c.reading}", request, index.proper_nouns)
        )

    # -- measuring ------------------------------------------------------------------------------------
    def score(self, request: Request, passages: list[Document], index: KeywordIndex | None = None) -> list[Candidate]:
        """Every candidate sentence with its features and its probability of answering the question."""
        index = index or self.index_provider()
        terms = content_terms(request.text)
        candidates = self.candidates(passages)
        if not candidates:
            return []
        self._words(request.text, terms, candidates, index, request.answer_type)
        focus = self._focus(request.text, index)
        # Embedding is most of an answer's cost: sentences whose vectors are stored (or cached) are all measured,
        # and of the others only those the word measures rank highest are embedded.
        known = self.embedder.known(
            [c.reading for c in candidates] + [f"{c.previous} {c.reading}" for c in candidates if c.previous]
            + [c.resolved for c in candidates if c.resolved],
            stored=self.stored,
        )
        ready = [
            c for c in candidates
            if c.reading in known and (c.previous is None or f"{c.previous} {c.reading}" in known) and (c.resolved is None or c.resolved in known)
        ]
        measured = {id(c) for c in ready}
        ranked = sorted((c for c in candidates if id(c) not in measured), key=lambda c: -self._prior(c))
        self._embed(request.text, focus, ready + ranked[: self.max_embedded])
        # A document ranks as high as its best passage or its closest sentence puts it: "The trust has about 1,100
        # members, of whom around 320 are active volunteers" answers how many active volunteers the trust has, though
        # another trust's report, which speaks of volunteers throughout, was retrieved first.
        closest: dict[str, float] = {}
        for c in candidates:
            if c.embedded:
                closest[c.source] = max(closest.get(c.source, -1.0), c.values["similarity"])
        place = {source: i for i, source in enumerate(sorted(closest, key=lambda source: -closest[source]))}
        for c in candidates:
            if c.source in place:
                c.values["document_rank"] = max(c.values["document_rank"], 1.0 / (1 + place[c.source]))
        for c in candidates:
            c.probability = self._probability(c) if c.embedded else 0.0
        return candidates

    def candidates(self, passages: list[Document], widen: bool = True) -> list[Candidate]:
        """The whole sentences of each passage (widened to the document's unless told not to), each position once."""
        out, seen = [], set()
        sources = [doc.metadata.get("source", "") for doc in passages]
        top = max((float(doc.metadata.get("score", 0.0)) for doc in passages), default=0.0) or 1.0
        ranked = list(dict.fromkeys(sources))  # documents in the order of their best passage
        for p, doc in enumerate(passages):
            source = sources[p]
            retrieval = {
                "passage_score": float(doc.metadata.get("score", 0.0)) / top, "same_document": sources.count(source) / len(sources),
                "document_rank": 1.0 / (1 + ranked.index(source)),
            }
            text = self.documents(str(source)) if self.documents and widen else None
            spelled = _acronyms(text) if text else {}
            asked: tuple[str | None, int, frozenset[str]] | None = None  # a question the document puts (its section, block, words)
            alone = False  # the question is a paragraph of its own, as in a FAQ, and rules until the next one
            for s, previous, referent, code, paragraph in _passage_sentences(doc, self.documents if widen else None):
                if s.kind == "prose" and s.reading.rstrip().endswith("?"):
                    # "What should I do if I see someone in the water?" in a FAQ is no answer to anything; the
                    # sentences after it answer it, as under a heading, and it says what they are about.
                    asked, alone = (s.section, s.block, frozenset(content_terms(s.reading))), previous is None
                    continue
                if asked is not None and s.block == asked[1]:
                    alone = False  # a question inside a paragraph speaks for that paragraph and the next
                if asked is not None and (s.section != asked[0] or (s.block > asked[1] + 1 and not alone) or s.kind == "heading"):
                    asked = None
                if (source, s.start) in seen or s.kind in ("heading", "code"):  # code is quoted only after its lead-in
                    continue
                seen.add((source, s.start))
                continues = previous is not None and bool(CONTINUES.match(s.reading))
                header = row_context(s)
                lead = previous.reading if continues else header
                c = Candidate(p, s.start, s.end, s.text, s.reading, s.kind, s.section, s.block, lead, source)
                c.header_start = s.header_start
                own = set(content_terms(s.reading))
                before = frozenset(content_terms(previous.reading)) if previous is not None else frozenset()
                if header:
                    # A table row is read with its table's caption and header: "September 46 1,021" under "Lock
                    # passages at Coldharbour Top Lock" and "Month 2025 2024" is about passages at that lock.
                    before = frozenset(content_terms(header))
                c.terms = frozenset(own | before) if continues or header else frozenset(own)
                if s.section and " > " in s.section:
                    # The heading it stands under says what it is about ("Why hosepipes are banned"); not the
                    # document's title, which every sentence stands under.
                    c.terms |= _heading_said(s.section.rsplit(" > ", 1)[-1], frozenset(own | before), paragraph)
                if spelled:
                    # "If the RH is too high ..." speaks of humidity where the document spells RH out as "relative
                    # humidity (RH)".
                    c.terms |= {t for w in words(s.reading) for t in spelled.get(w, ())}
                if asked is not None:
                    c.terms |= asked[2]
                # "In the United Kingdom ..." is about Britain and the British ("When was the British society started?").
                c.terms |= country_terms(s.reading)
                if code is not None:
                    # "Install it with this command:" means what its command says: "pip install linty" installs Linty.
                    c.terms |= frozenset(content_terms(code.reading))
                    c.code = Candidate(p, code.start, code.end, code.text, code.reading, code.kind, code.section, code.block, None, source)
                c.context = before
                if header and text is not None and s.header_start is not None:
                    # A row is about what the sentence introducing its table says the table gives ("The table below
                    # gives the audience at each concert ..."), though its words do not count as the row's own.
                    c.context |= _table_lead_terms(text, s.header_start)
                c.title = s.section.split(" > ", 1)[0] if s.section else None
                c.referent = referent
                c.resolved = resolved_reading(s, paragraph)
                if c.resolved:
                    c.terms |= frozenset(content_terms(c.resolved))
                c.values = {"rank": 1.0 / (1 + p), "continues": float(continues), "list_item": float(s.kind in ("item", "row")), **retrieval}
                out.append(c)
        return out

    def _words(self, question: str, terms: list[str], candidates: list[Candidate], index: KeywordIndex, answer_type: str | None = None) -> None:
        """Word measures of every candidate."""
        asked = set(terms)
        # Words the corpus never uses ("trial" where it says "study") cannot be matched; they are left out of
        # the share instead of dragging it down. Names and numbers are held to exact matches elsewhere.
        weights = _known_weights(terms, index)
        known = list(weights)
        total = sum(weights.values()) or 1.0
        n = len(candidates)
        df = {t: sum(t in c.terms for c in candidates) for t in known}
        local = {t: math.log(1 + n / (1 + f)) ** 2 for t, f in df.items() if f}
        local_total = sum(local.values()) or 1.0
        pairs = _pairs([t for t in terms if t in weights])
        form = question_form(question)
        subject = _definition_subject(question) if form == "definition" else None
        descriptive = form in ("definition", "how", "why", "list")
        asks_procedure = bool(PROCEDURE.search(question) or ASKS_PROCEDURE.search(question))
        own_case = bool(_ASKER.search(question))
        for c in candidates:
            own = set(content_terms(c.reading))
            v = c.values
            v["coverage"] = sum(w for t, w in weights.items() if t in c.terms) / total
            v["distinctive"] = sum(w for t, w in local.items() if t in c.terms) / local_total
            v["phrase"] = len(pairs & _pairs(content_terms(c.reading))) / len(pairs) if pairs else 0.0
            v["novelty"] = len(own - asked) / len(own) if own else 0.0
            if c.kind == "row" and not {t for t in own & asked if not t[:1].isdigit()}:
                # A table row whose own cells share no word with the question (only its caption or header may; a
                # figure is no such word: "11 kW" is not about "the Corrie 11") adds nothing to it: its figures are
                # all "new" only because they are about some other row's thing.
                v["novelty"] = 0.0
            v.update(_cues(c.reading))
            if descriptive:
                # Figures and the past tense are evidence of what was found, not of what a thing is, how or why.
                v["number"] = v["past"] = 0.0
            if own_case:
                # A question told from the asker's own case ("Can I pay by tapping my phone?") asks what applies to
                # them; a reporting cue ("more than £200", "81 per cent said") is no sign of that, and a yes-or-no
                # question of this kind wants no finding.
                v["finding"] = 0.0
                if form in ("finding", "yesno"):
                    v["form_match"] = 0.0
            if descriptive or answer_type or asks_procedure:
                # How a study was done is no answer to what it found, but it may say how many took part or how, or
                # answer a question about how it was done.
                v["procedure"] = 0.0
            v["form_match"] = _form_match(form, subject, c)
            if known and v["coverage"] < 0.5:
                # The form's cue says what kind of sentence this is, not that it is about the question: a cause or
                # an enumeration about something else counts for as little as the sentence shares of the question.
                v["form_match"] *= 2 * v["coverage"]
            section = c.section or ""
            v["results_section"] = float(bool(RESULTS_SECTION.search(section)))
            v["setup_section"] = float(bool(SETUP_SECTION.search(section)))

    def _prior(self, c: Candidate) -> float:
        """A ranking before embedding: the linear model with the similarities left out."""
        return float(self.weights @ (np.array(c.vector()) * _WORDS_ONLY))

    def _embed(self, question: str, focus: str, candidates: list[Candidate]) -> None:
        """Similarity of each candidate (with the sentence it continues) to the question and to its focus, in one call."""
        pairs = [f"{c.previous} {c.reading}" for c in candidates if c.previous]
        resolved = [c.resolved for c in candidates if c.resolved]
        texts = [question, focus] + [c.reading for c in candidates] + pairs + resolved
        vectors = self.embedder.encode_cached(texts)  # stored vectors are in the cache already (`score`)
        n = len(candidates)
        sims = np.asarray(vectors[2 : 2 + n] @ vectors[0], dtype=float)
        focus_sims = np.asarray(vectors[2 : 2 + n] @ vectors[1], dtype=float)
        context = iter(np.asarray(vectors[2 + n : 2 + n + len(pairs)] @ vectors[0], dtype=float))
        named = iter(np.asarray(vectors[2 + n + len(pairs) :] @ vectors[0], dtype=float))
        for c, sim, fsim in zip(candidates, sims, focus_sims):
            c.embedded = True
            c.values["similarity"] = max(float(sim), float(next(context))) if c.previous else float(sim)
            if c.resolved:
                # MiniLM does not know whom "she" is: "Because she is small and light, she is the engine most often
                # used ..." is far from "What is Hesketh mostly used for?" until read as "Because Hesketh is ...".
                c.values["similarity"] = max(c.values["similarity"], float(next(named)))
            c.values["focus_similarity"] = float(fsim)

    def _probability(self, c: Candidate) -> float:
        z = float(self.weights @ np.array(c.vector())) + self.bias
        return 1.0 / (1.0 + math.exp(-z))

    def texts_to_embed_with(self, question: str) -> list[str]:
        """What `_embed` will embed besides the sentences, known before retrieval so that the question and it share
        one model call: the question's focus (`_focus`)."""
        text = analyse(question).text
        focus = self._focus(text, self.index_provider())
        return [focus] if focus != text else []

    def _focus(self, question: str, index: KeywordIndex) -> str:
        """The question without its topic word: the question word most sentences of its best keyword passages hold
        ("CAR-T" in a question about an article on CAR-T), which every candidate shares and so says nothing about
        which one answers. Keyword passages, not the retrieved ones, so it is known before the question is embedded."""
        return self._topic_and_focus(question, index)[1]

    def _topic_and_focus(self, question: str, index: KeywordIndex) -> tuple[set[str], str]:
        last = self._last_focus
        if last is not None and last[0] == (question, index):
            return last[1]
        terms = content_terms(question)
        topic: set[str] = set()
        if len(terms) >= 2:
            hits = index.search(question, self.focus_k)
            passages = [Document(page_content=index.texts[i], metadata=index.metadatas[i]) for i, _ in hits]
            candidates = self.candidates(passages, widen=False)  # counting words needs no whole sentences
            known = [t for t in terms if index.share(t) > 0] or terms
            topic = _topic({t: sum(t in c.terms for c in candidates) for t in known}, len(candidates))
        found = (topic, _without(question, topic))
        self._last_focus = ((question, index), found)
        return found


@lru_cache(maxsize=64)
def _compounds(text: str) -> frozenset[tuple[str, str]]:
    """A document's neighbouring terms ("session cache", "full plot"), in a cache of their own: documents are few."""
    return _neighbours.__wrapped__(text)


@lru_cache(maxsize=4096)
def _neighbours(text: str) -> frozenset[tuple[str, str]]:
    """Terms standing side by side, in order, with no stop word between ("seat cache"; not "cache, a cluster"). Unlike
    `_pairs` (the decision's phrase measure, over distinct terms in either order), order and adjacency are kept."""
    sequence = term_sequence(text)
    return frozenset((a, b) for a, b in zip(sequence, sequence[1:]) if a and b)


_VERB_LIKE = re.compile(r"(?:ing|ed)$|^(?:\w*(?:hour|dai|night|week|month|quarter|year|annual)ly|early|only|likely|elderly|costly|deadly|timely|friendly)$", re.I)
# Verbs beside a noun in a question ("can members buy seed", "does the tank get"): no part of a compound.
_COMMON_VERBS = set(IRREGULAR.values()) | {
    "need", "use", "do", "have", "cost", "last", "mean", "stay", "look", "want", "work", "help", "open", "close", "happen",
    "start", "stop", "end", "change", "say", "show", "let", "allow", "reach", "run", "cover", "include", "matter",
}


def _noun_compounds(question: str, asking: set[str]) -> list[tuple[str, str, str]]:
    """Two nouns side by side in the question, as terms ("a family ticket"): the first word not a describing word, a
    verb's form or a name ("germ-killing run", "the older reservoir", "Marden Lock"), neither a word that asks."""
    out = []
    tokens = re.findall(r"[A-Za-z][\w'’]*|[^\w\s]", question)
    for first, second in zip(tokens, tokens[1:]):
        if (
            not (first[:1].islower() and second[:1].islower()) or _DESCRIBING.search(first) or _VERB_LIKE.search(first)
            or {IRREGULAR.get(w.lower(), w.lower()) for w in (first, second)} & _COMMON_VERBS
        ):
            continue
        if "'" in first or "’" in first or first.lower() in STOPWORDS or second.lower() in STOPWORDS:
            continue  # "the society's secretary"
        a, b = term_sequence(first), term_sequence(second)
        if len(a) == 1 and len(b) == 1 and a[0] and b[0] and not {a[0], b[0]} & asking:
            out.append((first.lower(), a[0], b[0]))
    return out


def _plural_in(word: str, text: str) -> bool:
    """Does the text use the word in the plural ("families" for "family"): a noun, not a describing word ("old")?"""
    forms = [f"{word}s", f"{word}es"] + ([f"{word[:-1]}ies"] if word.endswith("y") else [])
    return re.search(rf"\b(?:{'|'.join(map(re.escape, forms))})\b", text, re.I) is not None


_DEFINED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]?[A-Z]{1,6})s?\)")


@lru_cache(maxsize=64)
def _acronyms(text: str) -> dict[str, frozenset[str]]:
    """The acronyms a document spells out, with the terms of their words: "relative humidity (RH)" -> RH: relative,
    humidity. The words before the bracket must begin with the acronym's letters, small words aside."""
    out: dict[str, frozenset[str]] = {}
    for m in _DEFINED_ACRONYM.finditer(text):
        letters = [ch for ch in m.group(1) if ch.isupper()]
        # The parts of a hyphenated name count as words: "Valley Dial-a-Ride (VDR)".
        before = re.findall(r"[A-Za-z][\w'’]*", text[max(0, m.start() - 120) : m.start()])
        spelled: list[str] = []
        for w in reversed(before):
            if len(spelled) == len(letters):
                break
            if w.lower() in ("of", "and", "for", "the", "in", "on", "to", "a", "&") and spelled:
                continue
            spelled.insert(0, w)
        if len(spelled) == len(letters) and all(w[0].upper() == ch for w, ch in zip(spelled, letters)):
            out.setdefault(m.group(1), frozenset(content_terms(" ".join(spelled))))
    return out


_RELEASE_TERMS = frozenset(t for w in ("release", "publish", "ship", "launch", "issue") for t in content_terms(w))


RESTATES_NEW_TERMS = 2  # a sentence adding at most this many words to the question's mostly restates it


def _known_weights(terms: list[str], index: KeywordIndex) -> dict[str, float]:
    """The question's words the corpus uses, weighed by rarity (all of them when it uses none): a word the corpus never
    uses ("trial" where it says "study") cannot be matched, so it is left out of a share rather than drag it down."""
    return {t: index.idf(t) for t in ([t for t in terms if index.share(t) > 0] or terms)}


def _restates(c: Candidate, question: str) -> bool:
    """Does the sentence say little beyond what the question says ("the flashing was produced mechanically" for "How
    was a light made to flash before electric timers?")?"""
    asked = set(content_terms(question))
    own = set(content_terms(c.reading))
    return bool(own & asked) and len(own - asked) <= RESTATES_NEW_TERMS


def _pairs(terms: list[str]) -> set[frozenset[str]]:
    """Neighbouring content words, in either order: "barrel adjuster", "head of engineering", "the rebuild's cost"."""
    return {frozenset(p) for p in zip(terms, terms[1:])}


def _topic(df: dict[str, int], n: int) -> set[str]:
    """The question word most of the n candidate sentences hold (df: how many hold each), when one dominates."""
    common = max(df, key=df.get) if df else None
    local = sum(1 for f in df.values() if f)
    return {common} if common and local >= 2 and n >= 5 and df[common] >= 0.15 * n else set()


def embedding_texts(text: str) -> list[str]:
    """What `_embed` can embed from a document: each sentence as read, a continuing sentence together with the one
    it continues, a sentence with its pronouns read as the name they point back to, and a table row with its caption
    and header. Ingest stores their vectors, so that answering embeds only the question."""
    every = segment(text)
    out = []
    for i, s in enumerate(every):
        if s.kind in ("heading", "code"):
            continue
        out.append(s.reading)
        resolved = resolved_reading(s, _block_before(every, i))
        if resolved:
            out.append(resolved)
        header = row_context(s)
        if i > 0 and every[i - 1].block == s.block and CONTINUES.match(s.reading):
            out.append(f"{every[i - 1].reading} {s.reading}")
        elif header:
            out.append(f"{header} {s.reading}")
    return out


def row_context(s: Sentence) -> str | None:
    """What a table row is read with: the heading it stands under (a table's caption, often) and the table's header."""
    if s.kind != "row" or not s.header:
        return None
    title = s.section.rsplit(" > ", 1)[-1] if s.section else ""
    return f"{title}: {s.header}" if title else s.header


# A name with a head noun ("Kestle Lock", "the Wrenford Canal"), and a definite description that points back to one.
_HEADED_NAME = re.compile(r"\b((?:[A-Z][\w'’-]*\s+){1,3})([A-Z][a-z]+)\b")
_DEFINITE = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+([a-z]+)\b")
_REFERENT_REACH = 40  # sentences back within the section
_KIND_OF = re.compile(r"\b([A-Za-z][\w'’-]*)\s+([a-z]+)\b")  # "Glassblowing demonstrations", "slow filters"


def _referent(every: list[Sentence], i: int, title: Sentence | None = None) -> frozenset[str]:
    """The words of the name that "the lock" in this sentence's paragraph stands for: the nearest "<Name> Lock"
    before it in its section ("The lock was drained ... The work cost £412,000" after "the rebuilding of Kestle
    Lock"); empty when the paragraph points back to nothing or the sentence names another one itself."""
    s = every[i]
    first = i
    while first > 0 and every[first - 1].block == s.block:
        first -= 1
    heads = {m.group(1) for t in every[first : i + 1] for m in _DEFINITE.finditer(t.reading)}
    if not heads:
        return frozenset()
    if any(m.group(2).lower() in heads for m in _HEADED_NAME.finditer(s.reading)):
        return frozenset()  # it names one of its own
    for t in reversed(every[max(0, i - _REFERENT_REACH) : i]):
        if t.section != s.section:
            break
        found = [m for m in _HEADED_NAME.finditer(t.reading) if m.group(2).lower() in heads]
        if found:
            return frozenset(content_terms(found[-1].group(0)))
    # "The orchestra was founded in 1987" in the report whose title is "Kellerby Riverside Orchestra: Annual report".
    found = [m for m in _HEADED_NAME.finditer(title.reading) if m.group(2).lower() in heads] if title and title.start < s.start else []
    if found:
        return frozenset(content_terms(found[0].group(0)))
    for t in reversed(every[max(0, i - _REFERENT_REACH) : i]):
        if t.section != s.section or t.block < s.block - 1:
            break
        # "The demonstrations are given by Tom Ackroyd" after a paragraph on "Glassblowing demonstrations": the kind
        # the paragraph before (or this one) named, when no name is pointed back to.
        kinds = [m for m in _KIND_OF.finditer(t.reading) if m.group(2).lower() in heads and m.group(1).lower() not in STOPWORDS
                 and not m.group(1)[:1].isdigit()]
        if kinds:
            return frozenset(content_terms(kinds[-1].group(0)))
    return frozenset()


# The "it" that stands for nothing ("it was estimated that", "it is difficult to"). Only singular pronouns are read as
# names: "they" mostly stands for plural nouns ("the two sites ... they").
_EMPTY_IT = re.compile(
    r"\bit\s+(?:is|was|seems|seemed|appears|appeared|remains|remained|(?:has|had|will|would|may|might)\s+be(?:en)?)\s+(?:\w+\s+)?"
    r"(?:possible|impossible|difficult|easy|hard|important|necessary|essential|clear|unclear|likely|unlikely|known|unknown|"
    r"thought|believed|estimated|suggested|shown|found|reported|hypothesi[sz]ed|recommended|true|evident|noted|assumed|"
    r"expected|proposed|argued|decided|agreed|said|worth|time|interesting|surprising|advisable|wise|safe|best|better)\b",
    re.I,
)
_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?:\s+(?:(?:de|van|von|der|of|the)\s+)?[A-Z][\w'’-]*)*")


@lru_cache(maxsize=8192)
def _names_in(reading: str) -> tuple[tuple[str, bool], ...]:
    """The capitalised runs of a sentence that are names, each with whether the sentence opens with it ("The Kestrel
    is ..."): not its first word alone ("The", "Because")."""
    out = []
    opening = len(reading) - len(reading.lstrip(" \"'“‘(*"))
    for m in _NAME_RUN.finditer(reading):
        run = m.group(0)
        if m.start() == opening:
            first, _, rest = run.partition(" ")
            if not rest:
                continue  # the sentence's first word, capitalised because it is first
            if first.lower() in STOPWORDS:
                run = rest
                if first.lower() not in _DETERMINERS:
                    opening = -1  # "In England, the clock at Salisbury ...": a sentence opening with a place, not about it
        if run.isupper() or run.lower().rstrip("s") in _CALENDAR:
            continue  # an abbreviation ("CRP", "250 BC") is seldom what "she" or "it" stands for
        out.append((run, m.start() == opening))
    return tuple(out)


_DETERMINERS = frozenset(("the", "a", "an", "this", "that"))
_CALENDAR = frozenset((*WEEKDAYS, *MONTHS))


def _thing_name(name: str) -> bool:
    """Can "it" stand for the name: one word ("Hesketh"), or one naming a kind of thing ("Fenwick Drove Mill"), not
    a person's ("Thomas Telford")?"""
    parts = name.split()
    return len(parts) == 1 or any(w.lower() in NOT_A_PERSON for w in parts)


_PERSONAL = re.compile(r"\b(?:he|his|him|she|her)\b", re.I)
_NEUTER = re.compile(r"\b(?:it|its)\b", re.I)
_HE = re.compile(r"\b(?:he|she|him)\b", re.I)
_HIS = re.compile(r"\bhis\b", re.I)
_IT = re.compile(r"\bit\b", re.I)
_ITS = re.compile(r"\bits\b", re.I)
_OPENS_WITH_IT = re.compile(r"^\W*(?:it|its)\b", re.I)
_HER = re.compile(r"\b[Hh]er\b(?=(\s+[\w'’-]+)?)")
# "her" before these is the object ("making her the first locomotive", "took her to"); before other words it is whose.
_AFTER_OBJECT = frozenset(
    "to in on at for from with by of and or but as the a an that this these those into onto up down out off back again "
    "away over until when while because so then".split()
)


def resolved_reading(s: Sentence, paragraph: Sequence[Sentence]) -> str | None:
    """The sentence read with its pronouns as the name they point back to, or None when it names something itself
    or has no such pronoun. "She", "his" and "her" stand for the name the nearest sentence before it in its paragraph
    opens with ("The Kestrel is a steam launch ... The trust bought her ... at a boatyard in Pellow. Her boiler ..."
    -> "Kestrel's boiler ..."), or else for the first name the paragraph gives ("The society bought Hesketh ...").
    "It" and "its" stand for too many things to guess: only for the name the sentence before opens with, directly
    or through a run of sentences about "it" ("De Grauwe Reiger ... is a brick tower mill. It was restored ...")."""
    if not paragraph or s.kind != "prose" or _names_in(s.reading):
        return None
    reading = s.reading
    personal = _PERSONAL.search(reading)
    neuter = _NEUTER.search(_EMPTY_IT.sub("", reading))
    if not personal and not neuter:
        return None
    named = [names for t in paragraph if (names := _names_in(t.reading))]
    person = next((names[0][0] for names in reversed(named) if names[0][1]), named[0][0][0]) if personal and named else None
    thing = None
    if neuter:
        for t in reversed(paragraph):
            names = _names_in(t.reading)
            if names and names[0][1]:
                thing = names[0][0] if _thing_name(names[0][0]) else None
                break
            if not _OPENS_WITH_IT.match(t.reading):
                break  # "It opened in 1972 ... on the Severn pattern" goes on about it, whatever else it names
    if person is None and thing is None:
        return None

    def her(m: re.Match) -> str:
        following = (m.group(1) or "").strip().lower()
        return f"{person}'s" if following and following not in _AFTER_OBJECT else person  # "her overhaul", "bought her in"

    if person is not None:
        reading = _HER.sub(her, _HIS.sub(f"{person}'s", _HE.sub(person, reading)))
    if thing is not None:
        reading = _ITS.sub(f"{thing}'s", _IT.sub(lambda m: m.group(0) if _EMPTY_IT.match(reading, m.start()) else thing, reading))
    return reading if reading != s.reading else None


def _passage_sentences(
    doc: Document, documents: DocumentText | None
) -> list[tuple[Sentence, Sentence | None, frozenset[str], Sentence | None, tuple[Sentence, ...]]]:
    """(sentence, the one before it in its block, the name its paragraph points back to, the code block it leads in
    to, the sentences of its paragraph before it) for the sentences a passage touches, at document offsets."""
    base = int(doc.metadata.get("start", 0))
    content = doc.page_content
    text = documents(doc.metadata.get("source", "")) if documents else None
    if text is not None and text[base : base + len(content)] == content:
        found = sentences_in(text, base, base + len(content))
        every = segment(text)
        at = {s.start: i for i, s in enumerate(every)}
        title = title_of(text)
        out = []
        for s in found:
            i = at[s.start]
            previous = every[i - 1] if i > 0 and every[i - 1].block == s.block else None
            out.append((s, previous, _referent(every, i, title), _code_after(every, i), _block_before(every, i)))
        return out
    # No document text (a store written without it): the passage's own sentences, shifted to document offsets.
    own = segment(content)
    out = []
    for i, s in enumerate(own):
        shifted = replace(s, start=s.start + base, end=s.end + base, header_start=None if s.header_start is None else s.header_start + base)
        previous = own[i - 1] if i > 0 and own[i - 1].block == s.block else None
        out.append((shifted, previous, _referent(own, i, title_of(content)), _code_after(own, i), _block_before(own, i)))
    return out


_TABLE_LEAD = re.compile(r"\b(?:table|below|following)\b|:\s*$", re.I)


@lru_cache(maxsize=256)
def _table_lead_terms(text: str, header_start: int) -> frozenset[str]:
    """The words of the sentences that introduce a table, in the paragraph right before its header row ("The table
    below gives ...", "Prices are as follows:")."""
    every = segment(text)
    i = next((k for k, s in enumerate(every) if s.start == header_start), None)
    if not i or every[i - 1].kind != "prose":
        return frozenset()
    return frozenset(t for s in _block_before(every, i - 1) + (every[i - 1],) if _TABLE_LEAD.search(s.reading) for t in content_terms(s.reading))


def _block_before(every: tuple[Sentence, ...] | list[Sentence], i: int) -> tuple[Sentence, ...]:
    """The sentences before the i-th in its paragraph."""
    start = i
    while start > 0 and every[start - 1].block == every[i].block:
        start -= 1
    return tuple(every[start:i])


def _code_after(every: tuple[Sentence, ...] | list[Sentence], i: int) -> Sentence | None:
    """The code block a sentence leads in to: the last sentence of its paragraph, ending in a colon or with no stop
    ("Install it with this command:", "To allow a lint, run"), right above a code block."""
    s = every[i]
    if i + 1 >= len(every) or s.kind != "prose" or every[i + 1].kind != "code" or every[i + 1].block != s.block + 1:
        return None
    return every[i + 1] if s.reading.endswith(":") or not ENDS_SENTENCE.search(s.reading) else None


@lru_cache(maxsize=65536)
def _cues(reading: str) -> dict[str, float]:
    """The cues of a sentence, which depend on it alone (cached: the same sentences come back with every question)."""
    return {
        "purpose": float(bool(PURPOSE.search(reading))),
        "finding": float(bool(FINDING.search(reading))),
        "procedure": float(bool(PROCEDURE.search(reading))),
        "number": float(bool(NUMBER.search(reading))),
        "past": min(1.0, 4 * len(PAST.findall(reading.lower())) / max(len(reading.split()), 1)),
        "cause": float(bool(CAUSE.search(reading))),
        "mechanism": float(bool(MECHANISM.search(reading))),
    }


def _form_match(form: str | None, subject: str | None, c: Candidate) -> float:
    """Does the sentence carry what the question's form asks for?"""
    text = c.reading
    if form == "why":
        return c.values["cause"]
    if form == "how":
        # How it works, or how to do it: a sentence that leads in to the steps or the command ("... with this command:").
        return max(c.values["mechanism"], float(text.endswith(":")))
    if form in ("finding", "yesno"):
        return c.values["finding"]
    if form == "definition":
        if not subject:
            return 0.0
        return 1.0 if _defines(text, subject) else 0.5 if _calls(text, subject) else 0.0
    if form == "list":
        # An item, a row, a run of commas, or a lead-in that introduces a list ("... the following activities:").
        return float(c.kind in ("item", "row") or text.count(",") >= 2 or text.rstrip().endswith(":") or bool(_LIST_CUE.search(text)))
    return 0.0


_LIST_CUE = re.compile(r"\b(?:includ(?:e|es|ed|ing)|such\s+as|the\s+following|consist(?:s|ed)?\s+of|comprise[sd]?)\b", re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}s?$")
_FIGURE = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|dozens?|millions?)$",
    re.I,
)
# "What does the seat map record?", "how did the society survive ...": what the question asks follows its subject
# and verb.
_DO_ASK = re.compile(r"^\W*(?:and\s+)?(?:what|how|why)\s+(?:does|do|did)\s+(.+?)\W*$", re.I)
_SUBJECT_WORDS_MAX = 4


def _subject_and_verb(question: str) -> list[list[str]]:
    """The terms of the question's subject and verb, for each place the subject may end ("the seat map record" ->
    [seat, map], [seat, map, record], ...): one of them standing in a sentence says it in the question's words."""
    match = _DO_ASK.match(question)
    if not match:
        return []
    tokens = match.group(1).split()
    out = []
    for k in range(1, min(_SUBJECT_WORDS_MAX, len(tokens) - 1) + 1):
        subject = [t for t in term_sequence(" ".join(tokens[:k])) if t]
        verb = [t for t in term_sequence(tokens[k]) if t]
        if subject and verb and tokens[k][:1].islower():
            out.append(subject + verb)
    return out


def _says(sentence: str, said: list[str]) -> bool:
    """Does the sentence hold the question's subject and verb in order, side by side (stop words aside), the verb
    inflected as a statement inflects it ("the seat map records", "the society survived", "the study found"), not a
    noun that follows the subject ("seat map requests")?"""
    tokens = [w for w in words(sentence) if w.lower() not in STOPWORDS and len(w) > 1]
    sequence = [t for t in term_sequence(" ".join(tokens))]
    n = len(said)
    return n >= 2 and any(
        sequence[i : i + n] == said and _INFLECTED.search(tokens[i + n - 1]) is not None or tokens[i + n - 1].lower() in IRREGULAR
        for i in range(len(sequence) - n + 1)
        if sequence[i : i + n] == said
    )


_INFLECTED = re.compile(r"(?:[^s]s|ed)$", re.I)  # "records", "survived"; not "glass"


# What must not be done: "never", "must not", "should I avoid", "don't".
_PROHIBITION = re.compile(
    r"\b(?:never|avoid|mustn'?t|shouldn'?t|don'?t|do\s+not|must\s+not|should\s+not|may\s+not|not\s+allowed|forbidden|prohibited|banned|keep\s+out)\b", re.I
)
_NAMED_EVENT = re.compile(r"\b(?:did|does|do|will|would)\s+((?:[A-Z][\w'’-]*\s+){1,4})([a-z]+)\b")
# "did the Merriott family open their ...": the first lower-case word after the subject's determiner that a determiner,
# a preposition or the end follows.
_SUBJECT_EVENT = re.compile(
    r"\b(?:did|does|do|will|would)\s+((?:the|a|an|this|that|its|their|his|her|your|our)\s+(?:[\w'’.-]+\s+){0,4}?)([a-z]{3,})"
    r"(?=\s*(?:[?.!]|$)|\s+(?:the|a|an|this|that|its|their|his|her|your|our|to|in|on|at|for|with|from|by|of|up|down|out|off|away|back|over|"
    r"each|every|again|today|tonight|tomorrow|now)\b)"
)
# "When was Marrowby station built?", "When was version 4.0 of the library released?": the participle that ends it.
_PASSIVE_EVENT = re.compile(
    r"\b(?:was|were|is|are|been)\s+((?:[\w'’.-]+\s+){1,8}?)([a-z]{3,}ed|built|made|held|sold|won|paid|bought|laid|shut|sent|"
    r"spent|lost|begun|written|given|taken|chosen|drawn|grown|shown|known|seen|broken|frozen|rebuilt|rewritten)"
    r"(?:\s+(?:to|in|on|at|by|for|from|with|into|up|down|out|off|over|again)\b[^?]*)?\s*[?.!]?\s*$"
)
# (And the verbs that say only that an event takes place: "When are the winter meetings held?" is told by "the CCBA
# meets on the second Tuesday", "When does the tour run?" by "The tour runs from 1 March".)
_LIGHT_VERBS = {"be", "become", "get", "have", "do", "make", "take", "go", "come", "happen", "start", "begin", "first",
                "hold", "held", "run", "occur"}
# "What else did Andrew Meikle invent?": the deed asked of.
_ELSE_DONE = re.compile(r"\belse\s+(?:did|does|do|has|have|had|can|could|will|would)\s+.+?\s+([a-z]+)\W*$", re.I)


def _named_event(question: str) -> str | None:
    """What the subject of a question asking when did, or what was done to it: "When did Hester Quaile join the
    board?" -> join, "When did the family open their shop?" -> open, "When was version 4.0 released?" -> release; not
    a light verb ("become", "start"), which other words may tell."""
    match = _NAMED_EVENT.search(question) or _SUBJECT_EVENT.search(question) or _PASSIVE_EVENT.search(question)
    if not match or _PARTICLE_AFTER.match(question, match.end()):
        # (A verb with a particle, "When does the backup heater switch on?", is often told in a word of its own: "It
        # runs only when ..."; not "close down", which is closing.)
        return None
    verb = IRREGULAR.get(match.group(2), match.group(2))
    terms = content_terms(verb)
    return terms[0] if terms and verb not in _LIGHT_VERBS else None


_ASKS_SHARE = re.compile(r"\bpercentage\b|\bper\s*cent\b|\bpercent\b|\bwhat\s+(?:proportion|fraction)\b", re.I)
_SHARE = re.compile(
    r"%|\bper\s*cent|\bpercent|\bpercentage\b|\b(?:half|halves|third|thirds|quarters?|fifths?|tenths?|twice|double|triple|"
    r"all|none|most|majority|minority)\b|\b(?:one|two|three|four|five|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?\w+|\b\d+\s*(?:/|:)\s*\d+\b",
    re.I,
)


# Verbs that tell the same deed: "Who paid for Heron?" is told by "The Coalbrook Foundation gave £44,000, ...".
_SAME_DEEDS = tuple(frozenset(content_terms(group)) for group in ("pay paid fund funded give gave donate donated grant granted contribute contributed",
                                                                  "build built construct constructed erect erected",
                                                                  "make made manufacture manufactured produce produced"))


def _same_deed(deed: str) -> frozenset[str]:
    """The deed's term and those of the verbs that tell the same deed."""
    return frozenset({deed}).union(*(group for group in _SAME_DEEDS if deed in group))


_PARTICLE_AFTER = re.compile(r"\s+(?:on|off|up|out|in|over|back)\b(?!\s+(?:the|a|an|this|that|its|their|his|her)\b)", re.I)
_FIGURES = re.compile(r"(\d+(?:[.,:]\d+)*)(?:[\s-]*([^\W\d_]+|%))?")


def _other_kind(question: str) -> re.Pattern | None:
    """A pattern for the thing a question asks about under another word before its noun ("visitors' pontoon" for a
    question about the "residents' pontoon"), or None when the question names no kind of a thing."""
    # The thing is the last of the topic's phrases: "the residents' pontoon" of "electricity set-up on the residents' pontoon".
    topic = re.split(r"\s+(?:at|in|on|for|from|of|to|with|by|near)\s+", topic_of(question))[-1].split()
    if len(topic) < 2 or topic[-2].lower() in STOPWORDS:
        return None
    return re.compile(rf"(?<![\w'’-])(?!{re.escape(topic[-2])}\s)[\w'’-]+\s+{re.escape(topic[-1])}\b", re.I)


def _figures(text: str) -> set[tuple[str, str]]:
    """The figures a text gives, each with the word after it: ("9.15", "am"), ("8", "seconds")."""
    return {(number, unit.lower()) for number, unit in _FIGURES.findall(text)}


_NOW = re.compile(r"\b(?:now|nowadays|today|currently|these\s+days|at\s+present|at\s+the\s+moment|any\s+more|anymore)\b", re.I)
# A sentence that tells of a time gone by: "in the years before the First World War", "at its busiest", "in the 1890s".
_PAST_TIME = re.compile(
    r"\b(?:at\s+its\s+(?:busiest|peak|height|largest|biggest)|in\s+the\s+years?\s+(?:before|after|up\s+to)|used\s+to|formerly|"
    r"in\s+those\s+days|in\s+(?:the\s+)?(?:1[5-9]|20)\d0s|in\s+the\s+(?:\w+\s+)?(?:eighteenth|nineteenth|seventeenth|\d+th)\s+century|"
    r"(?:before|after|during|until|by)\s+the\s+(?:first|second)\s+world\s+war)\b",
    re.I,
)
_HOW_MANY_PEOPLE = re.compile(r"\bhow\s+many\s+(?:people|persons)\b", re.I)
# Words for people a figure may count: "12,400 visitors", "seven directors", "320 are active volunteers".
_PEOPLE_LISTED = frozenset(content_terms(
    "people persons person visitors visitor members volunteers staff employees passengers customers children adults pupils "
    "students patients participants residents users spectators guests workers tenants families households men women "
    "players directors trustees officers councillors teachers nurses doctors engineers drivers crew attendees delegates "
    "subscribers readers holders owners applicants callers supporters helpers individuals "
    "audience audiences attendance turnout crowd crowds population workforce membership"  # a count of people under one name
    " seats sleeps accommodates capacity"  # what a place holds is a count of people: "the Corn Exchange, which seats 420"
))
_PEOPLE = _PEOPLE_LISTED | frozenset(t for w in ROLE_NOUNS for t in content_terms(w))
# A role noun counts people as itself ("35 engineers"), not as a verb that shares its stem ("builds up to 90 cabinets").
_ROLE_FORMS = frozenset(f for w in ROLE_NOUNS for f in (w.lower(), w.lower() + "s"))


_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.I)
_COUNT_NEAR = 3  # words either side of a figure where what it counts stands
_CELL_BREAK = re.compile(r"\s*\|\s*|\s{2,}|\t")  # between a table row's cells, drawn or aligned
_YES_NO_SUBJECT = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should)\s+(?:the\s+|a\s+|an\s+)?(\S+)", re.I
)
_SMALL_WORDS = r"(?:(?:of|and|for|the|on|in|&)\s+)*"


def _counted_terms(request: Request, index: KeywordIndex) -> set[str]:
    """What a "how many" question counts, in the words the corpus uses ("how many otters" -> otter); empty for a unit
    or for a word the corpus never uses ("unpaid helpers" for "volunteers": a paraphrase, not held to)."""
    asked = {t for w in counted(request.text) for t in content_terms(w) if index.share(t) > 0}
    return asked - set(content_terms(" ".join(form_words(request.text))))


def _counts(c: Candidate, asked: set[str], measured: bool = False, people: bool = False) -> bool:
    """"How many otters ...?" is answered by a count of otters, not by "43 days": what a figure counts stands next to
    it ("612 registered volunteers", "the number of otters rose to 40", not "signs of otters were recorded at nine
    sites"); a row's figures count what its caption and header say. What "how much" asks of is `measured`, not
    counted: the sentence speaks of it, and its amount may stand anywhere ("Water melted from the coil drips ...;
    in a wet winter this can reach 30 litres a day")."""
    if not asked:
        return True  # nothing to count, or a word the sentence's document never uses ("machines" where it says "servers")
    if c.kind == "row":
        # Its caption or header names what its figures count ("Locks | Tunnels"), or its first cell does ("Butter
        # croissant | 90 | 150"); a word in another of its cells ("First steel wire cables") counts nothing.
        label = next((cell for cell in _CELL_BREAK.split(c.text.strip()) if cell.strip()), "")
        return bool(asked & ((c.terms - frozenset(content_terms(c.reading))) | frozenset(content_terms(label))))
    # A size counts nothing ("62 x 100 mm shipping labels": no 100 labels), nor does the label that opens a list item
    # ("`3`: the harbour was not found in the list of harbours").
    reading = without_sizes(_ITEM_LABEL.sub("", c.reading))
    if people:
        # Nor does a date, a year or a version count people: "2.0, 20 January 2021: added ... a new editor".
        reading = _NOT_A_COUNT.sub(" ", _DAY_OF_MONTH.sub(" ", reading))
    tokens = words(reading if c.previous is None else f"{c.previous} {reading}")
    tokens = [t for i, t in enumerate(tokens) if not (_FIGURE.match(t) and tokens[i + 1 : i + 2] in (["x"], ["×"]))]
    stems = [set(content_terms(w)) for w in tokens]
    if people:
        # A count of people stands by a word for them ("35 workers"), not by a verb that shares its stem: "had worked
        # for 14 years", "played 20 matches".
        stems = [
            set() if w.lower().endswith(("ed", "ing")) or w.lower() in IRREGULAR
            or not (found & _PEOPLE_LISTED or w.lower() in _ROLE_FORMS) else found
            for w, found in zip(tokens, stems)
        ]
    if measured:
        return any(asked & found for found in stems)
    return any(
        _FIGURE.match(w) and not _an_age(tokens, i)
        and any(asked & stems[j] for j in range(0 if _of_them(tokens, i) else max(0, i - _COUNT_NEAR), min(len(tokens), i + _COUNT_NEAR + 1)))
        for i, w in enumerate(tokens)
    )


_ITEM_LABEL = re.compile(r"^\W*?`?\d{1,3}`?\s*[:)]\s+")
# A version ("2.0", "version 3"), or a year that is not a count of the people after it ("2021", not "2021 members").
_NOT_A_COUNT = re.compile(
    rf"{DOTTED_NUMBER.pattern}|\bversions?\s+\d+(?:\.\d+)*|{_YEAR_IN_TEXT.pattern}(?!\s*(?:people|members|visitors|pupils))", re.I
)
_AGE_AFTER = {("or", "over"), ("or", "older"), ("and", "over"), ("and", "older"), ("or", "above"), ("and", "above"),
              ("or", "under"), ("and", "under"), ("or", "younger"), ("years", "old"), ("year", "old")}


def _an_age(tokens: list[str], i: int) -> bool:
    """"New volunteers must be 18 or over", "visitors aged 12": the figure is an age, not a count of them."""
    after = tuple(w.lower() for w in tokens[i + 1 : i + 3])
    return after in _AGE_AFTER or (i > 0 and tokens[i - 1].lower() in ("aged", "age", "ages"))


def _of_them(tokens: list[str], i: int) -> bool:
    """"... the number of windmills in England was at its height, there were around 10,000 of them": the figure counts
    what "them" points back to, which may stand anywhere before it; as in "Of these, 188 at Brackenfield ..."."""
    pointing = (["of", "them"], ["of", "these"], ["of", "those"])
    return [w.lower() for w in tokens[i + 1 : i + 3]] in pointing or [w.lower() for w in tokens[max(0, i - 2) : i]] in pointing


_NAME_AFTER_PREPOSITION = re.compile(r"\b(?:in|at|from|to|of|near|for|by)\s+((?:[A-Z][a-z]{2,})(?:\s+[A-Z][a-z]{2,})*)\b")


def _unknown_place_or_name(question: str, index: KeywordIndex) -> bool:
    """A name after a preposition ("in Belgium", "at Fenwick", "for Acme Ltd") that the corpus never uses in any
    form: what the question asks is of something the documents do not speak of."""

    def known(term: str) -> bool:
        return index.share(term) > 0

    for m in _NAME_AFTER_PREPOSITION.finditer(question):
        name = m.group(1)
        if name.split()[0].lower() in STOPWORDS or _CALENDAR_WORD.fullmatch(name.split()[0].lower()):
            continue
        terms = content_terms(name)
        if terms and not any(map(known, terms)) and (not country_terms(name) or unknown_country(name, known)):
            # "in Holland" of documents that say "the Netherlands" is not of an unknown place, nor "in Britain" of
            # documents that say "the United Kingdom".
            return True
        head = content_terms(name.split()[-1])
        if len(name.split()) > 1 and head and not any(map(known, head)) and not country_terms(name):
            # "the top of Harrowby Downs" of documents that name the village of Harrowby and never any downs: the
            # name's last word says what kind of thing it is, and they speak of no such thing there.
            return True
    return False


# "Which Olympic Games ...", "what Premier League club ...": the kind of thing asked for, named with capitals.
_WHICH_NAME = re.compile(r"^\W*(?i:and\s+)?(?i:which|what)\s+((?:[A-Z][a-z]{2,})(?:\s+[A-Z][a-z]{2,})*)\b")


def _unknown_which(question: str, index: KeywordIndex) -> bool:
    """A which-question asking among things named with capitals that the corpus never uses in any form."""
    m = _WHICH_NAME.match(question)
    terms = content_terms(m.group(1)) if m else []
    return bool(terms) and not any(index.share(t) > 0 for t in terms)


_CALENDAR_WORD = re.compile("|".join((*MONTHS, *WEEKDAYS, "spring", "summer", "autumn", "winter", "christmas", "easter")))


def _unknown_subject(question: str, index: KeywordIndex) -> bool:
    """A yes/no question whose subject is a name the corpus never uses (nor spells out, for an acronym: "the CEO"
    for "the chief executive officer")."""
    match = _YES_NO_SUBJECT.match(question)
    found = words(match.group(1)) if match else []
    if not found:
        return False
    name = found[0]
    if not (name[:1].isupper() and (name.isupper() or match.start(1) > 0)):
        return False
    terms = content_terms(name)
    if not terms or any(index.share(t) > 0 for t in terms):
        return False
    if _ACRONYM.match(name):
        letters = name.rstrip("s")
        spelled = re.compile(r"\b" + rf"\w*\s+{_SMALL_WORDS}".join(re.escape(ch) for ch in letters) + r"\w*", re.I)
        if any(spelled.search(text) for text in index.texts):
            return False
    return True


@lru_cache(maxsize=65536)
def _pieces(tokenizer, word: str) -> int:
    return len(tokenizer.tokenize(word))


@lru_cache(maxsize=4096)
def _heading_terms(heading: str) -> frozenset[str]:
    return frozenset(content_terms(heading))


@lru_cache(maxsize=4096)
def _heading_parts(heading: str) -> tuple[frozenset[str], ...]:
    """The words of each thing a heading names ("Mistvale and Rangapani": two)."""
    return tuple(frozenset(content_terms(part)) for part in _HEADING_PARTS.split(heading))


def _heading_said(heading: str, told: frozenset[str], paragraph: Sequence[Sentence]) -> frozenset[str]:
    """The words a heading lends a sentence; of a heading naming two things, only the one the sentence (or the one it
    continues) speaks of, or else the one its paragraph spoke of before it."""
    parts = _heading_parts(heading)
    if len(parts) > 1:
        for said in (told, None):
            said = said if said is not None else frozenset(t for x in paragraph for t in content_terms(x.reading))
            spoken = [part for part in parts if part & said]
            if spoken:
                return frozenset().union(*spoken) if len(spoken) < len(parts) else _heading_terms(heading)
    return _heading_terms(heading)


_HEADING_PARTS = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\bvs\.?|\bversus\b)\s*", re.I)


def _statement(c: Candidate) -> Statement:
    """A sentence as the answer says it (Markdown marks read as words); a code block as written, line by line."""
    if c.kind == "code":
        return Statement(c.text, [_support(c)], code=True)
    if c.heading:
        # The fact is in the heading it stands under: said as where the sentence stands ("3.4.0 (2024-10-08): ...").
        return Statement(f"{c.heading}: {shown_form(c.reading)}", [_support(c)])
    return Statement(shown_form(c.reading), [_support(c)])


def _support(c: Candidate) -> tuple[int, str, int]:
    return (c.passage, c.text, c.start)


def _without(question: str, topic: set[str]) -> str:
    """The question without the words whose terms are in `topic` (the whole question if nothing would be left)."""
    if not topic:
        return question
    focus = " ".join(w for w in question.split() if not (set(content_terms(w)) & topic))
    return focus if content_terms(focus) else question


# The age of someone the user speaks of: "my grandson is 7", "I'm 78", "a 13-year-old", "aged 16".
_AGE = re.compile(
    r"\b(?:i'?m|i\s+am|(?:he|she)(?:'s|\s+is)|(?:my|our)\s+(?:[a-z]+\s+){0,2}?(?:is|are))\s+(?:only\s+|just\s+|nearly\s+|almost\s+)?(\d{1,3})"
    r"(?=\s*(?:$|[,.;:!?)]|and\b|but\b|so\b|now\b|years?\b))"
    r"|\b(\d{1,3})[-\s]years?[-\s]olds?\b|\baged?\s+(\d{1,3})\b",
    re.I,
)


def _asked_names(question: str) -> tuple[list[str], list[str]]:
    """The numbers and the names or acronyms a question uses ("2018"; "the FDA", "The Lancet"), its first word aside.
    The age of someone the user speaks of ("my grandson is 7") is their situation, not a number the documents use."""
    # So are the hours of their own day ("I work 9 to 5", "we won't get there till 11 at night").
    own = {n for pattern in (_AGE, _OWN_HOURS) for m in pattern.finditer(question) for n in m.groups() if n}
    asked = [
        m.group(0) for m in _QUESTION_NAME.finditer(question)
        if m.start() > 0 and m.group(0).lower() not in STOPWORDS and m.group(0).lower() not in _CAPITALISED_NOT_NAMES
    ]
    # "on Thursdays" names the day the documents write "Thursday".
    asked = [a[:-1] if a.lower().endswith("s") and a.lower()[:-1] in WEEKDAYS else a for a in asked]
    return [a for a in asked if a[0].isdigit() and a not in own], [a for a in asked if not a[0].isdigit()]


# Words written with a capital that name nothing the documents could: "Is it OK to ...", "Mum's headstone", "can
# Dad come too" (the asker's own family, called as they call them).
_CAPITALISED_NOT_NAMES = frozenset({
    "ok", "okay", "mum", "dad", "mom", "mam", "gran", "grandma", "grandad", "granddad", "grandpa", "nan", "nana", "granny",
    "mummy", "daddy",
})
_OWN_HOURS = re.compile(
    r"\b(?:i|we|my|our)\b[^.?!\d]{0,60}?\b(\d{1,2})(?:[.:]\d\d)?\s*(?:am|pm|in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b"
    r"|\b(?:i|we)\s+work\s+(\d{1,2})\s+(?:to|till|until|-)\s+(\d{1,2})\b", re.I)


def _haystack(passage: Document) -> str:
    return normalize(passage.page_content + " " + str(passage.metadata.get("title", ""))).lower()


def _mentions(passage: Document, question: str, document: str | None = None) -> bool:
    """A number the question gives ("the 300 patients") must appear in the passage; a year ("in 2018") may stand
    anywhere in its document, whose scope it often is ("Why did the trust end 2025 with a deficit?" of an annual report)."""
    numbers, _ = _asked_names(question)
    text = _haystack(passage)
    missing = [n for n in numbers if normalize(n).lower() not in text and not _in_a_range(n, text)]
    return not missing or bool(document and all(_YEAR_NUMBER.match(n) and n in document for n in missing))


# A range of numbers: "aged 21 to 24", "between 5 and 10", "16-18", "25 or over", "under 5".
_RANGE = re.compile(
    r"(?:\bbetween\s+(\d+)\s+and\s+|(?<![\d.,])(\d+)\s*(?:to|-|–)\s*)(\d+)(?![\d.,]\d)"
    r"|(?<![\d.,])(\d+)\s+(?:or|and)\s+(?:over|older|above|more)\b"
    r"|\b(?:under|below|younger\s+than)\s+(\d+)\b|\b(?:over|above|older\s+than)\s+(\d+)\b", re.I)


def _in_a_range(number: str, text: str) -> bool:
    """Does the text give a range that holds the number, not a year ("members aged 21 to 24" holds 23)?"""
    if not number.isdigit() or _YEAR_NUMBER.match(number):
        return False
    n = int(number)
    for between, start, high, least, under, over in _RANGE.findall(text):
        low = between or start
        if low and int(low) < int(high) and int(low) <= n <= int(high) and int(high) - int(low) < 1000:
            return True
        if (least and n >= int(least)) or (under and n < int(under)) or (over and n > int(over)):
            return True
    return False


_MONTH_SEASON = {
    **dict.fromkeys(("december", "january", "february"), "winter"), **dict.fromkeys(("march", "april", "may"), "spring"),
    **dict.fromkeys(("june", "july", "august"), "summer"), **dict.fromkeys(("september", "october", "november"), "autumn"),
}
_TIME = re.compile(
    rf"\b(?:mid-?)?(spring|summer|autumn|winter|{'|'.join(m for m in MONTHS if m != 'may')})\b|{_YEAR_IN_TEXT.pattern}"
    r"|\b(?:in\s+the|this|last|next|early|late)\s+(fall)\b|(?-i:\b(May)\b)(?!\s+(?:I|we|you|he|she|it|they|be|have)\b)",
    re.I,
)


def _times(text: str) -> frozenset[str]:
    """The times a text names, as years and seasons ("in May and June" -> spring, summer; "in the fall" is autumn)."""
    out = set()
    for word, year, fall, may in _TIME.findall(text):
        word = (word or may).lower()
        out.add(year or ("autumn" if fall else _MONTH_SEASON.get(word, word)))
    return frozenset(out)


_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_DAY_RANGE = re.compile(rf"\b({_DAY})s?\s*(?:to|-|–|until|till|through)\s*({_DAY})s?\b", re.I)
_DAY_NAME = re.compile(rf"\b({'|'.join(WEEKDAYS)})s?\b", re.I)
_DAY_GROUP = re.compile(r"\b(weekdays?|weekends?|every\s+day|daily|seven\s+days|all\s+week)\b", re.I)


def _day_index(name: str) -> int:
    return next(i for i, day in enumerate(WEEKDAYS) if day.startswith(name.lower()[:3]))


def _days(text: str) -> frozenset[str]:
    """The days of the week a text names: each by name, a range ("Tuesday to Saturday") as every day in it,
    "weekdays", "at weekends", "every day"."""
    out: set[str] = set()
    for m in _DAY_RANGE.finditer(text):
        first, last = _day_index(m.group(1)), _day_index(m.group(2))
        out.update(WEEKDAYS[(first + i) % 7] for i in range((last - first) % 7 + 1))
    out.update(m.group(1).lower() for m in _DAY_NAME.finditer(text))
    for m in _DAY_GROUP.finditer(text):
        group = m.group(1).lower()
        out.update(WEEKDAYS[:5] if group.startswith("weekday") else WEEKDAYS[5:] if group.startswith("weekend") else WEEKDAYS)
    return frozenset(out)


def _same_days(c: Candidate, asked: frozenset[str]) -> bool:
    """A time, price or count told for other days of the week does not answer a question about one ("What time does
    the quiet swim start on Saturdays?" is not answered by "Quiet swim | Indoor | Wednesday | 7 pm to 8 pm"): a
    sentence that names days (with its table header or the sentence it continues) must name one of the asked."""
    named = _days(c.reading if c.previous is None else f"{c.previous} {c.reading}")
    return not named or bool(named & asked)


def _same_time(c: Candidate, asked: frozenset[str]) -> bool:
    """A figure for another time does not answer a question about this one ("How many eggs does the queen lay in
    winter?" is not answered by "... 2,000 eggs a day in May and June"): a sentence that names times (with its table
    header or the sentence it continues) must name one the question asks about; one that names none may."""
    named = _times(c.reading if c.previous is None else f"{c.previous} {c.reading}")
    years, seasons = {t for t in asked if t.isdigit()}, asked - {t for t in asked if t.isdigit()}
    named_years, named_seasons = {t for t in named if t.isdigit()}, named - {t for t in named if t.isdigit()}
    if years and named_years and not years & named_years:
        return False
    if seasons and named_seasons and not seasons & named_seasons:
        return False
    # "the whole of 2025" is not answered by "between March and August".
    return not (years and not seasons and named_seasons and not named_years)


def _paragraph_years(candidates: list[Candidate]) -> dict[tuple[str, int], frozenset[str]]:
    """For each sentence that names no year, the years the nearest sentence before it in its paragraph names (among
    the candidates), if any; for a list's items, the years of the sentence that leads in to the list ("In 2025 we spent
    £45,120, and the main items were:")."""
    out: dict[tuple[str, int], frozenset[str]] = {}
    last: dict[tuple[str, int], frozenset[str]] = {}
    lead: dict[str, frozenset[str]] = {}  # source -> the years of the lead-in of the list being read
    for c in sorted(candidates, key=lambda c: (c.source, c.start)):
        years = frozenset(_YEAR_IN_TEXT.findall(c.reading))
        key = (c.source, c.block)
        if c.kind == "item":
            if not years and c.source in lead:
                out[(c.source, c.start)] = lead[c.source]
            continue
        lead.pop(c.source, None)
        if years:
            last[key] = years
            if c.reading.rstrip().endswith(":"):
                lead[c.source] = years
        elif key in last and c.kind == "prose":
            out[(c.source, c.start)] = last[key]
    return out


def _other_year(sentence: str, question: str) -> bool:
    """Does the sentence name a year the question does not ("2027 will mark 230 years" for a question on 2025)?"""
    numbers, _ = _asked_names(question)
    return any(y not in numbers for y in _YEAR_IN_TEXT.findall(sentence))


def _only_other_years(sentence: str, question: str) -> bool:
    """The question names a year and the sentence names years, none of them the question's ("2027 will mark 230
    years" for a question about 2026): it is about another time."""
    numbers, _ = _asked_names(question)
    asked = [n for n in numbers if _YEAR_IN_TEXT.fullmatch(n)]
    found = _YEAR_IN_TEXT.findall(sentence)
    return bool(asked and found) and not set(found) & set(asked)


def _missing_names(passage: Document, question: str, referent: frozenset[str] = frozenset()) -> float:
    """Share of the question's names and acronyms the passage lacks (a name the sentence points back to, "the lock"
    for "Kestle Lock", is not lacking): a cue for the decision, not a rule on its own (a document may spell out what
    the question abbreviates)."""
    _, names = _asked_names(question)
    if not names:
        return 0.0
    text = _haystack(passage)
    named = country_terms(passage.page_content)
    # "British" is not lacking from a passage that says "the United Kingdom".
    lacking = [n for n in names if normalize(n).lower() not in text and not country_terms(n) & named]
    return sum(not (referent and set(content_terms(n)) <= referent) for n in lacking) / len(names)


def _named_words(question: str, proper_nouns: frozenset[str]) -> list[str]:
    """The question's words that are names. A question that capitalises names ("Ashcombe Moor") says by its case
    that a word it writes in lower case is none ("after preservation", though the corpus writes "Preservation
    Society"); one typed all in lower case is read by the corpus's spelling."""
    tokens = words(question)
    cased = any(w[:1].isupper() for w in tokens[1:])
    return [w for w in tokens if _is_name(w, proper_nouns) and (w[:1].isupper() or not cased)]


def _by_surname(question: str, key: set[str], texts: list[str], proper_nouns: frozenset[str]) -> set[str]:
    """The key words with a person's given name left out when the question gives a full name ("Friedrich Koenig") and
    the documents call no one else by the same surname ("John Roebling" and "Washington Roebling" stay whole)."""
    out = set(key)
    for run in _name_runs(question, proper_nouns):
        if not 2 <= len(run) <= 3 or not all(w[:1].isupper() for w in run) or {w.lower() for w in run} & NOT_A_PERSON:
            continue  # not a person's name: "Golden Gate Bridge"
        given, surname = run[:-1], run[-1]
        others = {
            m.group(1) for text in texts
            for m in re.finditer(rf"\b([A-Z][\w'’-]*)\.?\s+{re.escape(surname)}\b", text)
            if m.group(1) not in given and m.group(1).lower() not in STOPWORDS
        }
        if others or not content_terms(surname):
            continue
        out -= {t for w in given for t in content_terms(w)}
        out |= set(content_terms(surname))
    return out


def _name_runs(text: str, proper_nouns: frozenset[str]) -> list[list[str]]:
    """The names in a text as runs of name words standing together ("Samuel Morse"; "Linotype", "Monotype")."""
    runs: list[list[str]] = []
    last = False
    for w in words(text):
        name = _is_name(w, proper_nouns)
        if name and last:
            runs[-1].append(w)
        elif name:
            runs.append([w])
        last = name
    return runs


def _is_name(word: str, proper_nouns: frozenset[str]) -> bool:
    """A word the corpus only ever writes capitalised mid-sentence (a name), however the question spells it."""
    return word in proper_nouns or word[:1].upper() + word[1:].lower() in proper_nouns


_BESIDES = re.compile(r"\b(?:besides|apart\s+from|other\s+than|except(?:\s+for)?)\s+([^,;?]+)", re.I)
_ELSE = re.compile(r"\belse\b", re.I)


_CODE_WORD = re.compile(r"\b[A-Za-z]+[-_]?\d+[A-Za-z\d]*\b|\b\d+[A-Za-z]+\d*[A-Za-z]*\b")


def _codes(question: str) -> list[str]:
    """Identifiers in a question: letters and digits in one word ("read-1", "CD19", "A4"), not plain numbers; and a
    version's number ("3.2.0", "version 2.4", not "a 2.5 metre pole"), where "3.2.1" is another release."""
    versions = [
        m.group(0) for m in DOTTED_NUMBER.finditer(question)
        if m.group(0).count(".") > 1 or _VERSION_BEFORE.search(question[: m.start()])
    ]
    return [m.group(0) for m in _CODE_WORD.finditer(question) if not re.fullmatch(r"\d+(?:st|nd|rd|th|s)", m.group(0), re.I)] + versions


_VERSION_BEFORE = re.compile(r"\b(?:version|release|firmware|update)\s*$", re.I)


def _names_sibling_code(text: str, code: str) -> bool:
    """Does the text name another identifier of the code's family ("read-2" for "read-1", "H3" for "H4")?"""
    family = re.match(r"^(.*?)(\d+)([a-z]?)$", code, re.I)
    if not family or not family.group(1):
        return False
    found = re.findall(rf"(?<![\w-]){re.escape(family.group(1))}\d+[a-z]?(?![\w]|-\d)", text, re.I)
    return any(f.lower() != code.lower() for f in found)


_NEGATIVE = re.compile(r"(?:\bminus\s+|(?<![\w.])[-−–])(\d+(?:\.\d+)?)\b", re.I)


def _other_sign(sentence: str, number: str) -> bool:
    """Does the sentence give the number only without its minus sign ("7°C" for "minus 7")?"""
    plain = [m for m in re.finditer(rf"(?<![\d.,]){re.escape(number)}(?![\d])", sentence)]
    signed = {m.start(1) for m in _NEGATIVE.finditer(sentence) if m.group(1) == number}
    return bool(plain) and not any(m.start() in signed for m in plain)


_PHRASAL_COMPOUND = re.compile(r"\b([A-Za-z]+)-(?:up|in|out|off|on|over|down|by|away|back)\b", re.I)


_SPENT_ON = re.compile(
    r"\b(?:spend|spends|spent|spending|pay|pays|paid|paying|cost|costs|costing|charge|charges|charged|raise|raised|earn|earned|earns)"
    r"\s+(?:on|for|of|from)\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)(?=\s+(?:in|at|on|during|since|by|last|this|each|every|per|a|an)\b|\s*[?.!,]|\s*$)",
    re.I,
)


def _spent_on(question: str) -> str | None:
    """What a question about a sum says the money went on or came from ("spend on new books" -> book), as a term."""
    m = _SPENT_ON.search(question)
    if not m:
        return None
    terms = content_terms(m.group(1))
    return terms[-1] if terms else None


# "cats and dogs", "the Home or the Pro": two things a document names together.
_COORDINATED = re.compile(r"\b([a-z][a-z-]{2,})\s+(?:and|or)\s+(?:the\s+|a\s+|an\s+)?([a-z][a-z-]{2,})\b")


def _opposite_word(sentence: str, question: str) -> bool:
    """Does the sentence say the opposite of a word of the question ("an unopened bottle keeps for a year" for "once I've
    opened a bottle, how long will it keep?"; "Non-members pay £5" for "How much do members pay?"): the word only with
    "un" or "non" before it?"""
    negated = _negated(question)
    if negated is None:
        return False
    low = sentence.lower()
    return any(
        not re.search(rf"(?<![\w-])(?<!non-){re.escape(m.group(1))}\b", low) for m in negated.finditer(low)
    )


@lru_cache(maxsize=256)
def _negated(question: str) -> re.Pattern | None:
    """One pattern for the question's words with "un" or "non" before them (read once per question, not per sentence)."""
    asked = sorted({w.lower() for w in words(question) if len(w) > 3 and w.isalpha()})
    return re.compile(rf"\b(?:un|non-?)({'|'.join(asked)})\b") if asked else None


# "How much is a taxi into town?", "What does a day pass cost?", "the price of a large sheet": the thing priced.
_PRICED = re.compile(
    r"\bhow\s+much\s+(?:is|are|does|do)\s+(?:a|an|the|one|each)\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+)"
    r"(?=\s+(?:cost|costs|be|for|from|to|at|on|in|into|with|if|when|per|each)\b|\s*[?.!,]|\s*$)"
    r"|\bwhat\s+(?:does|do)\s+(?:a|an|the|one|each)\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+cost\b"
    r"|\b(?:price|cost)\s+of\s+(?:a|an|the|one|each)\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+)"
    r"(?=\s+(?:be|for|from|to|at|on|in|into|with|if|when|per|each)\b|\s*[?.!,]|\s*$)",
    re.I,
)


def _costed(question: str) -> str | None:
    """The head noun of what a how-much question asks the cost of ("How much did the new steel gate at Quarry Field
    cost?" -> gate), as a term; not a name ("St Aldhelm's Hall")."""
    topic = re.split(r"\s+(?:at|in|on|for|from|of|to|with|by|near)\s+", topic_of(question), maxsplit=1)[0].split()
    if not topic or topic[-1][:1].isupper():
        return None
    terms = content_terms(topic[-1])
    return terms[-1] if terms else None


_PRONOUN_CLAUSE = re.compile(r"^\W*(?:it|this|that|they|each|which|both)\b", re.I)


def _priced_elsewhere(sentence: str, thing: str) -> bool:
    """Does the sentence speak of the thing in one clause and give its amounts of money only in others, each with a
    subject of its own ("..., and the key deposit was raised to £15")?"""
    clauses = _CLAUSE_BREAK.split(sentence)
    if len(clauses) < 2:
        return False
    priced = [c for c in clauses if _MONEY.search(c)]
    return bool(priced) and any(thing in content_terms(c) for c in clauses) and not any(
        thing in content_terms(c) or _PRONOUN_CLAUSE.match(c) for c in priced
    )


def _priced(question: str) -> str | None:
    """What a question asks the price of ("How much is a taxi from the airport?" -> taxi), as a term; not a thing it
    names ("the Brookside Dental Plan"), which the names bind, nor the cost of something done once ("How much did the
    rebuild cost?")."""
    m = _PRICED.search(question)
    if not m:
        return None
    thing = next(g for g in m.groups() if g)
    if any(w[:1].isupper() for w in thing.split()):
        return None
    terms = content_terms(thing)
    return terms[-1] if terms else None


_LIFE_ASKED = re.compile(r"\b(?:born|birth|die|died|death)\b", re.I)
_LIFE_TOLD = re.compile(r"\b(?:born|birth|n[ée]e|died|dies|death|deceased)\b|\(\s*(?:c\.\s*|b\.\s*|d\.\s*)?\d{3,4}\s*[–—-]\s*\d{2,4}\s*\)", re.I)
# "Who founded ...", "Who first designed ...": the verb after "who"; and "Which company installed ...?", which asks who
# did it by the kind of body that did.
_WHO = (
    r"^\W*(?:and\s+)?(?:who|(?:which|what)\s+(?:company|firm|organi[sz]ation|business|contractor|supplier|manufacturer|builder|"
    r"agency|charity|team))\s+(?:first\s+)?"
)
_WHO_DID = re.compile(_WHO + r"([a-z]{3,})\b", re.I)
# A deed asked of in the past ("Who built ...?", "Which firm installed ...?"): done once, by someone a sentence tells of.
_DONE = re.compile(_WHO + r"([a-z]{2,}ed|built|made|wrote|drew|laid|began|founded|paid|sold|dug|cast|gave|set)\b", re.I)
_NOT_A_DEED = {"is", "was", "are", "were", "does", "did", "has", "had", "have", "will", "would", "can", "could", "should", "may",
               "might", "must", "else", "exactly", "actually", "really", "first"}


def _deed(question: str, phrasal: set[str]) -> str | None:
    """What a who-question asks was done ("Who founded Tellwyn Heating?" -> found, "Which company installed the lift?"
    -> install): a document that never uses the verb does not tell who did it. Not a light verb ("Who made ...", "Who
    got ..."), nor a verb with a particle ("Who signed off ...?", which a document may put as "approved"), nor "who
    is"."""
    m = _WHO_DID.match(question)
    if not m or m.group(1).lower() in _NOT_A_DEED:
        return None
    verb = IRREGULAR.get(m.group(1).lower(), m.group(1).lower())
    terms = content_terms(verb)
    # A light verb as the question puts it ("Who carried out the research?") names no deed.
    told = terms and terms[0] in content_terms(question)
    return terms[0] if told and len(terms) == 1 and verb not in _LIGHT_VERBS and terms[0] not in phrasal else None


# Where a sentence turns to another thing: "The Great Belt East Bridge opened in June 1998, but the Akashi Kaikyo
# Bridge ... had opened two months earlier with a main span of 1,991 metres."
_CONTRAST = re.compile(r",\s+(?:but|while|whereas|although|though)\s+|;\s+")


def _told_of_another(sentence: str, request: Request, key: set[str], proper_nouns: frozenset[str]) -> bool:
    """Does the sentence give the figure or date asked for only in a clause about another named thing: a clause after
    "but", "while" or a semicolon that names something the question does not and none of what it names?"""
    clauses = _CONTRAST.split(sentence)
    if len(clauses) < 2:
        return False
    asked = {w.lower() for w in words(request.text)}
    giving = [clause for clause in clauses if has_answer_type(clause, request, proper_nouns)]
    return bool(giving) and all(
        not key & (set(content_terms(clause)) | country_terms(clause))
        and any(w in proper_nouns and w.lower() not in asked for w in words(clause)[1:])
        for clause in giving
    )


# Opening and closing, which a span of hours tells ("8.30 am to 4 pm"); and the ways of saying a thing was begun.
_OPENING_TERMS = frozenset(content_terms("open opens close closes start starts finish finishes end ends"))
_HOURS = re.compile(
    r"\b\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)?\s*(?:to|until|till|-|–)\s*\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)\b|\b(?:[01]?\d|2[0-3]):[0-5]\d\s*(?:to|-|–)\s*(?:[01]?\d|2[0-3]):[0-5]\d\b",
    re.I)
# ("founded", not "found", which is "find"; not "set", which sets far more than it sets up.)
_FOUNDING_TERMS = frozenset(content_terms("start started founded establish established begin began launch launched formed"))

# Where a sentence goes on to another thing with a subject of its own: ", and the head papermaker is ...", ", but ...",
# "; ...". (Read by `_priced_elsewhere` above too.)
_CLAUSE_BREAK = re.compile(r",\s+and\s+(?=(?:the|a|an|his|her|its|their|our)\b)|,\s+(?:but|while|whereas|although|though)\s+|;\s+", re.I)


def _role_beside_another(sentence: str, key: set[str], roles: set[str]) -> bool:
    """Does the sentence name the person asked about in one clause and the role asked about only in another? "The mill
    manager is Daniel Ashby, who joined in 2018, and the head papermaker is Imogen Farrow, who has led the vat room
    since 2011" does not tell when Imogen Farrow became the mill manager."""
    clauses = [set(content_terms(clause)) for clause in _CLAUSE_BREAK.split(sentence)]
    naming = [terms for terms in clauses if key & terms]
    if len(clauses) < 2 or not naming:
        return False
    return not any(t.startswith(role) for terms in naming for t in terms for role in roles)


_UNTIL = re.compile(r"\b(?:until|till)\b", re.I)


def _dated_until(sentence: str, verb: str, request: Request) -> bool:
    """Is the event asked about told only as where a span of time ends, with no date of its own ("printed here from 1891
    until it closed" for "When did it close?")?"""
    until = _UNTIL.search(sentence)
    if until is None:
        return False
    before, after = sentence[: until.start()], sentence[until.end() :]
    return verb in content_terms(after) and verb not in content_terms(before) and not has_answer_type(after, request, frozenset())


def _told_terms(c: Candidate) -> frozenset[str]:
    """The words a sentence tells with (and the one it continues); a table row's own cells, not its header's column
    names ("Built" over "1742" tells when, not who)."""
    if c.kind == "row":
        return frozenset(content_terms(c.reading))
    return c.terms | (c.context if c.previous else frozenset())


# A role taken or held: "take over as centre manager", "joined as a trustee", "served as its chair", "was elected
# secretary", "became chair".
_AS_ROLE = re.compile(
    r"\b(?:as|elected|appointed|made|named|chosen|became|become|becomes|promoted\s+to)\s+(?:as\s+)?"
    r"(?:the\s+|a\s+|an\s+|its\s+|their\s+|our\s+)?((?:[a-z]+\s+){0,2}[a-z]+)\b", re.I)


def _holds_role(c: Candidate, roles: set[str]) -> bool:
    """Does the sentence (or the one it continues) speak of one of the roles, in any form ("chairman", "has chaired")?"""
    return any(t.startswith(role) for t in c.terms | c.context for role in roles)


_ADVERBS = frozenset(content_terms("never always ever still already also just only even yet often sometimes soon again"))
# Words that frame a question rather than name what it asks about: hedges, totals, "the whole list", "at present".
_FRAMING = frozenset(content_terms(
    "roughly approximately approx actually exactly really altogether total overall currently current presently "
    "nowadays usually typically normally generally"
))
# A number that counts the things asked about ("the two sites", "each of the two boards", "one of the vans"), and
# phrases of place or time ("next to", "at the same time", "at the moment", "these days").
_COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
_FRAMING_PHRASE = re.compile(
    rf"\b(?:the|these|those|both|all)\s+({_COUNT_WORDS})\b(?!-)|\b({_COUNT_WORDS})\s+of\b|\b(next)\s+to\b"
    r"|\bat\s+(?:the\s+)?same\s+(time)\b|\bat\s+the\s+(moment)\b|\bthese\s+(days)\b|\bin\s+(total)\b"
    r"|\b(whole|full|complete)\s+(list)\b|^\W*(list)\b|\b(?:give|send|show)\s+me\s+(?:a|the)\s+(list)\b",
    re.I,
)
# The things asked about one by one, at the question's end: "the recommended price of each model?", "at both sites".
_EACH_THING = re.compile(rf"\b(?:each|both)\s+(?:of\s+(?:the|your|our)\s+)?(?:(?:{_COUNT_WORDS})\s+)?([a-z]+)\W*$", re.I)


def _framing_terms(question: str) -> set[str]:
    """The terms of a question's words that frame it (`_FRAMING`, `_FRAMING_PHRASE`, `_EACH_THING`)."""
    found = {t for m in [*_FRAMING_PHRASE.finditer(question), *_EACH_THING.finditer(question)] for w in m.groups() if w for t in content_terms(w)}
    return found | {t for t in content_terms(question) if t in _FRAMING}


def _verb_terms(question: str) -> set[str]:
    """The terms of a question's words that are verbs by their place: the word after "who", "to" or an auxiliary ("who
    looks", "to go", "can it run"). (Not by "-ing" or "-ed": "the IP rating", "the engineered receptor".)"""
    tokens = words(question)
    return {
        t for i, (before, w) in enumerate(zip(tokens, tokens[1:]))
        if before.lower() in _VERB_BEFORE and not (before.lower() in AUXILIARIES and (i == 0 or tokens[i - 1].lower() in _WH))
        for t in content_terms(w)
    }


_VERB_BEFORE = frozenset({"who", "to"}) | AUXILIARIES
# (An auxiliary that opens a question or follows its question word stands before the subject, not before a verb: "How
# does dehumidification work?", "Can members book?".)
_WH = frozenset("what which who whom whose when where why how".split())


_PHRASAL_VERB = re.compile(r"\b([a-z]{2,})\s+(up|down|out|off|back|away|ahead|over)\b(?!\s+of\b)", re.I)


def _phrasal_verb_terms(question: str) -> set[str]:
    """The terms of a verb with a particle, and the particle: "turn up", "go ahead", "handed back", "signed off"."""
    return {
        t for m in _PHRASAL_VERB.finditer(question) if m.group(1).lower() not in STOPWORDS
        for t in content_terms(f"{m.group(1)} {m.group(2)}")
    }


def _phrasal_compound_terms(question: str) -> set[str]:
    """The verb of a compound made with a particle ("a grown-up", "the drop-off", "a walk-in"): the compound means
    something of its own, so the verb says nothing of what is asked ("grow" in "a grown-up")."""
    return {t for m in _PHRASAL_COMPOUND.finditer(question) for t in content_terms(m.group(1))}


# Words that say how a question is put, not what it is about ("who is behind it", "what happened", "which things"):
# the corpus not using them says nothing of whether it answers.
_VAGUE = frozenset(content_terms(
    "behind happen happened happens done thing things stuff anything something everything ok okay sort kind really actually "
    "exactly roughly basically currently usually normally generally supposed"
))
# Or a letter: "Studio A", "Block C".
_NUMBERED_NAME = re.compile(r"\b([A-Z][\w'’-]*)\s+(\d+[A-Za-z]?|[A-HJ-Z](?![\w'’]|\.\w))(?![\w,.]?\d)")
_NUMBERED_LOWER = re.compile(r"\b([a-z][\w'’-]*)\s+(\d+[A-Za-z]?)(?![\w,.]?\d)")


def _numbered_names(
    question: str, proper_nouns: frozenset[str], labelled: Callable[[str], frozenset[int]] | None = None,
) -> list[tuple[str, str]]:
    """Names with a number that tells one of a series from its siblings ("the Corrie 11", "Lock 21", "Apollo 11"),
    as (name, number): a name the corpus uses, not the question's first word unless it is one. `labelled(noun)` gives
    the numbers the corpus labels a capitalised noun with."""
    first = re.match(r"\W*", question).end()
    # A name typed in lower case with its number ("the pipit 40"): one the corpus writes with capitals, or labels with
    # two numbers or more ("Pipit 40", "Pipit 62").
    lowered = [
        m for m in _NUMBERED_LOWER.finditer(question)
        if _is_name(m.group(1), proper_nouns)
        or (labelled is not None and m.group(1).lower() not in STOPWORDS and not _YEAR_NUMBER.match(m.group(2)) and len(labelled(m.group(1))) >= 2)
    ]
    return [
        (m.group(1), m.group(2)) for m in [*_NUMBERED_NAME.finditer(question), *lowered]
        # A capitalised word inside the question with its label is a name as the user writes it ("fit out Studio A").
        if (_is_name(m.group(1), proper_nouns) or m.start(1) > first) and not re.fullmatch(r"\d+(?:st|nd|rd|th|s)", m.group(2), re.I)
        and not _YEAR_NUMBER.match(m.group(2)) and m.group(1).lower() not in _MONTH_SEASON  # "March 2024", "May 12": dates
    ]


def _series_text(c: Candidate, before: str | None = None) -> str:
    """What tells which of a series a sentence is about: the sentence, the one before it (`before`, where it does not
    continue it), and the headings it stands under below the document's title ("It was added in 2019 at a cost of
    £14,200" under "Studio B"; "The coach leaves school at 9.15 am" under "Where it is" under "The Year 4 farm stay")."""
    headings = (c.section or "").split(" > ")[1:] or (c.section or "").split(" > ")[-1:]
    return " ".join(t for t in (*headings, c.previous or before, c.reading) if t)


def _sentences_before(candidates: list[Candidate]) -> dict[int, str]:
    """{id(candidate): the reading of the sentence before it in its paragraph}, for those that have one."""
    paragraphs: dict[tuple[str, int], list[Candidate]] = {}
    for c in candidates:
        paragraphs.setdefault((c.source, c.block), []).append(c)
    out: dict[int, str] = {}
    for paragraph in paragraphs.values():
        starts = sorted({c.start: c.reading for c in paragraph}.items())  # (overlapping passages repeat a sentence)
        prior = {start: reading for (start, _), (_, reading) in zip(starts[1:], starts)}
        out.update({id(c): prior[c.start] for c in paragraph if c.start in prior})
    return out


@lru_cache(maxsize=64)
def _parts(text: str) -> tuple[str, ...]:
    """The document's named parts: headings below its title that are names its prose uses with their capitals ("The
    Tank House" where the text says "the Tank House furnace"), not headings in title case ("Safety Rules")."""
    sentences = segment(text)
    headings = [s.reading for s in sentences if s.kind == "heading"][1:]
    prose = " ".join(s.reading for s in sentences if s.kind != "heading")
    out = []
    for heading in headings:
        # (Without an aside in brackets: "The Bunkhouse Barn (Low Garth)".)
        name = re.sub(r"^(?:[\d.]+\s+)?(?:the\s+)?", "", re.sub(r"\s*\([^)]*\)\s*$", "", heading), flags=re.I).strip()
        # (Inside a sentence, after a word in lower case, or after "The": not a capital that opens a sentence or a list
        # item.)
        if 2 <= len(name) <= 40 and name[:1].isupper() and re.search(rf"(?:\b[a-z][\w'’-]*,?|\bThe)\s+{re.escape(name)}\b", prose):
            out.append(name)
        elif 2 <= len(name) <= 40 and name[:1].islower() and len(name.split()) >= 2 and len(re.findall(rf"\bthe\s+{re.escape(name)}\b", prose, re.I)) >= 2:
            out.append(name)  # "The main hostel" where the prose speaks of "the main hostel" again and again
    return tuple(dict.fromkeys(out))


def _named_parts(text: str, question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the document's named parts the question names, all its named parts), or two empty tuples when it names none."""
    parts_ = _parts(text)
    asked = tuple(p for p in parts_ if re.search(rf"\b{re.escape(p)}\b", question, re.I))
    return (asked, parts_) if asked else ((), ())


def _under_another_part(c: Candidate, asked: tuple[str, ...], parts_: tuple[str, ...]) -> bool:
    """Does the sentence stand under the heading of a named part other than the ones asked about, without naming those
    (in it or the sentence it continues)?"""
    if not asked or not c.section or " > " not in c.section:
        return False
    heading = c.section.rsplit(" > ", 1)[1]
    said = f"{heading} {c.previous or ''} {c.reading}"
    if any(re.search(rf"\b{re.escape(a)}\b", said, re.I) for a in asked):
        return False
    return any(re.search(rf"\b{re.escape(p)}\b", heading, re.I) for p in parts_ if p not in asked)


# "Does the Meadow Stage have a hearing loop?", "Is there wifi in the barn?": whether a thing is there.
_HAS_THING = re.compile(
    r"^\W*(?:(?:and|so|but|ok)\W+)?(?:(?:does|do|did|will)\s+(?:the\s+|your\s+|each\s+)?[\w'’ -]+?\s+(?:have|has)|"
    r"(?:is|are)\s+there)\s+(?:(?:a|an|any|some|its\s+own)\s+)?((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)"
    r"(?=\s+(?:for|in|at|on|near|with|where|that|which|to|if|and|or)\b|\s*[?.!,]|\s*$)", re.I)


_TOLD_FIRST = re.compile(r"[.!?;:]\s+|\s[-–—]\s+")  # where an ask may begin after what the asker tells first
_ANY_WHERE = frozenset({"anywhere", "somewhere", "anything", "something", "anyone", "someone", "way", "place"})


def _thing_had(question: str) -> str | None:
    """What a question asks whether a thing it names has ("Does the Meadow Stage have a hearing loop?" -> loop), as the
    term of its last word."""
    # (The ask may follow what the asker tells first: "My dad wears hearing aids - is there a hearing loop in the
    # Walled Garden Pavilion?")
    starts = [0, *(b.end() for b in _TOLD_FIRST.finditer(question))]
    m = next((found for found in (_HAS_THING.match(question[i:]) for i in starts) if found), None)
    if not m or m.group(1).split()[0].lower() == "to" or m.group(1).split()[-1].lower() in STOPWORDS | _ANY_WHERE:
        return None  # (not "do I have to ...", which asks what one must do)
    if not any(w[:1].isupper() and not w.isupper() for w in words(question)[1:]):
        return None  # only of a thing the question names ("the Meadow Stage"), which a sibling may have instead
    terms = content_terms(m.group(1).split()[-1])
    return terms[0] if terms else None


# A question for the steps of a procedure: "What are the steps for upgrading ...?", "walk me through ... step by step".
_STEPS_OF = re.compile(r"\bsteps?\s+(?:to|for|of|in)\s+((?:[\w.-]+\s+){0,2}[\w.-]+)", re.I)
_ASKS_STEPS = re.compile(r"\bsteps?\s+(?:to|for|of|in)\b|\bstep\s+by\s+step\b|\bwalk\s+me\s+through\b", re.I)
# A sentence whose subject is a person it does not name: "She was followed by Rosalind Teague".
_PERSON_PRONOUN_OPENS = re.compile(r"^\W*(?:he|she|they)\b", re.I)


def _under_the_other(c: Candidate, named: list[tuple[str, str]]) -> bool:
    """Does the sentence stand under the other of two sections set side by side, of which the question names one,
    without naming that one (in it or the sentence it continues)? "It holds about 1.9 million litres" under "The
    outdoor pool" is not of the indoor pool."""
    path = (c.section or "").split(" > ")
    said = f"{c.previous or ''} {c.reading}"
    return any(other in path and not word_in(said, asked) for asked, other in named)


def _names_another_part(c: Candidate, asked: tuple[str, ...], parts_: tuple[str, ...]) -> bool:
    """Does the sentence name another of the document's named parts and none of those asked about (in it, the sentence
    it continues, or its heading): "In the Bunkhouse Barn you may bring two dogs" for the main hostel?"""
    if not asked:
        return False
    heading = (c.section or "").rsplit(" > ", 1)[-1]
    said = f"{heading} {c.previous or ''} {c.reading}"
    if any(re.search(rf"\b{re.escape(a)}\b", said, re.I) for a in asked):
        return False
    return any(re.search(rf"\b{re.escape(p)}\b", c.reading, re.I) for p in parts_ if p not in asked)


def _names_sibling(text: str, name: str, number: str) -> bool:
    """Does the text name another of the series ("Corrie 7") and not the one asked about ("Corrie 11")?"""
    found = [
        m.group(2) for m in _NUMBERED_NAME.finditer(text)
        # "Grade 5 or higher" holds Grade 6: a bound, not a sibling.
        if m.group(1).lower() == name.lower() and not _OR_ABOVE.match(text, m.end())
    ]
    return bool(found) and number.lower() not in (n.lower() for n in found)


_OR_ABOVE = re.compile(r"\s*(?:\+|(?:or|and)\s+(?:higher|above|over|more|later|newer|up|upwards|better|below|lower|under|less|earlier|older)\b)", re.I)


def _has_code(text: str, code: str) -> bool:
    """The identifier as a word of its own: "anti-CD19" and "CD19-positive" hold CD19; "read-10" does not hold read-1,
    nor "3.2.1" version 3.2 (but "1.0.0" is version 1.0)."""
    return re.search(rf"(?<!\w){re.escape(code)}{_ZERO_PARTS if DOTTED_NUMBER.fullmatch(code) else ''}(?!\w|[-.]\d)", text, re.I) is not None


_ZERO_PARTS = r"(?:\.0)*"  # version 1.0 is 1.0.0


def _asking_terms(question: str) -> set[str]:
    """The terms of the words that ask ("how much", "how much money", "which university", "how many pounds per square
    inch")."""
    money = _HOW_MUCH_MONEY.findall(question)
    works = ["work"] if _HOW_WORKS.search(question) else []  # "How does X work?" asks how, of X
    bidding = [m.group(1) for m in _BIDDING.finditer(question)]  # "list all the safety warnings": "list" asks
    idioms = _IDIOMS.findall(question)  # "When did it close for good?": "good" is no thing asked about
    # "the cheaper one", "the directory one": "one" stands for a noun the question or the conversation named; and the
    # asker's "15 year old" is whom they ask for, as "for a child" would be.
    idioms += [m.group(0) for m in _PRO_ONE.finditer(question)] + ["old" for _ in _AGE_PHRASE.finditer(question)]
    idioms += _PER_TIME.findall(question)  # "how many appointments do you keep free each day": a rate, not a day
    # "What's the phone number for reception?" asks a number, of reception: "ring reception on 01632 960572" gives it.
    contact = [m.group(0) for m in CONTACT_ASKED.finditer(question)]
    return set(content_terms(" ".join([*form_words(question), *unit_words(question), *money, *works, *bidding, *idioms, *contact])))


_PER_TIME = re.compile(r"\b(?:each|every|per)\s+(?:day|week|month|year|night)\b", re.I)
# Set phrases that say how something is asked, not what about: "for good", "in the first place", "of course".
_IDIOMS = re.compile(
    # ("Who's in charge of the repair shop?" asks who leads it: "Tom Hale runs the repair shop".)
    r"\bin\s+charge\b|"
    r"\b(?:for\s+good|for\s+ever|once\s+and\s+for\s+all|in\s+the\s+end|in\s+the\s+first\s+place|on\s+earth|for\s+sure|"
    r"by\s+the\s+way|in\s+general|of\s+course|in\s+particular|these\s+days|right\s+away|straight\s+away|after\s+all|"
    r"in\s+any\s+case)\b",
    re.I,
)


_PRO_ONE = re.compile(
    r"(?<=[a-z]\s)ones?(?=\W*$|\s*[?,.;]|\s+(?:at|in|on|for|with|from|by|near|over|that|which|who|is|are|was|were|do|does|did|"
    r"has|have|had|can|could|will|would|should|take|takes|need|needs|cost|costs|use|uses)\b)",
    re.I,
)
_AGE_PHRASE = re.compile(r"\b\d+[-\s]*(?:years?|yrs?)[-\s]*old\b", re.I)


_BIDDING = re.compile(r"^\W*(?:(?:ok|okay|so|and|now)\W+)?(?:please\s+)?(list|name|give|tell|show|describe|explain|summari[sz]e|outline)\b", re.I)


_HOW_WORKS = re.compile(r"\bhow\s+(?:does|do|did|can|could|would|will)\s+.+?\s+work\W*$", re.I)


# "How much money", "how much grant money" (the grants are what is asked about, the money how it is counted).
_HOW_MUCH_MONEY = re.compile(r"\bhow\s+much\s+(?:[a-z]+\s+)?(money|cash|funding)\b", re.I)


def _excluded_terms(question: str) -> frozenset[str]:
    """The words of what a question asking for something else sets aside ("What else ... besides engineering it?").
    Without "else" nothing is set aside: "treatments other than surgery" may be answered by a list that names it."""
    match = _BESIDES.search(question) if _ELSE.search(question) else None
    return frozenset(content_terms(match.group(1))) if match else frozenset()


def _rest_terms(question: str, index: KeywordIndex) -> set[str]:
    """A named question's words that are neither names nor the words that ask, nor what the asker does ("What's the
    last day I can see Threads and Tides?": "last" qualifies the date asked for, "see" is the visitor's)."""
    tokens = words(question)
    # A capitalised word inside the question is a name even when the corpus uses it once ("Josiah").
    named = set(_named_words(question, index.proper_nouns))
    names = {t for i, w in enumerate(tokens) if w in named or (i and w[:1].isupper()) for t in content_terms(w)}
    names |= {t for _, number in _numbered_names(question, index.proper_nouns) for t in content_terms(number)}  # "the Corrie 11"
    asker = set(content_terms(" ".join(m.group(1) for m in _ASKER_DOES.finditer(question))))
    return set(content_terms(question)) - names - _asking_terms(question) - asker


# What the asker does, not what the document tells: "can I see", "do we need", "should you book".
_ASKER_DOES = re.compile(r"\b(?:i|we|you)\s+(?:can|could|may|might|should|will|would|must|do|did|need\s+to|have\s+to)?\s*([a-z]+)", re.I)


# A name and the lower-case noun after it: "Marrowby station", "the Merriott family" (not "did Hester Quaile join",
# where a verb follows the name, nor "Hesketh's chimney", which `_rest_terms` holds to).
_NAME_AND_KIND = re.compile(r"(?<!^)(?<![.?!]\s)\b(?!I\b)[A-Z][\w’-]*(?<!['’]s)\s+([a-z]{3,})\b")  # ("if I want": no name)
_BEFORE_SUBJECT = re.compile(
    r"\b(?:did|does|do|will|would|can|could|should|has|have|had|may|might|must)\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w'’-]*\s+|(?:and|of|&)\s+)*$"
)


def _kind_nouns(question: str) -> set[str]:
    """The nouns that say what kind of thing a name in the question is ("Marrowby station" -> station)."""
    out = set()
    for m in _NAME_AND_KIND.finditer(question):
        word = m.group(1)
        if (
            word in STOPWORDS or word.endswith(("ed", "ing")) or _BEFORE_SUBJECT.search(question[: m.start()])
            or not question[m.end() :].strip(" ?.!")  # the question's last word: "When was Lady Margaret withdrawn?"
        ):
            continue
        out.update(content_terms(word))
    return out - _asking_terms(question)


def _of_its_kind(c: Candidate, kinds: set[str], index: KeywordIndex) -> bool:
    """Does the sentence (or the one it continues, or the paragraph's referent) speak of the named thing's kind, where
    its document uses that word?"""
    used = {t for t in kinds if t in index.document_terms(c.source)}
    return not used or bool(used & (c.terms | c.context | c.referent))


def _about_rest(c: Candidate, rest: set[str], index: KeywordIndex, title: frozenset[str] = frozenset()) -> bool:
    """Does the sentence (or the one it continues, or the document's `title`) hold one of those words that its
    document uses, and does the document use one at all?"""
    used = {t for t in rest if t in index.document_terms(c.source)}
    if rest and not used:
        # "In what year was Josiah Pennock born?" of a report that never speaks of births: a date beside his name
        # is the date of something else.
        return False
    return bool(used & (c.terms | c.context | title)) if used else True


def _flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as single spaces, in lower case: for telling whether an answer
    quoted a sentence."""
    return " ".join(text.split()).lower()


def _gives_reason(reading: str) -> bool:
    """Does the sentence give a reason ("because", "so that", ...)? "was due to finish" is a date, not a cause."""
    return bool(CAUSE.search(_DUE_TO_DO.sub(" ", reading)))


def _closer_in_meaning(best: Candidate, typed: list[Candidate], form: str | None) -> Candidate | None:
    """The sentence of the best one's document closest in meaning to the question, when it should answer instead.

    Where the best sentence holds little of the question's words (coverage at most `LOOSE_COVERAGE`), its words say
    little of what was asked: the closest sentence answers when it is `LOOSE_CLOSER` more similar and the model gives
    it `LOOSE_SHARE` of the best one's probability. Otherwise, for a question asking a plain fact rather than a reason,
    a mechanism or a list (whose answers need not resemble the question), it must be `MUCH_CLOSER` more similar and
    thought nearly as well of (`MUCH_SHARE`): "can i pause my membership if i break my leg" is answered by "Members can
    freeze their membership for up to three months ...", not by "People referred by a doctor ..."."""
    loosely = best.values.get("coverage", 0.0) <= LOOSE_COVERAGE
    if not loosely and (form in ("why", "how", "list") or best is not max(typed, key=lambda c: c.probability)):
        # (Nor where a rule above chose the best sentence over the model's own first: "Never add cooked food ..." for
        # "Which things should I never put on a compost heap?".)
        return None
    closer, share = (LOOSE_CLOSER, LOOSE_SHARE) if loosely else (MUCH_CLOSER, MUCH_SHARE)
    nearest = max((c for c in typed if c.source == best.source), key=lambda c: c.values.get("similarity", 0.0))
    if (
        nearest is not best
        and nearest.values.get("similarity", 0.0) >= best.values.get("similarity", 0.0) + closer
        and nearest.probability >= share * best.probability
    ):
        return nearest
    return None


def _next_in_paragraph(anchor: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """The candidate right after `anchor` in its paragraph, if any."""
    return min((c for c in candidates if c.source == anchor.source and c.block == anchor.block and c.start > anchor.start),
               key=lambda c: c.start, default=None)


def _in_other_words(question: str, index: KeywordIndex) -> bool:
    """Whether at least `PARAPHRASE_SHARE` of the question's words are words the corpus never uses (not counting the
    words that only say how it is put: "what am I supposed to do myself")."""
    asking = _asking_terms(question) | _VAGUE
    terms = [t for t in content_terms(question) if t not in asking] or content_terms(question)
    return bool(terms) and sum(1 for t in terms if index.share(t) == 0) >= PARAPHRASE_SHARE * len(terms)


def _said_around(said: str, candidates: list[Candidate], after: int = 3, before: int = 1) -> dict[int, int]:
    """id -> how many sentences away, for the candidates just after (or just before) a sentence the last answer
    quoted, in its section: where a follow-up's answer mostly stands."""
    if not said:
        return {}
    quoted = _flat(said)
    out: dict[int, int] = {}
    ordered = sorted(candidates, key=lambda c: (c.source, c.start))
    for i, anchor in enumerate(ordered):
        if _flat(anchor.text) not in quoted:
            continue
        for j in range(max(0, i - before), min(len(ordered), i + after + 1)):
            c = ordered[j]
            if j != i and c.source == anchor.source and c.section == anchor.section and _flat(c.text) not in quoted:
                out[id(c)] = min(out.get(id(c), abs(j - i)), abs(j - i))
    return out


def _said_next(said: str, candidates: list[Candidate]) -> set[int]:
    """The ids of the sentences right after a sentence the last answer quoted, in its paragraph."""
    if not said:
        return set()
    quoted = _flat(said)
    out = set()
    for anchor in candidates:
        if _flat(anchor.text) in quoted:
            after = _next_in_paragraph(anchor, candidates)
            if after is not None and _flat(after.text) not in quoted:
                out.add(id(after))
    return out


def _other_purpose(question: str, c: Candidate, index: KeywordIndex) -> bool:
    """Does the sentence give its figure or date for another thing than the one the question names after "towards",
    "on" or "for" ("How much did the fund give towards the heating?" of "... gave £38,500 towards the roof")? The
    question's thing, a word the corpus uses, is nowhere in the sentence, and the sentence puts another after the
    same word."""
    held = c.terms | c.context
    money = asks_money(question)
    for m in _PURPOSE.finditer(question):
        if m.group(1).lower() == "on" and not money:
            # "On" gives a purpose where money is spent ("spent on the new kitchen"); elsewhere a place or a day ("When
            # does the trout season start on the river?" of "The brown trout season on the Sallow Beat runs ...").
            continue
        asked = [t for t in content_terms(m.group(2)) if index.share(t) > 0]
        if not asked or any(t in held for t in asked):
            continue
        if any(n.group(1).lower() == m.group(1).lower() and content_terms(n.group(2)) for n in _PURPOSE.finditer(c.reading)):
            return True
    # "How much is a bottle of your cider?" of "A 750 millilitre bottle of apple juice costs £3.20": the same noun, of
    # another thing.
    own = set(content_terms(c.reading)) | c.referent | (c.context if c.previous else frozenset())  # "its four main cables"
    for m in _PART_OF.finditer(question):
        asked = [t for t in content_terms(m.group(2)) if index.share(t) > 0]
        if not asked or any(t in own for t in asked) or not content_terms(m.group(1)):
            continue
        head = content_terms(m.group(1))[0]
        if any(content_terms(n.group(1))[:1] == [head] and content_terms(n.group(2)) for n in _PART_OF.finditer(c.reading)):
            return True
    return False


# "was due to finish in August" tells when, not why.
_DUE_TO_DO = re.compile(r"\bdue\s+to\s+(?:be|finish|start|open|close|end|begin|arrive|run|take|leave|return|reopen)\b", re.I)
# "towards the heating", "on the new kitchen", "for the roof repairs": up to three words after, ending at a stop or a
# joining word.
_PURPOSE = re.compile(
    r"\b(towards?|on|for)\s+(?:the|a|an|its|their|our|your|this|that)\s+((?:(?!(?:and|or|but|in|at|by|from|with|when|if|so)\b)[a-z][\w'-]*\s*){1,3})",
    re.I,
)


# "a bottle of your cider", "the cost of the roof": a noun and what it is of, up to two words.
_PART_OF = re.compile(r"\b([a-z][\w'-]*)\s+of\s+(?:the\s+|a\s+|an\s+|your\s+|our\s+|their\s+|its\s+)?((?:(?!(?:and|or|in|at|for|on|to|by|is|are|was|were)\b)[a-z][\w'-]*\s*){1,2})", re.I)


def _unknown_made(question: str, index: KeywordIndex) -> bool:
    """Does a "how do I make X" question ask to make a thing whose name's last word the corpus never uses?"""
    made = _MAKE_WHAT.match(question)
    head = content_terms(made.group(1).split()[-1]) if made else []
    return bool(head) and index.share(head[0]) == 0


def _unknown_removed(question: str, index: KeywordIndex) -> bool:
    """Does a "how do I get X out of Y" question ask to shift a thing from a thing the corpus never names ("a carpet"
    of a rowing club's handbook, or of a dental leaflet that speaks of red wine stains on teeth)?"""
    removed = _REMOVE_WHAT.match(question)
    if not removed:
        return False
    head = content_terms(removed.group(2).split()[-1])
    return bool(head) and index.share(head[0]) == 0


# "How do I get red wine out of a carpet?", "how can I remove rust from my bike": what is shifted, and from what.
_REMOVE_WHAT = re.compile(
    r"^\W*(?:and\s+)?(?:how\s+(?:do|can|should|would|could)\s+(?:i|you|we|one)|what'?s\s+the\s+best\s+way\s+to)\s+"
    r"(?:get|remove|clean|wash|lift|shift)\s+(?:(?:a|an|the|some|my|our|your)\s+)?((?:[\w'-]+\s+){0,2}?[\w'-]+)\s+"
    r"(?:out\s+of|off|from)\s+(?:(?:a|an|the|some|my|our|your)\s+)?((?:[\w'-]+\s+){0,2}?[\w'-]+)\W*$",
    re.I,
)


# "How do I make an apple crumble?", "how can you bake a sourdough loaf at home": the thing made, ending before what
# follows it.
_MAKE_WHAT = re.compile(
    r"^\W*(?:and\s+)?how\s+(?:do|can|should|would|could)\s+(?:i|you|we|one)\s+(?:make|cook|bake|brew)\s+(?:(?:a|an|the|some|my|our|your)\s+)?"
    # (The thing's name ends where a clause begins: "make an insurance claim if something in my unit gets damaged".)
    r"((?:(?!(?:if|when|so|because|before|after|once|while)\b)[\w'-]+\s+){0,3}?[\w'-]+)"
    r"(?=\s+(?:from|with|for|in|at|out|without|using|like|by|at\s+home|if|when|so|because|before|after|once|while)\b|\W*$)",
    re.I,
)


def _other_names(sentence: str, question: str, proper_nouns: frozenset[str]) -> bool:
    """Does the sentence name something the question does not (another lock, another person)?"""
    asked = {w.lower() for w in words(question)}
    return any(_is_name(w, proper_nouns) and w.lower() not in asked for w in words(sentence))


def _names_author(c: Candidate, request: Request, passages: list[Document]) -> bool:
    """For "who wrote this?", the sentence naming the author the document's metadata gives is the answer."""
    author = passages[c.passage].metadata.get("doc_author")
    return bool(author and _AUTHORSHIP.search(request.text) and str(author) in c.reading)


def _reason(request: Request) -> str:
    return f"missing_{request.answer_type}" if request.answer_type else "not_found"
