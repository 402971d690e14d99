"""Registry of reference-data loaders.

Each app registers a loader in its AppConfig.ready(); `manage.py
load_reference_data` (run by `make run` on every start) calls them all.
Loaders must be idempotent: running them again changes nothing that exists.
"""

from collections.abc import Callable

_loaders: dict[str, Callable[[], str]] = {}


def register(name: str, loader: Callable[[], str]) -> None:
    """`loader()` loads its data and returns a one-line summary."""
    _loaders[name] = loader


def load_all() -> list[tuple[str, str]]:
    return [(name, loader()) for name, loader in _loaders.items()]
