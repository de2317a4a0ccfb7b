"""Celery tasks: thin wrappers around services."""

from celery import shared_task

from . import services


@shared_task(name="letters.tasks.sessions_expired_clear")
def sessions_expired_clear():
    """Periodic: delete expired sessions (unfinished letters never linger)."""
    return services.sessions_expired_clear()
