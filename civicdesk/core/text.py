"""Ukrainian text for search: normalised, split into words, words reduced to lemmas.

"пенсії", "пенсією" and "пенсія" are one word to a reader; pymorphy3 with its Ukrainian
dictionary gives each form its dictionary form (lemma). A form can have several
candidate lemmas ("ради" → рада, рад); search indexes and queries keep all of them, so a
query matches whenever the words can be the same — a wrong first guess of pymorphy3
costs nothing here. Lemmas are cached: the vocabulary repeats.
"""

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "ʼ’'`‘´"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_WORD_RE = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def normalise(text: str) -> str:
    """NFC, one apostrophe, lower case (in Python: a C-locale database would not fold
    Cyrillic)."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return _APOSTROPHE_RE.sub("'", text)


def words(text: str) -> list[str]:
    return _WORD_RE.findall(normalise(text))


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form the word may have; the word itself when it is unknown
    (names, abbreviations, numbers). Hyphenated words also give their parts."""
    forms = {word}
    if word.isalpha() or "-" in word or "'" in word:
        try:
            forms.update(p.normal_form for p in _morph().parse(word))
        except ValueError:  # letters without a Unicode name (pymorphy3 needs one)
            pass
    if "-" in word:
        for part in word.split("-"):
            if part:
                forms |= lemmas(part)
    return frozenset(forms)


def index_terms(*texts: str) -> str:
    """The searchable form of texts: every candidate lemma once, space-separated with a
    space at both ends, so that " lemma " finds a whole term."""
    terms: set[str] = set()
    for text in texts:
        for word in words(text):
            terms |= lemmas(word)
    return " " + " ".join(sorted(terms)) + " " if terms else ""


def query_terms(text: str) -> list[frozenset[str]]:
    """For each word of a query, the terms that may stand for it."""
    return [lemmas(word) for word in words(text)][:12]
