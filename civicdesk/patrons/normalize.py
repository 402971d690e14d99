"""Keys that make patron search forgiving: case, apostrophes, phone punctuation.

Ukrainian names are written with any of ʼ ’ ' ` (and ‘ ´); they are one letter
for search. і ї є ґ stay distinct from и й е г: they are different letters.
"""

import re
import unicodedata

APOSTROPHES = "ʼ’'`‘´"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_SPACES_RE = re.compile(r"\s+")
WORD_MAX = 80  # PatronWord.word


def name_key(*parts: str) -> str:
    """One lower-case, NFC, apostrophe-folded string for the given name parts."""
    text = " ".join(p for p in parts if p)
    text = unicodedata.normalize("NFC", text).casefold()
    text = _APOSTROPHE_RE.sub("'", text)
    return _SPACES_RE.sub(" ", text).strip()


def name_words(*parts: str) -> list[str]:
    """The words search finds a patron by: each word of the name_key, and each part of
    a hyphenated one ("косач-квітка" also as "косач" and "квітка"); distinct, in order."""
    return key_words(name_key(*parts))


def key_words(key: str) -> list[str]:
    """name_words of an already computed name_key."""
    words: list[str] = []
    for word in key.split(" "):
        for w in (word, *(word.split("-") if "-" in word else ())):
            w = w.strip("-")[:WORD_MAX]
            if w and w not in words:
                words.append(w)
    return words


def phone_key(phone: str) -> str:
    """The digits of a phone number, with a Ukrainian 0XX… number written as 380XX…"""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 10 and digits.startswith("0"):
        digits = "38" + digits
    return digits


def phone_reversed(key: str) -> str:
    """A phone key backwards: the number's last digits become a prefix that an index finds."""
    return key[::-1]
