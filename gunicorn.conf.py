"""gunicorn settings for civicdesk; every value can be overridden from the environment."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Four processes of one thread each on a two-core library PC. Measured (benchmarks/,
# 2026-11-29, SQLite, full-size journal): eight consultants saving desk entries got
# more done and waited less (p99 0.34-0.37 s against 0.44 s) than with three processes
# of two threads, whose threads queue on Python's GIL while one of them holds the
# database's write lock; the write bench's closure form too (114 against 104 req/s).
# A bigger server sets WEB_WORKERS to about 2 x cores + 1.
workers = int(os.environ.get("WEB_WORKERS", "4"))
threads = int(os.environ.get("WEB_THREADS", "1"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
# Recycle workers now and then so that memory stays flat on old PCs.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("ACCESS_LOG", None)
wsgi_app = "civicdesk.wsgi:application"
