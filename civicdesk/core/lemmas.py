"""One dictionary form (lemma) per Ukrainian word, chosen with frequencies learned from
the legislation corpus.

pymorphy3's Ukrainian dictionary scores every parse alike, so its first parse is often
the wrong lemma ("ради" → "рад", "року" → "рок", "роботи" → "робот"). Among a word's
candidate lemmas we take the one most used in the corpus. The weights were learned by
`manage.py build_lemma_table` and are frozen in `data/lemma-weights-uk.tsv.gz`; the
table's version (a hash of its content) is part of the search index's version, so an
index built with another table is rebuilt.

How the weights are learned: every word form's count goes to its candidate lemmas —
all of it when the form has one candidate ("радою" can only be "рада"), shared in
proportion to the lemmas' current weights when it has several; a few rounds of this
(expectation-maximisation) settle the weights.
"""

import gzip
import hashlib
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from .text import words

TABLE = Path(__file__).parent / "data" / "lemma-weights-uk.tsv.gz"
ROUNDS = 5


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, float], str]:
    if not TABLE.exists():
        return {}, "none"
    raw = TABLE.read_bytes()
    weights = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, weight = line.split("\t")
            weights[lemma] = float(weight)
    return weights, hashlib.sha256(raw).hexdigest()[:12]


def table_version() -> str:
    return _table()[1]


def candidates(word: str) -> list[str]:
    """The word's candidate lemmas in pymorphy3's order, without repeats."""
    seen: list[str] = []
    try:
        parses = _morph().parse(word)
    except ValueError:  # pymorphy3 fails on letters without a Unicode name (e.g. Tangut)
        return [word]
    for parse in parses:
        if parse.normal_form not in seen:
            seen.append(parse.normal_form)
    return seen or [word]


def _is_word(word: str) -> bool:
    """Letters, with apostrophes and hyphens between them ("м'ясо", "будь-який")."""
    return word.replace("'", "").replace("-", "").isalpha()


@lru_cache(maxsize=500_000)
def lemma(word: str) -> str:
    """The word's dictionary form: the candidate the corpus uses most (pymorphy3's first
    parse on a tie); the word itself when it is unknown, a number or a name."""
    if not _is_word(word):
        return word
    options = candidates(word)
    if len(options) == 1:
        return options[0]
    weights = _table()[0]
    best = max(range(len(options)), key=lambda i: (weights.get(options[i], 0.0), -i))
    return options[best]


def learn(texts) -> dict[str, float]:
    """Lemma weights from an iterable of texts (see the module's docstring)."""
    forms: Counter[str] = Counter()
    for text in texts:
        forms.update(w for w in words(text) if _is_word(w))
    options = {form: candidates(form) for form in forms}
    weights: dict[str, float] = defaultdict(float)
    for form, count in forms.items():
        for cand in options[form]:
            weights[cand] += count / len(options[form])
    for _round in range(ROUNDS):
        new: dict[str, float] = defaultdict(float)
        for form, count in forms.items():
            cands = options[form]
            if len(cands) == 1:
                new[cands[0]] += count
                continue
            total = sum(weights[c] for c in cands) or 1.0
            for cand in cands:
                new[cand] += count * weights[cand] / total
        weights = new
    ambiguous = {c for cands in options.values() if len(cands) > 1 for c in cands}
    return {lemma_: round(w, 1) for lemma_, w in sorted(weights.items())
            if lemma_ in ambiguous and w >= 0.5}


def write_table(weights: dict[str, float], path: Path = TABLE) -> None:
    lines = ["# lemma\tweight (learned from the legislation corpus by build_lemma_table)"]
    lines += [f"{lemma_}\t{weight:g}" for lemma_, weight in sorted(weights.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same weights give the same bytes, so the same version.
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    _table.cache_clear()
    lemma.cache_clear()
