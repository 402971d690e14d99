from huey.contrib.djhuey import db_task

from . import indexing


@db_task()
def index_documents_task(ids):
    """Index documents saved on a page (in the background: a long act takes seconds)."""
    return indexing.index_documents(ids)
