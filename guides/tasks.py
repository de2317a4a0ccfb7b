"""Celery tasks: thin wrappers that import their service inside the task."""

from celery import shared_task


@shared_task(name="guides.tasks.guide_links_check")
def guide_links_check():
    """Periodic (weekly, only with a broker): check every published guide's
    links and record the run for the admin dashboard."""
    from guides.links import links_check

    run = links_check()
    return {
        "run": run.pk,
        "links": run.links,
        "dead": run.dead,
        "moved": run.moved,
        "slow": run.slow,
    }
