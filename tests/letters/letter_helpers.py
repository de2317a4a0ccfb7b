"""Helpers for the letter composition and PDF tests: states with facts, PDF inspection."""

import datetime
import io
import subprocess

from pypdf import PdfReader

from states.models import PrivacyLaw
from tests.factories import StateFactory

AS_OF = datetime.date(2026, 7, 2)

VA_LAW = dict(
    has_comprehensive_law=True,
    law_name="Virginia Consumer Data Protection Act",
    short_name="VCDPA",
    signed_date=datetime.date(2021, 3, 2),
    effective_date=datetime.date(2023, 1, 1),
    opt_out_of_sale="yes",
    opt_out_of_targeted_ads="yes",
    opt_out_of_profiling="yes",
    sensitive_data_opt_in="yes",
    private_right_of_action="no",
    epic_pirg_grade="F",
)
CT_LAW = dict(
    has_comprehensive_law=True,
    law_name="Connecticut Data Privacy Act (An Act Concerning Personal Data Privacy and Online Monitoring)",
    short_name="CTDPA",
    effective_date=datetime.date(2023, 7, 1),
    opt_out_of_sale="yes",
    opt_out_of_targeted_ads="yes",
    opt_out_of_profiling="yes",
    sensitive_data_opt_in="yes",
    private_right_of_action="no",
    epic_pirg_grade="D",
    training_data_disclosure="From 2026-07-01 privacy notices must say whether personal data trains LLMs.",
)
UT_LAW = dict(
    has_comprehensive_law=True,
    law_name="Utah Consumer Privacy Act",
    short_name="UCPA",
    effective_date=datetime.date(2023, 12, 31),
    opt_out_of_sale="yes",
    opt_out_of_targeted_ads="yes",
    opt_out_of_profiling="no",
    sensitive_data_opt_in="no",
    private_right_of_action="no",
)
MD_LAW = dict(
    VA_LAW,
    law_name="Maryland Online Data Privacy Act of 2024",
    short_name="MODPA",
    epic_pirg_grade="B-",
    effective_date=datetime.date(2025, 10, 1),
)
KY_LAW = dict(
    VA_LAW,
    law_name="Kentucky Consumer Data Protection Act",
    short_name="KCDPA",
    effective_date=datetime.date(2026, 1, 1),
)
TN_LAW = dict(
    VA_LAW,
    law_name="Tennessee Information Protection Act",
    short_name="TIPA",
    effective_date=datetime.date(2025, 7, 1),
)
OK_LAW = dict(
    VA_LAW,
    law_name="Oklahoma Consumer Data Privacy Act",
    short_name="OCDPA",
    effective_date=datetime.date(2027, 1, 1),
    epic_pirg_grade="",
)

NAMES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "CT": "Connecticut",
    "GA": "Georgia",
    "KY": "Kentucky",
    "MD": "Maryland",
    "NC": "North Carolina",
    "OK": "Oklahoma",
    "SC": "South Carolina",
    "TN": "Tennessee",
    "UT": "Utah",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "OR": "Oregon",
    "NE": "Nebraska",
}


def make_state(abbr, law=None):
    """A State row and its PrivacyLaw (no law when `law` is None)."""
    state = StateFactory(abbr=abbr, name=NAMES.get(abbr, abbr))
    facts = dict(law) if law else {"has_comprehensive_law": False}
    PrivacyLaw.objects.update_or_create(state=state, defaults={**facts, "as_of": AS_OF})
    return state


def make_region():
    """Virginia with its law and the neighbours around it, some with laws, some without."""
    make_state("MD", MD_LAW)
    make_state("KY", KY_LAW)
    make_state("TN", TN_LAW)
    make_state("WV")
    make_state("NC")
    make_state("SC")
    make_state("GA")
    return make_state("VA", VA_LAW)


def pdf_text(data: bytes) -> str:
    return "\n".join(
        page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages
    )


def pdf_pages(poppler, path) -> int:
    out = subprocess.run(
        [poppler["pdfinfo"], str(path)], capture_output=True, text=True, check=True
    ).stdout
    return int(
        next(line for line in out.splitlines() if line.startswith("Pages:")).split()[1]
    )


def pdf_info(poppler, path) -> dict:
    out = subprocess.run(
        [poppler["pdfinfo"], "-enc", "UTF-8", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    info = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdftotext(poppler, path) -> str:
    return subprocess.run(
        [poppler["pdftotext"], "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pdf_fonts(poppler, path) -> list[dict]:
    """Rows of `pdffonts`: name, emb, sub."""
    out = subprocess.run(
        [poppler["pdffonts"], str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID
        rows.append(
            {"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]}
        )
    return rows


def qpdf_check(poppler, path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [poppler["qpdf"], "--check", str(path)], capture_output=True, text=True
    )
