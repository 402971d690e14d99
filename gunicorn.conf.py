"""gunicorn settings for civicdesk; every value can be overridden from the environment."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Three processes of two threads on a two-core library PC: measured with `make bench`,
# the real forms get more done and wait less (p99) than with two processes of four
# threads, whose threads queue on Python's GIL while one of them holds SQLite's
# write lock. A bigger server sets WEB_WORKERS to about 2 x cores + 1.
workers = int(os.environ.get("WEB_WORKERS", "3"))
threads = int(os.environ.get("WEB_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
# Recycle workers now and then so that memory stays flat on old PCs.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("ACCESS_LOG", None)
wsgi_app = "civicdesk.wsgi:application"
