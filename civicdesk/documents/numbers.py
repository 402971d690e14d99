"""Document numbers as search compares them.

The Verkhovna Rada portal codes a law by its number and the parliament's convocation:
"2939-17" is the official "2939-VI" (convocation VI; the portal adds 11: I → 12,
VI → 17, VIII → 19, IX → 20). Codes like "254к/96-ВР" (the Constitution) carry no
convocation. People type "№ 393/96-ВР", "393/96-вр", "2939-VI" or "2939-17": all give
the same key.
"""

import re
import unicodedata

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8,
         "IX": 9, "X": 10, "XI": 11, "XII": 12}
# Cyrillic letters that look like Latin ones, as people type Roman numerals.
_LOOKALIKE = str.maketrans({"І": "I", "і": "I", "Х": "X", "х": "X", "У": "V", "В": "V"})
_CONVOCATION = re.compile(r"^(?P<n>[\w/]+)-(?P<c>[IVXivxІіХх]{1,4})$")
_PORTAL = re.compile(r"^(?P<n>[\w/]+)-(?P<c>1[2-9]|2\d)$")
# What a number looks like inside a query: digits, then letters, slashes, dashes.
NUMBER_IN_QUERY = re.compile(
    r"(?:№\s*)?(?<![\w-])(\d+[\wʼ’']*(?:[/-][\wʼ’']+)+|\d+(?:[/-]\d+)+|№\s*\d+\w*)",
    re.UNICODE)


def number_key(number: str) -> str:
    """One key for every way of writing the number; "" for no number."""
    text = unicodedata.normalize("NFC", number or "").strip()
    text = re.sub(r"^№\s*", "", text)
    text = re.sub(r"\s+", "", text)
    if not text:
        return ""
    roman = _CONVOCATION.match(text)
    if roman:
        numeral = roman["c"].translate(_LOOKALIKE).upper()
        if numeral in ROMAN:
            return f"{roman['n'].casefold()}-{ROMAN[numeral] + 11}"
    return text.casefold()


def numbers_in(query: str) -> list[str]:
    """Keys of the document numbers written in a query ("закон 2939-VI", "№ 393/96-ВР")."""
    keys = []
    for match in NUMBER_IN_QUERY.finditer(query or ""):
        key = number_key(match.group(1) if match.group(1) else match.group(0))
        if key and key not in keys:
            keys.append(key)
    return keys
