"""Keys that make patron search forgiving: case, apostrophes, phone punctuation.

Ukrainian names are written with any of ʼ ’ ' ` (and ‘ ´); they are one letter
for search. і ї є ґ stay distinct from и й е г: they are different letters.
"""

import re
import unicodedata

APOSTROPHES = "ʼ’'`‘´"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_SPACES_RE = re.compile(r"\s+")


def name_key(*parts: str) -> str:
    """One lower-case, NFC, apostrophe-folded string for the given name parts."""
    text = " ".join(p for p in parts if p)
    text = unicodedata.normalize("NFC", text).casefold()
    text = _APOSTROPHE_RE.sub("'", text)
    return _SPACES_RE.sub(" ", text).strip()


def phone_key(phone: str) -> str:
    """The digits of a phone number, with a Ukrainian 0XX… number written as 380XX…"""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 10 and digits.startswith("0"):
        digits = "38" + digits
    return digits
