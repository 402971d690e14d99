from huey.contrib.djhuey import db_task

from . import importing, indexing


@db_task()
def index_documents_task(ids):
    """Index documents saved on a page (in the background: a long act takes seconds)."""
    return indexing.index_documents(ids)


@db_task()
def import_batch(batch_id: int):
    """Run a queued bulk import (a ZIP with metadata, or the legislation corpus)."""
    importing.batch_run(batch_id)


@db_task()
def reindex_stale_task():
    """Documents indexed with another index version, indexed again (queued at start)."""
    return indexing.reindex_stale()

