"""`manage.py check_guide_links [--guide SLUG]`: exits 1 when a link is dead."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guides.links import links_check
from guides.models import Platform


class Command(BaseCommand):
    help = (
        "Fetch every source and step deep link of the published guides and report "
        "the dead, moved and slow ones, per guide. Records the run for the admin "
        "dashboard. Exits with status 1 when any link is dead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--guide", default="", help="Check only this guide (slug).")
        parser.add_argument(
            "--timeout",
            type=float,
            default=settings.GUIDES_LINK_TIMEOUT_SECONDS,
            help="Seconds per request (GUIDES_LINK_TIMEOUT_SECONDS, "
            "default %(default)s).",
        )

    def handle(self, *args, guide, timeout, **options):
        if guide and not Platform.objects.published().filter(slug=guide).exists():
            raise CommandError(f"No published guide with the slug {guide!r}.")
        run = links_check(
            timeout=timeout,
            delay=settings.GUIDES_LINK_DELAY_SECONDS,
            slow_after=settings.GUIDES_LINK_SLOW_SECONDS,
            slug=guide or None,
            report=self.report_guide,
        )
        self.stdout.write(
            f"{run.links} link{'s' if run.links != 1 else ''} checked: "
            f"{run.dead} dead, {run.moved} moved, {run.slow} slow."
        )
        if run.dead:
            raise CommandError(
                f"{run.dead} dead link{'s' if run.dead != 1 else ''}; see above."
            )

    def report_guide(self, platform, answers):
        problems = [a for a in answers if a.is_problem]
        self.stdout.write(
            f"{platform.name} ({platform.slug}): {len(answers)} "
            f"link{'s' if len(answers) != 1 else ''}, "
            + (f"{len(problems)} to look at" if problems else "all fine")
        )
        for answer in problems:
            line = f"  {answer.outcome.upper():5} {answer.url}"
            if answer.status_code:
                line += f" [{answer.status_code}]"
            line += f" {answer.seconds:.1f}s"
            if answer.final_url and answer.final_url != answer.url:
                line += f" -> {answer.final_url}"
            if answer.detail and answer.outcome != "moved":
                line += f": {answer.detail}"
            style = self.style.ERROR if answer.outcome == "dead" else self.style.WARNING
            self.stdout.write(style(line))
