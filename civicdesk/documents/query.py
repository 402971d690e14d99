"""The query language a librarian types, turned into a full-text query for SQLite FTS5
or PostgreSQL — never by pasting user input into the FTS syntax: every term is a lemma
made of letters and digits, quoted when the query is written out.

    пенсія інвалідність        all words (falling back to any word when too few hits)
    "строк розгляду"           an exact phrase (in any word forms: lemmas in order)
    -військовий                exclusion
    пенсі*                     a word's beginning
    2939-VI, № 393/96-ВР       a document number (see numbers.py)

Synonyms and abbreviations (ЦНАП, ВПО, …) widen a word to its other names.
Anything else — unbalanced quotes, FTS operators, SQL — is read as plain words.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from civicdesk.core.text import normalise, words

from .indexing import term_of
from .numbers import NUMBER_IN_QUERY, number_key

MAX_QUERY = 300
# Words that carry no subject (lemmas): left out of a query that has other words, so
# "скільки чекати відповідь на запит" looks for "чекати", "відповідь", "запит".
STOP = frozenset("""
а або аби але адже б би бо був бути в вже від він вона вони воно все всі де для до
з за зі із й і їх її його коли котрий ли лише мені мене ми між на над навіть не нею
ні нібито ну о об однак по під після при про проти с саме свій себе скільки та так
там те теж то тобто тощо треба у хто це цей ці чи чий чому що щоб щодо як який якщо
я можна потрібно мати могти бути стати куди коли звідки навіщо чому чим скільки
закон стаття такий той цей свій весь через при
""".split())
MAX_CLAUSES = 12
_SAFE = re.compile(r"^[^\W_]+$")


@dataclass(frozen=True)
class Option:
    """A term, a term's beginning (prefix) or a phrase of terms. A stem is a prefix the
    query made itself from a word ("розглядати" → "розгляд…"), worth less than the word."""

    terms: tuple[str, ...]
    prefix: bool = False
    stem: bool = False


# Endings taken off a lemma to reach the stem its relatives share: a verb and its noun
# ("розглядати", "розгляд"), a noun and its adjective ("пенсія", "пенсійний"). Longest
# first; the stem keeps at least MIN_STEM letters.
ENDINGS = sorted("""
ія ійний ійна ійне ійні уватися юватися уватись ватися атися ятися итися ітися тися тись
увати ювати вати ати яти ити іти ти ення ання іння ття ння ість ство ський цький зький
ний ній ий ій ої ий ця ка ок ик ник ниця а я о е ь і и ї
""".split(), key=len, reverse=True)
MIN_STEM = 5

# Compound abbreviations (складноскорочені слова): "соцдопомога" is "соціальна допомога",
# "держорган" a "державний орган", "персдані" "персональні дані".
COMPOUND_HEADS = {
    "соц": "соціальний", "держ": "державний", "адмін": "адміністративний",
    "перс": "персональний", "мед": "медичний", "фін": "фінансовий", "юр": "юридичний",
    "проф": "професійний", "військ": "військовий", "екон": "економічний",
    "житл": "житловий", "комун": "комунальний", "госп": "господарський",
    "пед": "педагогічний", "освіт": "освітній", "навч": "навчальний",
}


def compound_phrase(term: str) -> tuple[str, ...] | None:
    """The phrase a compound abbreviation stands for, or None."""
    from civicdesk.core.lemmas import _morph

    for head in sorted(COMPOUND_HEADS, key=len, reverse=True):
        rest = term[len(head):]
        # at least 4 letters left: "держава" is not "держ" + "ава"
        if term.startswith(head) and len(rest) >= 4 and rest.isalpha():
            if _morph().word_is_known(rest):
                return (COMPOUND_HEADS[head], *term_of(rest))
    return None


def stem_of(term: str) -> str | None:
    """The stem of a lemma for the query's word relatives, or None (short words,
    numbers and words without a known ending stay whole)."""
    if not term.isalpha():
        return None
    for ending in ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= MIN_STEM:
            return term[:-len(ending)]
    return None


@dataclass
class Clause:
    """One thing the text must (or must not) contain: any of the options."""

    options: list[Option]
    text: str = ""  # as the person typed it, for hints


@dataclass
class Query:
    must: list[Clause] = field(default_factory=list)
    must_not: list[Clause] = field(default_factory=list)
    # what the question implies without saying it: "скільки днів…" asks for a time limit
    should: list[Clause] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # "стаття 20" → "art20"
    hints: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.must and not self.numbers

    def terms(self) -> set[str]:
        """Every term a hit may contain, for highlighting ("на" in "запит на інформацію"
        is not worth marking)."""
        return {t for c in self.must for o in c.options for t in o.terms if t not in STOP}

    def prefixes(self) -> set[str]:
        return {o.terms[0] for c in self.must for o in c.options if o.prefix}


# "скільки днів", "за скільки", "як довго", "в який строк": the answer is a time limit.
_DURATION = re.compile(r"\b(скільки\s+(?:часу|днів|діб|місяців|років|тижнів|чекати|триває)"
                       r"|за\s+скільки|як\s+довго|протягом\s+якого|скільки\s+розгляда\w*"
                       r"|коли\s+(?:мають|має|повинні|повинен|треба))", re.IGNORECASE)
_ARTICLE_NO = re.compile(r"\b(?:стаття|статті|статтю|статтею|ст\.?)\s*(\d+(?:-\d+)?)",
                         re.IGNORECASE)
_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(-?)(\S+)')


def _phrase_terms(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in words(text):
        out.extend(term_of(word))
    return tuple(out)


def parse(text: str, synonyms: dict[tuple[str, ...], list[tuple[str, ...]]] | None = None
          ) -> Query:
    """The query for `text`. `synonyms` maps a key (a tuple of terms) to other phrasings
    (tuples of terms) — see synonyms.table()."""
    query = Query()
    text = (text or "").strip()
    if len(text) > MAX_QUERY:
        text = text[:MAX_QUERY]
        query.hints.append(_("The query was long; only its beginning was searched."))
    if text.count('"') % 2:
        query.hints.append(_("A quotation mark had no pair; the words after it are "
                             "searched as a phrase."))
    for match in NUMBER_IN_QUERY.finditer(text):
        key = number_key(match.group(1) or match.group(0))
        if key and key not in query.numbers:
            query.numbers.append(key)
    text = NUMBER_IN_QUERY.sub(" ", text)
    if query.numbers:
        query.articles = [f"art{n}" for n in _ARTICLE_NO.findall(text)]
    if _DURATION.search(text):
        query.should.append(Clause([Option(("строк",)), Option(("термін",))], text="строк"))
    for match in _TOKEN.finditer(text):
        if match.group(2) is not None or match.group(3):  # a quoted phrase
            negative, raw = match.group(1) == "-", match.group(2)
            terms = _phrase_terms(raw)
            if not terms:
                continue
            clause = Clause([Option(terms)], text=raw)
        else:
            negative, raw = match.group(4) == "-", match.group(5)
            prefix = raw.endswith("*")
            found = words(raw)
            if not found:
                continue
            if prefix and len(found) == 1 and len(found[0]) >= 2:
                stem = normalise(found[0]).replace("'", "")
                if _SAFE.match(stem):
                    clause = Clause([Option((stem,), prefix=True)], text=raw)
                    (query.must_not if negative else query.must).append(clause)
                    continue
            # A "word" like foo-bar or AND(x) may hold several words: each is a clause.
            for word in found:
                for term in term_of(word):  # a hyphenated word: each part
                    if len(term) < 2 and len(found) + len(query.must) > 1:
                        continue  # "е-петиція": the "е" says nothing
                    options = [Option((term,))]
                    stem = None if negative else stem_of(term)
                    if stem:
                        options.append(Option((stem,), prefix=True, stem=True))
                    expanded = None if negative else compound_phrase(term)
                    if expanded:
                        options.append(Option(expanded))
                    surface = word if "-" not in word else term
                    (query.must_not if negative else query.must).append(
                        Clause(options, text=surface))
            continue
        (query.must_not if negative else query.must).append(clause)
    if synonyms:
        _widen(query, synonyms)
    meaningful = [c for c in query.must if not _is_stop(c)]
    if meaningful:
        query.must = meaningful
    if len(query.must) > MAX_CLAUSES:
        query.must = query.must[:MAX_CLAUSES]
        query.hints.append(_("Only the first %(n)s words were searched.") % {"n": MAX_CLAUSES})
    if not query.must and query.must_not and not query.numbers:
        query.hints.append(_("Add a word to look for: a query of exclusions alone finds "
                             "nothing."))
        query.must_not = []
    return query


def _is_stop(clause: Clause) -> bool:
    first = clause.options[0]
    return (len(first.terms) == 1 and not first.prefix
            and (first.terms[0] in STOP or normalise(clause.text) in STOP))


def _widen(query: Query, synonyms) -> None:
    """Give clauses the other names from the synonyms table; a key of several words
    ("центр надання адміністративних послуг") replaces the clauses it spans."""
    longest = max((len(k) for k in synonyms), default=0)
    clauses: list[Clause] = []
    i = 0
    must = query.must
    while i < len(must):
        matched = False
        for size in range(min(longest, len(must) - i), 0, -1):
            span = must[i:i + size]
            if not all(not c.options[0].prefix and len(c.options[0].terms) == 1
                       for c in span):
                continue
            key = tuple(t for c in span for t in c.options[0].terms)
            if key in synonyms:
                options = ([Option(key)] + [o for c in span[:1] if size == 1
                                            for o in c.options[1:]]
                           + [Option(alt) for alt in synonyms[key] if alt != key])
                clauses.append(Clause(options, text=" ".join(c.text for c in span)))
                i += size
                matched = True
                break
        if not matched:
            clauses.append(must[i])
            i += 1
    query.must = clauses


# --- Writing the query out -----------------------------------------------------

def _fts5_option(option: Option) -> str:
    quoted = '"' + " ".join(option.terms) + '"'
    return quoted + "*" if option.prefix else quoted


def _fts5_clause(clause: Clause) -> str:
    parts = [_fts5_option(o) for o in clause.options]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def to_fts5(must: list[Clause], must_not: list[Clause], *, any_word: bool = False) -> str:
    joiner = " OR " if any_word else " AND "
    expression = joiner.join(_fts5_clause(c) for c in must)
    if any_word and len(must) > 1:
        expression = f"({expression})"
    for clause in must_not:
        expression += " NOT " + _fts5_clause(clause)
    return expression


def ts_option(option: Option, *, phrases: bool = True) -> str:
    """The option in tsquery syntax; phrases=False makes a phrase all of its words (an
    index answers that without reading the rows)."""
    quoted = [f"'{t}'" for t in option.terms]
    if option.prefix:
        return quoted[0] + ":*"
    return quoted[0] if len(quoted) == 1 else \
        "(" + (" <-> " if phrases else " & ").join(quoted) + ")"


def _ts_clause(clause: Clause, *, phrases: bool = True) -> str:
    parts = [ts_option(o, phrases=phrases) for o in clause.options]
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def to_tsquery(must: list[Clause], must_not: list[Clause], *, any_word: bool = False,
               phrases: bool = True) -> str:
    joiner = " | " if any_word else " & "
    expression = joiner.join(_ts_clause(c, phrases=phrases) for c in must)
    if any_word and len(must) > 1:
        expression = f"({expression})"
    for clause in must_not:
        expression += " & !" + _ts_clause(clause)
    return expression
