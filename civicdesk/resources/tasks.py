from django.conf import settings

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import checking


@db_task()
def check_resources(resource_ids=None):
    """Check these resources' links now ("check now" on a page)."""
    return checking.check(resource_ids)


@db_periodic_task(crontab(day_of_week=settings.LINKCHECK_DAY_OF_WEEK,
                          hour=settings.LINKCHECK_HOUR, minute="15"))
def weekly_link_check():
    """Every active resource's links, weekly by default (LINKCHECK_DAY_OF_WEEK)."""
    return checking.check()
