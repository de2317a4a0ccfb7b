"""Fixtures for the letters tests."""

# The real-worker tests point Celery at a real broker, like the petitions' ones.
from tests.petitions.conftest import use_broker  # noqa: F401
