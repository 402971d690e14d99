"""Production settings: what `make run` and gunicorn use.

HTTPS is assumed (a regional server behind nginx). A single library PC that
serves only itself over http://127.0.0.1 sets HTTPS=off; docs/deploy.md says when.
"""

from .base import *  # noqa: F403
from .env import env

DEBUG = False
HTTPS = env.bool("HTTPS", default=True)

SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
