"""BM25 keyword search (bm25s) over every chunk, plus the corpus statistics the reader uses (word rarity, names)."""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..text import STOPWORDS, corrected, fold, keyword_tokens

# A word of the corpus a slip may have been meant for: four letters or more, maybe with its possessive "'s".
_VOCABULARY_WORD = re.compile(r"(?<![\w'’])([A-Za-z]{4,})(?:['’]s)?(?![\w'’])")
# Words before a noun that say which one, not what kind: "each pool", "another show".
_NO_KIND = frozenset("other another same each every either neither which whose one two three".split())

# "NHS", "SSSIs"; and with a small word's initial inside, "DfT" (the Department for Transport).
# (A small word may stand whole inside one: "DofE", the Duke of Edinburgh's Award.)
_ACRONYM = re.compile(r"\b[A-Z](?:[A-Z]|(?:of|and|for|the|on|in|by|[a-z])(?=[A-Z])){1,7}s?\b")
_SPELLING_GLUE = r"(?:,?\s+(?:of|and|for|the|on|in|by|&))*,?\s+"  # "Educational, Scientific and Cultural"
# A small word an acronym may keep a letter for: the "O" of "MOT" (Ministry of Transport), the "f" of "DfT", the "B" of
# "ABV" (alcohol by volume).
_GLUE_INITIAL = {"o": "(?:of|on|over)", "a": "and", "f": "for", "t": "the", "b": "by", "i": "in", "p": "per"}
# The first parts of compound words whose second part keeps its own letter in an acronym: the "UV" of "ultraviolet",
# the "CP" of "cardiopulmonary".
_COMBINING = ("ultra", "infra", "cardio", "electro", "micro", "hydro", "photo", "thermo", "radio", "tele", "neuro", "bio", "geo")


def _initials(letters: str, word: Callable[[str], str], joiner: str, compounds: bool = False) -> re.Pattern:
    """The words whose initials spell `letters`, each letter's word given by `word`, joined by `joiner`. A letter
    inside may stand for the small word it keeps (the "O" of "MOT"); a lower-case one only for that ("DfT"). With
    `compounds`, one word may also spell two letters as a compound does ("ultraviolet" for "UV")."""
    pieces = []
    # Each capital, and each run of small letters: a small word kept whole ("of" in "DofE") or by its initial ("DfT").
    units = re.findall(r"[a-z]+|.", letters)
    for i, ch in enumerate(units):
        glue = _GLUE_INITIAL.get(ch.lower())
        if ch.islower():
            pieces.append(re.escape(ch) if ch in _GLUE_WORDS else glue or re.escape(ch))
        elif glue and 0 < i < len(units) - 1:
            pieces.append(f"(?:{word(ch)}|{glue})")
        else:
            pieces.append(word(ch))
    variants = [joiner.join(pieces)]
    for i in range(len(units) - 1) if compounds else ():
        first = [p for p in _COMBINING if p[0] == units[i].lower()]
        if first and units[i].isupper() and units[i + 1].isupper():
            merged = f"(?:{'|'.join(first)}){units[i + 1].lower()}[a-z]{{2,}}"
            variants.append(joiner.join([*pieces[:i], merged, *pieces[i + 2 :]]))
    return re.compile(r"\b(?:" + "|".join(variants) + r")\b")


def spelling(acronym: str, texts: list[str], whole: bool = False) -> str | None:
    """The capitalised words whose initials spell the acronym that the texts use most ("United States" for "US",
    "National Lottery Heritage Fund" for "NLHF", "Department for Transport" for "DfT"), small words between them
    allowed; None if they use none. A run that is a whole name comes first: "Fernleigh Community" of "the Fernleigh
    Community Woodland Trust" spells "FC" by chance where "the Forestry Commission" means it; with `whole`, only such a
    run."""
    letters = acronym[:-1] if acronym.endswith("s") and len(acronym) > 2 and acronym[-2].isupper() else acronym
    if len(letters) < 2 or not letters.isalpha():
        return None
    pattern = _initials(letters, lambda ch: f"{ch}[a-z]+", _SPELLING_GLUE)
    found: Counter = Counter()
    for text in texts:
        for m in pattern.finditer(text):
            first = m.group(0).split()[0]
            if _SENTENCE_OPENS.search(text, 0, m.start()) and re.search(rf"\b{first.lower()}\b", text):
                continue  # "Three Ashgrove tutors ...": an everyday word's capital opens the sentence, no name's "TA"
            if _RUN_BREAKS.search(m.group(0)):
                continue  # "October, and the Sands", "Airways The Corran": a list or a new sentence, not one name
            before, after = _NAME_BEFORE.search(text, 0, m.start()), _NAME_AFTER.match(text, m.end())
            inside = any(w is not None and w.group(1).lower() not in STOPWORDS for w in (before, after))
            found[(not inside, " ".join(m.group(0).split()))] += 1
    if whole:
        found = Counter({key: n for key, n in found.items() if key[0]})
    return max(found, key=lambda key: (key[0], found[key]))[1] if found else None


