from django.conf import settings

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .backup import backup_create


@db_periodic_task(crontab(hour=settings.BACKUP_HOUR, minute="30"))
def nightly_backup():
    """Back up the database and uploaded files every night; keep the newest BACKUP_KEEP."""
    return str(backup_create().folder)
