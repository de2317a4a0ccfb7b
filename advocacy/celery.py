"""Celery application (cookiecutter-django shape).

Without CELERY_BROKER_URL the settings switch Celery to eager mode, so tasks
run in-process: the embedded default that `make run` uses.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.base")

app = Celery("advocacy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
