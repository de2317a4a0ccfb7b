"""Render a letter to a state legislator as a PDF from the command line.

    python manage.py render_letter --state WA --chamber upper --district 12 \\
        --name "Zoë Ñúñez" --address "12 Elm St." --city Olympia --zip 98501 \\
        --story-file story.txt --points consent,delete --out letter.pdf

Uses the seat's imported active legislator(s) when there are any (one letter
each, in one PDF, for a district with several members), else a generic
recipient ("Senator, District 12") or the --legislator-name given. Nothing is
stored: no letter count is recorded for command-line renders.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from letters.compose import POINT_KEYS, Sender, letter_compose, recipient_for
from letters.models import Legislator
from letters.pdf import letter_filename, letter_pdf
from letters.selectors import letter_facts_get, roster_get
from states import legislatures
from states.models import State

STORY_LIMIT = 1000


class Command(BaseCommand):
    help = (
        "Render the letter for a state legislative seat as a PDF (nothing is stored)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--state", required=True, help="USPS code, e.g. WA.")
        parser.add_argument(
            "--chamber", required=True, help="upper, lower or legislature (unicameral)."
        )
        parser.add_argument(
            "--district",
            required=True,
            help='District name as Open States spells it, e.g. "12".',
        )
        parser.add_argument("--name", required=True, help="The sender's name.")
        parser.add_argument(
            "--address", required=True, help="The sender's street address."
        )
        parser.add_argument("--city", required=True, help="The sender's city.")
        parser.add_argument(
            "--zip", required=True, dest="zip_code", help="The sender's ZIP."
        )
        parser.add_argument(
            "--email", default="", help="The sender's email (optional)."
        )
        parser.add_argument(
            "--phone", default="", help="The sender's phone (optional)."
        )
        parser.add_argument(
            "--story-file",
            help=f"UTF-8 text file with the sender's story (up to {STORY_LIMIT} characters); "
            "- reads standard input.",
        )
        parser.add_argument(
            "--points",
            default="",
            help=f"Comma-separated points to stress: {', '.join(POINT_KEYS)}.",
        )
        parser.add_argument(
            "--legislator-name",
            default="",
            help="Address this legislator by name (picks among imported members of the "
            "district, or is used as typed when none matches).",
        )
        parser.add_argument(
            "--language",
            default="en",
            choices=["en", "es"],
            help="Language of the letter's fixed text: en (default) or es (Spanish).",
        )
        parser.add_argument("--date", help="Letter date, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--out", help="Output PDF path (default: e.g. letter-wa-senator-smith.pdf)."
        )

    def handle(self, *args, **options):
        abbr = options["state"].strip().upper()
        state = State.objects.filter(abbr=abbr).first()
        if state is None:
            known = (
                legislatures.jurisdiction(abbr).name if _is_jurisdiction(abbr) else None
            )
            if known:
                raise CommandError(
                    f"{known} ({abbr}) is not loaded yet: run `python manage.py load_content`."
                )
            raise CommandError(
                f"Unknown state {options['state']!r}: use a USPS code such as WA."
            )
        chamber = options["chamber"].strip().lower()
        if not legislatures.has_chamber(abbr, chamber):
            available = ", ".join(info.chamber for info in legislatures.chambers(abbr))
            raise CommandError(
                f"{state.name} has no {options['chamber']!r} chamber; choose one of: {available}."
            )
        chamber = legislatures.chamber_info(abbr, chamber).chamber
        district = options["district"].strip()
        if not legislatures.is_district(abbr, chamber, district):
            names = legislatures.district_names(abbr, chamber)
            sample = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
            raise CommandError(
                f"{state.name} {legislatures.chamber_name(abbr, chamber)} has no district "
                f"{district!r}. Districts: {sample}"
            )
        points = [p.strip() for p in options["points"].split(",") if p.strip()]
        unknown = [p for p in points if p not in POINT_KEYS]
        if unknown:
            raise CommandError(
                f"Unknown point(s) {', '.join(unknown)}; choose from {', '.join(POINT_KEYS)}."
            )
        story = self._story(options.get("story_file"))
        today = None
        if options.get("date"):
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD: {exc}") from exc

        sender = Sender(
            name=options["name"],
            street=options["address"],
            city=options["city"],
            zip_code=options["zip_code"],
            state_abbr=abbr,
            email=options["email"],
            phone=options["phone"],
        )
        recipients = self._recipients(
            state, chamber, district, options["legislator_name"]
        )
        facts = letter_facts_get(state=state, language=options.get("language") or "en")
        letters = [
            letter_compose(
                state=state,
                **facts,
                sender=sender,
                recipient=recipient,
                story=story,
                points=points,
                today=today,
            )
            for recipient in recipients
        ]
        roster = roster_get(abbr=abbr)
        data = letter_pdf(letters, roster=roster.text if roster else "")
        out = Path(options.get("out") or letter_filename(letters))
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Cannot write {out}: {exc}") from exc
        to = "; ".join(
            letter.salutation.removeprefix("Dear ").rstrip(":") for letter in letters
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {out} ({len(data):,} bytes): {len(letters)} letter(s) to {to}."
            )
        )

    def _story(self, path):
        if not path:
            return ""
        try:
            if path == "-":
                import sys

                text = sys.stdin.read()
            else:
                text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read the story file {path}: {exc}") from exc
        text = text.strip()
        if len(text) > STORY_LIMIT:
            raise CommandError(
                f"The story is {len(text):,} characters; the limit is {STORY_LIMIT:,}."
            )
        return text

    def _recipients(self, state, chamber, district, typed_name):
        members = list(
            Legislator.objects.active()
            .filter(state=state, chamber=chamber, district=district)
            .order_by("family_name", "name")
        )
        typed_name = " ".join(typed_name.split())
        if typed_name:
            wanted = typed_name.casefold()
            matches = [m for m in members if wanted in m.name.casefold()]
            if matches:
                members = matches[:1]
            else:
                return [
                    recipient_for(
                        state=state,
                        chamber=chamber,
                        district=district,
                        typed_name=typed_name,
                    )
                ]
        if not members:
            return [recipient_for(state=state, chamber=chamber, district=district)]
        return [
            recipient_for(
                state=state, chamber=chamber, district=district, legislator=member
            )
            for member in members
        ]


def _is_jurisdiction(abbr):
    try:
        legislatures.jurisdiction(abbr)
    except Exception:  # the metadata raises different errors for unknown codes
        return False
    return True
