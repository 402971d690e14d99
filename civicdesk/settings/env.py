"""Everything civicdesk reads from the environment, in one place."""

import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# The data folder holds the SQLite database, the task queue, uploaded files,
# the generated secret key and the backups. One folder to copy = one library.
DATA_DIR = Path(env.str("CIVICDESK_DATA_DIR", default=str(BASE_DIR / "var"))).resolve()


def secret_key() -> str:
    """SECRET_KEY from the environment, or one generated once into the data folder."""
    value = env.str("SECRET_KEY", default="")
    if value:
        return value
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database() -> dict:
    """DATABASE_URL when set (PostgreSQL through psycopg 3), else SQLite in the data folder."""
    url = env.str("DATABASE_URL", default="")
    if url:
        config = env.db_url_config(url)
        if config["ENGINE"] == "django.db.backends.postgresql":
            config.setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
            config.setdefault("CONN_HEALTH_CHECKS", True)
        return config
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "civicdesk.core.sqlite",
        "NAME": str(DATA_DIR / "civicdesk.sqlite3"),
        "OPTIONS": sqlite_options(),
    }


def sqlite_options() -> dict:
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write
    # lock at BEGIN, so a transaction that reads then writes waits for the lock
    # (busy timeout) instead of failing with "database is locked". The engine
    # (civicdesk/core/sqlite) queues writers at a lock file first: the busy
    # handler's sleeps made the slowest saves wait seconds.
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON"
        ),
    }


REDIS_URL = env.str("REDIS_URL", default="")
