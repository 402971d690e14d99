"""Registry of demo-data loaders: `manage.py load_demo_network` creates the demo
network (org), then each app adds its own demo rows to it. Apps register a
loader `loader(network)` in AppConfig.ready()."""

from collections.abc import Callable

_loaders: dict[str, Callable] = {}


def register(name: str, loader: Callable) -> None:
    _loaders[name] = loader


def load_all(network) -> None:
    for loader in _loaders.values():
        loader(network)
