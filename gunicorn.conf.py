"""gunicorn settings for civicdesk; every value can be overridden from the environment."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# On one PC with SQLite: four processes of one thread. Measured (benchmarks/,
# 2026-11-29, full-size journal, 8 consultants saving desk entries): p99 0.34-0.37 s
# against 0.44 s with three processes of two threads, whose threads queue on Python's
# GIL while one of them holds SQLite's write lock; the write bench's closure form too
# (114 against 104 req/s). With PostgreSQL the threads pay (a thread waiting on the
# database lets the other run): three processes of two threads, p99 0.44 s against
# 0.52-0.73 s. A bigger server sets WEB_WORKERS to about 2 x cores + 1.
_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres:", "postgresql:", "pgsql:"))
workers = int(os.environ.get("WEB_WORKERS", "3" if _postgres else "4"))
threads = int(os.environ.get("WEB_THREADS", "2" if _postgres else "1"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
# Recycle workers now and then so that memory stays flat on old PCs.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("ACCESS_LOG", None)
wsgi_app = "civicdesk.wsgi:application"
