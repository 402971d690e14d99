from huey.contrib.djhuey import db_task

from . import importing


@db_task()
def import_batch(batch_id: int):
    """Run a queued bulk import (a ZIP with metadata, or the legislation corpus)."""
    importing.batch_run(batch_id)
