"""Issue 19: a campaign update reaches each signer in the language they signed
in: the update's Spanish subject and body when written (else the English), our
own words and links in the signer's language."""

import pytest
from django.core import mail
from django.urls import reverse

from petitions.models import CampaignUpdate, Signature
from petitions.updates import services as update_services

from .conftest import make_campaign, make_signers, make_update

pytestmark = pytest.mark.django_db


def spanish_signers(petition, emails):
    for signature in make_signers(petition, emails, first_name="Ana"):
        Signature.objects.filter(pk=signature.pk).update(language="es")


def test_campaign_update_in_the_signers_language(
    sender_user, django_capture_on_commit_callbacks
):
    campaign, petition = make_campaign("lang")
    petition.title_es = "Petición de prueba"
    petition.text_es = "Actúe, por favor."
    petition.save()
    make_signers(petition, ["en@example.com"])
    spanish_signers(petition, ["es@example.com"])
    update = make_update(campaign, subject="We delivered it", body="It reached them.")
    update.subject_es = "La entregamos"
    update.body_es = "Llegó a sus manos."
    update.save()
    with django_capture_on_commit_callbacks(execute=True):
        update_services.update_send_start(update=update, user=sender_user)
    by_address = {m.to[0]: m for m in mail.outbox}
    spanish, english = by_address["es@example.com"], by_address["en@example.com"]
    assert spanish.subject == "La entregamos"
    assert "Hola, Ana:" in spanish.body and "Llegó a sus manos." in spanish.body
    assert "Petición de prueba" in spanish.body
    assert "Cancelar la suscripción" in spanish.body
    assert "/es/petitions/updates/unsubscribe/" in spanish.body
    assert "Unsubscribe" not in spanish.body and "Why you get this" not in spanish.body
    assert '<html lang="es">' in spanish.alternatives[0][0]
    assert english.subject == "We delivered it"
    assert "It reached them." in english.body and "Unsubscribe" in english.body
    assert "/es/" not in english.body


def test_spanish_signer_gets_the_english_update_when_it_has_no_spanish(
    sender_user, django_capture_on_commit_callbacks
):
    campaign, petition = make_campaign("nospanish")
    spanish_signers(petition, ["es@example.com"])
    update = make_update(campaign, subject="Only English", body="English news.")
    with django_capture_on_commit_callbacks(execute=True):
        update_services.update_send_start(update=update, user=sender_user)
    (message,) = mail.outbox
    assert message.subject == "Only English" and "English news." in message.body
    assert "Cancelar la suscripción" in message.body  # our own words: Spanish


def test_write_the_spanish_beside_the_english_and_preview_it(client, sender_user):
    campaign, _ = make_campaign("admin-es")
    client.force_login(sender_user)
    add = client.get(reverse("admin:petitions_campaignupdate_add")).content.decode()
    assert 'name="subject_es"' in add and 'name="body_es"' in add
    response = client.post(
        reverse("admin:petitions_campaignupdate_add"),
        {
            "campaign": campaign.pk,
            "subject": "Big news",
            "body": "One.",
            "subject_es": "Gran noticia",
            "body_es": "Uno.",
        },
    )
    assert response.status_code == 302
    update = CampaignUpdate.objects.get()
    assert (update.subject_es, update.body_es) == ("Gran noticia", "Uno.")
    preview = client.get(
        reverse("admin:petitions_campaignupdate_preview", args=[update.pk])
    ).content.decode()
    assert "Big news" in preview and "Gran noticia" in preview
    assert "Uno." in preview and "Cancelar la suscripción" in preview
