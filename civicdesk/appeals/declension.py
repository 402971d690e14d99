"""A person's name in the genitive case, as a letter says it: "від Петренка Івана
Івановича", "від Коваль Марії Петрівни".

Given names and patronymics come from pymorphy3's Ukrainian dictionary. Surnames too
when the dictionary knows them as a man's surname; otherwise the rules of Ukrainian
grammar by the ending: a man's surname ending in a consonant takes -а (Мельник →
Мельника), -ь → -я (Коваль → Коваля), -ко → -ка, -ський → -ського, -а → -и; a woman's
surname ending in a consonant or -о does not change (Коваль, Шевченко), -ська → -ської,
-ова/-іна → -ової/-іної, -а → -и (-і after a soft consonant).
"""

from functools import lru_cache

_SOFT_OR_HUSHING = "йьжчшщ"


def _morph():
    from civicdesk.core.lemmas import _morph as morph

    return morph()


def _keep_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _inflect(word: str, grammeme: str, gender: str) -> str | None:
    """The genitive from the dictionary, for a parse with this grammeme (Name, Patr,
    Surn) and gender; None when the dictionary has none."""
    for parse in _morph().parse(word.lower()):
        tag = parse.tag
        if grammeme in tag and gender in tag and "nomn" in tag and "Fixd" not in tag:
            inflected = parse.inflect({"gent"})
            if inflected:
                return _keep_case(word, inflected.word)
    return None


def gender_of(given: str, patronymic: str, sex: str = "") -> str:
    """"masc" or "femn": the recorded sex first, then the patronymic, then the name."""
    if sex in ("m", "f"):
        return "masc" if sex == "m" else "femn"
    low = patronymic.lower()
    if low.endswith(("ович", "евич", "йович", "іч")):
        return "masc"
    if low.endswith(("івна", "ївна", "овна", "ична")):
        return "femn"
    for parse in _morph().parse(given.lower()):
        # the name as written is the nominative: "Марʼяна" is not the genitive of Марʼян
        if "Name" in parse.tag and "nomn" in parse.tag and parse.normal_form == given.lower():
            return "femn" if "femn" in parse.tag else "masc"
    return "femn" if given.lower().endswith(("а", "я")) else "masc"


def _surname(word: str, gender: str) -> str:
    low = word.lower()
    if gender == "masc":
        known = _inflect(word, "Surn", "masc")
        if known:
            return known
        if low.endswith(("ський", "цький", "зький", "ий")):
            return word[:-2] + "ого"
        if low.endswith("й"):
            return word[:-1] + "я"
        if low.endswith("о"):
            return word[:-1] + "а"
        if low.endswith("ь"):
            return word[:-1] + "я"
        if low.endswith("а"):
            return word[:-1] + ("і" if low[-2:-1] in _SOFT_OR_HUSHING else "и")
        if low.endswith("я"):
            return word[:-1] + "і"
        if low[-1:].isalpha():
            return word + "а"
        return word
    if low.endswith(("ська", "цька", "зька")):
        return word[:-1] + "ої"
    if low.endswith(("ова", "ева", "єва", "іна", "їна", "ина")):
        return word[:-1] + "ої"
    if low.endswith("а"):
        return word[:-1] + ("і" if low[-2:-1] in _SOFT_OR_HUSHING else "и")
    if low.endswith("я"):
        return word[:-1] + "і"
    return word  # Коваль, Шевченко: a woman's surname that does not change


def _given(word: str, gender: str) -> str:
    known = _inflect(word, "Name", gender)
    if known:
        return known
    low = word.lower()
    if low.endswith("а"):
        return word[:-1] + ("і" if low[-2:-1] in _SOFT_OR_HUSHING else "и")
    if low.endswith("я"):
        return word[:-1] + "ї" if low[-2:-1] in "аеєиіїоуюя" else word[:-1] + "і"
    if gender == "masc":
        if low.endswith(("й", "ь")):
            return word[:-1] + "я"
        if low.endswith("о"):
            return word[:-1] + "а"
        return word + "а"
    return word


def _patronymic(word: str, gender: str) -> str:
    known = _inflect(word, "Patr", gender)
    if known:
        return known
    low = word.lower()
    if low.endswith("ич"):
        return word + "а"
    if low.endswith("на"):
        return word[:-1] + "и"
    return word


@lru_cache(maxsize=4096)
def genitive(surname: str, given: str = "", patronymic: str = "", sex: str = "") -> str:
    """"Петренко", "Іван", "Іванович" → "Петренка Івана Івановича"."""
    gender = gender_of(given, patronymic, sex)
    parts = []
    for word, decline in ((surname, _surname), (given, _given), (patronymic, _patronymic)):
        word = word.strip()
        if not word:
            continue
        # A double surname or name declines part by part: Нечуй-Левицький.
        parts.append("-".join(decline(piece, gender) if piece else piece
                              for piece in word.split("-")))
    return " ".join(parts)
