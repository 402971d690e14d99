"""With REDIS_URL set, the cache and the task queue use a real Redis."""

import os
import uuid

from django.core.cache.backends.redis import RedisCache

import pytest
import redis
from huey import RedisHuey

URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not running at {URL}")
        pytest.skip(f"Redis is not running at {URL}")
    return URL


def test_cache_on_redis(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": f"test-{uuid.uuid4()}"})
    cache.set("ЦОГ", {"послуги": 26}, 30)
    assert cache.get("ЦОГ") == {"послуги": 26}
    cache.delete("ЦОГ")


def test_task_queue_on_redis(redis_url):
    huey = RedisHuey(f"civicdesk-test-{uuid.uuid4()}", url=redis_url)

    @huey.task()
    def add(a, b):
        return a + b

    result = add(2, 3)
    assert huey.pending_count() == 1
    task = huey.dequeue()
    huey.execute(task)
    assert result.get() == 5
    huey.flush()