# "the bigger model", "the smaller one", "the more powerful unit": one of two, picked by a comparison.
_COMPARATIVE = re.compile(
    r"\bthe\s+(bigger|larger|heavier|pricier|dearer|more\s+(?:powerful|expensive)|smaller|lighter|cheaper|less\s+(?:powerful|expensive))"
    r"\s+(?:model|one|unit|version|size|machine)\b", re.I)
_MORE = re.compile(r"bigger|larger|heavier|pricier|dearer|more\b", re.I)
_NAME_NUMBER = re.compile(r"\b([A-Z][a-z]{2,})\s+(\d{1,3})\b(?![\w.,]\w)")
# "the last stage", "the first day": one of a numbered series by its place.
_ORDINAL = re.compile(r"\bthe\s+(first|last|final)\s+([a-z]{3,})\b(?!\s+(?:of|to|in)\b)", re.I)
# A capitalised word (not a small word such as "The") just before or after a run of words, on its line or across one
# line break: the run is part of a longer name.
_SENTENCE_OPENS = re.compile(r"(?:\A|[.!?:]\s+|\n[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?)\Z")
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)(?:[ \t]+|[ \t]*\n[ \t]*)\Z")
_NAME_AFTER = re.compile(r"(?:[ \t]+|[ \t]*\n[ \t]*)([A-Z][a-z]+)\b")


_GLUE_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "by", "&", "per"})
# Inside a run of capitalised words, what ends one name: a comma before a small word ("October, and the Sands") or an
# everyday word written with a capital, as a sentence or a heading opens with one ("Corran Airways\nThe Corran ...").
_RUN_BREAKS = re.compile(
    rf",\s+(?:{'|'.join(sorted(_GLUE_WORDS - {'&'}))})\b"
    r"|\s(?:The|This|That|These|Those|There|Then|They|Their|It|Its|We|Our|You|Your|He|She|His|Her|If|When|While|Where"
    r"|What|Which|Who|Is|Are|Was|Were|But|Or|So|As|At|To|From|With)\b"
)
_SPELLING_GLUE_OR_HYPHEN = rf"(?:-|{_SPELLING_GLUE})"


# The capital that opens a sentence, a line or a list item ("Personal protective equipment ... is kept at every
# table"): the words are the same words in lower case.
_OPENING_CAPITAL = re.compile(r"((?:^|[.!?]\s+|\n)[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?)([A-Z])(?=[a-z])")


def _lower_starts(text: str) -> str:
    return _OPENING_CAPITAL.sub(lambda m: m.group(1) + m.group(2).lower(), text)


# Capitals that are words or times of day, not initials: "is it OK to ...", "at 9 AM".
_NO_ACRONYM = frozenset({"OK", "AM", "PM"})


def lower_spelling(acronym: str, texts: list[str]) -> str | None:
    """The words in lower case whose initials spell an acronym of two letters or more ("value added tax" for "VAT",
    "general anaesthetic" for "GA", "dots per inch" for "DPI", "ultraviolet" for "UV") that the texts use; None if
    they use none, or more than one such run. Everyday words ("and every damaged") spell nothing: each word of the name
    is a content word of three letters or more (or "very", of "very high frequency", or "over" for the small "o" of
    "VoIP", voice over internet protocol), and the run neither opens nor ends with a small word. Many runs of
    lower-case words spell some acronym by chance, so the texts should be few: the passages retrieved for the question
    that asks with it."""
    letters = acronym[:-1] if acronym.endswith("s") else acronym
    if len(letters) < 2 or not letters.isalpha() or letters.upper() in _NO_ACRONYM:
        return None
    # Words joined by a hyphen count as words ("network-attached storage" for "NAS").
    pattern = _initials(letters, lambda ch: f"{ch.lower()}[a-z]{{2,}}", _SPELLING_GLUE_OR_HYPHEN, compounds=True)
    # (A capital that opens a sentence counts for three letters or more: two spell too many runs by chance.)
    opened = _lower_starts if len(letters) >= 3 else (lambda text: text)
    # (A comma ends a lower-case name: "grandson, sold the mill" is no "GSM".)
    phrases = [" ".join(m.group(0).split()) for text in texts for m in pattern.finditer(opened(text)) if "," not in m.group(0)]
    found = Counter(
        p for p in phrases
        if p.split()[0] not in _GLUE_WORDS and p.split()[-1] not in _GLUE_WORDS
        and not any(w in STOPWORDS for w in p.split() if w not in _GLUE_WORDS and w not in ("very", "over"))
    )
    return found.most_common(1)[0][0] if len(found) == 1 else None


