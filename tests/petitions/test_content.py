import pytest
from django.core.management import call_command

from petitions import content
from petitions.models import Petition

pytestmark = pytest.mark.django_db


def test_seeded_petition():
    petition = content.load()
    assert petition.slug == "state-privacy-law"
    assert petition.accepts_signatures
    assert petition.requires_confirmation
    assert petition.goal == 10000
    assert "legislators" in petition.target.lower()
    text = petition.text.lower()
    for ask in ("consent", "data minimization", "private right of action"):
        assert ask in text
    assert len(petition.paragraphs()) >= 3


def test_load_is_idempotent_and_keeps_organizer_edits():
    petition = content.load()
    Petition.objects.filter(pk=petition.pk).update(
        title="Edited by an organizer", goal=500
    )
    content.load()
    assert Petition.objects.count() == 1
    petition.refresh_from_db()
    assert petition.title == "Edited by an organizer" and petition.goal == 500


def test_load_content_command_includes_the_petition(capsys):
    call_command("load_content")
    assert Petition.objects.filter(slug="state-privacy-law").exists()
