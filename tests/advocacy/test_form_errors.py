"""Every public form, sent back with errors, says so the same accessible way.

For the guide report, the petition sign form and each letter step: the page
title starts with "Error: " and names the step; a summary at the top lists
each problem as a link to its field; each field with a problem has
aria-invalid="true" and an aria-describedby that reaches its message; fields
without a problem are not marked; every control has a label.
"""

from html.parser import HTMLParser

import pytest
from django import forms

from core.forms import ErrorItem, ErrorSummaryMixin

from .public_pages import PETITION, seed_site

pytestmark = pytest.mark.django_db

CONTROLS = ("input", "select", "textarea")


class Document(HTMLParser):
    """Elements by id (with their text), controls, labels and the summary's links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = {}  # id -> [tag, attrs, text]
        self.order = []  # ids and markers in document order
        self.controls = []  # attrs of form controls
        self.label_for = set()
        self.title = ""
        self.summary_links = []
        self._stack = []  # open elements with an id (to collect their text)
        self._in_title = False
        self._in_summary = 0
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        if "data-error-summary" in attrs:
            self._in_summary = 1
            self.order.append("#summary")
        elif self._in_summary and tag not in ("br", "input", "img"):
            self._in_summary += 1
        if self._in_summary and tag == "a":
            self.summary_links.append(attrs.get("href", ""))
        if tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        if tag in CONTROLS:
            attrs["_in_label"] = self._label_depth > 0
            self.controls.append(attrs)
            self.order.append(f"control:{attrs.get('id')}")
        if "id" in attrs:
            entry = [tag, attrs, ""]
            self.ids[attrs["id"]] = entry
            if tag not in ("input", "br", "img"):
                self._stack.append((tag, entry))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "label":
            self._label_depth = max(0, self._label_depth - 1)
        if self._in_summary:
            self._in_summary -= 1
        if self._stack and self._stack[-1][0] == tag:
            self._stack.pop()

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        for _, entry in self._stack:
            entry[2] += data


def parse(response):
    doc = Document()
    doc.feed(response.content.decode())
    return doc


def assert_accessible_errors(response, *, step, fields):
    """`fields`: the ids of the controls that must be marked invalid."""
    doc = parse(response)
    assert doc.title.startswith("Error: "), doc.title
    assert step in doc.title, (step, doc.title)
    # The summary comes before every form control.
    assert "#summary" in doc.order, "no error summary"
    first_control = next(
        i for i, item in enumerate(doc.order) if item.startswith("control:")
    )
    assert doc.order.index("#summary") < first_control, "the summary is not at the top"
    linked = [href.lstrip("#") for href in doc.summary_links]
    for control_id in fields:
        assert any(
            link == control_id or link.startswith(f"{control_id}_") for link in linked
        ), f"the summary does not link to {control_id}: {linked}"
    for link in linked:
        assert link in doc.ids and doc.ids[link][0] in CONTROLS, (
            f"#{link} is not a control"
        )

    invalid = {c.get("id") for c in doc.controls if c.get("aria-invalid") == "true"}
    assert invalid == set(fields), f"aria-invalid on {invalid}, expected {set(fields)}"
    for control_id in fields:
        attrs = doc.ids[control_id][1]
        described = (attrs.get("aria-describedby") or "").split()
        assert described, f"{control_id} has no aria-describedby"
        for ref in described:
            assert ref in doc.ids, (
                f"{control_id} describedby #{ref}, which does not exist"
            )
        text = " ".join(doc.ids[ref][2] for ref in described)
        assert text.strip(), f"{control_id}'s description is empty"
    for control in doc.controls:
        if control.get("type") in ("hidden", "submit", "button"):
            continue
        labelled = (
            control.get("id") in doc.label_for
            or control["_in_label"]
            or control.get("aria-label")
            or control.get("aria-labelledby")
        )
        assert labelled, f"control without a label: {control}"
    return doc


def test_guide_report_form(client):
    seed_site()
    response = client.post(
        "/guides/instagram/report/", {"step": "", "description": "no"}
    )
    assert response.status_code == 400
    doc = assert_accessible_errors(
        response, step="Instagram: opt-out guide", fields=["id_description"]
    )
    described = doc.ids["id_description"][1]["aria-describedby"].split()
    assert any(
        "describe the problem in a few more words" in doc.ids[r][2] for r in described
    )


def test_petition_sign_form(client):
    seed_site()
    response = client.post(
        PETITION + "sign/",
        {
            "first_name": "",
            "last_name": "Lovelace",
            "email": "ada-at-example",
            "zip_code": "94110",
            "state": "VA",
        },
    )
    assert response.status_code == 200
    doc = assert_accessible_errors(
        response,
        step="Pass a strong privacy law",
        fields=["id_first_name", "id_email", "id_zip_code"],
    )
    assert "ZIP code 94110 is not in Virginia" in doc.ids["id_zip_code_error"][2]


def test_letters_state_form(client):
    seed_site()
    response = client.get("/letters/", {"step": "2", "state": "ZZ"})
    assert_accessible_errors(
        response, step="Step 1 of 4: Choose your state", fields=["id_state"]
    )


def test_letters_zip_lookup(client):
    seed_site()
    response = client.get("/letters/va/", {"zip": "23"})
    assert_accessible_errors(
        response, step="Step 2 of 4: Choose your legislator", fields=["zip-input"]
    )


def test_letters_write_form(client):
    world = seed_site()
    client.post("/letters/va/", {"pick": world.legislator_ids})
    response = client.post(
        "/letters/va/write/",
        {
            "name": "",
            "street": "1 Main St",
            "city": "Richmond",
            "zip_code": "2321",
            "phone": "call me maybe",
            "story": "x" * 2001,
        },
    )
    assert response.status_code == 200
    assert_accessible_errors(
        response,
        step="Step 3 of 4: Write your letter",
        fields=["id_name", "id_zip_code", "id_phone", "id_story"],
    )


def test_forms_without_errors_are_not_marked(client):
    world = seed_site()
    client.post("/letters/va/", {"pick": world.legislator_ids})
    for url in (
        PETITION,
        "/guides/instagram/",
        "/letters/?state=VA",
        "/letters/va/write/",
    ):
        doc = parse(client.get(url))
        assert not doc.title.startswith("Error"), url
        assert "#summary" not in doc.order, url
        assert not [c for c in doc.controls if c.get("aria-invalid")], url


# --- the shared building block ----------------------------------------------------


class ExampleForm(ErrorSummaryMixin, forms.Form):
    name = forms.CharField(label="Your name")
    colours = forms.MultipleChoiceField(
        label="Colours?",
        choices=[("r", "Red"), ("g", "Green")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="I agree")

    def clean(self):
        raise forms.ValidationError("Something about the whole form.")


def test_error_summary_links_each_field_then_lists_form_wide_errors():
    form = ExampleForm({})
    assert not form.is_valid()
    assert form.error_summary == [
        ErrorItem("Your name: This field is required.", "#id_name"),
        # A group of checkboxes has no element with the field's id: its first box.
        ErrorItem("Colours: This field is required.", "#id_colours_0"),
        ErrorItem("I agree: This field is required.", "#id_agree"),
        ErrorItem("Something about the whole form."),
    ]
    assert ExampleForm().error_summary == []
    html = form.as_div()
    assert 'id="id_colours_0"' in html and 'aria-invalid="true"' in html


def test_the_summary_counts_its_problems(rf):
    from django.template.loader import render_to_string

    html = render_to_string(
        "includes/error_summary.html",
        {
            "form": ExampleForm({}),
            "errors": ["One more."],
            "about": "with your example",
        },
    )
    assert "There are 5 problems with your example" in html
    assert '<a href="#id_colours_0">' in html and "<li>One more.</li>" in html
    assert (
        render_to_string("includes/error_summary.html", {"form": ExampleForm()}).strip()
        == ""
    )