# A name after a word, in a sentence of a chunk on one line: "the Millstone Pro", "at St Oswin's High", "on Brook Lane".
_NAMED_AFTER_WORD = re.compile(r"(?<!\S)(?=(\S+)\s+([A-Z][a-z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|\d{1,3}\b)){0,2}))")
_POSSESSIVE = re.compile(r"['’]s$")
# Two or three capitalised words, the first maybe a title with its dot: "Dr Gareth Mowbray", "Lena Hartley".
_PERSON_LIKE = re.compile(r"\b((?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){1,2})\b")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?:;])\s+")
# A capitalised word after a lower-case word or comma is a name ("by Harvard researchers"), not a sentence start.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+)")


class KeywordIndex:
    """BM25 (bm25s) over every chunk in the store, plus the corpus statistics the generator uses; and, for a store
    small enough, the chunks' vectors (`vectors`, rows aligned with `ids`), so that dense search is exact and in memory."""

    def __init__(
        self,
        ids: list[str],
        texts: list[str],
        metadatas: list[dict],
        k1: float = 1.2,
        b: float = 0.75,
        titles: bool = False,
        document_weight: float = 0.0,
        vectors: np.ndarray | None = None,
    ) -> None:
        self.ids = ids
        self.vectors = vectors if vectors is not None and len(vectors) == len(ids) else None
        self.texts = texts
        self.metadatas = metadatas
        self._last: tuple[tuple[str, ...], np.ndarray] | None = None
        self.position = {cid: i for i, cid in enumerate(ids)}
        tokens = [keyword_tokens(t) for t in texts]
        # A chunk from the middle of a document rarely repeats what the document is about; its title does.
        indexed = [_titled(tok, text, meta) for tok, text, meta in zip(tokens, texts, metadatas)] if titles else tokens
        self.bm25 = _bm25(indexed, k1, b)
        # Whole-document BM25 added to each chunk's: evidence spread over a document's chunks still counts.
        self.document_weight = document_weight if ids else 0.0
        if self.document_weight:
            sources, documents = _stitch(texts, metadatas)
            self._document_of = np.array([sources[m.get("source", "")] for m in metadatas])
            self.document_bm25 = _bm25([keyword_tokens(d) for d in documents], k1, b)
        # Keyed like the generator's content terms (folded stems), for which the rarity is used.
        folded = [{fold(t) for t in doc} for doc in tokens]
        df = Counter(term for doc in folded for term in doc)
        # Each document's words (folded stems), to tell a word a document never uses from one it uses elsewhere.
        words_of: dict[str, set[str]] = {}
        for meta, terms in zip(metadatas, folded):
            words_of.setdefault(meta.get("source", ""), set()).update(terms)
        self._document_terms = {source: frozenset(terms) for source, terms in words_of.items()}
        n = max(len(ids), 1)
        self._share = {term: f / n for term, f in df.items()}
        self._idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}
        self._max_idf = math.log(1 + (n + 0.5) / 0.5)
        self.proper_nouns = _proper_nouns(texts)
        self._spellings: dict[tuple[str, bool], str | None] = {}  # (acronym, whole) -> the words it is spelled with (None: none)
        self._acronyms_written: dict[str, bool] = {}
        self._siblings: dict[tuple[str, frozenset[str], str | None], str | None] = {}
        self._counterparts: dict[str, str | None] = {}
        self._named_with: dict[str, tuple[str, ...]] = {}
        self._flat: list[str] | None = None
        self._numbered: dict[str, frozenset[int]] = {}  # noun -> the numbers the corpus labels it with ("Stage 5")
        self._pairs_of_two: dict[str, tuple[int, int]] | None = None  # "Corrie" -> (7, 11)
        self._vocabulary: Counter[str] | None = None  # every lower-case word of the corpus, with its count
        self._corrected: dict[str, str] = {}

    def flat_texts(self) -> list[str]:
        """Every chunk's text on one line (line breaks and runs of spaces as one space), made on first use."""
        if self._flat is None:
            self._flat = [" ".join(t.split()) for t in self.texts]
        return self._flat

    def spelled_out(self, text: str, nearby: Sequence[str] = ()) -> str:
        """The text with each acronym the corpus never writes but spells out in capitalised words ("US" for "the United
        States", "NHS" for "the National Health Service") written as the corpus writes it; and, where `nearby` texts
        (the passages retrieved for the question) spell one out in lower case, as they write it ("VAT": "value added
        tax")."""
        for acronym in dict.fromkeys(_ACRONYM.findall(text)):
            if self._written(acronym):
                continue
            # A whole name the corpus spells it with; else the words the passages found for it spell it with; else
            # a part of a longer name ("Public Baths" of "Hollinsford Public Baths" is no "PB" where "personal best" is).
            spelled = (
                self._spelling(acronym, whole=True) or (lower_spelling(acronym, list(nearby)) if nearby else None) or self._spelling(acronym)
            )
            if spelled:
                text = re.sub(rf"\b{re.escape(acronym)}\b", spelled, text)
        return text

    def corrected(self, text: str) -> str:
        """The text with each misspelt word written as the corpus writes it ("gardn" as "garden"; `text.corrected`)."""
        if text not in self._corrected:
            if len(self._corrected) > 1024:
                self._corrected.clear()
            self._corrected[text] = corrected(text, self._slips, lambda t: self.share(t) > 0)
        return self._corrected[text]

    def _slips(self, word: str) -> list[str]:
        """The corpus's words one slip from `word` (a letter added, dropped, changed, or two swapped), the most used
        first; none where two are used as often (which one was meant is a guess)."""
        if self._vocabulary is None:
            # A possessive's word ("garden's") counts; a contraction's piece ("doesn" of "doesn't") does not.
            self._vocabulary = Counter(
                w.lower() for text in self.texts for w in _VOCABULARY_WORD.findall(text)
            )
        found = process.extract(word, self._vocabulary.keys(), scorer=OSA.distance, score_cutoff=1, limit=None)
        counts = sorted(((self._vocabulary[w], w) for w, _, _ in found if w != word and w not in STOPWORDS), reverse=True)
        if not counts or (len(counts) > 1 and counts[0][0] == counts[1][0]):
            return []
        return [w for _, w in counts]

    def ordinal(self, text: str) -> str:
        """The text with "the last stage" (or "the first", "the final") written as the stage of that number where the
        corpus numbers three or more ("Stage 1" to "Stage 5"): "the last stage" is "Stage 5"."""
        for m in list(_ORDINAL.finditer(text))[::-1]:
            noun = m.group(2)
            numbers = self.labelled_numbers(noun)
            if len(numbers) >= 3:
                which = min(numbers) if m.group(1).lower() == "first" else max(numbers)
                text = text[: m.start()] + f"{noun[:1].upper()}{noun[1:].lower()} {which}" + text[m.end() :]
        return text

    def comparative(self, text: str) -> str:
        """The text with "the bigger model" (or "the smaller one", "the more powerful unit") written as the member of
        the corpus's one series of two that the comparison picks by its number, the higher for bigger ("the Corrie 11"
        of "Corrie 7" and "Corrie 11"). Only where the corpus names one such series (or the text names which)."""
        for m in list(_COMPARATIVE.finditer(text))[::-1]:
            series = self._series_of_two()
            named = {name: numbers for name, numbers in series.items() if re.search(rf"\b{name}\b", text)}
            series = named or series
            if len(series) != 1:
                continue
            (name, numbers), = series.items()
            which = max(numbers) if _MORE.match(m.group(1)) else min(numbers)
            text = text[: m.start()] + f"the {name} {which}" + text[m.end() :]
        return text

    def _series_of_two(self) -> dict[str, tuple[int, int]]:
        """Proper names the corpus labels with exactly two numbers, each written at least twice ("Corrie 7", "Corrie
        11"): two models of one product. (Not "Year 4" and "Year 6": "year" is a word the corpus also writes in lower
        case.)"""
        if self._pairs_of_two is None:
            counts = Counter(m.groups() for t in self.texts for m in _NAME_NUMBER.finditer(t) if m.group(1) in self.proper_nouns)
            numbers: dict[str, set[int]] = {}
            for (name, number), n in counts.items():
                if n >= 2:
                    numbers.setdefault(name, set()).add(int(number))
            self._pairs_of_two = {name: tuple(sorted(found)) for name, found in numbers.items() if len(found) == 2}
        return self._pairs_of_two

    def labelled_numbers(self, noun: str) -> frozenset[int]:
        """The numbers the corpus labels the noun with, capitalised ("Stage 1" to "Stage 5", "Pipit 40" and "Pipit 62")."""
        if noun.lower() not in self._numbered:
            labelled = re.compile(rf"\b({re.escape(noun[:1].upper() + noun[1:].lower())})\s+(\d{{1,3}})\b(?![\w.,]\w)")
            self._numbered[noun.lower()] = frozenset(int(n.group(2)) for t in self.texts for n in labelled.finditer(t))
        return self._numbered[noun.lower()]

    def sibling(self, noun: str, exclude: frozenset[str], label: str | None = None) -> str | None:
        """The kind of `noun` the corpus speaks of most often, other than the kinds `exclude` names: "the other pool"
        after "How deep is the main pool?" is the "learner pool". With a `label` ("A" of "Studio A"), the noun with
        the one other label the corpus gives it: "Studio B". None when no other is named at least twice."""
        key = (noun.lower(), exclude, label)
        if key not in self._siblings and label is not None:
            # The noun as the corpus writes it, then a capital letter or a number: "Studio B", "Platform 2".
            labelled = re.compile(rf"\b(?i:{re.escape(noun)})\s+(?:[A-Z]|\d{{1,3}})\b(?![\w.,]\w)")
            counts = Counter(m.group(0) for text in self.texts for m in labelled.finditer(text) if m.group(0).split()[-1] != label)
            others = {name.split()[-1] for name in counts}
            best = counts.most_common(1)
            # "The other" of two: with more labels than that, which one is meant is not clear.
            self._siblings[key] = best[0][0] if len(others) == 1 and best[0][1] >= 2 else None
        if key not in self._siblings:
            kind = re.compile(rf"\b([A-Za-z][\w'’-]*)\s+{re.escape(noun)}(?:s|es)?\b", re.I)
            counts = Counter(
                m.group(1).lower() for text in self.texts for m in kind.finditer(text)
                if m.group(1).lower() not in STOPWORDS and m.group(1).lower() not in _NO_KIND and m.group(1).lower() not in exclude
            )
            best = counts.most_common(1)
            self._siblings[key] = f"{best[0][0]} {noun.lower()}" if best and best[0][1] >= 2 else None
        return self._siblings[key]

    def counterpart(self, name: str) -> str | None:
        """The one name the corpus sets beside `name` most often, written after the same word in the same sentence:
        "the Home" beside "the Pro" ("... on the Home and 0.015 mm on the Pro"), "Quarry Field" beside "Brook Lane".
        "And the other one?" after a question about the Pro asks about the Home. None when no name is set beside it at
        least twice, or another as often. (One pass over the corpus's chunks per name, kept for the index's life.)"""
        if name not in self._counterparts:
            own = re.compile(rf"(?<!\S)(?=(\S+)\s+{re.escape(name)}(?:['’]s)?\b)")
            counts: Counter[str] = Counter()
            for text in self.flat_texts():
                for sentence in _SENTENCE_BREAK.split(text):
                    before = {m.group(1).lower() for m in own.finditer(sentence)}
                    if before:
                        counts.update({
                            _POSSESSIVE.sub("", m.group(2)) for m in _NAMED_AFTER_WORD.finditer(sentence)
                            if m.group(1).lower() in before and not m.group(2).startswith(name) and m.group(2).lower() not in STOPWORDS
                        })
            best = counts.most_common(2)
            clear = best and best[0][1] >= 2 and (len(best) == 1 or best[0][1] > best[1][1])
            self._counterparts[name] = best[0][0] if clear else None
        return self._counterparts[name]

    def named_with(self, noun: str) -> tuple[str, ...]:
        """The names of two or three capitalised words (a title and a name: "Dr Gareth Mowbray") written in the corpus's
        sentences that speak of `noun` or its plural, most often first: who holds a role ("the other dentist")."""
        if noun not in self._named_with:
            spoken = re.compile(rf"\b{re.escape(noun)}(?:s|es)?\b", re.I)
            counts: Counter[str] = Counter()
            for text in self.flat_texts():
                for sentence in _SENTENCE_BREAK.split(text):
                    if spoken.search(sentence):
                        counts.update(m.group(1) for m in _PERSON_LIKE.finditer(sentence) if m.group(1).split()[0].lower() not in STOPWORDS)
            self._named_with[noun] = tuple(name for name, _ in counts.most_common())
        return self._named_with[noun]

    def unspelled(self, text: str) -> bool:
        """Does the text hold an acronym of three letters or more that the corpus neither writes nor spells out in
        capitals? The passages found for it may spell it out in lower case."""
        return any(len(a.rstrip("s")) >= 3 and not self._written(a) and not self._spelling(a) for a in _ACRONYM.findall(text))

    def _written(self, acronym: str) -> bool:
        """Written as such anywhere (in capitals: "contact us" is no "US"), an acronym is the corpus's own word."""
        if acronym not in self._acronyms_written:
            written = re.compile(rf"\b{re.escape(acronym.rstrip('s'))}s?\b")
            self._acronyms_written[acronym] = any(written.search(t) for t in self.texts)
        return self._acronyms_written[acronym]

    def _spelling(self, acronym: str, whole: bool = False) -> str | None:
        if (acronym, whole) not in self._spellings:
            self._spellings[(acronym, whole)] = spelling(acronym, self.texts, whole)
        return self._spellings[(acronym, whole)]

    def idf(self, term: str) -> float:
        """Rarer terms weigh more; a term the corpus never uses weighs the most."""
        return self._idf.get(term, self._max_idf)

    def document_terms(self, source: str) -> frozenset[str]:
        """The words (folded stems) a document uses anywhere."""
        return self._document_terms.get(source, frozenset())

    def share(self, term: str) -> float:
        """The fraction of chunks that contain the term (a folded stem)."""
        return self._share.get(term, 0.0)

    def scores(self, query: str) -> np.ndarray:
        """Every chunk's keyword score for the query (zeros when it has no searchable word)."""
        tokens = keyword_tokens(query)
        if not self.ids or not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        key = tuple(tokens)
        last = self._last  # the reader guesses from the keyword hits just before retrieval scores the same words
        if last is not None and last[0] == key:
            return last[1]
        scores = self.bm25.get_scores(tokens)
        if self.document_weight:
            scores = scores + self.document_weight * self.document_bm25.get_scores(tokens)[self._document_of]
        self._last = (key, scores)
        return scores

    def search(self, query: str, k: int, scores: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The k best chunks as (position, score), best first; chunks without a query word are left out."""
        scores = self.scores(query) if scores is None else scores
        if not self.ids:
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


def _bm25(tokens: list[list[str]], k1: float, b: float):
    import bm25s

    # bm25s forces its logger to DEBUG on import, which prints on every index build.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    index = bm25s.BM25(k1=k1, b=b)
    if tokens:
        index.index(tokens, show_progress=False)
    return index


def _titled(tokens: list[str], text: str, meta: dict) -> list[str]:
    title = str(meta.get("title") or "")
    return tokens if not title or title in text else keyword_tokens(title) + tokens


def _stitch(texts: list[str], metadatas: list[dict]) -> tuple[dict[str, int], list[str]]:
    """Each document's text rebuilt from its chunks (overlaps cut by their offsets), titled; -> (source -> i, texts)."""
    parts: dict[str, list[tuple[int, int, str]]] = {}
    titles: dict[str, str] = {}
    for text, meta in zip(texts, metadatas):
        source = meta.get("source", "")
        parts.setdefault(source, []).append((int(meta.get("start", 0)), int(meta.get("end", 0)), text))
        titles[source] = str(meta.get("title") or "")
    sources, documents = {}, []
    for source, chunks in parts.items():
        pieces, reached = [], 0
        for start, end, text in sorted(chunks):
            pieces.append(text[max(0, reached - start) :] if start < reached else text)
            reached = max(reached, end)
        body = "\n".join(pieces)
        sources[source] = len(documents)
        documents.append(body if titles[source] in body else f"{titles[source]}\n{body}")
    return sources, documents


def _proper_nouns(texts: list[str]) -> frozenset[str]:
    capitalised = {m.group(1) for t in texts for m in _MID_SENTENCE_CAPITAL.finditer(t)}
    lower = {w for t in texts for w in re.findall(r"\b[a-z]+\b", t)}
    return frozenset(w for w in capitalised if w.lower() not in lower)
