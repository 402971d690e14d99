"""Document search on the real legislation corpus (issue 5).

Part of `make bench` (benchmarks/run.py; `--only docsearch` runs it alone, about 5
minutes on SQLite; `--database-url` runs it on PostgreSQL). In a throw-away data folder
(and a scratch PostgreSQL database with --database-url), each step in its own process:

  build    imports the corpus (8,164 acts, 51,741 articles; not timed as the index) with
           `importing.import_corpus(index=False)`, then times `indexing.rebuild()`: every
           article's words reduced to lemmas and written to the full-text index.
  search   50 fixed queries (the first 50 of docsearch_queries.json) through
           `search.search()` end to end — parsing, lemmatising, ranking, snippets, facets
           off, as the page asks — once to warm the process, then timed: p95; and the
           process's peak memory (VmHWM). Then the quality sets: for each query, is an
           article that answers it in the first 10 (hit@10), and 1/rank of the first
           (mean reciprocal rank).
  double   the corpus imported a second time under other numbers (each act's number
           with a suffix) and indexed: 103,482 articles; `search` again.
  words    on SQLite only: the same build and quality sets with DOCUMENT_SEARCH_LEMMAS
           off (the words as written, no lemmas) in a second data folder, for comparison.

The quality sets, in benchmarks/: docsearch_queries.json (88 queries a citizen would
type, each with the article that answers it; the ranking was tuned on it) and
docsearch_holdout.json (83 more, written later by someone else and never tuned on).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SETS = {"tuned": "docsearch_queries.json", "held-out": "docsearch_holdout.json"}
TIMED_QUERIES = 50
TARGETS = {"sqlite": {"build_s": 90, "p95_ms": 100}, "postgresql": {"build_s": 120, "p95_ms": 150}}
MEMORY_TARGET_MB = 300
QUALITY_TARGET = 0.9


# --- In a child process (Django set up) -----------------------------------------------

def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _build(corpus: str) -> dict:
    _setup()
    from civicdesk.documents import importing, indexing
    from civicdesk.documents.models import Article

    t0 = time.perf_counter()
    importing.import_corpus(corpus, index=False)
    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    parts = indexing.rebuild()
    build_s = time.perf_counter() - t0
    return {"import_s": import_s, "build_s": build_s, "parts": parts,
            "articles": Article.objects.count()}


def _double(corpus: str, copy: str) -> dict:
    """The corpus again under other numbers, imported and indexed."""
    _setup()
    from civicdesk.documents import importing
    from civicdesk.documents.models import Article

    with gzip.open(corpus, "rt", encoding="utf-8") as src, \
            gzip.open(copy, "wt", encoding="utf-8") as dst:
        for line in src:
            act = json.loads(line)
            act["number"] = act["number"] + "-копія"
            dst.write(json.dumps(act, ensure_ascii=False) + "\n")
    # As an import does it: the acts written, then indexed 200 at a time, then the index
    # set in order (indexing.after_bulk_write: PostgreSQL's statistics, SQLite's FTS5
    # segments merged)
    t0 = time.perf_counter()
    importing.import_corpus(copy)
    return {"index_s": time.perf_counter() - t0, "articles": Article.objects.count()}


def _quality(search, path: Path) -> dict:
    queries = json.loads(path.read_text(encoding="utf-8"))
    hits, reciprocal = 0, 0.0
    misses = []
    for q in queries:
        wanted = {(q["number"], q["ref"])} | {tuple(x) for x in q.get("also", [])}
        found = search.search(q["query"], limit=10, log_miss=False)
        got = [(h.document.number, h.article.ref) for h in found.hits]
        rank = next((i + 1 for i, g in enumerate(got) if g in wanted), None)
        if rank:
            hits += 1
            reciprocal += 1 / rank
        else:
            misses.append(q["query"])
    return {"n": len(queries), "hit10": hits / len(queries), "mrr": reciprocal / len(queries),
            "misses": misses}


def _search(quality: bool) -> dict:
    _setup()
    from civicdesk.documents import search

    queries = [q["query"] for q in json.loads(
        (HERE / SETS["tuned"]).read_text(encoding="utf-8"))][:TIMED_QUERIES]
    search.search("пенсія за віком", log_miss=False)  # the dictionaries loaded, once
    for q in queries:  # a server's process has seen words before: warm once
        search.search(q, log_miss=False)
    timings = []
    for q in queries:
        t0 = time.perf_counter()
        search.search(q, log_miss=False)
        timings.append((time.perf_counter() - t0) * 1000)
    result = {"ms": timings, "peak_mb": _peak_mb()}
    if quality:
        result["quality"] = {name: _quality(search, HERE / file) for name, file in SETS.items()}
    return result


# --- In the bench process -------------------------------------------------------------

def _child(env: dict, *args: str) -> dict:
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), __file__, *args], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"benchmarks/docsearch.py {args[0]} failed:\n{done.stdout}"
                 f"{done.stderr[-5000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _corpus() -> str:
    path = os.environ.get("LEGISLATION_CORPUS") or str(
        ROOT.parent / "shared" / "data" / "ua-legislation" / "ua-legislation.jsonl.gz")
    if not Path(path).exists():
        sys.exit(f"docsearch bench: no corpus at {path} (set LEGISLATION_CORPUS)")
    return path


def run(args) -> tuple[list, list[str]]:
    from benchmarks.run import Line, ScratchDatabase, bench_env, free_port, manage, percentile

    corpus = _corpus()
    lines: list = []
    notes: list[str] = []
    data_dir = Path(tempfile.mkdtemp(prefix="civicdesk-bench-docs-"))
    env = bench_env(data_dir, free_port())
    scratch = ScratchDatabase(args.database_url) if args.database_url else None
    vendor = "postgresql" if scratch else "sqlite"
    label = "PostgreSQL" if scratch else "SQLite"
    target = TARGETS[vendor]
    try:
        if scratch:
            scratch.create()
            env["DATABASE_URL"] = scratch.url
        print(f"docsearch bench: {label}, data folder {data_dir}; importing the corpus and "
              f"building the index ...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        built = _child(env, "build", corpus)
        print(f"indexed {built['articles']} articles in {built['build_s']:.1f} s; "
              f"searching ...", flush=True)
        small = _child(env, "search", "quality")
        print("importing the corpus a second time ...", flush=True)
        doubled = _child(env, "double", corpus, str(data_dir / "copy.jsonl.gz"))
        large = _child(env, "search")
    finally:
        if scratch:
            scratch.drop()
        shutil.rmtree(data_dir, ignore_errors=True)

    words = None
    if not scratch and not args.docsearch_skip_words:
        words_dir = Path(tempfile.mkdtemp(prefix="civicdesk-bench-docs-words-"))
        words_env = {**bench_env(words_dir, free_port()), "DOCUMENT_SEARCH_LEMMAS": "off"}
        try:
            print("the same without lemmas ...", flush=True)
            manage(words_env, "migrate", "--noinput", "-v0")
            _child(words_env, "build", corpus)
            words = _child(words_env, "search", "quality")["quality"]
        finally:
            shutil.rmtree(words_dir, ignore_errors=True)

    rate = built["articles"] / built["build_s"]
    p95_small, p95_large = percentile(small["ms"], 95), percentile(large["ms"], 95)
    peak = max(small["peak_mb"], large["peak_mb"])
    lines += [
        Line(f"document index build, {built['articles']:,} articles ({label})",
             built["build_s"], "s", f"< {target['build_s']}", built["build_s"] < target["build_s"]),
        Line("document index build rate", rate, "articles/s"),
        Line(f"document search p95, {built['articles'] // 1000}k articles ({label})", p95_small,
             "ms", f"< {target['p95_ms']}", p95_small < target["p95_ms"]),
        Line(f"document search p95, {doubled['articles'] // 1000}k articles ({label})",
             p95_large, "ms", f"< {target['p95_ms']}", p95_large < target["p95_ms"]),
        Line("document search process peak memory", peak, "MB", f"< {MEMORY_TARGET_MB}",
             peak < MEMORY_TARGET_MB),
    ]
    for name, q in small["quality"].items():
        tuned = name == "tuned"
        lines.append(Line(f"search quality hit@10, {name} set ({q['n']} queries)", q["hit10"],
                          "", f">= {QUALITY_TARGET}" if tuned else "-",
                          q["hit10"] >= QUALITY_TARGET if tuned else None))
        lines.append(Line(f"search quality MRR, {name} set", q["mrr"], ""))
        if words:
            lines.append(Line(f"  the same without lemmas: hit@10, {name} set",
                              words[name]["hit10"], ""))
            lines.append(Line(f"  the same without lemmas: MRR, {name} set",
                              words[name]["mrr"], ""))
    notes.append(f"  docsearch: corpus import {built['import_s']:.1f} s (not in the build "
                 f"time), {built['parts']} index parts; second copy imported and indexed in "
                 f"{doubled['index_s']:.1f} s")
    notes.append("  docsearch: the tuned set shaped the ranking and the synonyms; the "
                 "held-out set was not looked at while tuning.")
    return lines, notes


if __name__ == "__main__":
    step = sys.argv[1] if len(sys.argv) > 1 else ""
    if step == "build":
        print(json.dumps(_build(sys.argv[2])))
    elif step == "double":
        print(json.dumps(_double(sys.argv[2], sys.argv[3])))
    elif step == "search":
        print(json.dumps(_search(quality=len(sys.argv) > 2)))
    else:
        sys.exit("benchmarks/docsearch.py is run by benchmarks/run.py (make bench).")
