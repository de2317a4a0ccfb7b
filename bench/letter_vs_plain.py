"""The letter's render time against a plain reportlab one-page letter (issue 15).

Run:

    .venv/bin/python bench/letter_vs_plain.py [--runs 200]

In one process, times (median of --runs, after a warm-up):

- `letters.pdf.letter_pdf` for a real composed letter (Texas, from
  states/data, a 1,000-character story and three points, one page);
- a plain reportlab letter of the same words: `SimpleDocTemplate`, the same
  embedded, subset Noto Serif (core.pdf's font), the same paragraphs, no
  window-envelope head, no furniture, no fit-to-one-page check.

The two run turn about (one each, --runs times). Prints the medians, wall
and CPU, and their ratio (letter / plain) for BENCHMARKS.md.
No database: the facts are read from the data files as unsaved rows.
"""

import argparse
import datetime
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.test")

import django  # noqa: E402

django.setup()

from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import inch  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer  # noqa: E402

from core import pdf as blocks  # noqa: E402
from letters.compose import (  # noqa: E402
    Sender,
    default_templates,
    letter_compose,
    letter_kind,
    recipient_for,
)
from letters.models import Legislator  # noqa: E402
from letters.pdf import letter_pdf  # noqa: E402
from states import content, legislatures  # noqa: E402
from states.models import PrivacyLaw, State  # noqa: E402

STORY = (
    "I run a small photography studio in town, and for ten years I have shared my "
    "work and my family's milestones online. Last spring I learned that the pictures "
    "of my children, posted for relatives, may already sit inside an AI model that I "
    "never agreed to feed. Nobody asked me. The setting to refuse was buried four "
    "menus deep, switched on by default, and it only stops future use. My clients ask "
    "whether the portraits I post for them are safe, and I cannot honestly say yes. I "
    "am not against new technology; I use it every day. But a company should have to "
    "ask before it turns our lives into training data, and it should have to stop when "
    "we say no. Please make that the law here, so that families like mine can share "
    "our lives without losing control of them. Thank you for reading this and for "
    "considering what it means to the people you serve every day."
)


def make_letter():
    facts = content.law_files()["TX"]
    state = State(abbr="TX", name=legislatures.jurisdiction("TX").name)
    law = PrivacyLaw(state=state, **content.law_defaults(facts))
    legislator = Legislator(
        name="Jane Example",
        family_name="Example",
        chamber="upper",
        district="14",
        capitol_address="P.O. Box 12068, Capitol Station, Room 1E.5, Austin, TX 78711",
    )
    return letter_compose(
        state=state,
        law=law,
        template=default_templates()[letter_kind(law)],
        states_with_law=[("TX", "Texas")],
        sender=Sender(
            name="Jordan Rivera",
            street="1234 Long Orchard Road",
            city="Austin",
            zip_code="78701",
            state_abbr="TX",
            email="jordan@example.org",
        ),
        recipient=recipient_for(
            state=state, chamber="upper", district="14", legislator=legislator
        ),
        story=STORY,
        points=["consent", "minimization", "private_right"],
        today=datetime.date(2026, 12, 1),
    )


def plain_pdf(letter) -> bytes:
    """The same words as a plain reportlab letter with the same embedded font."""
    font = blocks.primary_font("serif")
    style = ParagraphStyle(
        "plain", fontName=font, fontSize=10.5, leading=13.6, spaceAfter=6.5
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        leftMargin=inch,
        rightMargin=inch,
        topMargin=0.6 * inch,
        bottomMargin=0.7 * inch,
        initialFontName=font,
    )
    lines = [
        letter.sender.name,
        letter.date.isoformat(),
        *letter.recipient.address_lines,
        f"Re: {letter.subject}",
        letter.salutation,
    ]
    story = [Paragraph(line, style) for line in lines]
    story += [Paragraph(text, style) for text in letter.paragraphs]
    story += [Paragraph(letter.closing, style), Spacer(0, 30)]
    story.append(Paragraph(letter.signature_name, style))
    doc.build(story)
    return buffer.getvalue()


def alternating(first, second, runs):
    """Median wall and CPU seconds of `first` and `second`, run turn about so
    that changing load on a shared machine hits both alike."""
    first()  # warm-up: fonts registered, caches filled
    second()
    times = {first: ([], []), second: ([], [])}
    for _ in range(runs):
        for fn in (first, second):
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            times[fn][0].append(time.perf_counter() - wall)
            times[fn][1].append(time.process_time() - cpu)
    return [
        (statistics.median(times[fn][0]), statistics.median(times[fn][1]))
        for fn in (first, second)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    letter = make_letter()
    (ours, ours_cpu), (plain, plain_cpu) = alternating(
        lambda: letter_pdf(letter), lambda: plain_pdf(letter), args.runs
    )
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, {args.runs} runs"
    )
    print("| render | median (wall) | median (CPU) |")
    print("| --- | ---: | ---: |")
    print(
        f"| `letter_pdf` (1,000-character story, three points) | {ours * 1000:.1f} ms "
        f"| {ours_cpu * 1000:.1f} ms |"
    )
    print(
        f"| plain reportlab letter, same words and font | {plain * 1000:.1f} ms "
        f"| {plain_cpu * 1000:.1f} ms |"
    )
    print(f"| ratio | {ours / plain:.2f}× | {ours_cpu / plain_cpu:.2f}× |")


if __name__ == "__main__":
    main()
